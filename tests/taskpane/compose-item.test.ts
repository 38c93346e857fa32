import { OfficeMockObject } from 'office-addin-mock';
import { createPaneApi } from '../../taskpane/src/api/pane-api';
import { createMailHost, type DraftHost } from '../../taskpane/src/office/mail-host';
import type { OfficeLike } from '../../taskpane/src/office/office-like';
import { noHeadersText, threadPickText, whenSentText } from '../../taskpane/src/pane/compose-sentences';

// The pane while the rep writes an email (issue 18), on office-addin-mock's Outlook: recipients read with getAsync,
// RecipientsChanged followed (debounced), and the `x-liaison-save` internet header set, read and removed.

type Address = { emailAddress: string; displayName?: string };

function composeOutlook({ mailbox18 = true, conversationId = undefined as string | undefined } = {}) {
  const itemHandlers: Record<string, () => void> = {};
  const headers: Record<string, string> = {};
  const fields = {
    to: [{ emailAddress: 'jane.doe@acme.com', displayName: 'Jane Doe' }] as Address[],
    cc: [{ emailAddress: 'newguy@acme.com', displayName: 'newguy@acme.com' }] as Address[],
    bcc: [] as Address[],
  };
  const field = (name: keyof typeof fields) => ({
    getAsync: (callback: (r: { status: string; value: Address[] }) => void) =>
      callback({ status: 'succeeded', value: fields[name] }),
  });
  const office = new OfficeMockObject({
    host: 'outlook',
    context: {
      requirements: {
        isSetSupported: (name: string, version = '1.1') =>
          name === 'Mailbox' && Number(version.split('.')[1]) <= (mailbox18 ? 8 : 7),
      },
      mailbox: {
        userProfile: { emailAddress: 'sam@ourco.com', displayName: 'Sam Seller' },
        addHandlerAsync: () => undefined,
        item: {
          itemType: 'message',
          // A new message has none (office-addin-mock takes no null values).
          ...(conversationId ? { conversationId } : {}),
          subject: {
            getAsync: (cb: (r: { status: string; value: string }) => void) =>
              cb({ status: 'succeeded', value: 'Renewal' }),
          },
          to: field('to'),
          cc: field('cc'),
          bcc: field('bcc'),
          addHandlerAsync(type: string, handler: () => void) {
            itemHandlers[type] = handler;
          },
          removeHandlerAsync(type: string) {
            delete itemHandlers[type];
          },
          internetHeaders: {
            getAsync: (names: string[], cb: (r: { status: string; value: Record<string, string> }) => void) =>
              cb({
                status: 'succeeded',
                value: Object.fromEntries(names.filter((n) => n in headers).map((n) => [n, headers[n]!])),
              }),
            setAsync: (set: Record<string, string>, cb: (r: { status: string }) => void) => {
              Object.assign(headers, set);
              cb({ status: 'succeeded' });
            },
            removeAsync: (names: string[], cb: (r: { status: string }) => void) => {
              for (const n of names) delete headers[n];
              cb({ status: 'succeeded' });
            },
          },
        },
      },
    },
  }) as unknown as OfficeLike;
  return { office, fields, headers, itemHandlers };
}

function draftOf(office: OfficeLike): DraftHost {
  const open = createMailHost(office, async () => 't').readOpen();
  if (open?.kind !== 'compose') throw new Error(`not a draft: ${open?.kind}`);
  return open.draft;
}

test('a message being written is a draft: its recipients and subject are read with getAsync', async () => {
  const { office } = composeOutlook({ conversationId: 'AAQk-conv' });
  const draft = await draftOf(office).read();
  expect(draft).toEqual({
    to: [{ address: 'jane.doe@acme.com', name: 'Jane Doe' }],
    cc: [{ address: 'newguy@acme.com' }],
    bcc: [],
    subject: 'Renewal',
    threadId: 'AAQk-conv',
  });
});

