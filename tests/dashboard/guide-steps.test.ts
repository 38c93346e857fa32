import { adminSteps, userSteps } from '../../dashboard/src/guide/guide-steps';

// The first-run guide's marks follow the facts they are given, never a fixed tick.

describe('first-run guide steps', () => {
  const noMailbox = { connected: false, mailbox: null };
  const mailbox = {
    connected: true,
    mailbox: { kind: 'imap' as const, address: 'sam@ourco.com', connectedAt: '2026-12-01T00:00:00Z' },
  };

  test('a new user: nothing done, each step says why and links to its page', () => {
    const steps = userSteps({ mailbox: noMailbox, settings: { ownSettings: false }, whyTried: false });
    expect(steps.map((s) => [s.title, s.done, s.page])).toEqual([
      ['Connect your mailbox', false, 'mailbox'],
      ['Choose what is shared', false, 'settings'],
      ['Try Why? on the Activity page', false, 'activity'],
    ]);
    expect(steps[0]!.detail).toMatch(/^Not connected/);
    expect(steps[1]!.detail).toMatch(/defaults apply/);
  });

  test('a user who did each step: all done, with what is true now', () => {
    const steps = userSteps({ mailbox, settings: { ownSettings: true }, whyTried: true });
    expect(steps.every((s) => s.done)).toBe(true);
    expect(steps[0]!.detail).toBe('Connected: sam@ourco.com.');
  });

  test('an admin: autosharing, users and CRM each from the organisation and the CRM status', () => {
    const fresh = adminSteps({
      organisation: {
        autosharingEnabled: false,
        usersImport: { included: 0, readable: 0, includedBeforeStop: 0 },
      },
      crm: { salesforce: { configured: false, connected: false } },
    });
    expect(fresh.map((s) => s.done)).toEqual([false, false, false]);
    expect(fresh[2]!.detail).toMatch(/not set up for Salesforce/);
    const ready = adminSteps({
      organisation: {
        autosharingEnabled: true,
        usersImport: { included: 1, readable: 1, includedBeforeStop: 0 },
      },
      crm: {
        salesforce: { configured: true, connected: true, instanceUrl: 'https://acme.my.salesforce.com' },
      },
    });
    expect(ready.map((s) => s.done)).toEqual([true, true, true]);
    expect(ready[1]!.detail).toBe('1 user is included in import.');
    expect(ready[2]!.detail).toBe('Connected to https://acme.my.salesforce.com.');
  });
});
