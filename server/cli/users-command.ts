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
import { isArgsError, usageError, type CommandContext, type CommandIo } from './cli-database';
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

export async function usersCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'add':
        return await addUser(rest, ctx);
      case 'list':
        return await listCommand(rest, ctx);
      case 'remove':
        return await removeCommand(rest, ctx);
      case 'link':
        return await linkCommand(rest, ctx);
      case undefined:
        return usageError(ctx.io, 'users needs a subcommand', USAGE);
      default:
        return usageError(ctx.io, `unknown users subcommand "${sub}"`, USAGE);
    }
  } catch (error) {
    if (isArgsError(error)) return usageError(ctx.io, error.message, USAGE);
    throw error;
  }
}

async function addUser(args: string[], ctx: CommandContext): Promise<number> {
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
  if (positionals.length === 0) return usageError(ctx.io, 'users add needs at least one address', USAGE);
  const invalid = positionals.filter((a) => !isPlainAddrSpec(a.trim()));
  if (invalid.length > 0)
    return usageError(
      ctx.io,
      `not an email address: ${invalid.map((a) => JSON.stringify(a)).join(', ')}`,
      USAGE,
    );
  return ctx.withDatabase(async ({ db }) => {
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
      ctx.io.err(`liaison: ${error.message}\n`);
      return 1;
    }
    ctx.io.out(
      `Added ${user.role} ${user.addresses.join(', ')}${user.displayName ? ` (${user.displayName})` : ''}, ` +
        `${user.includedInImport ? 'included in' : 'not included in'} import.\n` +
        `Sign-in link: node bin/liaison.js users link ${user.addresses[0]}\n`,
    );
    return 0;
  });
}

async function listCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  return ctx.withDatabase(async ({ db }) => {
    const users = await listUsers(db);
    ctx.io.out(values.json ? `${JSON.stringify(users, null, 2)}\n` : usersTable(users));
    return 0;
  });
}

async function removeCommand(args: string[], ctx: CommandContext): Promise<number> {
  const address = singleAddress(args, 'remove', ctx.io);
  if (typeof address === 'number') return address;
  return ctx.withDatabase(async ({ db }) => {
    const user = await findUserByAddress(db, address);
    if (!user) return noSuchUser(ctx.io, address);
    await removeUser(db, user.id);
    ctx.io.out(`Removed ${user.addresses.join(', ')}.\n`);
    return 0;
  });
}

async function linkCommand(args: string[], ctx: CommandContext): Promise<number> {
  const address = singleAddress(args, 'link', ctx.io);
  if (typeof address === 'number') return address;
  return ctx.withDatabase(async ({ db }, config) => {
    const user = await findUserByAddress(db, address);
    if (!user) return noSuchUser(ctx.io, address);
    const links = new OneTimeLinks({ store: new DbOneTimeTokenStore(db) });
    const link = await links.createLink(config.publicUrl, user.id);
    ctx.io.out(
      `Sign in as ${user.addresses[0]} with this link (single use, valid 15 minutes):\n    ${link}\n`,
    );
    return 0;
  });
}

/** The one address `remove` and `link` take, or the exit code of a usage error. */
function singleAddress(args: string[], sub: string, io: CommandIo): string | number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) return usageError(io, `users ${sub} takes exactly one address`, USAGE);
  return normalizeAddress(positionals[0]);
}

function noSuchUser(io: CommandIo, address: string): number {
  io.err(`liaison: no user has the address ${address} (see: liaison users list)\n`);
  return 1;
}
