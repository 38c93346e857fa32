import type { Emulator, SfRecord } from '../../../emulators/salesforce';
import { adapterFor, startEmulator } from './sf-test-env';

// Rulebook section 4 in Salesforce (jsforce against the emulator): links added to a saved email are TaskRelation
// rows and the Task's WhatId when it has none (Task mode); EmailMessageRelation rows, never a related record,
// for Enhanced Email.

let emu: Emulator;
let acc: SfRecord;
let opp: SfRecord;
let other: SfRecord;
let c1: SfRecord;
let c2: SfRecord;
let lead: SfRecord;

beforeAll(async () => {
  emu = await startEmulator();
  acc = emu.store.insert('Account', { Name: 'Initech', Website: 'initech.com' });
  opp = emu.store.insert('Opportunity', { Name: 'Renewal', AccountId: acc.Id, StageName: 'Prospecting' });
  other = emu.store.insert('Opportunity', { Name: 'Pilot', AccountId: acc.Id, StageName: 'Prospecting' });
  c1 = emu.store.insert('Contact', { LastName: 'Gibbons', Email: 'peter@initech.com', AccountId: acc.Id });
  c2 = emu.store.insert('Contact', { LastName: 'Lumbergh', Email: 'bill@initech.com', AccountId: acc.Id });
  lead = emu.store.insert('Lead', { LastName: 'Waddams', Company: 'Initech', Email: 'milton@initech.com' });
});
afterAll(() => emu.stop());

const ref = <K extends 'contact' | 'lead' | 'opportunity'>(kind: K, rec: SfRecord) => ({
  kind,
  id: rec.Id as string,
});

async function saveOne(messageId: string, who: { kind: 'contact' | 'lead'; id: string }[], mode = {}) {
  const adapter = adapterFor(emu, mode);
  const [saved] = await adapter.saveActivities([
    { messageId, subject: 'Hello', body: '', date: '2025-06-01T10:00:00Z', who, mode: 'manual' },
  ]);
  if (!saved?.ok) throw new Error(`not saved: ${JSON.stringify(saved)}`);
  return { adapter, id: saved.id };
}

const relations = (taskId: string) =>
  emu.store
    .all('TaskRelation')
    .filter((r) => r.TaskId === taskId)
    .map((r) => [r.RelationId, r.IsWhat === true]);

describe('Task mode', () => {
  it('adds a contact as a TaskRelation and the opportunity as WhatId; findActivities shows them', async () => {
    const { adapter, id } = await saveOne('<links-1@x>', [ref('contact', c1)]);
    expect(adapter.addsWhatLater).toBe(true);
    const res = await adapter.addActivityLinks(id, {
      who: [ref('contact', c1), ref('contact', c2)],
      what: ref('opportunity', opp),
    });
    expect(res).toEqual({ ok: true });
    expect(emu.store.get('Task', id)?.WhatId).toBe(opp.Id);
    expect(relations(id)).toEqual([
      [c1.Id, false],
      [c2.Id, false],
      [opp.Id, true],
    ]);
    const [found] = await adapter.findActivitiesByMessageIds(['links-1@x']);
    expect(found).toMatchObject({
      who: [ref('contact', c1), ref('contact', c2)],
      what: ref('opportunity', opp),
    });
    // Asking again changes nothing and succeeds.
    expect(
      await adapter.addActivityLinks(id, { who: [ref('contact', c2)], what: ref('opportunity', opp) }),
    ).toEqual({ ok: true });
    expect(relations(id)).toHaveLength(3);
  });

  it('refuses another related record: a task has one WhatId', async () => {
    const { adapter, id } = await saveOne('<links-2@x>', [ref('contact', c1)]);
    expect(await adapter.addActivityLinks(id, { who: [], what: ref('opportunity', opp) })).toEqual({
      ok: true,
    });
    const res = await adapter.addActivityLinks(id, { who: [], what: ref('opportunity', other) });
    expect(res).toEqual({ ok: false, error: expect.stringMatching(/one related record/) });
    expect(emu.store.get('Task', id)?.WhatId).toBe(opp.Id);
  });

  it('refuses a lead beside contacts (one lead or up to 50 contacts), and the emulator does too', async () => {
    const { adapter, id } = await saveOne('<links-3@x>', [ref('contact', c1)]);
    const res = await adapter.addActivityLinks(id, { who: [ref('lead', lead)] });
    expect(res).toEqual({ ok: false, error: expect.stringMatching(/one lead alone or to contacts/) });
    expect(relations(id)).toEqual([[c1.Id, false]]);
    // The emulator knows the documented rule, whoever asks.
    const session = emu.session();
    const direct = await fetch(`${session.instanceUrl}/services/data/v62.0/sobjects/TaskRelation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ TaskId: id, RelationId: lead.Id }),
    });
    expect(direct.status).toBe(400);
    expect(((await direct.json()) as unknown[])[0]).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
  });

  it('answers a sentence for a task deleted since', async () => {
    const { adapter, id } = await saveOne('<links-4@x>', [ref('contact', c1)]);
    emu.store.softDelete('Task', id);
    expect(await adapter.addActivityLinks(id, { who: [ref('contact', c2)] })).toEqual({
      ok: false,
      error: expect.stringMatching(/no longer in Salesforce/),
    });
  });
});

describe('EmailMessage mode', () => {
  it('adds people as EmailMessageRelation rows and refuses a related record', async () => {
    const { adapter, id } = await saveOne('<links-5@x>', [ref('contact', c1)], {
      activityMode: 'emailMessage',
    });
    expect(adapter.addsWhatLater).toBe(false);
    expect(await adapter.addActivityLinks(id, { who: [ref('contact', c2)] })).toEqual({ ok: true });
    const people = emu.store
      .all('EmailMessageRelation')
      .filter((r) => r.EmailMessageId === id)
      .map((r) => r.RelationId);
    expect(people).toEqual(expect.arrayContaining([c1.Id, c2.Id]));
    expect(await adapter.addActivityLinks(id, { who: [], what: ref('opportunity', opp) })).toEqual({
      ok: false,
      error: expect.stringMatching(/afterwards/),
    });
  });
});
