/**
 * `GET /me/mailFolders/{id}/messages` (https://learn.microsoft.com/en-us/graph/api/mailfolder-list-messages): the
 * folder's messages with `$filter` on receivedDateTime (clauses `ge|gt|le|lt` joined by `and`) and on
 * `from/emailAddress/address eq '…'` (no other filter), `$orderby=receivedDateTime [asc|desc]` (which, as documented for `$filter` with `$orderby`, must
 * name a property the filter names first: here both can only name receivedDateTime), `$top` (1–1000), `$skip`, `$select`; pages end in `@odata.nextLink`
 * while more remain. No cap: the 5,000 limit is documented for delta only.
 */
import { GraphError } from './errors';
import { renderMessage, type RenderOptions } from './render';
import type { GraphStore, StoredFolder } from './store';

type Op = 'ge' | 'gt' | 'le' | 'lt';
type Clause = { op: Op; at: number } | { from: string };

function parseClauses(raw: string | null): Clause[] {
  if (raw === null) return [];
  return raw.split(/\s+and\s+/i).map((clause): Clause => {
    // The sender's address, compared without regard to case as Exchange does; '' is a quote inside the literal.
    const from = /^\s*from\/emailAddress\/address\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(clause);
    if (from) return { from: (from[1] ?? '').replace(/''/g, "'").toLowerCase() };
    const m = /^\s*receivedDateTime\s+(ge|gt|le|lt)\s+'?([^'\s]+)'?\s*$/i.exec(clause);
    const at = Date.parse(m?.[2] ?? '');
    if (!m || Number.isNaN(at)) {
      throw new GraphError(
        400,
        'ErrorInvalidUrlQueryFilter',
        `Unsupported $filter clause (emulator): ${clause}`,
      );
    }
    return { op: (m[1] ?? 'ge').toLowerCase() as Op, at };
  });
}

export function listMessages(
  store: GraphStore,
  folder: StoredFolder,
  url: URL,
  render: Omit<RenderOptions, 'select'>,
  base: string,
  random: () => number,
) {
  const q = url.searchParams;
  const clauses = parseClauses(q.get('$filter'));
  const orderby = q.get('$orderby');
  const order = orderby === null ? undefined : /^\s*receivedDateTime(\s+(asc|desc))?\s*$/i.exec(orderby);
  if (orderby !== null && !order) {
    throw new GraphError(400, 'BadRequest', `Unsupported $orderby (emulator): ${orderby}`);
  }
  // Documented: a property in $orderby must come first in $filter, or the request fails.
  if (order && clauses.length > 0 && 'from' in clauses[0]!) {
    throw new GraphError(
      400,
      'InefficientFilter',
      'The restriction or sort order is too complex for this operation.',
    );
  }
  const top = Number(q.get('$top') ?? 10);
  const skip = Number(q.get('$skip') ?? 0);
  if (!Number.isInteger(top) || top < 1 || top > 1000 || !Number.isInteger(skip) || skip < 0) {
    throw new GraphError(400, 'BadRequest', 'Invalid $top or $skip.');
  }
  const test = (at: number, c: { op: Op; at: number }) =>
    c.op === 'ge' ? at >= c.at : c.op === 'gt' ? at > c.at : c.op === 'le' ? at <= c.at : at < c.at;
  let messages = store
    .inFolder(folder.id)
    .filter((m) =>
      clauses.every((c) =>
        'from' in c
          ? m.from?.emailAddress.address.toLowerCase() === c.from
          : test(Date.parse(m.receivedDateTime), c),
      ),
    );
  if (order) {
    const sign = (order[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
    messages.sort((a, b) => sign * (Date.parse(a.receivedDateTime) - Date.parse(b.receivedDateTime)));
  } else {
    messages = messages
      .map((m) => ({ m, k: random() }))
      .sort((a, b) => a.k - b.k)
      .map(({ m }) => m);
  }
  const select = q
    .get('$select')
    ?.split(',')
    .map((s) => s.trim());
  const value = messages.slice(skip, skip + top).map((m) => renderMessage(m, { ...render, select }));
  const out: Record<string, unknown> = {
    '@odata.context': `${base}/v1.0/$metadata#users('${store.user.id}')/mailFolders('${folder.id}')/messages`,
    value,
  };
  if (skip + top < messages.length) {
    const next = new URL(url.toString());
    next.searchParams.set('$skip', String(skip + top));
    out['@odata.nextLink'] = `${base}${next.pathname}${next.search}`;
  }
  return out;
}
