import { isPlainAddrSpec } from './addr-spec';
import { domainOf, localPartOf, normalizeAddress, normalizeDomain } from './normalize';

// Section 2: an entry with a non-empty part before `@` is an address; anything else (`acme.com`, `@acme.com`)
// is a domain that matches addresses at exactly that domain: no wildcards, no subdomains.

export type BlacklistEntry = { kind: 'address'; value: string } | { kind: 'domain'; value: string };

export function classifyBlacklistEntry(entry: string): BlacklistEntry {
  const value = normalizeAddress(entry);
  const at = value.lastIndexOf('@');
  if (at > 0) return { kind: 'address', value };
  return { kind: 'domain', value: normalizeDomain(value) };
}

export interface BlacklistMatcher {
  isBlacklisted(address: string): boolean;
}

/** Builds the lookup once; `isBlacklisted` takes a normalised address. */
export function makeBlacklistMatcher(entries: readonly unknown[]): BlacklistMatcher {
  const addresses = new Set<string>();
  const domains = new Set<string>();
  for (const raw of entries) {
    if (typeof raw !== 'string') continue;
    const entry = classifyBlacklistEntry(raw);
    if (entry.value === '') continue;
    (entry.kind === 'address' ? addresses : domains).add(entry.value);
  }
  return {
    isBlacklisted: (address) => addresses.has(address) || domains.has(domainOf(address)),
  };
}

export interface BlacklistInputError {
  input: string;
  message: string;
}

export interface ParsedBlacklistInput {
  entries: BlacklistEntry[];
  errors: BlacklistInputError[];
}

const DOMAIN = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)(?:\.(?!-)[\p{L}\p{N}-]{1,63}(?<!-))+$/u;

/** A host name with at least one dot (`acme.com`, `bücher.de`): what people may enter as a domain. */
export function isDomainName(value: string): boolean {
  return DOMAIN.test(value);
}

function checkOne(raw: string): BlacklistEntry | BlacklistInputError {
  if (raw.includes('*') || raw.includes('?')) {
    return {
      input: raw,
      message: `"${raw}" has a wildcard. Wildcards are not supported: enter the domain itself (for example acme.com), which blocks every address at that domain but not its subdomains.`,
    };
  }
  const entry = classifyBlacklistEntry(raw);
  if (entry.kind === 'address') {
    const ok =
      isPlainAddrSpec(entry.value) && DOMAIN.test(domainOf(entry.value)) && localPartOf(entry.value) !== '';
    return ok
      ? entry
      : { input: raw, message: `"${raw}" is not a valid email address (expected name@company.com).` };
  }
  return DOMAIN.test(entry.value)
    ? entry
    : {
        input: raw,
        message: `"${raw}" is neither an email address nor a domain (expected name@company.com or company.com).`,
      };
}

/**
 * Reads what a person typed or pasted into a blacklist box: entries separated by commas, semicolons, spaces or
 * new lines. Good entries are kept (normalised, without duplicates) even when others are rejected.
 */
export function parseBlacklistInput(text: string): ParsedBlacklistInput {
  const entries: BlacklistEntry[] = [];
  const errors: BlacklistInputError[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;]+/)) {
    if (raw === '') continue;
    const result = checkOne(raw);
    if ('message' in result) errors.push(result);
    else if (!seen.has(`${result.kind}:${result.value}`)) {
      seen.add(`${result.kind}:${result.value}`);
      entries.push(result);
    }
  }
  return { entries, errors };
}

/** The stored text of an entry: the address, or the bare domain. */
export function formatBlacklistEntry(entry: BlacklistEntry): string {
  return entry.value;
}
