/** The Gmail add-on at `full`: the files are read with the message only for such a save, within the limit. */
import { filesToRead } from '../../gmail-addon/card-model';
import { readMessage } from '../../gmail-addon/apps-script/read-message';
import type { GmailMessageApi } from '../../gmail-addon/apps-script/globals';

const bytes = (s: string) => [...Buffer.from(s)];

function gmailMessage(read: string[]): GmailMessageApi {
  const attachment = (name: string, content: string) => ({
    getName: () => name,
    getSize: () => content.length,
    getContentType: () => 'text/plain',
    getBytes: () => {
      read.push(name);
      return bytes(content);
    },
  });
  return {
    getId: () => 'g1',
    getFrom: () => 'Jane <jane@acme.com>',
    getTo: () => 'sam@ourco.com',
    getCc: () => '',
    getBcc: () => '',
    getSubject: () => 'Files',
    getDate: () => new Date('2026-03-01T10:00:00Z'),
    getHeader: (name: string) => (name === 'Message-ID' ? '<g1@mail.gmail.com>' : ''),
    getPlainBody: () => 'See attached.',
    getThread: () => ({ getId: () => 't1' }),
    isDraft: () => false,
    isInTrash: () => false,
    isInInbox: () => true,
    getAttachments: () => [
      attachment('a.txt', 'hello'),
      attachment('big.txt', 'x'.repeat(50)),
      attachment('c.txt', 'hey'),
    ],
  } as unknown as GmailMessageApi;
}

const base64Encode = (data: number[]) => Buffer.from(data).toString('base64');

test('at full the files within the limit are read as base64, the one past it only named', () => {
  const read: string[] = [];
  const m = readMessage(gmailMessage(read), 'sam@ourco.com', true, { limitBytes: 10, base64Encode });
  expect(m.attachments).toEqual([
    { name: 'a.txt', size: 5, contentType: 'text/plain', content: base64Encode(bytes('hello')) },
    { name: 'big.txt', size: 50, contentType: 'text/plain' },
    { name: 'c.txt', size: 3, contentType: 'text/plain', content: base64Encode(bytes('hey')) },
  ]);
  expect(read).toEqual(['a.txt', 'c.txt']);
});

test('below full no file is read', () => {
  const read: string[] = [];
  const m = readMessage(gmailMessage(read), 'sam@ourco.com', true);
  expect(m.attachments?.map((a) => a.name)).toEqual(['a.txt', 'big.txt', 'c.txt']);
  expect(read).toEqual([]);
});

test('the save reads files for full, picked or as the default the button carries, with the server limit', () => {
  const level = (value: string) => ({ level: { stringInputs: { value: [value] } } });
  const params = { defaultLevel: 'full', attachmentLimitMb: '10' };
  expect(filesToRead({ parameters: params, formInputs: level('') })).toEqual({
    limitBytes: 10 * 1024 * 1024,
  });
  expect(filesToRead({ parameters: params, formInputs: level('subject') })).toBeUndefined();
  expect(
    filesToRead({ parameters: { ...params, defaultLevel: 'subject' }, formInputs: level('full') }),
  ).toEqual({
    limitBytes: 10 * 1024 * 1024,
  });
  expect(filesToRead({ parameters: { defaultLevel: 'metadata' } })).toBeUndefined();
});
