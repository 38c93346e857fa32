import type { MailMessage } from '../../../src';
import { gatherContext } from '../../../server/context/gather-context';
import type { CrmAdapter } from '../../../server/crm/crm-adapter';
import { seedDemoCrm } from '../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import type { Database } from '../../../server/db/database-types';
import { updateOrganisation } from '../../../server/db/organisation-repo';
import { createUser, type User } from '../../../server/db/users-repo';
import { countingDb } from '../../support/db/count-queries';
import { backends, useTestDatabase } from '../../support/db/test-databases';

// With the embedded CRM the sidebar's context (Liaison's tables and the CRM's records, recent activities as the
// display setting wants them) is read in one statement, and answers what the two separate reads answer.

const message: MailMessage = {
  internetMessageId: '<gather-1@mail.test>',
  folder: 'inbox',
  from: { address: 'bill@initech.io' },
  to: [{ address: 'sam@ourco.com' }],
  cc: [{ address: 'jane.doe@acme.com' }, { address: 'someone.new@acme.com' }],
  bcc: [],
  subject: 'Gather',
  sentAt: '2026-03-01T10:00:00Z',
};

describe.each(backends)('gathering the sidebar context on %s', (backend) => {
  const t = useTestDatabase(backend);
  let user: User;
  beforeAll(async () => {
    await seedDemoCrm(t.db);
    await updateOrganisation(t.db, { internalDomains: ['ourco.com'] });
    user = await createUser(t.db, { addresses: ['sam@ourco.com'], crmUserId: 'usr-sam' });
  });

  it.each([true, false])('reads it in one statement (showExtractedInfo %s)', async (showExtractedInfo) => {
    await updateOrganisation(t.db, { showExtractedInfo });
    const counter = countingDb<Database>(t.db);
    const crm = new EmbeddedCrm(counter.db);
    const deps = { db: counter.db, crm };
    const options = { recentActivities: 5, ledger: true };
    // The same CRM without the joint read: Liaison's read, then the CRM's.
    const apart: CrmAdapter = new Proxy(crm, {
      get: (target, key) => (key === 'lookupContextAlongside' ? undefined : Reflect.get(target, key, target)),
    });
    // PGlite makes each read's function first (cached-plan.ts).
    await gatherContext(deps, user, [message], options);
    await gatherContext({ ...deps, crm: apart }, user, [message], options);
    counter.reset();
    const one = await gatherContext(deps, user, [message], options);
    expect(counter.count()).toBe(1);
    counter.reset();
    const two = await gatherContext({ ...deps, crm: apart }, user, [message], options);
    expect(counter.count()).toBe(2);
    expect(one).toEqual(two);
    const subjects = Object.values(one.activities ?? {}).flatMap((list) => list.map((a) => a.subject));
    expect(subjects.includes('Re: TPS reports')).toBe(showExtractedInfo);
    expect(one.people.map((p) => p.id)).toEqual(
      expect.arrayContaining(['con-bill-lumbergh', 'con-jane-doe']),
    );
  });
});
