/**
 * When Graph no longer honours a delta link. https://learn.microsoft.com/en-us/graph/delta-query-overview documents
 * two answers: "Synchronization reset", 410 Gone with a Location header (restart with a full synchronization), and
 * "Token duration": for Outlook entities the token's life depends on a cache, and an expired one gives "a 40X-series
 * error with error codes such as `syncStateNotFound`". https://learn.microsoft.com/en-us/graph/errors lists
 * `syncStateNotFound` and `resyncRequired` as codes, and `resyncRequired`, `resyncApplyDifferences`,
 * `resyncUploadDifferences` among the codes nested in `innerError` ("apps should loop through all the error codes").
 * `syncStateInvalid` is not in those lists but is what Outlook's older APIs answered for an unusable token.
 */
import { graphStatus } from './graph-errors';

const SYNC_STATE_CODES = new Set([
  'syncstatenotfound',
  'syncstateinvalid',
  'resyncrequired',
  'resyncapplydifferences',
  'resyncuploaddifferences',
]);

interface ErrorLike {
  code?: unknown;
  body?: unknown;
}

/** The error's code and every code nested in its innerError (the Graph client keeps the error JSON in `body`). */
function errorCodes(e: unknown): string[] {
  const codes: string[] = [];
  const err = (e ?? {}) as ErrorLike;
  if (typeof err.code === 'string') codes.push(err.code);
  let body: unknown = err.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      body = undefined;
    }
  }
  for (let node = body as Record<string, unknown> | undefined, depth = 0; node && depth < 8; depth++) {
    if (typeof node.code === 'string') codes.push(node.code);
    node = (node.innerError ?? node.innererror) as Record<string, unknown> | undefined;
    if (typeof node !== 'object') break;
  }
  return codes;
}

/** True when the delta link (or nextLink) must be dropped and the folder's sync started again. */
export function syncStateLost(e: unknown): boolean {
  const status = graphStatus(e);
  if (status === 410) return true;
  // A 401 is the token's, a 429 throttling: those keep the link whatever code they carry.
  if (status === undefined || status < 400 || status >= 500 || status === 401 || status === 429) return false;
  return errorCodes(e).some((code) => SYNC_STATE_CODES.has(code.toLowerCase()));
}
