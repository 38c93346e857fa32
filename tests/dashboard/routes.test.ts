import { hrefOf, PAGES, parseHash } from '../../dashboard/src/app/routes';

describe('dashboard hash routes', () => {
  test('each page is reached by its own hash, with its parameters', () => {
    for (const page of PAGES) expect(parseHash(hrefOf(page.id)).page.id).toBe(page.id);
    const route = parseHash('#/mailbox?connected=graph');
    expect(route.page.id).toBe('mailbox');
    expect(route.params.get('connected')).toBe('graph');
    expect(parseHash('#/admin/users/').page.id).toBe('admin/users');
  });

  test('no hash opens the settings; an unknown one too, and says so', () => {
    expect(parseHash('')).toMatchObject({ page: { id: 'settings' }, unknown: false });
    expect(parseHash('#/nowhere')).toMatchObject({ page: { id: 'settings' }, unknown: true });
  });

  test('admin pages are marked, the rest are for everyone', () => {
    expect(PAGES.filter((p) => p.adminOnly).map((p) => p.id)).toEqual([
      'admin',
      'admin/users',
      'admin/organisation',
    ]);
  });
});
