/** The bench's standard mix, checked for correctness and its call budget (counted, not timed). */
import { runSalesforceMix } from '../../../../bench/salesforce-bench';

it('autoshares 1,000 emails of the standard mix in at most 40 API calls, each saved email once', async () => {
  const r = await runSalesforceMix();
  expect(r.api).toBeLessThanOrEqual(40);
  expect(r.api).toBe(r.reads + r.writes);
  // Most emails have a contact or lead; those with only strangers, or only leads (no account), skip by rule.
  expect(r.saved).toBeGreaterThan(600);
  expect(r.tasks).toBe(r.saved);
  expect(r.distinctTaskKeys).toBe(r.saved);
  // Unknown people at known account domains became contacts, once each.
  expect(r.contactsCreated).toBeGreaterThan(0);
  expect(r.contactsCreated).toBeLessThanOrEqual(40);
}, 60_000);
