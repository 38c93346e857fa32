// PKCE (RFC 7636) as the identity providers check it: a code issued for an S256 `code_challenge` is redeemed only
// with the `code_verifier` whose SHA-256 (base64url) is that challenge. The emulators count what they saw, so tests
// can prove every code exchange carried a verifier that matched.
import { createHash, randomBytes } from 'node:crypto';

export interface Challenge {
  challenge: string;
  method: string;
}

export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** A verifier and its S256 challenge, for tests that skip the browser (`issueCode`). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256(verifier) };
}

/** The challenge an authorisation request carried, if any (Salesforce sends no method: S256 is its only one). */
export function challengeOf(params: URLSearchParams, defaultMethod = 'plain'): Challenge | undefined {
  const challenge = params.get('code_challenge');
  return challenge ? { challenge, method: params.get('code_challenge_method') ?? defaultMethod } : undefined;
}

export class PkceLog {
  /** Code exchanges whose code had a challenge, and whose verifier matched it by S256. */
  verifiedS256 = 0;
  /** Code exchanges whose code had no challenge. */
  withoutChallenge = 0;

  /** Undefined when the exchange may go on; else why it is refused. */
  check(expected: Challenge | undefined, verifier: string | null): string | undefined {
    if (!expected) {
      this.withoutChallenge += 1;
      return undefined;
    }
    if (!verifier) return 'code_verifier is missing';
    const matches =
      expected.method === 'S256' ? s256(verifier) === expected.challenge : verifier === expected.challenge;
    if (!matches) return 'the code_verifier does not match the code_challenge';
    if (expected.method === 'S256') this.verifiedS256 += 1;
    return undefined;
  }
}
