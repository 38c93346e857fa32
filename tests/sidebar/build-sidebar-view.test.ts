import { buildSidebarView, type AutoshareContext, type MailMessage } from '../../src';

const ctx = (over: Partial<AutoshareContext> = {}): AutoshareContext => ({
  user: { id: 'u1', addresses: ['sam@ourco.com'], crmUserId: '005SAM' },
  connectedAt: '2026-01-01T00:00:00Z',
  internalDomains: ['ourco.com'],
  settings: {
    autoshareEmails: true,
    threadAutosave: true,
    linkToOpportunities: true,
    autoCreateContacts: false,
    blacklistPolicy: 'exclude-participant',
    sharing: { inbound: 'subject', outbound: 'full' },
    autoshareMeetings: false,
    autoshareAppointments: false,
  },
  blacklist: ['spam.biz'],
  threadSubscriptions: [],
  savedMessageIds: [],
  crm: {
    people: [
      {
        id: '003JANE',
        kind: 'contact',
        emails: [{ address: 'jane@acme.com', primary: true }],
        accountId: '001ACME',
        createdAt: '2025-01-01T00:00:00Z',
      },
      {
        id: '00QLIN',
        kind: 'lead',
        emails: [{ address: 'lin@initech.io', primary: true }],
        createdAt: '2025-02-01T00:00:00Z',
      },
      {
        id: '00QLIN2',
        kind: 'lead',
        emails: [{ address: 'lin@initech.io', primary: true }],
        createdAt: '2025-03-01T00:00:00Z',
      },
      {
        id: '003SPAM',
        kind: 'contact',
        emails: [{ address: 'x@spam.biz', primary: true }],
        createdAt: '2025-01-01T00:00:00Z',
      },
    ],
    accounts: [
      { id: '001ACME', domains: ['acme.com'] },
      { id: '001TWIN1', domains: ['twin.io'] },
      { id: '001TWIN2', domains: ['twin.io'] },
    ],
    opportunities: [
      {
        id: '006NEW',
        accountId: '001ACME',
        ownerId: '005SAM',
        createdAt: '2026-05-01T00:00:00Z',
        closed: false,
      },
      {
        id: '006OTHER',
        accountId: '001ACME',
        ownerId: '005KIM',
        createdAt: '2026-06-01T00:00:00Z',
        closed: false,
      },
      {
        id: '006WON',
        accountId: '001ACME',
        ownerId: '005SAM',
        createdAt: '2026-07-01T00:00:00Z',
        closed: true,
      },
    ],
  },
  ...over,
});

const message = (over: Partial<MailMessage> = {}): MailMessage => ({
  internetMessageId: '<m1@acme.com>',
  folder: 'inbox',
  from: { address: 'Jane@Acme.com', name: 'Jane Doe' },
  to: [{ address: 'sam@ourco.com' }],
  cc: [
    { address: 'lin@initech.io' },
    { address: 'x@spam.biz' },
    { address: 'tom.becker@acme.com', name: 'Becker, Tom' },
    { address: 'info@twin.io' },
    { address: 'pat@gmail.com' },
    { address: 'kim@ourco.com' },
  ],
  bcc: [],
  subject: 'Renewal',
  sentAt: '2026-03-01T10:00:00Z',
  ...over,
});

const extras = {
  details: {
    'contact:003JANE': { name: 'Jane Doe', title: 'CFO' },
    'account:001ACME': { name: 'Acme Corp' },
    'opportunity:006NEW': { name: 'Acme renewal 2027', stage: 'Proposal', amount: 42000 },
  },
  activities: {
    'contact:003JANE': [
      { id: '00T1', type: 'call' as const, subject: 'Intro call', date: '2026-02-01T10:00:00Z' },
    ],
  },
};

