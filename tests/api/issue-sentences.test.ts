import { z } from 'zod';
import { imapConnectRequestSchema } from '../../src/api/mailbox-api';
import { saveRequestSchema } from '../../src/api/sidebar-api';
import { issueSentences } from '../../src/api/issue-sentences';

// zod's issues read as sentences for people: the value that was sent, the field in words, never a schema path.

const sentencesOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return issueSentences(result.error.issues, input);
};

describe('validation issues as sentences', () => {
  test('formats, sizes, types and choices name the value sent', () => {
    const schema = z.object({
      email: z.email(),
      port: z.number().int().min(1).max(65535),
      name: z.string().min(1),
      tags: z.array(z.string()).min(1),
      level: z.enum(['metadata', 'subject', 'full']),
      count: z.number(),
    });
    expect(
      sentencesOf(schema, {
        email: 'not an address',
        port: 70000,
        name: '',
        tags: [],
        level: 'all',
        count: 'x',
      }),
    ).toEqual([
      "'not an address' is not an email address.",
      'The port 70000 is too large: at most 65535.',
      'The name is empty.',
      'The tags needs at least 1 item.',
      "The level 'all' is not one of 'metadata', 'subject' or 'full'.",
      'The count must be a number, not text.',
    ]);
  });

  test('missing fields, unknown fields and list items, in words', () => {
    const schema = z.strictObject({ firstName: z.string(), to: z.array(z.object({ address: z.string() })) });
    expect(sentencesOf(schema, { to: [{ address: 'a@b.c' }, {}], colour: 'red' })).toEqual([
      'The first name is missing.',
      'The address (item 2) is missing.',
      "'colour' is not a field Liaison knows.",
    ]);
  });

  test("the API's own schemas: no sentence carries a path, a slash or zod's generic words", () => {
    const bad = [
      sentencesOf(imapConnectRequestSchema, {
        host: '',
        port: 70000,
        secure: 'yes',
        username: 'sam',
        password: 'x',
      }),
      sentencesOf(saveRequestSchema, {
        message: { internetMessageId: 1 },
        who: [{ kind: 'account', id: 'a' }],
      }),
    ].flat();
    expect(bad.length).toBeGreaterThan(3);
    for (const s of bad) {
      expect(s).toMatch(/^[A-Z'].*\.$/);
      expect(s).not.toMatch(/\/|\.\w+\.|Invalid input|expected|received|#/);
    }
  });
});
