import {
  decideAutoshare,
  knownThreadRoot,
  subscriptionsFor,
  threadKeysOf,
  type MailMessage,
} from '../../src';

// A subscription made in a pane stores the face's thread id and the thread's root Message-ID; a reply matches when
// either of its ids matches either stored id, whatever source read it.

const OUTLOOK = 'AAQkADAwATM0MDAAMS1iNTcwLTk3ZjQtMDACLTAwCgAQAHd=';
const GMAIL = '18c9a1b2c3d4e5f6';
const ROOT = 'root.1@acme.com';
const opp = { kind: 'opportunity' as const, id: 'opp-1' };

/** The reply as IMAP and Maildir read it: no provider id, only References. */
const imapReply = {
  internetMessageId: '<reply.2@acme.com>',
  headers: { references: `<${ROOT}> <second@acme.com>`, 'in-reply-to': '<second@acme.com>' },
};

describe('the root a face can vouch for', () => {
  test('with header fields read: References, else In-Reply-To, else its own Message-ID', () => {
    expect(knownThreadRoot(imapReply)).toBe(ROOT);
    expect(knownThreadRoot({ internetMessageId: '<r@x>', headers: { 'in-reply-to': '<p@x>' } })).toBe('p@x');
    expect(knownThreadRoot({ internetMessageId: '<first@x>', headers: {} })).toBe('first@x');
  });

  test('without header fields (Outlook before Mailbox 1.8) it is unknown, not the own Message-ID', () => {
    expect(knownThreadRoot({ internetMessageId: '<reply@x>' })).toBeUndefined();
    expect(threadKeysOf({ internetMessageId: '<reply@x>', threadId: OUTLOOK })).toEqual([OUTLOOK]);
  });

  test("a message's keys: its thread id and its root", () => {
    expect(threadKeysOf({ ...imapReply, threadId: GMAIL })).toEqual([GMAIL, ROOT]);
    expect(threadKeysOf(imapReply)).toEqual([ROOT]);
  });
});

describe('stored subscriptions for a batch', () => {
  test('an IMAP reply matches a subscription made in Outlook by its root, under its own thread id', () => {
    expect(subscriptionsFor([imapReply], [{ threadId: OUTLOOK, rootMessageId: ROOT, what: opp }])).toEqual([
      { threadId: ROOT, what: opp },
    ]);
  });

  test("a Gmail message matches an Outlook subscription by root; the provider's own id matches alone", () => {
    const stored = [{ threadId: OUTLOOK, rootMessageId: ROOT }];
    expect(subscriptionsFor([{ ...imapReply, threadId: GMAIL }], stored)).toEqual([{ threadId: GMAIL }]);
    expect(subscriptionsFor([{ internetMessageId: '<sent@x>', threadId: OUTLOOK }], stored)).toEqual([
      { threadId: OUTLOOK },
    ]);
  });

  test('nothing matches another thread, nor a subscription without a root by References', () => {
    expect(subscriptionsFor([imapReply], [{ threadId: OUTLOOK, rootMessageId: 'other@acme.com' }])).toEqual(
      [],
    );
    expect(subscriptionsFor([imapReply], [{ threadId: OUTLOOK }])).toEqual([]);
  });

  test('one entry per message and record, even when both ids match', () => {
    const stored = [{ threadId: GMAIL, rootMessageId: ROOT, what: opp }];
    const message = { ...imapReply, threadId: GMAIL };
    expect(subscriptionsFor([message, message], stored)).toEqual([{ threadId: GMAIL, what: opp }]);
  });

  test("rule 5 then saves the IMAP reply in thread mode with the subscription's record", () => {
    const message: MailMessage = {
      ...imapReply,
      folder: 'inbox',
      from: { address: 'jane@acme.com' },
      to: [{ address: 'sam@ourco.com' }],
      cc: [],
      bcc: [],
      subject: 'Re: terms',
      sentAt: '2026-03-02T10:00:00Z',
    };
    const ctx = {
      user: { id: 'u', addresses: ['sam@ourco.com'], crmUserId: 'usr' },
      connectedAt: '2026-01-01T00:00:00Z',
      internalDomains: ['ourco.com'],
      settings: {
        autoshareEmails: false,
        threadAutosave: true,
        linkToOpportunities: true,
        autoCreateContacts: false,
        blacklistPolicy: 'exclude-participant' as const,
        sharing: { inbound: 'subject' as const, outbound: 'subject' as const },
        autoshareMeetings: false,
        autoshareAppointments: false,
      },
      blacklist: [],
      threadSubscriptions: subscriptionsFor(
        [message],
        [{ threadId: OUTLOOK, rootMessageId: ROOT, what: opp }],
      ),
      savedMessageIds: [],
      crm: { people: [], accounts: [], opportunities: [] },
    };
    expect(decideAutoshare(message, ctx)).toMatchObject({
      action: 'save',
      reason: 'thread_autosave',
      what: opp,
    });
  });
});
