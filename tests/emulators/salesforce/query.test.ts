/** SOQL through the real jsforce 3 client: paging, queryAll, filters, escaping and the documented limits. */
import fc from 'fast-check';
import type { Connection } from 'jsforce';
import { start, type Emulator } from '.';
import { connect } from './connect';
import { soqlLikeLiteral, soqlString } from './soql-escape';

type Row = Record<string, unknown> & { Id: string };

let emu: Emulator;
let conn: Connection;

beforeAll(async () => {
  emu = await start();
  conn = connect(emu);
});
afterAll(() => emu.stop());
beforeEach(() => emu.counts.reset());

async function errorOf(
  p: PromiseLike<unknown>,
): Promise<{ errorCode?: string; name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errorCode?: string; name: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('paging', () => {
  beforeAll(() => {
    for (let i = 0; i < 4500; i++)
      emu.store.insert('Lead', { LastName: `L${i}`, Company: 'Paging Ltd', Email: `p${i}@paging.test` });
  });
  const soql = "SELECT Id, Email FROM Lead WHERE Company = 'Paging Ltd'";

  it('returns 2,000 rows per batch with nextRecordsUrl, and autoFetch follows it', async () => {
    // The wire shape, read raw: jsforce itself rewrites nextRecordsUrl into an absolute URL.
    const raw = await conn.request<{ nextRecordsUrl: string }>(`/query?q=${encodeURIComponent(soql)}`);
    expect(raw).toMatchObject({ totalSize: 4500, done: false });
    expect(raw.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w+-2000$/);
    const first = await conn.query<Row>(soql);
    expect(first).toMatchObject({ totalSize: 4500, done: false });
    expect(first.records).toHaveLength(2000);
    const second = await conn.queryMore<Row>(first.nextRecordsUrl ?? '');
    expect(second.records).toHaveLength(2000);
    expect(second.records[0]?.Email).not.toBe(first.records[0]?.Email);

    emu.counts.reset();
    const all = await conn.query<Row>(soql, { autoFetch: true, maxFetch: 10_000 });
    expect(all.records).toHaveLength(4500);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(4500);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1, queryMore: 2 });
  });

  it('queryAll: the next-page link says query, and its pages still hold the deleted rows', async () => {
    // REST API, QueryAll: "Although the nextRecordsUrl has query in the URL, it still provides the remaining
    // results from the initial QueryAll request. The remaining results include deleted records".
    const gone = emu.store
      .all('Lead')
      .filter((l) => l.Company === 'Paging Ltd')
      .slice(-3);
    for (const l of gone) emu.store.update('Lead', l.Id as string, { IsDeleted: true });
    try {
      const raw = await conn.request<{ nextRecordsUrl: string; totalSize: number }>(
        `/queryAll?q=${encodeURIComponent(soql)}`,
      );
      expect(raw.totalSize).toBe(4500);
      expect(raw.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w+-2000$/);
      const rest: Row[] = [];
      for (let url: string | undefined = raw.nextRecordsUrl; url;) {
        const next: { nextRecordsUrl?: string; records: Row[] } = await conn.request(url);
        rest.push(...next.records);
        url = next.nextRecordsUrl;
      }
      expect(rest).toHaveLength(2500);
      expect(rest.map((r) => r.Id)).toEqual(expect.arrayContaining(gone.map((l) => l.Id)));
    } finally {
      for (const l of gone) emu.store.update('Lead', l.Id as string, { IsDeleted: false });
    }
  });

  it('honours Sforce-Query-Options batchSize', async () => {
    const all = await conn.query<Row>(soql, {
      autoFetch: true,
      maxFetch: 10_000,
      headers: { 'Sforce-Query-Options': 'batchSize=500' },
    });
    expect(all.records).toHaveLength(4500);
    expect(emu.counts.of('query') + emu.counts.of('queryMore')).toBe(9);
  });

  it('refuses an unknown query locator', async () => {
    const e = await errorOf(conn.queryMore('/services/data/v62.0/query/01gXXXXXXXXXXXXAAA-2000'));
    expect(e.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('counts without rows with COUNT()', async () => {
    const res = await conn.query(`SELECT COUNT() FROM Lead WHERE Company = 'Paging Ltd'`);
    expect(res).toMatchObject({ totalSize: 4500, done: true, records: [] });
  });
});

describe('filters and shapes', () => {
  let acmeId: string;
  beforeAll(() => {
    acmeId = emu.store.insert('Account', { Name: 'Acme', Website: 'https://www.acme.com' }).Id as string;
    emu.store.insert('Contact', {
      FirstName: 'Ann',
      LastName: 'Alpha',
      Email: 'ann@acme.com',
      AccountId: acmeId,
      CreatedDate: '2024-01-01T00:00:00Z',
    });
    emu.store.insert('Contact', {
      FirstName: 'Bob',
      LastName: 'Beta',
      Secondary_Email__c: 'BOB@Acme.com',
      CreatedDate: '2024-06-01T00:00:00Z',
    });
    emu.store.insert('Contact', {
      LastName: 'Gone',
      Email: 'gone@acme.com',
      IsDeleted: true,
      AccountId: acmeId,
    });
    emu.store.insert('Lead', {
      LastName: 'Conv',
      Company: 'Acme',
      Email: 'conv@acme.com',
      IsConverted: true,
    });
  });

  it('writes records with attributes, parent relationships nested, null parents as null', async () => {
    const res = await conn.query<Row>(
      "SELECT Id, Name, Email, Account.Name, Account.Website FROM Contact WHERE Email = 'ann@acme.com' OR Secondary_Email__c = 'bob@acme.com' ORDER BY Name",
    );
    expect(res.records).toEqual([
      {
        attributes: {
          type: 'Contact',
          url: expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Contact\/003\w{15}$/),
        },
        Id: expect.stringMatching(/^003\w{15}$/),
        Name: 'Ann Alpha',
        Email: 'ann@acme.com',
        Account: {
          attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${acmeId}` },
          Name: 'Acme',
          Website: 'https://www.acme.com',
        },
      },
      expect.objectContaining({ Name: 'Bob Beta', Email: null, Account: null }),
    ]);
  });

  it('hides IsDeleted rows from query and shows them to queryAll', async () => {
    const soql = "SELECT Id, IsDeleted FROM Contact WHERE Email = 'gone@acme.com'";
    expect((await conn.query(soql)).totalSize).toBe(0);
    const all = await conn.query<Row>(soql, { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ IsDeleted: true })]);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1, queryAll: 1 });
  });

  it('evaluates IN, NOT, booleans, datetimes, ORDER BY, LIMIT and OFFSET', async () => {
    const names = async (where: string, tail = '') =>
      (await conn.query<Row>(`SELECT Name FROM Contact WHERE ${where} ${tail}`)).records.map((r) => r.Name);
    expect(await names("Email IN ('ANN@acme.com', 'x@y.z')")).toEqual(['Ann Alpha']);
    expect(await names("LastName IN ('Alpha','Beta') AND NOT Email = 'ann@acme.com'")).toEqual(['Bob Beta']);
    expect(await names('CreatedDate > 2024-03-01T00:00:00Z')).toEqual(['Bob Beta']);
    expect(await names("LastName IN ('Alpha','Beta')", 'ORDER BY CreatedDate DESC LIMIT 1')).toEqual([
      'Bob Beta',
    ]);
    expect(await names("LastName IN ('Alpha','Beta')", 'ORDER BY CreatedDate DESC LIMIT 1 OFFSET 1')).toEqual(
      ['Ann Alpha'],
    );
    expect(await names('Email = null AND Secondary_Email__c != null')).toEqual(['Bob Beta']);
    // SOQL's ORDER BY: "By default, null values are sorted first", descending too (Bob has no Email).
    const pair = "LastName IN ('Alpha','Beta')";
    expect(await names(pair, 'ORDER BY Email DESC')).toEqual(['Bob Beta', 'Ann Alpha']);
    expect(await names(pair, 'ORDER BY Email ASC')).toEqual(['Bob Beta', 'Ann Alpha']);
    expect(await names(pair, 'ORDER BY Email DESC NULLS LAST')).toEqual(['Ann Alpha', 'Bob Beta']);
    const leads = await conn.query<Row>(
      "SELECT Id FROM Lead WHERE Email = 'conv@acme.com' AND IsConverted = false",
    );
    expect(leads.totalSize).toBe(0);
  });

  it('supports semi-joins', async () => {
    const res = await conn.query<Row>(
      "SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email = 'ann@acme.com')",
    );
    expect(res.records.map((r) => r.Name)).toEqual(['Acme']);
  });

  it('refuses what Salesforce refuses, with its error codes', async () => {
    const code = async (soql: string) => (await errorOf(conn.query(soql))).errorCode;
    expect(await code("SELECT Id FROM Contact WHERE Email = 'a' AND LastName = 'b' OR LastName = 'c'")).toBe(
      'MALFORMED_QUERY',
    );
    expect(await code('SELECT Id, Nope__c FROM Contact')).toBe('INVALID_FIELD');
    expect(await code('SELECT Id FROM Nope__c')).toBe('INVALID_TYPE');
    expect(await code("SELECT Id FROM Contact WHERE IsDeleted = 'false'")).toBe('INVALID_FIELD');
    expect(await code('SELECT Id FROM Contact WHERE Email = ann@acme.com')).toBe('MALFORMED_QUERY');
    expect(await code("SELECT Id FROM Contact WHERE AccountId = 'not-an-id'")).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
    expect(await code("SELECT Id FROM Task WHERE Description = 'x'")).toBe('INVALID_FIELD');
    expect(await code('SELECT Id FROM Contact LIMIT 10 OFFSET 2001')).toBe('NUMBER_OUTSIDE_VALID_RANGE');
  });
});

describe('hostile literals', () => {
  it('LIKE with escaped wildcards matches them literally', async () => {
    emu.store.insert('Account', { Name: '100%_sure' });
    emu.store.insert('Account', { Name: '100xysure' });
    const names = async (pattern: string) =>
      (await conn.query<Row>(`SELECT Name FROM Account WHERE Name LIKE ${pattern}`)).records
        .map((r) => r.Name)
        .sort();
    expect(await names(soqlLikeLiteral('100%_', '', '%'))).toEqual(['100%_sure']);
    expect(await names("'100%_%'")).toEqual(['100%_sure', '100xysure']);
  });

  it('round-trips quotes, backslashes, wildcards and unicode when escaped (property)', async () => {
    const hostile = fc.constantFrom(
      "'",
      '\\',
      '%',
      '_',
      '"',
      '\n',
      '\t',
      'ü',
      '😀',
      "' OR Name != '",
      "\\'",
      '名',
    );
    const value = fc
      .array(fc.oneof(hostile, fc.string({ unit: 'grapheme', maxLength: 4 })), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(value, async (s) => {
        const rec = emu.store.insert('Contact', { LastName: s, Email: `${emu.counts.total}@hostile.test` });
        const eq = await conn.query<Row>(
          `SELECT Id, LastName FROM Contact WHERE LastName = ${soqlString(s)}`,
        );
        expect(eq.records.map((r) => r.Id)).toContain(rec.Id);
        for (const r of eq.records) expect(String(r.LastName).toLowerCase()).toBe(s.toLowerCase());
        const like = await conn.query<Row>(
          `SELECT Id FROM Contact WHERE LastName LIKE ${soqlLikeLiteral(s)}`,
        );
        expect(like.records.map((r) => r.Id)).toContain(rec.Id);
        emu.store.softDelete('Contact', rec.Id as string);
      }),
      { numRuns: 60 },
    );
  });

  // The property's counterexample from a CI run: ["\u2028'"] (printed as "     '"). Salesforce reads any
  // character inside a literal; the emulator's borrowed lexer stopped at the line separator.
  it.each(["\u2028'", '\u2029', 'a\u2028b\u2029c', "\u2028\\'"])(
    'reads a raw line separator inside a literal as itself (%j)',
    async (s) => {
      const rec = emu.store.insert('Contact', { LastName: s, Email: 'separator@hostile.test' });
      const eq = await conn.query<Row>(`SELECT Id, LastName FROM Contact WHERE LastName = ${soqlString(s)}`);
      expect(eq.records.map((r) => [r.Id, r.LastName])).toEqual([[rec.Id, s]]);
      const like = await conn.query<Row>(`SELECT Id FROM Contact WHERE LastName LIKE ${soqlLikeLiteral(s)}`);
      expect(like.records.map((r) => r.Id)).toEqual([rec.Id]);
      emu.store.softDelete('Contact', rec.Id as string);
    },
  );

  it('rejects unescaped quotes and backslashes as MALFORMED_QUERY', async () => {
    for (const raw of ["O'Brien", 'back\\slash', 'trailing\\', "it's 'quoted"]) {
      const e = await errorOf(conn.query(`SELECT Id FROM Contact WHERE LastName = '${raw}'`));
      expect(e.errorCode).toBe('MALFORMED_QUERY');
    }
  });

  it('shows why escaping matters: an unescaped balanced quote changes the query', async () => {
    const injected = "nobody' OR LastName != 'x";
    const res = await conn.query(`SELECT Id FROM Contact WHERE LastName = '${injected}'`);
    expect(res.totalSize).toBeGreaterThan(0);
    const safe = await conn.query(`SELECT Id FROM Contact WHERE LastName = ${soqlString(injected)}`);
    expect(safe.totalSize).toBe(0);
  });
});

describe('query size limits', () => {
  it('answers 414 when the URI passes 16,384 bytes', async () => {
    const emails = Array.from({ length: 600 }, (_, i) => soqlString(`someone.${i}@example.com`)).join(',');
    const e = await errorOf(conn.query(`SELECT Id FROM Contact WHERE Email IN (${emails})`));
    expect(e.errorCode).toBe('ERROR_HTTP_414');
  });

  it('refuses a SOQL statement over 100,000 characters as MALFORMED_QUERY', async () => {
    const big = await start({ maxUriBytes: 200_000 });
    try {
      const c = connect(big);
      const pad = 'a'.repeat(100_000);
      const e = await errorOf(c.query(`SELECT Id FROM Contact WHERE LastName = '${pad}'`));
      expect(e.errorCode).toBe('MALFORMED_QUERY');
      const ok = await c.query(`SELECT Id FROM Contact WHERE LastName = '${'a'.repeat(90_000)}'`);
      expect(ok.totalSize).toBe(0);
    } finally {
      await big.stop();
    }
  });
});
