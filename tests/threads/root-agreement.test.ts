import fc from 'fast-check';
import { deriveThreadId, knownThreadRoot } from '../../src';
import { emlHeadersToMessage } from '../../server/providers/eml-to-message';
import { threadHeaderFields } from '../../taskpane/src/office/internet-headers';

// The pane (Outlook's header block, read by threadHeaderFields) and the IMAP and Maildir sources (the same header
// block, parsed by mailparser) must name a thread by the same root, however the fields are folded and spaced;
// otherwise a subscription made in the pane would never match the replies the sync reads.

const atom = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,12}$/);
const messageId = fc.tuple(atom, atom).map(([local, domain]) => `${local}@${domain}.example`);
const gap = fc.constantFrom(' ', '  ', '\r\n ', '\r\n\t', ' \r\n  ');

test('the pane and the sources derive the same root from one header block', async () => {
  await fc.assert(
    fc.asyncProperty(
      messageId,
      fc.array(messageId, { maxLength: 4 }),
      fc.option(messageId, { nil: undefined }),
      gap,
      async (own, references, inReplyTo, space) => {
        const lines = [
          `Message-ID: <${own}>`,
          ...(references.length > 0 ? [`References: ${references.map((id) => `<${id}>`).join(space)}`] : []),
          ...(inReplyTo ? [`In-Reply-To: <${inReplyTo}>`] : []),
          'From: Jane <jane@acme.example>',
          'Subject: Re: terms',
          'Date: Mon, 02 Mar 2026 10:00:00 +0000',
        ];
        const block = `${lines.join('\r\n')}\r\n\r\n`;
        const pane = knownThreadRoot({ internetMessageId: `<${own}>`, headers: threadHeaderFields(block) });
        const source = deriveThreadId(await emlHeadersToMessage(Buffer.from(block)));
        expect(pane).toBe(source);
        expect(pane).toBe(references[0] ?? inReplyTo ?? own);
      },
    ),
    { numRuns: 200 },
  );
});
