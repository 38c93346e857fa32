/** Attachments at `full`: saved as files within the per-email limit, the others named in the activity and the trace. */
import {
  attachmentsSentence,
  formatBytes,
  megabytes,
  planAttachmentFiles,
  shareContent,
  sharingLevelLabel,
  type MailMessage,
} from '../../src';
import { base64Bytes } from '../../src/content/attachment-files';

const b64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
const MB = 1024 * 1024;

const message: MailMessage = {
  internetMessageId: '<files@x>',
  folder: 'inbox',
  from: { address: 'jane@acme.com' },
  to: [{ address: 'sam@ourco.com' }],
  cc: [],
  bcc: [],
  subject: 'Files',
  sentAt: '2026-03-01T10:00:00Z',
  bodyText: 'See attached.',
  attachments: [
    { name: 'quote.pdf', size: 3000, contentType: 'application/pdf', content: b64(3000) },
    { name: 'video.mp4', size: 30 * MB, contentType: 'video/mp4', content: b64(30 * MB) },
    { name: 'terms.txt', size: 10, contentType: 'text/plain', content: b64(10) },
  ],
};

describe('attachment files at full', () => {
  test('files within the default 25 MB are saved with their content; a larger one is named in the body and skipped', () => {
    const c = shareContent(message, 'full');
    expect(c.files.map((f) => [f.name, f.size, f.contentType])).toEqual([
      ['quote.pdf', 3000, 'application/pdf'],
      ['terms.txt', 10, 'text/plain'],
    ]);
    expect(Buffer.from(c.files[0]!.content, 'base64')).toEqual(Buffer.alloc(3000, 7));
    expect(c.notSaved).toEqual([{ name: 'video.mp4', size: 30 * MB, reason: 'over_limit' }]);
    expect(c.body.split('\n').slice(-2)).toEqual([
      'Attachments not saved:',
      '- video.mp4 (30 MB): not saved, past the 25 MB of files saved per email',
    ]);
    // Every attachment is still listed by name, size and type.
    expect(c.attachments.map((a) => a.name)).toEqual(['quote.pdf', 'video.mp4', 'terms.txt']);
  });

  test('the limit is per email: files are saved in order while their total stays within it', () => {
    const plan = planAttachmentFiles(
      [
        { name: 'a', size: 600, contentType: 'x', content: b64(600) },
        { name: 'b', size: 600, contentType: 'x', content: b64(600) },
        { name: 'c', size: 400, contentType: 'x', content: b64(400) },
      ],
      1000,
    );
    expect(plan.files.map((f) => f.name)).toEqual(['a', 'c']);
    expect(plan.notSaved).toEqual([{ name: 'b', size: 600, reason: 'over_limit' }]);
  });

  test('a configured limit is used and named', () => {
    const c = shareContent(message, 'full', { attachmentLimitBytes: 2048 });
    expect(c.files.map((f) => f.name)).toEqual(['terms.txt']);
    expect(c.body).toContain('- quote.pdf (3 KB): not saved, past the 2 KB of files saved per email');
  });

  test('an attachment whose content was not read is named, not saved, and says why', () => {
    const c = shareContent(
      { ...message, attachments: [{ name: 'link.url', size: 0, contentType: 'text/uri-list' }] },
      'full',
    );
    expect(c.files).toEqual([]);
    expect(c.body.endsWith('- link.url: not saved, its content could not be read from the mailbox')).toBe(
      true,
    );
  });

  test('below full no file and no content leaves the mailbox', () => {
    for (const level of ['metadata', 'subject'] as const) {
      const c = shareContent(message, level);
      expect([c.files, c.notSaved, c.attachments]).toEqual([[], [], []]);
      expect(c.body).not.toContain('quote.pdf');
    }
  });

  test('the trace sentence says which files were saved and which were only named', () => {
    const limit = megabytes(25);
    const plan = planAttachmentFiles(message.attachments!, limit);
    expect(attachmentsSentence(plan, limit)).toBe(
      'Attachments: quote.pdf and terms.txt saved as files with the activity; video.mp4 (30 MB) past the 25 MB of files saved per email: named in the activity, not saved.',
    );
    expect(attachmentsSentence(planAttachmentFiles([], limit), limit)).toBeUndefined();
  });

  test('the label of the full level names the limit it applies', () => {
    expect(sharingLevelLabel('full')).toBe('Full email (body, attachment files up to 25 MB per email)');
    expect(sharingLevelLabel('full', 10)).toContain('up to 10 MB per email');
    expect(sharingLevelLabel('metadata')).toBe('Metadata only (who and when)');
  });

  test('sizes from base64 without decoding, and as people read them', () => {
    for (const n of [0, 1, 2, 3, 4, 1000, 1001]) expect(base64Bytes(b64(n))).toBe(n);
    expect([formatBytes(900), formatBytes(3000), formatBytes(3.4 * MB), formatBytes(30 * MB)]).toEqual([
      '900 bytes',
      '3 KB',
      '3.4 MB',
      '30 MB',
    ]);
  });
});
