/**
 * Delta rounds for `/me/mailFolders/{id}/messages/delta`: the first round lists what the folder holds
 * (filtered by `receivedDateTime ge|gt`), later rounds what changed since the round's baseline; pages
 * end in `@odata.nextLink` ($skiptoken) until the last, which carries `@odata.deltaLink` ($deltatoken).
 * Query options given on the first request are encoded in the tokens, as Graph does.
 *
 * As https://learn.microsoft.com/en-us/graph/delta-query-messages documents ("Use query parameters in a delta query
 * for messages"): with `$filter` a round lists "only up to 5,000 messages" (`filterCap`), and without `$orderby`
 * "the return order isn't guaranteed" (items come in a seeded shuffle; `$orderby=receivedDateTime desc` is the only
 * order accepted). https://learn.microsoft.com/en-us/graph/delta-query-overview ("Replays"): "the same change appears
 * in subsequent responses"; here a page may repeat the item before it, and a round the last item of the round before.
 */
import { randomBytes } from 'node:crypto';
import { GraphError } from './errors';
import { renderMessage, type RenderOptions } from './render';
import { restId, type GraphStore, type StoredFolder } from './store';

export interface DeltaOptions {
  /** Most messages a `$filter`ed round lists (Graph: 5,000). */
  filterCap: number;
  /** The PRNG that shuffles each round and picks replays. */
  random: () => number;
  /** How often a page repeats the item before it, and a round the last item of the round before (0: never). */
  replayRate: number;
}

interface RoundOptions {
  select?: string[];
  filter?: { op: 'ge' | 'gt'; value: string };
  changeType?: 'created' | 'updated' | 'deleted';
  newestFirst?: boolean;
}

interface Round {
  folderId: string;
  generation: number;
  /** Items of this round: a message id, and whether it was added, updated or removed. */
  items: { id: string; type: 'added' | 'updated' | 'removed' }[];
  /** The change-log position the next round starts after. */
  endSeq: number;
  options: RoundOptions;
}

interface DeltaToken {
  g: number;
  f: string;
  s: number;
  o: RoundOptions;
  /** The round's last item, which the next round may replay. */
  r?: Round['items'][number];
}

const encode = (t: DeltaToken) => Buffer.from(JSON.stringify(t)).toString('base64url');
const decode = (s: string): DeltaToken | undefined => {
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString()) as DeltaToken;
  } catch {
    return undefined;
  }
};

function parseFilter(raw: string | null): RoundOptions['filter'] {
  if (raw === null) return undefined;
  const m = /^\s*receivedDateTime\s+(ge|gt)\s+(\S+)\s*$/i.exec(raw);
  if (!m) {
    throw new GraphError(
      400,
      'ErrorInvalidUrlQueryFilter',
      'The only supported $filter for delta is receivedDateTime ge|gt {value}.',
    );
  }
  const value = (m[2] ?? '').replace(/^'|'$/g, '');
  if (Number.isNaN(Date.parse(value))) throw new GraphError(400, 'BadRequest', `Invalid date ${value}`);
  return { op: (m[1] ?? 'ge').toLowerCase() as 'ge' | 'gt', value };
}

export class DeltaRounds {
  private readonly rounds = new Map<string, Round>();

  constructor(
    private readonly store: GraphStore,
    private readonly options: DeltaOptions,
  ) {}

  /** Answers one delta request. `folder` is resolved by the router; `url` carries the query. */
  page(
    folder: StoredFolder,
    url: URL,
    pageSize: number,
    render: Omit<RenderOptions, 'select'>,
    base: string,
  ) {
    const q = url.searchParams;
    const path = `${base}/v1.0/me/mailFolders/${encodeURIComponent(folder.id)}/messages/delta`;
    const skip = q.get('$skiptoken');
    // An empty $deltatoken is the initial query (the URL a 410's Location header gives).
    const delta = q.get('$deltatoken') || null;
    let roundId: string;
    let offset: number;
    if (skip !== null) {
      const [id, off] = skip.split('.');
      const round = this.rounds.get(id ?? '');
      if (!round || round.generation !== this.store.generation) throw this.expired(path);
      roundId = id ?? '';
      offset = Number(off);
    } else {
      let options: RoundOptions;
      let since: number | undefined;
      let replay: Round['items'][number] | undefined;
      if (delta !== null) {
        const token = decode(delta);
        if (!token || token.g !== this.store.generation || token.f !== folder.id) throw this.expired(path);
        options = token.o;
        since = token.s;
        replay = token.r;
      } else {
        const changeType = q.get('changeType');
        if (changeType !== null && !['created', 'updated', 'deleted'].includes(changeType)) {
          throw new GraphError(400, 'BadRequest', `Invalid changeType ${changeType}`);
        }
        const orderby = q.get('$orderby');
        if (orderby !== null && !/^\s*receivedDateTime\s+desc\s*$/i.test(orderby)) {
          throw new GraphError(
            400,
            'BadRequest',
            'The only supported $orderby for delta is receivedDateTime desc.',
          );
        }
        options = {
          newestFirst: orderby !== null,
          select: q
            .get('$select')
            ?.split(',')
            .map((s) => s.trim()),
          filter: parseFilter(q.get('$filter')),
          changeType: (changeType ?? undefined) as RoundOptions['changeType'],
        };
      }
      roundId = randomBytes(9).toString('base64url');
      offset = 0;
      this.rounds.set(roundId, {
        folderId: folder.id,
        generation: this.store.generation,
        items: this.withReplay(
          since === undefined ? this.snapshot(folder, options) : this.changesSince(folder, since, options),
          replay,
        ),
        endSeq: this.store.seq,
        options,
      });
    }
    const round = this.rounds.get(roundId) as Round;
    const replayed =
      offset > 0 && pageSize > 1 && this.options.random() < this.options.replayRate
        ? round.items[offset - 1]
        : undefined;
    const end = offset + (replayed ? pageSize - 1 : pageSize);
    const slice = [...(replayed ? [replayed] : []), ...round.items.slice(offset, end)];
    const value = slice.map((item) => {
      const message = this.store.messages.get(item.id);
      if (item.type === 'removed' || !message || message.folderId !== round.folderId) {
        const id = render.immutableId ? item.id : restId(item.id, round.folderId);
        return { '@odata.type': '#microsoft.graph.message', id, '@removed': { reason: 'deleted' } };
      }
      return renderMessage(message, { ...render, select: round.options.select, inDelta: true });
    });
    if (end < round.items.length) return { value, '@odata.nextLink': `${path}?$skiptoken=${roundId}.${end}` };
    this.rounds.delete(roundId);
    const last = round.items.at(-1);
    const token = encode({
      g: round.generation,
      f: round.folderId,
      s: round.endSeq,
      o: round.options,
      ...(last ? { r: last } : {}),
    });
    return { value, '@odata.deltaLink': `${path}?$deltatoken=${token}` };
  }

