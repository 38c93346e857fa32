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

export function recordPageRoutes({ app, deps }: RouteContext): void {
  app.get(`${RECORD_PAGE_PATH}/:kind/:id`, {
    config: { access: 'user' },
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
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Liaison CRM</title>` +
            '<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:40rem}dt{color:#555;margin-top:.6rem}' +
            'dd{margin:0}</style></head><body>' +
            `<p>${KIND_LABEL[ref.kind]} in Liaison's embedded CRM</p><h1>${title}</h1>` +
            (facts ? `<dl>${facts}</dl>` : '') +
            '</body></html>',
        );
    },
  });
}
