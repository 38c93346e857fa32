// jsforce sends SOQL in the URL, so the first limit a batched query meets is Salesforce's 16 KB URI limit
// (knowledge article 000386264), long before the 100,000-character SOQL limit. Lists are split by the
// URL-encoded length of the whole statement.

/** Salesforce's documented maximum SOQL statement length. */
export const MAX_SOQL_CHARS = 100_000;

const encodedLength = (soql: string): number => encodeURIComponent(soql).length;

/** Text with a lone UTF-16 surrogate cannot be sent (it has no UTF-8 form); no real address has one. */
export function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/**
 * Builds as few statements as possible from `values`, each at most `maxEncoded` characters once URL-encoded
 * (and at most MAX_SOQL_CHARS raw). `build` must join the values it gets (it may use the list several times).
 * A value too long to fit in any statement on its own is left out: no valid address or domain is that long.
 */
export function chunkQueries<T>(
  values: readonly T[],
  build: (chunk: T[]) => string,
  maxEncoded: number,
): string[] {
  const out: string[] = [];
  let chunk: T[] = [];
  let length = 0;
  let raw = 0;
  const flush = () => {
    if (chunk.length) out.push(build(chunk));
    chunk = [];
  };
  for (const v of values) {
    const one = build([v]);
    if (hasLoneSurrogate(one)) continue;
    // Lengths add up character by character, so a value's cost in a non-empty list is exact.
    const two = build([v, v]);
    const marginal = encodedLength(two) - encodedLength(one);
    const marginalRaw = two.length - one.length;
    if (chunk.length && length + marginal <= maxEncoded && raw + marginalRaw <= MAX_SOQL_CHARS) {
      chunk.push(v);
      length += marginal;
      raw += marginalRaw;
      continue;
    }
    flush();
    if (encodedLength(one) > maxEncoded || one.length > MAX_SOQL_CHARS) continue;
    chunk = [v];
    length = encodedLength(one);
    raw = one.length;
  }
  flush();
  return out;
}
