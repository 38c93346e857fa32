import type { User } from '../db/users-repo';

// `liaison users list` as a plain text table, one user a line, columns padded to their widest cell.

const HEADERS = ['ADDRESSES', 'NAME', 'ROLE', 'INCLUDED', 'STATUS', 'LAST SYNC'] as const;

export function usersTable(users: User[]): string {
  if (users.length === 0) return 'No users yet. Add one: liaison users add you@yourcompany.com --admin\n';
  const rows = users.map((u) => [
    u.addresses.join(', '),
    u.displayName || '-',
    u.role,
    u.includedInImport ? 'yes' : 'no',
    u.status,
    u.lastSyncAt ? u.lastSyncAt.replace(/\.\d{3}Z$/, 'Z') : 'never',
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(HEADERS), ...rows.map(line)].join('\n')}\n`;
}
