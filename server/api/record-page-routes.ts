import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordKey } from '../../src';
import { notFound } from '../app/http-error';
import { RECORD_PAGE_PATH } from '../crm/embedded/record-page-url';
import type { RouteContext } from './route-context';

// The embedded CRM's page for one record, read-only: where a sidebar's "open in CRM" link goes when the CRM is the
// embedded one (Salesforce records open in Salesforce). Signed-in users only, as the rest of the CRM's data.

const KIND_LABEL = {
  contact: 'Contact',
  lead: 'Lead',
  account: 'Account',
  opportunity: 'Opportunity',
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** The page around a record or a refusal: a tab a rep opened from a sidebar shows a page, never JSON. */
function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Liaison CRM</title>` +
    '<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:40rem}dt{color:#555;margin-top:.6rem}' +
    `dd{margin:0}</style></head><body>${body}</body></html>`
  );
}

/**
 * A browser's navigation (it asks for HTML) refused as not signed in or not found gets a page that says what to do;
 * programs get the API's JSON answer from the app's error handler, as on every route.
 */
function refusalPage(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const status = (error as { statusCode?: number }).statusCode;
  if (!(request.headers.accept ?? '').includes('text/html') || (status !== 401 && status !== 404))
    throw error;
  const body =
    status === 401
      ? "<h1>Sign in to see this record</h1><p>Liaison's embedded CRM shows its records to signed-in people only. " +
        '<a href="/">Open Liaison</a>, sign in with the link you were given, then open the record again.</p>'
      : `<h1>No such record</h1><p>${escapeHtml(sentence(error instanceof Error ? error.message : 'Not found'))}</p>`;
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .send(page(status === 401 ? 'Sign in' : 'Not found', body));
}

export function recordPageRoutes({ app, deps }: RouteContext): void {
  app.get(`${RECORD_PAGE_PATH}/:kind/:id`, {
    config: { access: 'user' },
    errorHandler: refusalPage,
    schema: {
      params: z.object({
        kind: z.enum(['contact', 'lead', 'account', 'opportunity']),
        id: z.string().min(1).max(200),
      }),
    },
    handler: async (request, reply) => {
      const ref = request.params;
      if (deps.crm.kind !== 'embedded')
        throw notFound('This page shows records of the embedded CRM; your records open in your CRM');
      const details = (await deps.crm.getRecordDetails([ref]))[recordKey(ref)];
      if (!details) throw notFound(`That ${ref.kind}`);
      const rows: [string, string | undefined][] = [
        ['Title', details.title],
        ['Company', details.company],
        ['Stage', details.stage],
        [
          'Amount',
          details.amount === undefined
            ? undefined
            : details.currency
              ? new Intl.NumberFormat('en-US', { style: 'currency', currency: details.currency }).format(
                  details.amount,
                )
              : details.amount.toLocaleString('en-US'),
        ],
        ['Close date', details.closeDate],
      ];
      const facts = rows
        .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
        .map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`)
        .join('');
      const title = escapeHtml(details.name || `(no name)`);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', CSP)
        .send(
          page(
            title,
            `<p>${KIND_LABEL[ref.kind]} in Liaison's embedded CRM</p><h1>${title}</h1>` +
              (facts ? `<dl>${facts}</dl>` : ''),
          ),
        );
    },
  });
}
