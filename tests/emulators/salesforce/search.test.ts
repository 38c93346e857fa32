/** SOSL through jsforce 3: field groups, RETURNING clauses, reserved-character escaping. */
import type { Connection } from 'jsforce';
import { start, type Emulator } from '.';
import { connect } from './connect';
import { soslTerm } from './soql-escape';

type Hit = { attributes: { type: string }; Id: string; Email?: string };

let emu: Emulator;
let conn: Connection;

beforeAll(async () => {
  emu = await start();
  conn = connect(emu);
  const acc = emu.store.insert('Account', { Name: 'Acme Corp' });
  emu.store.insert('Contact', {
    FirstName: 'Ann',
    LastName: 'Smith',
    Email: 'ann@acme.com',
    AccountId: acc.Id,
  });
  emu.store.insert('Contact', { LastName: "O'Brien", Secondary_Email__c: 'ann@acme.com' });
  emu.store.insert('Contact', { LastName: 'Deleted', Email: 'ann@acme.com', IsDeleted: true });
  emu.store.insert('Lead', { LastName: 'Smith', Company: 'Smith & Sons', Email: 'lead+tag@smith.com' });
});
afterAll(() => emu.stop());

const find = async (sosl: string) => (await conn.search(sosl)).searchRecords as unknown as Hit[];

it('finds records by any email field and returns the asked fields in RETURNING order', async () => {
  const hits = await find(
    `FIND {${soslTerm('ann@acme.com')}} IN EMAIL FIELDS RETURNING Contact(Id, Email, Secondary_Email__c ORDER BY LastName), Lead(Id, Email)`,
  );
  expect(hits).toHaveLength(2);
  expect(hits.every((h) => h.attributes.type === 'Contact')).toBe(true);
  expect(hits.map((h) => Object.keys(h))).toEqual([
    ['attributes', 'Id', 'Email', 'Secondary_Email__c'],
    ['attributes', 'Id', 'Email', 'Secondary_Email__c'],
  ]);
  expect(emu.counts.of('search')).toBe(1);
});

it('searches name fields by token, with WHERE and LIMIT inside RETURNING', async () => {
  const hits = await find(
    'FIND {smith} IN NAME FIELDS RETURNING Contact(Id), Lead(Id, Email WHERE IsConverted = false)',
  );
  expect(hits.map((h) => h.attributes.type).sort()).toEqual(['Contact', 'Lead']);
  const limited = await find('FIND {smith} IN NAME FIELDS RETURNING Contact(Id LIMIT 0), Lead(Id)');
  expect(limited.map((h) => h.attributes.type)).toEqual(['Lead']);
});

it('matches escaped reserved characters literally', async () => {
  const hits = await find(
    `FIND {${soslTerm('lead+tag@smith.com')}} IN EMAIL FIELDS RETURNING Lead(Id, Email)`,
  );
  expect(hits.map((h) => h.Email)).toEqual(['lead+tag@smith.com']);
  const quoted = await find(`FIND {${soslTerm("O'Brien")}} IN NAME FIELDS RETURNING Contact(Id)`);
  expect(quoted).toHaveLength(1);
});

it('refuses unescaped reserved characters and one-letter terms as MALFORMED_SEARCH', async () => {
  for (const sosl of [
    "FIND {O'Brien} RETURNING Contact(Id)",
    'FIND {lead+tag@smith.com} IN EMAIL FIELDS RETURNING Lead(Id)',
    'FIND {a} RETURNING Contact(Id)',
    'FIND {unterminated RETURNING Contact(Id)',
  ]) {
    await expect(conn.search(sosl)).rejects.toMatchObject({ errorCode: 'MALFORMED_SEARCH' });
  }
});

it('ranks by relevance without ORDER BY, before LIMIT: a name match beats a match elsewhere', async () => {
  // Inserted first, matching only in Title; the later one matches in its name.
  emu.store.insert('Contact', { LastName: 'Zed', Title: 'Quixote liaison', Email: 'zed@rank.test' });
  emu.store.insert('Contact', { FirstName: 'Don', LastName: 'Quixote', Email: 'don@rank.test' });
  const hits = await find('FIND {quixote} IN ALL FIELDS RETURNING Contact(Id, Email)');
  expect(hits.map((h) => h.Email)).toEqual(['don@rank.test', 'zed@rank.test']);
  const top = await find('FIND {quixote} IN ALL FIELDS RETURNING Contact(Id, Email LIMIT 1)');
  expect(top.map((h) => h.Email)).toEqual(['don@rank.test']);
  // An ORDER BY inside RETURNING still decides.
  const ordered = await find('FIND {quixote} RETURNING Contact(Id, Email ORDER BY Email DESC)');
  expect(ordered.map((h) => h.Email)).toEqual(['zed@rank.test', 'don@rank.test']);
});
