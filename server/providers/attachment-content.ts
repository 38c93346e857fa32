import type { MailMessage } from '../../src';
import { emlToMessage } from './eml-to-message';
import type { MailBatch } from './mail-source';

// For sources that download whole messages (IMAP, the Gmail API's raw format): the rules read no attachment, so a
// batch keeps the source of its messages that have attachments, and decodes their content only for the saves at
// `full` (`MailBatch.withBody`); the batch and these sources go together once it is recorded.

export function keepSourcesForFiles(): {
  keep(message: MailMessage, source: Buffer): void;
  withBody: NonNullable<MailBatch['withBody']>;
} {
  const sources = new WeakMap<MailMessage, Buffer>();
  return {
    keep(message, source) {
      if ((message.attachments?.length ?? 0) > 0) sources.set(message, source);
    },
    async withBody(message) {
      const source = sources.get(message);
      if (!source) return message;
      const whole = await emlToMessage(source, message.folder, { files: true });
      return { ...message, attachments: whole.attachments ?? [] };
    },
  };
}