describe('buildSidebarView (rulebook section 5)', () => {
  test('known people with account, open opportunities (newest first, mine flagged) and recent activities', () => {
    const view = buildSidebarView(message(), ctx(), extras);
    const jane = view.people.find((p) => p.ref.id === '003JANE')!;
    expect(jane).toMatchObject({
      name: 'Jane Doe',
      title: 'CFO',
      address: 'jane@acme.com',
      field: 'from',
      linkedByAutoshare: true,
    });
    expect(jane.account?.name).toBe('Acme Corp');
    expect(jane.account?.opportunities.map((o) => [o.ref.id, o.mine])).toEqual([
      ['006OTHER', false],
      ['006NEW', true],
    ]);
    expect(jane.account?.opportunities[1]).toMatchObject({
      name: 'Acme renewal 2027',
      stage: 'Proposal',
      amount: 42000,
    });
    expect(jane.recentActivities.map((a) => a.subject)).toEqual(['Intro call']);
  });

  test("an opportunity's currency is the CRM's, kept with its amount; without one the view names none", () => {
    const withCurrency = {
      ...extras,
      details: {
        ...extras.details,
        'opportunity:006NEW': { name: 'Acme renewal 2027', amount: 42000, currency: 'EUR' },
        // A currency without an amount says nothing.
        'opportunity:006OTHER': { name: 'Acme other', currency: 'EUR' },
      },
    };
    const opportunities = (v: ReturnType<typeof buildSidebarView>) =>
      v.people.find((p) => p.ref.id === '003JANE')!.account!.opportunities;
    const [other, mine] = opportunities(buildSidebarView(message(), ctx(), withCurrency));
    expect(mine).toMatchObject({ amount: 42000, currency: 'EUR' });
    expect(other).not.toHaveProperty('currency');
    const plain = opportunities(buildSidebarView(message(), ctx(), extras))[1]!;
    expect(plain.amount).toBe(42000);
    expect(plain).not.toHaveProperty('currency');
  });

  test('every matching lead is shown; only the oldest is linked by autosharing', () => {
    const view = buildSidebarView(message(), ctx(), extras);
    expect(
      view.people.filter((p) => p.ref.kind === 'lead').map((p) => [p.ref.id, p.linkedByAutoshare]),
    ).toEqual([
      ['00QLIN', true],
      ['00QLIN2', false],
    ]);
  });

  test('blacklisted addresses are hidden, even when they are known; own and internal addresses are not suggested', () => {
    const view = buildSidebarView(message(), ctx(), extras);
    expect(view.people.map((p) => p.address)).not.toContain('x@spam.biz');
    expect(view.hiddenBlacklisted).toBe(1);
    expect(view.suggestions.map((s) => s.address)).toEqual([
      'tom.becker@acme.com',
      'info@twin.io',
      'pat@gmail.com',
    ]);
  });

  test('New records: contact under the one matching account, else lead; role and personal flags; prefilled fields', () => {
    const [tom, info, pat] = buildSidebarView(message(), ctx(), extras).suggestions;
    expect(tom).toMatchObject({
      kind: 'contact',
      account: { ref: { kind: 'account', id: '001ACME' }, name: 'Acme Corp' },
      roleAddress: false,
      personalAddress: false,
      prefill: {
        firstName: 'Tom',
        lastName: 'Becker',
        email: 'tom.becker@acme.com',
        company: 'Acme Corp',
        accountId: '001ACME',
      },
    });
    // Two accounts share twin.io: no single account, so a lead.
    expect(info).toMatchObject({
      kind: 'lead',
      roleAddress: true,
      personalAddress: false,
      prefill: { company: 'Twin' },
    });
    expect(pat).toMatchObject({
      kind: 'lead',
      personalAddress: true,
      prefill: { firstName: '', lastName: 'Pat', company: '' },
    });
  });

  test('Do Not Sync: once the address is blacklisted, its suggestion disappears', () => {
    const before = buildSidebarView(message(), ctx(), extras);
    expect(before.suggestions.some((s) => s.address === 'pat@gmail.com')).toBe(true);
    const after = buildSidebarView(message(), ctx({ blacklist: ['spam.biz', 'pat@gmail.com'] }), extras);
    expect(after.suggestions.some((s) => s.address === 'pat@gmail.com')).toBe(false);
    expect(after.hiddenBlacklisted).toBe(2);
  });

  test('the autosharing line says what will be linked, by name', () => {
    const view = buildSidebarView(message(), ctx(), extras);
    expect(view.autoshare.willSave).toBe(true);
    expect(view.autoshare.line).toBe(
      // A record the CRM gave no name for says what it is, never its id.
      'Will be saved at the next sync, linked to Jane Doe, a lead (name not available) and Acme renewal 2027.',
    );
    expect(view.autoshare.decision.trace.length).toBeGreaterThan(3);
    // The rep reads the same sentences with names; the decision keeps the ids (the decision log stores those).
    expect(view.autoshare.trace).toHaveLength(view.autoshare.decision.trace.length);
    expect(view.autoshare.decision.trace.join(' ')).toContain('contact 003JANE');
    expect(view.autoshare.trace.join(' ')).toContain('contact Jane Doe');
    expect(view.autoshare.trace.join(' ')).not.toContain('003JANE');
    // No name known: it says what it is, never its id.
    expect(view.autoshare.trace.join(' ')).toContain('to a lead (name not available)');
    expect(view.autoshare.trace.join(' ')).not.toContain('00QLIN');
    expect(Object.values(view.names).join(' ')).not.toMatch(/003JANE|00QLIN|006/);
  });

  test('the autosharing line follows the bound on contacts one email creates', () => {
    const creating = ctx({ settings: { ...ctx().settings, autoCreateContacts: true } });
    const many = message({
      from: { address: 'ann@acme.com' },
      cc: Array.from({ length: 3 }, (_, i) => ({ address: `p${i}@acme.com` })),
    });
    expect(buildSidebarView(many, creating, extras).autoshare.willSave).toBe(true);
    const bounded = buildSidebarView(many, creating, { ...extras, maxContactsPerEmail: 2 });
    expect(bounded.autoshare.willSave).toBe(false);
    expect(bounded.autoshare.trace.join(' ')).toContain(
      '4 people in this email would each have become a new contact, more than the 2 contacts one email may create',
    );
  });

  test('the autosharing line for a skip: "Won\'t be saved: internal email."', () => {
    const internal = message({ from: { address: 'kim@ourco.com' }, cc: [] });
    const view = buildSidebarView(internal, ctx(), extras);
    expect(view.autoshare).toMatchObject({ willSave: false, line: "Won't be saved: internal email." });
    expect(view.people).toEqual([]);
    expect(view.suggestions).toEqual([]);
  });

  test('already saved: the state and where it was saved', () => {
    const saved = {
      activityId: '00T9',
      savedAt: '2026-03-01T11:00:00Z',
      savedBy: 'Kim',
      mode: 'automatic' as const,
      links: [{ kind: 'contact' as const, id: '003JANE' }],
    };
    const view = buildSidebarView(message(), ctx({ savedMessageIds: ['m1@acme.com'] }), { ...extras, saved });
    expect(view.alreadySaved).toBe(true);
    expect(view.saved).toEqual(saved);
    expect(view.autoshare.line).toBe('Already saved to the CRM.');
  });

  test('thread auto-save shows the subscription and its record', () => {
    const view = buildSidebarView(
      message({ threadId: 'T1' }),
      ctx({ threadSubscriptions: [{ threadId: 'T1', what: { kind: 'opportunity', id: '006NEW' } }] }),
      extras,
    );
    expect(view.thread).toEqual({
      autosave: true,
      what: { kind: 'opportunity', id: '006NEW' },
      whatName: 'Acme renewal 2027',
    });
    expect(view.autoshare.decision.reason).toBe('thread_autosave');
  });

  test('pickable records for a manual save: people, their accounts and open opportunities', () => {
    const ids = buildSidebarView(message(), ctx(), extras).pickable.map((p) => p.ref.id);
    expect(ids).toEqual(expect.arrayContaining(['003JANE', '001ACME', '006NEW', '006OTHER', '00QLIN']));
    expect(ids).not.toContain('006WON');
  });

  test('a malformed email still shows its valid participants, and says it will not be saved', () => {
    const view = buildSidebarView(message({ sentAt: 'not a date' }), ctx(), extras);
    expect(view.people.some((p) => p.ref.id === '003JANE')).toBe(true);
    expect(view.autoshare.line).toBe("Won't be saved: malformed email.");
  });
});