test('RecipientsChanged: a burst of changes asks once, with the recipients as they are then', async () => {
  jest.useFakeTimers();
  try {
    const { office, fields, itemHandlers } = composeOutlook();
    const host = draftOf(office);
    const seen: string[][] = [];
    const stop = host.onRecipientsChanged(() => {
      void host.read().then((d) => seen.push(d.to.map((a) => a.address)));
    });
    expect(Object.keys(itemHandlers)).toEqual(['olkRecipientsChanged']);
    fields.to = [...fields.to, { emailAddress: 'pat@globex.com' }];
    itemHandlers['olkRecipientsChanged']!();
    itemHandlers['olkRecipientsChanged']!();
    expect(seen).toEqual([]);
    await jest.runAllTimersAsync();
    expect(seen).toEqual([['jane.doe@acme.com', 'pat@globex.com']]);
    stop();
    expect(itemHandlers).toEqual({});
  } finally {
    jest.useRealTimers();
  }
});

test('Save when sent sets the x-liaison-save header with the token; unticking removes it', async () => {
  const { office, headers } = composeOutlook();
  const host = draftOf(office);
  expect(host.canMarkForSaving).toBe(true);
  expect(await host.mark()).toBeUndefined();
  await host.markForSaving('tok.123');
  expect(headers).toEqual({ 'x-liaison-save': 'tok.123' });
  expect(await host.mark()).toBe('tok.123');
  await host.unmark();
  expect(headers).toEqual({});
});

test('without Mailbox 1.8 the draft cannot be marked, and the pane says what it can do instead', () => {
  const { office } = composeOutlook({ mailbox18: false });
  expect(draftOf(office).canMarkForSaving).toBe(false);
  expect(noHeadersText('AAQk-conv')).toBe(
    "This Outlook can't mark an email to be saved when sent (that needs Mailbox 1.8). Instead, Liaison can save " +
      'the next emails you send in this conversation, with the records you pick (a Microsoft 365 mailbox; an IMAP ' +
      'or Maildir one cannot follow a conversation without Mailbox 1.8).',
  );
  expect(threadPickText(['Jane Doe'])).toBe(
    'The next email you send in this conversation will be saved, linked to Jane Doe, and the ones after it too.',
  );
  expect(noHeadersText(undefined)).toMatch(/no conversation yet: once it is sent, open it in Sent Items/);
});

test('the sentence says what will happen on send', () => {
  expect(whenSentText(['Jane Doe', 'Acme — UK expansion'], false)).toBe(
    'Will be saved to the CRM when you send it, linked to Jane Doe and Acme — UK expansion.',
  );
  expect(whenSentText([], true)).toBe(
    'Will be saved to the CRM when you send it. The next emails in this thread will be saved too.',
  );
});

test('the pane asks the compose view and posts the pick to /api/save/when-sent (a stub server)', async () => {
  const calls: { url: string; body: unknown }[] = [];
  const api = createPaneApi(
    async () => 't',
    'http://server',
    async (url, init) => {
      calls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      const body = String(url).endsWith('/api/save/when-sent')
        ? { header: 'x-liaison-save', token: 'tok.1', expiresAt: '2026-12-08T00:00:00Z' }
        : { people: [] };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    },
  );
  await api.draft({ to: [{ address: 'jane.doe@acme.com' }], cc: [], bcc: [], subject: 'Hi' });
  const answer = await api.saveWhenSent({
    who: [{ kind: 'contact', id: 'con-jane-doe' }],
    autosaveThread: true,
  });
  expect(answer.token).toBe('tok.1');
  expect(calls).toEqual([
    {
      url: 'http://server/api/sidebar/compose',
      body: { to: [{ address: 'jane.doe@acme.com' }], cc: [], bcc: [], subject: 'Hi' },
    },
    {
      url: 'http://server/api/save/when-sent',
      body: { who: [{ kind: 'contact', id: 'con-jane-doe' }], autosaveThread: true },
    },
  ]);
});
