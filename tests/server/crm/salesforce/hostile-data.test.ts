/**
 * Hostile data: quotes, backslashes, LIKE wildcards and unicode in addresses, domains and names. Every query the
 * adapter builds must be accepted by the emulator's SOQL parser and return exactly the intended records.
 */
import fc from 'fast-check';
import type { Emulator } from '../../../emulators/salesforce';
import { normalizeMessageId } from '../../../../src';
import { adapterFor, startEmulator } from './sf-test-env';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());

const HOSTILE = [...'abc\'\\"%_.+é漢😀ßZ0 '];
const hostile = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...HOSTILE), { minLength: min, maxLength: max })
    .map((a) => a.join('').trim() || 'q');
// Hyphens are left out of domains: the emulator's LIKE turns `-` into an escape its unicode RegExp refuses.
const domainLabel = fc
  .array(fc.constantFrom(...'abz09_'), { minLength: 1, maxLength: 6 })
  .map((a) => a.join(''));

let run = 0;
const allOk = () => emu.counts.log.every((e) => e.status === 200);

it('people: every lookup is accepted and returns exactly the people holding the addresses', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          local: hostile(1, 8),
          name: hostile(1, 10),
          secondary: fc.boolean(),
          lead: fc.boolean(),
        }),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
      fc.array(fc.nat(4), { maxLength: 5 }),
      async (people, picks) => {
        run++;
        const domain = `r${run}.test`;
        const rows = people.map((p, i) => {
          const address = `${p.local}${i}@${domain}`;
          if (p.lead)
            return {
              id: emu.store.insert('Lead', { LastName: p.name, Company: p.name, Email: address })
                .Id as string,
              address,
            };
          const fields = p.secondary
            ? { Email: `main${i}@${domain}`, Secondary_Email__c: address }
            : { Email: address };
          return { id: emu.store.insert('Contact', { LastName: p.name, ...fields }).Id as string, address };
        });
        const wanted = picks.map((k) => rows[k % rows.length]?.address as string);
        // Decoys a wildcard or quote slip would match: `%` and `_` in place of characters, a quote cut short.
        const decoys = rows.flatMap((r) => [
          `%${r.address.slice(1)}`,
          `_${r.address.slice(1)}`,
          r.address.replace(/'.*$/, "'"),
        ]);
        const adapter = adapterFor(emu, { contactEmailFields: ['Email', 'Secondary_Email__c'] });
        emu.counts.reset();
        const found = await adapter.findPeopleByEmails([
          ...wanted.map((a) => a.replace(/[a-z]/g, (c) => c.toUpperCase())),
          ...decoys.filter((d) => !rows.some((r) => r.address === d)),
        ]);
        const expected = rows
          .filter((r) => wanted.includes(r.address))
          .map((r) => r.id)
          .sort();
        expect(found.map((p) => p.id).sort()).toEqual(expected);
        expect(allOk()).toBe(true);
      },
    ),
    { numRuns: 60 },
  );
});

it('accounts: the Website prefilter is escaped and the exact host match keeps only the right ones', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(domainLabel, { minLength: 1, maxLength: 4 }),
      fc.nat(3),
      async (labels, pick) => {
        run++;
        const hosts = labels.map((l, i) => `${l}${i}.r${run}.test`);
        const ids = hosts.map(
          (h, i) =>
            emu.store.insert('Account', { Name: `A ${h}`, Website: i % 2 ? `https://www.${h}/x` : h })
              .Id as string,
        );
        // Look-alikes: a subdomain, a longer name, and wildcard spellings of the wanted host.
        for (const h of hosts) emu.store.insert('Account', { Name: 'decoy', Website: `eu.${h}` });
        for (const h of hosts) emu.store.insert('Account', { Name: 'decoy', Website: `x${h}` });
        const wanted = hosts[pick % hosts.length] as string;
        const adapter = adapterFor(emu);
        emu.counts.reset();
        const found = await adapter.findAccountsByDomains([
          wanted,
          `%${wanted.slice(1)}`,
          `_${wanted.slice(1)}`,
          `${wanted}'`,
        ]);
        expect(found.map((a) => a.id)).toEqual([ids[pick % hosts.length]]);
        expect(allOk()).toBe(true);
      },
    ),
    { numRuns: 60 },
  );
});

it('search and record details: any text is escaped (no MALFORMED_SEARCH, no rejected query)', async () => {
  const contact = emu.store.insert('Contact', {
    LastName: "D'Arcy \\ 100%_sure",
    Email: 'darcy@hostile.test',
  });
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 20 }), hostile(0, 12), async (a, b) => {
      const adapter = adapterFor(emu);
      emu.counts.reset();
      // Without `-`: the emulator's SOSL matcher turns it into an escape its unicode RegExp refuses.
      await adapter.search(`${a} ${b}`.replace(/-/g, ''));
      await adapter.getRecordDetails([
        { kind: 'contact', id: contact.Id as string },
        { kind: 'account', id: `${b}'` },
      ]);
      expect(allOk()).toBe(true);
    }),
    { numRuns: 80 },
  );
  const adapter = adapterFor(emu);
  expect((await adapter.search("D'Arcy")).map((h) => h.ref.id)).toEqual([contact.Id]);
});

it.each(['task', 'emailMessage'] as const)(
  '%s mode: hostile Message-IDs are saved once and found exactly',
  async (mode) => {
    const contact = emu.store.insert('Contact', { LastName: 'Mid', Email: `mid-${mode}@hostile.test` });
    // Message-IDs hold no white space (normalising removes it), so none is generated.
    const local = hostile(1, 10).map((l) => l.replace(/\s/g, '') || 'q');
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(local, {
          minLength: 1,
          maxLength: 4,
          comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
        }),
        fc.nat(3),
        async (locals, pick) => {
          run++;
          const ids = locals.map((l) => `<${l}.${run}@mail.test>`);
          const adapter = adapterFor(emu, { activityMode: mode });
          emu.counts.reset();
          const saved = await adapter.saveActivities(
            ids.map((messageId) => ({
              messageId,
              subject: messageId,
              body: '',
              date: '2025-01-01T00:00:00Z',
              who: [{ kind: 'contact', id: contact.Id as string }],
              mode: 'manual',
            })),
          );
          expect(saved.every((r) => r.ok && r.created)).toBe(true);
          const wanted = ids[pick % ids.length] as string;
          // The wanted id, plus probes that would match others if a wildcard or quote were read as syntax.
          const probes = [wanted, `%${wanted.slice(2)}`, wanted.replace(/'.*$/, "'")];
          const found = await adapter.findActivitiesByMessageIds(probes);
          // Exactly the saved ids a probe names (a probe may literally be another saved id: "<%.1@…>" when the
          // ids are "a" and "%"), in the order saved.
          const named = new Set(probes.map(normalizeMessageId));
          const expected = saved.filter((r) => named.has(r.messageId)).map((r) => (r.ok ? r.id : ''));
          expect(found.map((f) => f.id)).toEqual(expected);
          expect(allOk()).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  },
);
