import { parseArgs } from 'node:util';
import { isPlainAddrSpec, normalizeAddress } from '../../src';
import { OneTimeLinks } from '../auth';
import { DbOneTimeTokenStore } from '../db/auth-stores';
import {
  AddressInUseError,
  createUser,
  findUserByAddress,
  listUsers,
  removeUser,
  type User,
} from '../db/users-repo';
import { isArgsError, usageError, withDatabase } from './cli-database';
import { usersTable } from './users-table';

// `liaison users add|list|remove|link`: manage the organisation's users from the shell.

const USAGE = `Usage:
  liaison users add <address> [more addresses…] [--name "Full Name"] [--admin] [--crm-user-id ID] [--not-included]
      Add a user; extra addresses are the same mailbox's aliases. --not-included keeps them out of import.
  liaison users list [--json]
      The users: addresses, name, role, included in import, status, last sync.
  liaison users remove <address>
      Remove the user owning that address, with their settings, blacklist and subscriptions.
  liaison users link <address>
      Print a one-time sign-in link for that user (single use, valid 15 minutes).
`;

type Env = Record<string, string | undefined>;

export async function usersCommand(args: string[], env: Env = process.env): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'add':
        return await addUser(rest, env);
      case 'list':
        return await listCommand(rest, env);
      case 'remove':
        return await removeCommand(rest, env);
      case 'link':
        return await linkCommand(rest, env);
      case undefined:
        return usageError('users needs a subcommand', USAGE);
      default:
        return usageError(`unknown users subcommand "${sub}"`, USAGE);
    }
  } catch (error) {
    if (isArgsError(error)) return usageError(error.message, USAGE);
    throw error;
  }
}

async function addUser(args: string[], env: Env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      admin: { type: 'boolean' },
      'crm-user-id': { type: 'string' },
      'not-included': { type: 'boolean' },
    },
  });
  if (positionals.length === 0) return usageError('users add needs at least one address', USAGE);
  const invalid = positionals.filter((a) => !isPlainAddrSpec(a.trim()));
  if (invalid.length > 0)
    return usageError(`not an email address: ${invalid.map((a) => JSON.stringify(a)).join(', ')}`, USAGE);
  return withDatabase(async ({ db }) => {
    let user: User;
    try {
      user = await createUser(db, {
        addresses: positionals,
        ...(values.name !== undefined ? { displayName: values.name } : {}),
        ...(values['crm-user-id'] !== undefined ? { crmUserId: values['crm-user-id'] } : {}),
        role: values.admin ? 'admin' : 'user',
        includedInImport: !values['not-included'],
      });
    } catch (error) {
      if (!(error instanceof AddressInUseError)) throw error;
      process.stderr.write(`liaison: ${error.message}\n`);
      return 1;
    }
    process.stdout.write(
      `Added ${user.role} ${user.addresses.join(', ')}${user.displayName ? ` (${user.displayName})` : ''}, ` +
        `${user.includedInImport ? 'included in' : 'not included in'} import.\n` +
        `Sign-in link: liaison users link ${user.addresses[0]}\n`,
    );
    return 0;
  }, env);
}

async function listCommand(args: string[], env: Env): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  return withDatabase(async ({ db }) => {
    const users = await listUsers(db);
    process.stdout.write(values.json ? `${JSON.stringify(users, null, 2)}\n` : usersTable(users));
    return 0;
  }, env);
}

async function removeCommand(args: string[], env: Env): Promise<number> {
  const address = singleAddress(args, 'remove');
  if (typeof address === 'number') return address;
  return withDatabase(async ({ db }) => {
    const user = await findUserByAddress(db, address);
    if (!user) return noSuchUser(address);
    await removeUser(db, user.id);
    process.stdout.write(`Removed ${user.addresses.join(', ')}.\n`);
    return 0;
  }, env);
}

async function linkCommand(args: string[], env: Env): Promise<number> {
  const address = singleAddress(args, 'link');
  if (typeof address === 'number') return address;
  return withDatabase(async ({ db }, config) => {
    const user = await findUserByAddress(db, address);
    if (!user) return noSuchUser(address);
    const links = new OneTimeLinks({ store: new DbOneTimeTokenStore(db) });
    const link = await links.createLink(config.publicUrl, user.id);
    process.stdout.write(
      `Sign in as ${user.addresses[0]} with this link (single use, valid 15 minutes):\n    ${link}\n`,
    );
    return 0;
  }, env);
}

/** The one address `remove` and `link` take, or the exit code of a usage error. */
function singleAddress(args: string[], sub: string): string | number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) return usageError(`users ${sub} takes exactly one address`, USAGE);
  return normalizeAddress(positionals[0]);
}

function noSuchUser(address: string): number {
  process.stderr.write(`liaison: no user has the address ${address} (see: liaison users list)\n`);
  return 1;
}
