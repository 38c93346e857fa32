import { hashToken } from '../../../server/auth/secret-token';
import { LinkError, OneTimeLinks, type LinkErrorCode } from '../../../server/auth/one-time-links';
import { MemoryOneTimeTokenStore } from '../../../server/auth/one-time-token-store';

const START = new Date('2026-03-01T12:00:00Z');
const MINUTE = 60 * 1000;

function setup(options: { ttlMs?: number; path?: string } = {}) {
  let now = START;
  const store = new MemoryOneTimeTokenStore();
  const links = new OneTimeLinks({ store, now: () => now, ...options });
  return {
    store,
    links,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') as string;
}

async function refusal(promise: Promise<unknown>): Promise<LinkErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LinkError) return error.code;
    throw error;
  }
  throw new Error('the link was accepted');
}

test('a link carries a 32-byte token under the base URL and redeems to its user', async () => {
  const { links } = setup();
  const link = await links.createLink('http://127.0.0.1:3000', 'user-1');
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/auth\/link\?token=[A-Za-z0-9_-]{43}$/);
  expect(Buffer.from(tokenOf(link), 'base64url')).toHaveLength(32);
  await expect(links.redeem(tokenOf(link))).resolves.toBe('user-1');
});

test('a base URL with a path prefix keeps it; the link path is configurable', async () => {
  const { links } = setup({ path: '/signin' });
  const link = await links.createLink('https://crm.example.com/liaison', 'user-1');
  expect(link.startsWith('https://crm.example.com/liaison/signin?token=')).toBe(true);
});

test('only the SHA-256 of the token is stored', async () => {
  const { links, store } = setup();
  const token = tokenOf(await links.createLink('http://127.0.0.1:3000', 'user-1'));
  expect(await store.find(token)).toBeUndefined();
  const record = await store.find(hashToken(token));
  expect(record).toMatchObject({ userId: 'user-1', createdAt: START });
  expect(JSON.stringify(record)).not.toContain(token);
});

test('a link works once', async () => {
  const { links } = setup();
  const token = tokenOf(await links.createLink('http://127.0.0.1:3000', 'user-1'));
  await expect(links.redeem(token)).resolves.toBe('user-1');
  await expect(refusal(links.redeem(token))).resolves.toBe('used');
});

test('two concurrent redemptions: exactly one wins', async () => {
  const { links } = setup();
  const token = tokenOf(await links.createLink('http://127.0.0.1:3000', 'user-1'));
  const results = await Promise.allSettled([links.redeem(token), links.redeem(token)]);
  expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
});

test('a link expires after 15 minutes by default', async () => {
  const { links, advance } = setup();
  const early = tokenOf(await links.createLink('http://127.0.0.1:3000', 'user-1'));
  const late = tokenOf(await links.createLink('http://127.0.0.1:3000', 'user-2'));
  advance(15 * MINUTE - 1);
  await expect(links.redeem(early)).resolves.toBe('user-1');
  advance(1);
  await expect(refusal(links.redeem(late))).resolves.toBe('expired');
});

test('the lifetime is configurable', async () => {
  const { links, advance } = setup({ ttlMs: 2 * MINUTE });
  const token = tokenOf(await links.createLink('http://127.0.0.1:3000', 'user-1'));
  advance(2 * MINUTE);
  await expect(refusal(links.redeem(token))).resolves.toBe('expired');
});

test.each(['', 'nope', 'A'.repeat(43), 'A'.repeat(44), '../../etc/passwd'])(
  'an unknown token %p is refused',
  async (token) => {
    const { links } = setup();
    await links.createLink('http://127.0.0.1:3000', 'user-1');
    await expect(refusal(links.redeem(token))).resolves.toBe('unknown');
  },
);

test('each link is distinct and expired links are cleaned up', async () => {
  const { links, store, advance } = setup();
  const first = await links.createLink('http://127.0.0.1:3000', 'user-1');
  const second = await links.createLink('http://127.0.0.1:3000', 'user-1');
  expect(first).not.toBe(second);
  advance(16 * MINUTE);
  await links.createLink('http://127.0.0.1:3000', 'user-1');
  expect(await store.deleteExpired(new Date(START.getTime() + 16 * MINUTE))).toBe(2);
  expect(store.size).toBe(1);
});
