import { normalizeAddress, parseBlacklistInput } from '../../src';
import type { AppDeps } from '../app/app-deps';
import { badRequest } from '../app/http-error';
import { addUserBlacklistEntries } from '../db/blacklist-repo';
import type { User } from '../db/users-repo';

// Adding to a rep's own blacklist ("Do Not Sync"), from the dashboard, the sidebars and the Gmail add-on's HTTP
// runtime. Bad entries are reported one by one while the good ones are kept.

export async function addToUserBlacklist(
  deps: Pick<AppDeps, 'db'>,
  user: User,
  input: string,
): Promise<{ added: string[]; errors: { input: string; message: string }[] }> {
  const parsed = parseBlacklistInput(input);
  // One's own addresses are never blacklisted (rule 7): refuse them rather than store a no-op.
  const own = new Set(user.addresses.map(normalizeAddress));
  const errors = [...parsed.errors];
  const entries = parsed.entries.filter((e) => {
    if (e.kind === 'address' && own.has(e.value)) {
      errors.push({
        input: e.value,
        message: `"${e.value}" is your own address; your own mail is never blacklisted.`,
      });
      return false;
    }
    return true;
  });
  if (entries.length === 0 && errors.length === 0) throw badRequest('Enter at least one address or domain.');
  const added = await addUserBlacklistEntries(
    deps.db,
    user.id,
    entries.map((e) => e.value),
  );
  return { added, errors };
}
