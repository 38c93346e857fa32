/** Attachments at `full` as Salesforce Files through jsforce against the emulator: ContentVersion with
 * FirstPublishLocationId the activity, never twice for a retried save or after a timeout. */
import type { Emulator, SfRecord } from '../../../emulators/salesforce';
import type { SalesforceNewActivity } from '../../../../server/crm/salesforce';
import { adapterFor, startEmulator } from './sf-test-env';

jest.setTimeout(60_000);

let emu: Emulator;
let owner: SfRecord;
let contact: SfRecord;
let opp: SfRecord;

beforeAll(async () => {
  emu = await startEmulator();
  owner = emu.store.insert('User', { FirstName: 'Sam', LastName: 'Rep', Email: 'sam@ourco.com' });
  const acc = emu.store.insert('Account', { Name: 'Acme', Website: 'acme.com' });
  opp = emu.store.insert('Opportunity', { Name: 'Deal', AccountId: acc.Id, StageName: 'Prospecting' });
  contact = emu.store.insert('Contact', { LastName: 'One', Email: 'one@acme.com', AccountId: acc.Id });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.faults.clear();
  emu.counts.reset();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
let seq = 0;
function activity(over: Partial<SalesforceNewActivity> = {}): SalesforceNewActivity {
  seq++;
  return {
    messageId: `<files-${seq}@mail.test>`,
    subject: `Files ${seq}`,
    body: 'From: one@acme.com\nTo: sam@ourco.com\nDate: 2025-03-04T10:00:00Z\n\nSee attached.',
    date: '2025-03-04T10:00:00Z',
    ownerId: owner.Id as string,
    who: [{ kind: 'contact', id: contact.Id as string }],
    what: { kind: 'opportunity', id: opp.Id as string },
    mode: 'automatic',
    files: [
      { name: 'quote.pdf', size: 9, contentType: 'application/pdf', content: b64('%PDF-1.7!') },
      { name: 'notes.txt', size: 5, contentType: 'text/plain', content: b64('hello') },
    ],
    ...over,
  };
}

const filesOf = (activityId: string) =>
  emu.store
    .all('ContentDocumentLink')
    .filter((l) => l.LinkedEntityId === activityId)
    .map((l) => emu.store.get('ContentDocument', l.ContentDocumentId as string)!)
    .map((d) => {
      const v = emu.store.get('ContentVersion', d.LatestPublishedVersionId as string)!;
      return [
        v.PathOnClient,
        Buffer.from(String(v.VersionData), 'base64').toString(),
        v.FirstPublishLocationId,
      ];
    });

describe.each(['task', 'emailMessage'] as const)('Salesforce Files for %s activities', (mode) => {
  it('saves each file as a ContentVersion published to the activity, in one more collection call', async () => {
    const adapter = adapterFor(emu, { activityMode: mode });
    const a = activity();
    const [res] = await adapter.saveActivities([a]);
    expect(res).toMatchObject({ ok: true, created: true });
    const id = res!.ok ? res!.id : '';
    expect(filesOf(id)).toEqual([
      ['quote.pdf', '%PDF-1.7!', id],
      ['notes.txt', 'hello', id],
    ]);
    const link = emu.store.all('ContentDocumentLink').find((l) => l.LinkedEntityId === id);
    expect(link?.ShareType).toBe('V');
    // The files cost one sObject Collections call, and no read for a new activity.
    const writes = emu.counts.snapshot().byKind;
    const before = activity({ files: [] });
    emu.counts.reset();
    await adapter.saveActivities([before]);
    const withoutFiles = emu.counts.snapshot().byKind;
    expect((writes.collections ?? 0) - (withoutFiles.collections ?? 0)).toBe(1);
    expect(writes.query ?? 0).toBe(withoutFiles.query ?? 0);
  });

  it('a retried save adds no file twice (one read of the files already linked)', async () => {
    const adapter = adapterFor(emu, { activityMode: mode });
    const a = activity();
    const [first] = await adapter.saveActivities([a]);
    const id = first!.ok ? first!.id : '';
    const versions = emu.store.all('ContentVersion').length;
    const [again] = await adapter.saveActivities([a]);
    expect(again).toMatchObject({ ok: true, id, created: false });
    expect(filesOf(id).map((f) => f[0])).toEqual(['quote.pdf', 'notes.txt']);
    expect(emu.store.all('ContentVersion').length).toBe(versions);
  });

  it('a file missing after a partial save is added on the retry, the others left alone', async () => {
    const adapter = adapterFor(emu, { activityMode: mode });
    const a = activity();
    const [first] = await adapter.saveActivities([{ ...a, files: a.files!.slice(0, 1) }]);
    const id = first!.ok ? first!.id : '';
    await adapter.saveActivities([a]);
    expect(filesOf(id).map((f) => f[0])).toEqual(['quote.pdf', 'notes.txt']);
  });
});

it('a timeout after the files were written makes none twice', async () => {
  const adapter = adapterFor(emu, { activityMode: 'task', retry: { timeoutMs: 2000 } });
  const a = activity();
  // The first collections call writes the Task, the second the files: that one times out after taking effect.
  const fault = emu.faults.add({ kind: 'collections', onCall: 2, error: 'timeout', holdMs: 4000 });
  const [res] = await adapter.saveActivities([a]);
  expect(fault.fired).toBeGreaterThan(0);
  expect(res).toMatchObject({ ok: true, created: true });
  const id = res!.ok ? res!.id : '';
  expect(filesOf(id).map((f) => f[0])).toEqual(['quote.pdf', 'notes.txt']);
  expect(res!.ok && res!.fileErrors).toBeFalsy();
});

it('a file Salesforce refuses is reported with the saved activity', async () => {
  const adapter = adapterFor(emu, { activityMode: 'task' });
  const a = activity({
    files: [{ name: 'bad.bin', size: 3, contentType: 'application/octet-stream', content: '%%%' }],
  });
  const [res] = await adapter.saveActivities([a]);
  expect(res).toMatchObject({ ok: true, created: true });
  expect(res!.ok && res!.fileErrors).toEqual([
    { name: 'bad.bin', error: expect.stringMatching(/^JSON_PARSER_ERROR/) },
  ]);
});

it('a file name past ContentVersion’s 255-character Title is shortened, its extension kept, and not added twice', async () => {
  const adapter = adapterFor(emu, { activityMode: 'task' });
  const long = `${'q'.repeat(300)}.pdf`;
  const a = activity({
    files: [{ name: long, size: 9, contentType: 'application/pdf', content: b64('%PDF-1.7!') }],
  });
  const [res] = await adapter.saveActivities([a]);
  expect(res).toMatchObject({ ok: true, created: true });
  const id = res!.ok ? res!.id : '';
  const [name] = filesOf(id).map((f) => String(f[0]));
  expect(name).toBe(`${'q'.repeat(251)}.pdf`);
  const versions = emu.store.all('ContentVersion').length;
  await adapter.saveActivities([a]);
  expect(emu.store.all('ContentVersion').length).toBe(versions);
});
