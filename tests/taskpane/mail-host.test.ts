import { OfficeMockObject } from 'office-addin-mock';
import { createMailHost } from '../../taskpane/src/office/mail-host';
import type { OfficeLike } from '../../taskpane/src/office/office-like';
import { isDarkBackground } from '../../taskpane/src/office/theme';

// A pinned pane follows the selection: Outlook fires ItemChanged and `mailbox.item` is the new item (or null when
// nothing is selected). On office-addin-mock's Outlook.

const item = (id: string, subject: string) => ({
  itemType: 'message',
  internetMessageId: `<${id}@acme.com>`,
  subject,
  dateTimeCreated: new Date('2026-03-02T09:30:00Z'),
  from: { emailAddress: `${id}@acme.com`, displayName: id },
  to: [],
  cc: [],
});

function outlook(theme = '#ffffff', mailboxVersion = '1.5') {
  const handlers: Record<string, (args?: { officeTheme?: { bodyBackgroundColor?: string } }) => void> = {};
  const office = new OfficeMockObject({
    host: 'outlook',
    context: {
      officeTheme: { bodyBackgroundColor: theme },
      requirements: {
        isSetSupported: (name: string, version = '1.1') =>
          name === 'Mailbox' && Number(version.split('.')[1]) <= Number(mailboxVersion.split('.')[1]),
      },
      mailbox: {
        item: item('first', 'First email'),
        userProfile: { emailAddress: 'admin@ourco.com', displayName: 'Dana Admin' },
        addHandlerAsync(eventType: string, handler: (typeof handlers)[string]) {
          handlers[eventType] = handler;
        },
      },
    },
  }) as unknown as OfficeLike;
  /** What Outlook does when the rep selects another email (or none). */
  const select = (next: object | null) => {
    office.context.mailbox.item = next as OfficeLike['context']['mailbox']['item'];
    handlers['olkItemSelectedChanged']?.();
  };
  return { office, select, handlers };
}

const token = async () => 't';

test('the host registers one ItemChanged handler and reads the newly selected item', () => {
  const { office, select, handlers } = outlook();
  const host = createMailHost(office, token);
  expect(Object.keys(handlers)).toEqual(['olkItemSelectedChanged', 'officeThemeChanged']);
  expect(host.readItem()?.subject).toBe('First email');

  const seen: (string | undefined)[] = [];
  host.onItemChanged(() => seen.push(host.readItem()?.subject));
  select(item('second', 'Second email'));
  select(null);
  select(item('third', 'Third email'));
  expect(seen).toEqual(['Second email', undefined, 'Third email']);
});

test('a listener that stopped hears nothing more; the others still do', () => {
  const { office, select } = outlook();
  const host = createMailHost(office, token);
  const a: string[] = [];
  const b: string[] = [];
  const stopA = host.onItemChanged(() => a.push(host.readItem()!.subject));
  host.onItemChanged(() => b.push(host.readItem()!.subject));
  select(item('second', 'Second email'));
  stopA();
  select(item('third', 'Third email'));
  expect(a).toEqual(['Second email']);
  expect(b).toEqual(['Second email', 'Third email']);
});

test("the user's address decides Sent, and the theme comes from Outlook's colours", () => {
  const { office, select } = outlook('#1f1f1f');
  const host = createMailHost(office, token);
  expect(host.userAddress).toBe('admin@ourco.com');
  expect(host.dark).toBe(true);
  select({ ...item('mine', 'Mine'), from: { emailAddress: 'admin@ourco.com', displayName: 'Dana' } });
  expect(host.readItem()?.folder).toBe('sent');
  expect(createMailHost(outlook('#ffffff').office, token).dark).toBe(false);
});

test('OfficeThemeChanged switches the theme of a running pane, from the event or from Office.context', () => {
  const { office, handlers } = outlook('#ffffff');
  const host = createMailHost(office, token);
  const seen: boolean[] = [];
  const stop = host.onThemeChanged((dark) => seen.push(dark));
  handlers['officeThemeChanged']?.({ officeTheme: { bodyBackgroundColor: '#1f1f1f' } });
  office.context.officeTheme = { bodyBackgroundColor: '#ffffff' };
  handlers['officeThemeChanged']?.({});
  stop();
  handlers['officeThemeChanged']?.({ officeTheme: { bodyBackgroundColor: '#000000' } });
  expect(seen).toEqual([true, false]);
});

test("with Mailbox 1.8 a save also reads the thread's header fields; before it, never", async () => {
  const threaded = {
    ...item('reply', 'Re: terms'),
    conversationId: 'AAQk-conv',
    body: { getAsync: (_: string, cb: (r: object) => void) => cb({ status: 'succeeded', value: 'Yes.' }) },
    getAllInternetHeadersAsync: (cb: (r: object) => void) =>
      cb({
        status: 'succeeded',
        value: 'References: <root@acme.com>\r\nIn-Reply-To: <root@acme.com>\r\n\r\n',
      }),
  };
  const modern = outlook('#ffffff', '1.8');
  modern.select(threaded);
  expect(await createMailHost(modern.office, token).readContent()).toEqual({
    bodyText: 'Yes.',
    attachments: [],
    headers: { references: '<root@acme.com>', 'in-reply-to': '<root@acme.com>' },
  });
  const older = outlook('#ffffff', '1.7');
  older.select(threaded);
  expect(await createMailHost(older.office, token).readContent()).toEqual({
    bodyText: 'Yes.',
    attachments: [],
  });
});

test('isDarkBackground', () => {
  expect(isDarkBackground('#000000')).toBe(true);
  expect(isDarkBackground('#292929')).toBe(true);
  expect(isDarkBackground('#FFFFFF')).toBe(false);
  expect(isDarkBackground('#f3f2f1')).toBe(false);
  expect(isDarkBackground(undefined)).toBe(false);
  expect(isDarkBackground('not a colour')).toBe(false);
});
