import { money, recordUrlOf } from '../../taskpane/src/ui/format';

// Amounts as the pane shows them: in the CRM's currency, or the plain number when the CRM named none.

describe('money', () => {
  test("in the CRM's currency, whole units", () => {
    expect(money(48000, 'USD')).toBe(
      new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency: 'USD',
        maximumFractionDigits: 0,
      }).format(48000),
    );
    expect(money(120000, 'EUR')).toMatch(/€/);
    expect(money(120000, 'GBP')).toMatch(/£/);
  });

  test('no currency, or one that is not a code: the number alone, never a currency made up', () => {
    const plain = (48000).toLocaleString(undefined, { maximumFractionDigits: 0 });
    expect(money(48000, undefined)).toBe(plain);
    expect(money(48000, 'dollars')).toBe(plain);
    expect(money(48000, undefined)).not.toMatch(/[$€£]/);
  });
});

describe('recordUrlOf', () => {
  const view = {
    pickable: [{ ref: { kind: 'opportunity' as const, id: 'o1' }, name: 'Deal', url: 'https://crm/o1' }],
    people: [
      {
        ref: { kind: 'contact' as const, id: 'c1' },
        name: 'Jane',
        url: 'https://crm/c1',
        address: 'jane@acme.com',
        field: 'from',
        deleted: false,
        linkedByAutoshare: true,
        recentActivities: [],
        account: {
          ref: { kind: 'account' as const, id: 'a1' },
          name: 'Acme',
          url: 'https://crm/a1',
          opportunities: [],
        },
      },
    ],
  };
  test('finds the page of a record the view carries, and none for one it does not', () => {
    expect(recordUrlOf(view, { kind: 'opportunity', id: 'o1' })).toBe('https://crm/o1');
    expect(recordUrlOf(view, { kind: 'contact', id: 'c1' })).toBe('https://crm/c1');
    expect(recordUrlOf(view, { kind: 'account', id: 'a1' })).toBe('https://crm/a1');
    expect(recordUrlOf(view, { kind: 'lead', id: 'l9' })).toBeUndefined();
  });
});
