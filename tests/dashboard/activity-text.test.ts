import {
  activityPath,
  isSaved,
  itemKindText,
  outcomeBadge,
  outcomeText,
  participantsText,
  savedText,
} from '../../dashboard/src/activity/activity-text';
import { REASON_CHOICES, reasonChoices, reasonLabel } from '../../dashboard/src/activity/reason-text';
import type { ActivityEntry } from '../../dashboard/src/api/types';

const entry = (
  decision: Partial<ActivityEntry['decision']>,
  extra: Partial<ActivityEntry> = {},
): ActivityEntry => ({
  id: '1',
  messageId: '<m@x>',
  threadId: null,
  folder: 'inbox',
  direction: 'inbound',
  from: 'jane.doe@acme.com',
  to: ['sam@ourco.com'],
  cc: [],
  subject: 'Renewal',
  sentAt: '2026-03-03T10:00:00Z',
  decidedAt: '2026-03-03T10:01:00Z',
  decision: {
    action: 'save',
    reason: 'autoshare',
    who: [],
    create: [],
    content: 'subject',
    trace: [],
    ...decision,
  },
  ...extra,
});

describe('activity rows in words', () => {
  test('a save names its records (by name when known) and its content level', () => {
    const saved = entry({
      who: [{ kind: 'contact', id: 'con-jane' }],
      what: { kind: 'opportunity', id: 'opp-1' },
      create: [{ address: 'tom@acme.com', accountId: 'acc-acme' }],
    });
    expect(outcomeText(saved, { 'contact:con-jane': 'Jane Doe' })).toBe(
      'Saved (auto-shared) to Jane Doe (contact), a new contact for tom@acme.com, opportunity opp-1, with subject and metadata',
    );
  });

  test('a skip gives its reason in the core’s words', () => {
    expect(outcomeText(entry({ action: 'skip', reason: 'internal' }))).toBe('Skipped: internal email');
    expect(reasonLabel('thread_autosave')).toBe('thread auto-save');
    expect(REASON_CHOICES.map((c) => c.value)).toContain('blacklisted');
  });

  test('where the email is saved now wins over the decision: by hand, by thread auto-save, from a colleague', () => {
    const at = '2026-03-03T10:05:00Z';
    const jane = { kind: 'contact' as const, id: 'con-jane' };
    const names = { 'contact:con-jane': 'Jane Doe' };
    const manual = entry(
      { reason: 'manual' },
      { saved: { by: 'Sam Seller', how: 'manual', at, links: [jane], mine: true } },
    );
    expect(outcomeText(manual, names)).toMatch(
      /^Saved by hand by you on .+, linked to Jane Doe \(contact\), with subject and metadata$/,
    );
    expect(isSaved(manual)).toBe(true);
    const thread = entry(
      { reason: 'thread_autosave' },
      { saved: { by: 'Sam Seller', how: 'thread_autosave', at, links: [jane], mine: true } },
    );
    expect(outcomeText(thread, names)).toMatch(/^Saved by thread auto-save from your mailbox on /);
    const colleague = entry(
      { action: 'skip', reason: 'autoshare_off' },
      { saved: { by: 'Pat Rep', how: 'manual', at, links: [jane], mine: false } },
    );
    expect(outcomeText(colleague, names)).toMatch(
      /^Saved by hand by Pat Rep on .+, linked to Jane Doe \(contact\)$/,
    );
    expect(isSaved(colleague)).toBe(true);
    const fromTheirs = entry(
      { action: 'skip', reason: 'already_saved' },
      { saved: { by: 'Pat Rep', how: 'automatic', at, links: [], mine: false } },
    );
    expect(savedText(fromTheirs)).toMatch(/^Saved automatically from Pat Rep's mailbox on /);
    expect(reasonLabel('manual')).toBe('by hand');
    expect(REASON_CHOICES).toContainEqual({ value: 'manual', label: 'Saved: by hand' });
  });

  test('participants: sender then up to two others', () => {
    expect(participantsText(entry({}, { to: ['a@x.com', 'b@x.com'], cc: ['c@x.com'] }))).toBe(
      'jane.doe@acme.com → a@x.com, b@x.com and 1 more',
    );
  });

  test('the query carries kind, reason, trimmed search and limit', () => {
    expect(activityPath('all', '', '  ', 50)).toBe('/api/activity?kind=all&limit=50');
    expect(activityPath('email', 'internal', ' jane@acme.com ', 100)).toBe(
      '/api/activity?kind=email&reason=internal&q=jane%40acme.com&limit=100',
    );
    expect(activityPath('event', '', '', 50, 'WyIyMDI2Il0')).toBe(
      '/api/activity?kind=event&limit=50&next=WyIyMDI2Il0',
    );
  });

  test('events: saved to the CRM calendar, cancelled shown as such, skips in the words for events', () => {
    const event = (decision: Partial<ActivityEntry['decision']>, over: Partial<ActivityEntry> = {}) =>
      entry(decision, { kind: 'event', folder: 'calendar', eventKind: 'meeting', ...over });
    const saved = event({
      action: 'save',
      reason: 'meeting',
      who: [{ kind: 'contact', id: 'c1' }],
      invitees: ['u2'],
    });
    expect(outcomeText(saved, { 'contact:c1': 'Jane Doe' })).toMatch(
      /^Saved to the CRM calendar, linked to .*Jane Doe.*; also in the CRM calendar of 1 colleague$/,
    );
    // An event's content in the words for events (never "the full email").
    expect(outcomeText(saved)).toContain(', with its subject, times and participants;');
    expect(outcomeText(event({ action: 'save', reason: 'meeting', content: 'metadata' }))).toContain(
      'with its times and participants only',
    );
    expect(outcomeBadge(saved)).toBe('Saved');
    expect(itemKindText(saved)).toBe('Meeting');
    const cancelled = event({ action: 'cancel', reason: 'cancelled' });
    expect(outcomeBadge(cancelled)).toBe('Cancelled');
    expect(outcomeText(cancelled)).toBe('Cancelled: marked cancelled in the CRM calendar (never deleted)');
    expect(outcomeBadge(event({ action: 'skip', reason: 'cancelled' }))).toBe('Cancelled');
    const declined = event({ action: 'skip', reason: 'declined' }, { eventKind: 'appointment' });
    expect(outcomeText(declined)).toBe('Skipped: declined');
    expect(outcomeBadge(declined)).toBe('Skipped');
    expect(itemKindText(declined)).toBe('Appointment');
    expect(itemKindText(entry({}))).toBe('Email');
  });

  test('the reason filter offers each kind its own reasons, shared ones once for both', () => {
    const values = (kind: 'all' | 'email' | 'event') => reasonChoices(kind).map((c) => c.value);
    expect(values('email')).not.toContain('declined');
    expect(values('event')).toEqual(
      expect.arrayContaining(['meeting', 'declined', 'meetings_off', 'cancelled']),
    );
    expect(values('event')).not.toContain('thread_autosave');
    const all = values('all');
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(['thread_autosave', 'declined', 'internal']));
    expect(reasonChoices('all').find((c) => c.value === 'internal')?.label).toBe('Skipped: internal');
  });
});