  private matches(receivedDateTime: string, options: RoundOptions): boolean {
    const f = options.filter;
    if (!f) return true;
    const a = Date.parse(receivedDateTime);
    const b = Date.parse(f.value);
    return f.op === 'ge' ? a >= b : a > b;
  }

  /** The answer to a state token of an older generation (store.expiry); a 410 carries Location, as documented. */
  private expired(path: string): GraphError {
    const { status, code, innerCode } = this.store.expiry;
    const message =
      code === 'resyncRequired'
        ? 'The delta token is no longer valid, and the app must reset the sync state.'
        : 'The sync state generation is not found. The delta token is expired and data must be synchronized again.';
    const headers: Record<string, string> = status === 410 ? { Location: `${path}?$deltatoken=` } : {};
    return new GraphError(status, code, message, headers, innerCode);
  }

  /** The round's items, first repeating the last item of the round before (sometimes; not if it is there already). */
  private withReplay(items: Round['items'], replay: Round['items'][number] | undefined): Round['items'] {
    if (
      !replay ||
      items.some((i) => i.id === replay.id) ||
      this.options.random() >= this.options.replayRate
    ) {
      return items;
    }
    const message = this.store.messages.get(replay.id);
    return message ? [replay, ...items] : items;
  }

  /** In no guaranteed order (a seeded shuffle), or newest first when `$orderby=receivedDateTime desc` asked. */
  private ordered<T extends { id: string }>(items: T[], options: RoundOptions): T[] {
    const out = [...items];
    if (options.newestFirst) {
      const at = (i: T) => this.store.messages.get(i.id)?.receivedDateTime ?? '';
      return out.sort((a, b) => at(b).localeCompare(at(a)));
    }
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.options.random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  private snapshot(folder: StoredFolder, options: RoundOptions): Round['items'] {
    if (options.changeType === 'deleted' || options.changeType === 'updated') return [];
    const items = this.ordered(
      this.store
        .inFolder(folder.id)
        .filter((m) => this.matches(m.receivedDateTime, options))
        .map((m) => ({ id: m.id, type: 'added' as const })),
      options,
    );
    // "Applying $filter in a delta query returns only up to 5,000 messages": which ones is not said.
    return options.filter ? items.slice(0, this.options.filterCap) : items;
  }

  /** Changes after `since` in the folder, one item per message with its net effect. */
  private changesSince(folder: StoredFolder, since: number, options: RoundOptions): Round['items'] {
    const net = new Map<string, { added: boolean; updated: boolean; removed: boolean }>();
    for (const c of this.store.changes) {
      if (c.seq <= since || c.folderId !== folder.id) continue;
      const n = net.get(c.messageId) ?? { added: false, updated: false, removed: false };
      if (c.type === 'added') Object.assign(n, { added: true, removed: false });
      else if (c.type === 'removed') Object.assign(n, { removed: true });
      else n.updated = true;
      net.set(c.messageId, n);
    }
    const items: Round['items'] = [];
    for (const [id, n] of net) {
      const message = this.store.messages.get(id);
      const present = message !== undefined && message.folderId === folder.id;
      const type = !present ? 'removed' : n.added ? 'added' : 'updated';
      if (type === 'removed' && n.added) continue; // came and went within the interval
      if (type !== 'removed' && !this.matches(message?.receivedDateTime ?? '', options)) continue;
      const wanted = { created: 'added', updated: 'updated', deleted: 'removed' }[
        options.changeType ?? 'created'
      ];
      if (options.changeType && type !== wanted) continue;
      items.push({ id, type });
    }
    return this.ordered(items, options);
  }
}
