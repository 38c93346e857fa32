// What one imported row of each kind must look like. Optional fields left out (or null, or an
// empty CSV cell) keep the stored value when a record is updated, as Salesforce's Data Loader does.
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { quoteValue } from '../../../src/api/issue-sentences';
import { domainOf, isPlainAddrSpec, normalizeAddress, normalizeDomain, parseIsoDateTime } from '../../../src';

export const IMPORT_KINDS = ['account', 'contact', 'lead', 'opportunity'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A host name with at least two labels and a top-level domain of letters (or punycode). */
export function isValidDomain(domain: string): boolean {
  const ascii = domainToASCII(domain);
  if (!ascii || ascii.length > 253) return false;
  const labels = ascii.split('.');
  const tld = labels[labels.length - 1] ?? '';
  return (
    labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /^([a-z]{2,63}|xn--[a-z0-9-]+)$/.test(tld)
  );
}

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseIsoDateTime(`${value}T00:00:00Z`) !== null;
}

const text = (max: number) => z.string().trim().max(max, `is longer than ${max} characters`);
const required = (max: number) => text(max).min(1, 'is required');
/** Absent, null and '' all mean "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null || v === '' ? undefined : v), schema.optional());

/** An error message that quotes the rejected value. */
const invalid = (what: string) => ({
  error: (issue: { input?: unknown }) => `${quoteValue(issue.input)} ${what}`,
});

const id = required(255).regex(/^[^\s]+$/, 'must not contain spaces');

const email = z
  .string()
  .trim()
  .refine(
    (v) => isPlainAddrSpec(v) && isValidDomain(normalizeDomain(domainOf(v))),
    invalid('is not a valid email address'),
  )
  .transform(normalizeAddress);

const domain = z.string().transform(normalizeDomain).refine(isValidDomain, invalid('is not a valid domain'));

/** An ISO 8601 date-time with a zone, or a plain date (midnight UTC); stored as an ISO string. */
const createdAt = z
  .string()
  .trim()
  .refine(
    (v) => parseIsoDateTime(v) !== null || isCalendarDate(v),
    invalid('is not a date-time like 2025-03-01T09:00:00Z (or a date like 2025-03-01)'),
  )
  .transform((v) => new Date(parseIsoDateTime(isCalendarDate(v) ? `${v}T00:00:00Z` : v)!).toISOString());

const closeDate = z.string().trim().refine(isCalendarDate, invalid('is not a date like 2026-06-30'));

const amount = z
  .number({ error: 'must be a number like 48000 or 1250.50' })
  .finite()
  .min(0, 'must not be negative')
  .max(1e13, 'is too large')
  .transform((n) => Math.round(n * 100) / 100);

const owner = optional(required(255));
const nameFields = {
  firstName: optional(text(255)),
  lastName: required(255),
};

export const accountRowSchema = z.strictObject({
  id,
  name: required(255),
  domains: optional(z.array(domain).transform((list) => [...new Set(list)])),
  industry: optional(text(255)),
  ownerId: owner,
  createdAt: optional(createdAt),
});

const personFields = {
  id,
  ...nameFields,
  email,
  additionalEmails: optional(z.array(email)),
  title: optional(text(255)),
  ownerId: owner,
  createdAt: optional(createdAt),
};

export const contactRowSchema = z.strictObject({
  ...personFields,
  accountId: optional(id),
  phone: optional(text(64)),
});

export const leadRowSchema = z.strictObject({
  ...personFields,
  company: optional(text(255)),
  converted: optional(z.boolean()),
});

export const opportunityRowSchema = z
  .strictObject({
    id,
    accountId: id,
    name: required(255),
    stage: required(255),
    ownerId: required(255),
    amount: optional(amount),
    closeDate: optional(closeDate),
    closed: optional(z.boolean()),
    won: optional(z.boolean()),
    createdAt: optional(createdAt),
  })
  .refine((o) => !(o.won === true && o.closed === false), {
    message: 'a won opportunity is closed: won is true but closed is false',
    path: ['won'],
  });

export type AccountRow = z.output<typeof accountRowSchema>;
export type ContactRow = z.output<typeof contactRowSchema>;
export type LeadRow = z.output<typeof leadRowSchema>;
export type OpportunityRow = z.output<typeof opportunityRowSchema>;

export const rowSchemas = {
  account: accountRowSchema,
  contact: contactRowSchema,
  lead: leadRowSchema,
  opportunity: opportunityRowSchema,
} as const;

/** Every field a row of any kind may have (the CSV columns). */
export const IMPORT_FIELDS: readonly string[] = [
  'kind',
  ...new Set(Object.values(rowSchemas).flatMap((s) => Object.keys(('shape' in s ? s : s).shape))),
];
/** Fields that hold lists (CSV cells separate items with `;`). */
export const LIST_FIELDS: ReadonlySet<string> = new Set(['domains', 'additionalEmails']);
export const BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['converted', 'closed', 'won']);
export const NUMBER_FIELDS: ReadonlySet<string> = new Set(['amount']);
