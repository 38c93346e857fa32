// Counts the queries a Kysely instance runs, to prove a batched call costs one round trip.
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';

export interface CountingDb<DB> {
  db: Kysely<DB>;
  count(): number;
  reset(): void;
}

export function countingDb<DB>(db: Kysely<DB>): CountingDb<DB> {
  let queries = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs) {
      queries++;
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs) {
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), count: () => queries, reset: () => (queries = 0) };
}
