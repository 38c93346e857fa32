/** A stored message as Graph's `message` resource, honouring `$select` and the body content type. */
import { GraphError } from './errors';
import { restId, type StoredMessage } from './store';

export interface RenderOptions {
  select?: string[] | undefined;
  /** From `Prefer: outlook.body-content-type="text"`; Graph's default is HTML. */
  bodyType: 'text' | 'html';
  inDelta?: boolean;
  /** Whether delta answers include internetMessageHeaders when selected (unclear in Graph's docs). */
  deltaHeaders: boolean;
  /** From `Prefer: IdType="ImmutableId"`; without it ids change when a message moves folder. */
  immutableId: boolean;
  /**
   * The Sent Items folder's id: the copy there has no internet header fields (internetMessageHeaders is left out, as
   * Graph does: https://github.com/microsoftgraph/microsoft-graph-docs/issues/2716); the x- fields a compose add-in
   * set are MAPI named properties of the item (PS_INTERNET_HEADERS), read with `$expand=singleValueExtendedProperties`.
   */
  sentItemsId?: string;
  /** `$expand`: only `singleValueExtendedProperties($filter=id eq '…')` (anything else 400). */
  expand?: string | null;
}

/** The property set of the internet header fields a message carries as named properties (PS_INTERNET_HEADERS). */
const PS_INTERNET_HEADERS = '00020386-0000-0000-c000-000000000046';

/** `singleValueExtendedProperties` for `$expand=singleValueExtendedProperties($filter=id eq '…')`, or undefined. */
function extendedProperties(m: StoredMessage, expand: string): { id: string; value: string }[] | undefined {
  const one = /^singleValueExtendedProperties\(\$filter=id eq '([^']+)'\)$/i.exec(expand.trim());
  if (!one) throw new GraphError(400, 'BadRequest', `Unsupported $expand (emulator): ${expand}`);
  const named = /^String \{([0-9a-f-]{36})\} Name (.+)$/i.exec(one[1] ?? '');
  if (!named || named[1]?.toLowerCase() !== PS_INTERNET_HEADERS) return undefined;
  const name = (named[2] ?? '').toLowerCase();
  const header = m.internetMessageHeaders.find((h) => h.name.toLowerCase() === name);
  // Graph answers the property with its id normalised (the GUID lower-cased) and leaves it out when the item has none.
  return header ? [{ id: `String {${PS_INTERNET_HEADERS}} Name ${name}`, value: header.value }] : undefined;
}

const DEFAULT_FIELDS = [
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'conversationId',
  'isRead',
  'isDraft',
  'body',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
];
/** Returned only when named in $select (Graph's documented behaviour for internetMessageHeaders). */
const SELECT_ONLY = ['internetMessageHeaders', 'uniqueBody'];

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderMessage(m: StoredMessage, options: RenderOptions): Record<string, unknown> {
  const fields = options.select ?? DEFAULT_FIELDS;
  for (const f of fields) {
    if (f !== 'id' && !DEFAULT_FIELDS.includes(f) && !SELECT_ONLY.includes(f)) {
      throw new GraphError(
        400,
        'RequestBroker--ParseUri',
        `Could not find a property named '${f}' on type 'microsoft.graph.message'.`,
      );
    }
  }
  const all: Record<string, unknown> = {
    createdDateTime: m.receivedDateTime,
    lastModifiedDateTime: m.receivedDateTime,
    changeKey: m.changeKey,
    receivedDateTime: m.receivedDateTime,
    sentDateTime: m.sentDateTime,
    hasAttachments: m.attachments.length > 0,
    internetMessageId: m.internetMessageId,
    subject: m.subject,
    bodyPreview: m.bodyText.slice(0, 255),
    importance: 'normal',
    parentFolderId: m.folderId,
    conversationId: m.conversationId,
    isRead: m.isRead,
    isDraft: m.isDraft,
    body:
      options.bodyType === 'text'
        ? { contentType: 'text', content: m.bodyText }
        : { contentType: 'html', content: `<html><body><p>${escapeHtml(m.bodyText)}</p></body></html>` },
    sender: m.sender,
    from: m.from,
    toRecipients: m.toRecipients,
    ccRecipients: m.ccRecipients,
    bccRecipients: m.bccRecipients,
    replyTo: [],
    internetMessageHeaders: m.internetMessageHeaders,
    uniqueBody: { contentType: options.bodyType, content: m.bodyText },
  };
  const out: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.message',
    '@odata.etag': `W/"${m.changeKey}"`,
    id: options.immutableId ? m.id : restId(m.id, m.folderId),
  };
  for (const f of fields) {
    if (f === 'id') continue;
    if (f === 'internetMessageHeaders' && options.inDelta && !options.deltaHeaders) continue;
    if (f === 'internetMessageHeaders' && m.folderId === options.sentItemsId) continue;
    out[f] = all[f];
  }
  if (options.expand) {
    const properties = extendedProperties(m, options.expand);
    if (properties) out.singleValueExtendedProperties = properties;
  }
  return out;
}
