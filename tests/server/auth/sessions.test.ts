import { checkCsrf, csrfTokenFor, isStateChanging } from '../../../server/auth/csrf';
import { hashToken } from '../../../server/auth/secret-token';
import { MemorySessionStore } from '../../../server/auth/session-store';
import { Sessions } from '../../../server/auth/sessions';

const START = new Date('2026-03-01T12:00:00Z');
const HOUR = 60 * 60 * 1000;

function setup() {
  let now = START;
  const store = new MemorySessionStore();
  const sessions = new Sessions({
    store,
    idleTtlMs: 2 * HOUR,
    absoluteTtlMs: 10 * HOUR,
    now: () => now,
  });
  return {
    store,
    sessions,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('sessions', () => {
  test('a new session validates to its user; only the id hash is stored', async () => {
    const { sessions, store } = setup();
    const created = await sessions.create('user-1');
    expect(created.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt).toEqual(new Date(START.getTime() + 2 * HOUR));
    expect(await store.find(created.sessionId)).toBeUndefined();
    expect(await store.find(hashToken(created.sessionId))).toMatchObject({ userId: 'user-1' });
    await expect(sessions.validate(created.sessionId)).resolves.toMatchObject({
      userId: 'user-1',
      csrfToken: created.csrfToken,
    });
  });

  test.each([undefined, '', 'short', 'B'.repeat(43)])('an unknown id %p is no session', async (id) => {
    const { sessions } = setup();
    await sessions.create('user-1');
    await expect(sessions.validate(id)).resolves.toBeUndefined();
  });

  test('expiry slides with use', async () => {
    const { sessions, advance } = setup();
    const { sessionId } = await sessions.create('user-1');
    advance(1.5 * HOUR);
    const used = await sessions.validate(sessionId);
    expect(used?.expiresAt).toEqual(new Date(START.getTime() + 3.5 * HOUR));
    advance(1.5 * HOUR); // 3 h after creation, 1.5 h after last use: still alive
    await expect(sessions.validate(sessionId)).resolves.toMatchObject({ userId: 'user-1' });
  });

  test('an idle session expires and is removed', async () => {
    const { sessions, store, advance } = setup();
    const { sessionId } = await sessions.create('user-1');
    advance(2 * HOUR);
    await expect(sessions.validate(sessionId)).resolves.toBeUndefined();
    expect(store.size).toBe(0);
  });

  test('sliding never passes the absolute lifetime', async () => {
    const { sessions, advance } = setup();
    const { sessionId } = await sessions.create('user-1');
    for (let hours = 1; hours < 10; hours += 1) {
      advance(HOUR);
      const active = await sessions.validate(sessionId);
      expect(active?.expiresAt.getTime()).toBeLessThanOrEqual(START.getTime() + 10 * HOUR);
    }
    advance(HOUR);
    await expect(sessions.validate(sessionId)).resolves.toBeUndefined();
  });

  test('frequent requests do not write to the store each time', async () => {
    const { sessions, store, advance } = setup();
    const { sessionId } = await sessions.create('user-1');
    const touch = jest.spyOn(store, 'touch');
    for (let i = 0; i < 5; i += 1) {
      advance(1000);
      await sessions.validate(sessionId);
    }
    expect(touch).toHaveBeenCalledTimes(0);
    advance(60 * 1000);
    await sessions.validate(sessionId);
    expect(touch).toHaveBeenCalledTimes(1);
  });

  test('revoke ends one session; revokeAllForUser ends all of a user', async () => {
    const { sessions } = setup();
    const a = await sessions.create('user-1');
    const b = await sessions.create('user-1');
    const c = await sessions.create('user-2');
    await sessions.revoke(a.sessionId);
    await expect(sessions.validate(a.sessionId)).resolves.toBeUndefined();
    await expect(sessions.validate(b.sessionId)).resolves.toBeDefined();
    await expect(sessions.revokeAllForUser('user-1')).resolves.toBe(1);
    await expect(sessions.validate(b.sessionId)).resolves.toBeUndefined();
    await expect(sessions.validate(c.sessionId)).resolves.toMatchObject({ userId: 'user-2' });
  });
});

describe('CSRF', () => {
  test('each session has its own token, stable for its life', async () => {
    const { sessions } = setup();
    const a = await sessions.create('user-1');
    const b = await sessions.create('user-1');
    expect(a.csrfToken).not.toBe(b.csrfToken);
    expect(a.csrfToken).not.toBe(a.sessionId);
    expect(csrfTokenFor(a.sessionId)).toBe(a.csrfToken);
  });

  test.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('%s needs the session token', (method) => {
    const sessionId = 'x'.repeat(43);
    const token = csrfTokenFor(sessionId);
    expect(isStateChanging(method)).toBe(true);
    expect(checkCsrf(sessionId, method, token)).toBe(true);
    expect(checkCsrf(sessionId, method, undefined)).toBe(false);
    expect(checkCsrf(sessionId, method, '')).toBe(false);
    expect(checkCsrf(sessionId, method, [token, token])).toBe(false);
    expect(checkCsrf(sessionId, method, csrfTokenFor('y'.repeat(43)))).toBe(false);
    expect(checkCsrf(sessionId, method, token.slice(0, -1))).toBe(false);
    expect(checkCsrf(sessionId, method, `${token}x`)).toBe(false);
  });

  test.each(['GET', 'HEAD', 'OPTIONS', 'get'])('%s passes without a token', (method) => {
    expect(isStateChanging(method)).toBe(false);
    expect(checkCsrf('x'.repeat(43), method, undefined)).toBe(true);
  });
});
