/** Each injected fault as jsforce 3 sees it, and transparent token refresh on INVALID_SESSION_ID. */
import type { Connection } from 'jsforce';
import { Transport } from 'jsforce/lib/transport';
import type { HttpRequest, HttpRequestOptions } from 'jsforce/lib/types';
import { start, type Emulator } from '.';
import { connect } from './connect';

let emu: Emulator;
let conn: Connection;

beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.faults.clear();
  conn = connect(emu);
  emu.counts.reset();
});

const SOQL = 'SELECT Id FROM Contact';

describe('session', () => {
  it('refreshes the access token on an INVALID_SESSION_ID answer and retries, unnoticed by the caller', async () => {
    const before = conn.accessToken;
    const refreshed = jest.fn();
    conn.on('refresh', refreshed);
    emu.faults.add({ kind: 'query', onCall: 1, error: 'INVALID_SESSION_ID' });
    await expect(conn.query(SOQL)).resolves.toMatchObject({ done: true });
    expect(refreshed).toHaveBeenCalledTimes(1);
    expect(conn.accessToken).not.toBe(before);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 2, token: 1 });
  });

  it('refreshes after the emulator expires every access token', async () => {
    emu.oauth.expireAccessTokens();
    await expect(conn.query(SOQL)).resolves.toMatchObject({ totalSize: 0 });
    expect(emu.counts.snapshot().byKind).toEqual({ query: 2, token: 1 });
  });

  it('fails with invalid_grant once consent is revoked', async () => {
    emu.oauth.revokeRefreshToken(conn.refreshToken ?? '');
    await expect(conn.query(SOQL)).rejects.toThrow(/expired access\/refresh token/);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1, token: 1 });
  });

  it('answers a raw expired session with the documented 401 body', async () => {
    emu.oauth.expireAccessTokens();
    const res = await fetch(`${emu.url}/services/data/v62.0/query?q=${encodeURIComponent(SOQL)}`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });
});

describe('limits and locks', () => {
  it('REQUEST_LIMIT_EXCEEDED is a 403 the caller sees, and nothing is written', async () => {
    emu.faults.add({ kind: 'collections', onCall: 1, error: 'REQUEST_LIMIT_EXCEEDED' });
    const before = emu.store.all('Contact').length;
    await expect(conn.sobject('Contact').create([{ LastName: 'A' }])).rejects.toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
    });
    expect(emu.store.all('Contact')).toHaveLength(before);
    await expect(conn.sobject('Contact').create([{ LastName: 'A' }])).resolves.toEqual([
      expect.objectContaining({ success: true }),
    ]);
  });

  it('UNABLE_TO_LOCK_ROW fails the chosen records of a collection while the others are saved', async () => {
    emu.faults.add({ kind: 'collections', onCall: 1, error: 'UNABLE_TO_LOCK_ROW', recordIndexes: [1] });
    const res = await conn
      .sobject('Task')
      .create([{ Subject: 'a' }, { Subject: 'b' }, { Subject: 'c' }], { allOrNone: false });
    expect(res.map((r) => r.success)).toEqual([true, false, true]);
    expect(res[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'UNABLE_TO_LOCK_ROW',
          message: expect.stringContaining('unable to obtain exclusive access'),
          fields: [],
        },
      ],
    });
  });

  it('UNABLE_TO_LOCK_ROW on a single-record write is a 400 with the error array', async () => {
    emu.faults.add({ kind: 'create', error: 'UNABLE_TO_LOCK_ROW', times: 1 });
    await expect(conn.sobject('Task').create({ Subject: 'x' })).rejects.toMatchObject({
      errorCode: 'UNABLE_TO_LOCK_ROW',
    });
  });

  it('a seeded rate fires on the same calls every run', async () => {
    const pattern = async () => {
      const e = await start();
      try {
        e.faults.add({ kind: 'query', rate: 0.3, seed: 42, error: 'REQUEST_LIMIT_EXCEEDED' });
        const c = connect(e);
        const out: boolean[] = [];
        for (let i = 0; i < 40; i++)
          out.push(
            await c.query(SOQL).then(
              () => true,
              () => false,
            ),
          );
        return out;
      } finally {
        await e.stop();
      }
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    const failures = first.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(25);
  });
});

describe('unavailability and timeouts', () => {
  it('503 on a GET is retried by jsforce itself; on a POST it reaches the caller', async () => {
    emu.faults.add({ kind: 'query', onCall: 1, error: 503 });
    await expect(conn.query(SOQL)).resolves.toMatchObject({ done: true });
    expect(emu.counts.of('query')).toBe(2);

    emu.faults.add({ kind: 'collections', onCall: 1, error: 503 });
    await expect(conn.sobject('Task').create([{ Subject: 'x' }])).rejects.toMatchObject({
      errorCode: 'SERVER_UNAVAILABLE',
    });
    expect(emu.counts.of('collections')).toBe(1);
  });

  /** jsforce's only timeout knob is the transport's request options. */
  class ImpatientTransport extends Transport {
    override httpRequest(req: HttpRequest, options: HttpRequestOptions = {}) {
      return super.httpRequest(req, { ...options, timeout: 300 });
    }
  }

  it('timeout holds the answer past the client timeout; the write may still have happened', async () => {
    (conn as unknown as { _transport: Transport })._transport = new ImpatientTransport();
    emu.faults.add({ kind: 'collections', onCall: 1, error: 'timeout', holdMs: 2000 });
    await expect(
      conn.sobject('Task').create([{ Subject: 'timed out', Liaison_Message_Id__c: '<t1@mail.test>' }]),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const found = await conn.query("SELECT Id FROM Task WHERE Liaison_Message_Id__c = '<t1@mail.test>'");
    expect(found.totalSize).toBe(1);

    emu.faults.add({ kind: 'collections', onCall: 1, error: 'timeout', holdMs: 2000, commit: false });
    await expect(
      conn.sobject('Task').create([{ Subject: 'lost', Liaison_Message_Id__c: '<t2@mail.test>' }]),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const lost = await conn.query("SELECT Id FROM Task WHERE Liaison_Message_Id__c = '<t2@mail.test>'");
    expect(lost.totalSize).toBe(0);
  });
});
