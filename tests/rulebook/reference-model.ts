/**
 * A second, independent reading of rules 1 to 12 of the rulebook, written only for well-formed input
 * (rule 0 is tested on its own). The model-based property compares the core with it on random cases:
 * where they differ, the rulebook's words decide which one is wrong.
 */
import type { AutoshareContext, MailMessage, RecordRef, SharingLevel, SkipReason } from '../../src';
import { domainOf, isBlacklisted, isInternal, isUser, norm } from './arbitraries';

export interface ModelDecision {
  action: 'save' | 'skip';
  reason: SkipReason | 'autoshare' | 'thread_autosave';
  who: RecordRef[];
  what?: RecordRef;
  create: { address: string; accountId: string }[];
  content: SharingLevel;
}

// The rulebook's "at least" lists; the generators only use addresses on which every reading agrees.
const ROLES = new Set(
  'info support sales team help hello contact admin billing office marketing noreply no-reply donotreply do-not-reply postmaster mailer-daemon notifications'.split(
    ' ',
  ),
);
const PERSONAL = new Set(
  'gmail.com googlemail.com yahoo.com outlook.com hotmail.com live.com icloud.com aol.com gmx.de web.de proton.me protonmail.com'.split(
    ' ',
  ),
);

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const time = (iso: string) => Date.parse(iso);
const messageId = (id: string) => id.trim().replace(/^</, '').replace(/>$/, '').trim();
const uniq = (xs: string[]) => [...new Set(xs)];

interface Linked {
  id: string;
  accountId?: string;
  createdAt: string;
}

export function modelDecide(m: MailMessage, ctx: AutoshareContext): ModelDecision {
  const s = ctx.settings;
  const content = s.sharing[isUser(m.from.address, ctx) ? 'outbound' : 'inbound'];
  const skip = (reason: SkipReason): ModelDecision => ({
    action: 'skip',
    reason,
    who: [],
    create: [],
    content,
  });

  if (!['inbox', 'sent', 'archive'].includes(m.folder)) return skip('excluded_folder');
  const parts = uniq([m.from, ...m.to, ...m.cc, ...m.bcc].map((p) => norm(p.address)));
  if (!parts.some((a) => isUser(a, ctx))) return skip('not_users_message');
  if (time(m.sentAt) < time(ctx.connectedAt)) return skip('before_connection');
  if (ctx.savedMessageIds.some((id) => messageId(id) === messageId(m.internetMessageId)))
    return skip('already_saved');

  if (!isUser(m.from.address, ctx)) {
    const h = m.headers ?? {};
    // Each value of a repeated header counts, by its first word (before `;`, `,`, `(` or white space).
    const values = (name: string) =>
      (h[name] ?? '')
        .split(',')
        .map((v) =>
          v
            .trim()
            .split(/[;(\s]/)[0]!
            .toLowerCase(),
        )
        .filter((v) => v !== '');
    if (
      values('auto-submitted').some((v) => v !== 'no') ||
      values('precedence').some((v) => ['bulk', 'junk', 'list'].includes(v)) ||
      ['list-id', 'x-autoreply', 'x-autorespond', 'x-mailman-version'].some((name) => name in h) ||
      values('content-type').includes('multipart/report')
    )
      return skip('automated');
  }

  const sub =
    m.threadId === undefined ? undefined : ctx.threadSubscriptions.find((t) => t.threadId === m.threadId);
  let mode: 'thread_autosave' | 'autoshare';
  if (sub && s.threadAutosave) mode = 'thread_autosave';
  else if (s.autoshareEmails) mode = 'autoshare';
  else return skip('autoshare_off');

  if (parts.every((a) => isInternal(a, ctx))) return skip('internal');

  const others = parts.filter((a) => !isUser(a, ctx));
  if (s.blacklistPolicy === 'skip-email' && others.some((a) => isBlacklisted(a, ctx)))
    return skip('blacklisted');
  const external = others.filter((a) => !isInternal(a, ctx));
  if (external.length > 0 && external.every((a) => isBlacklisted(a, ctx))) return skip('blacklisted');
  const candidates = external.filter((a) => !isBlacklisted(a, ctx));

  const oldestFirst = (a: Linked, b: Linked) => time(a.createdAt) - time(b.createdAt) || byString(a.id, b.id);
  const who: RecordRef[] = [];
  const create: ModelDecision['create'] = [];
  const contactsAt = new Map<string, Linked[]>();
  const link = (r: RecordRef) => {
    if (!who.some((w) => w.kind === r.kind && w.id === r.id)) who.push(r);
  };
  for (const a of candidates) {
    const matches = ctx.crm.people.filter(
      (p) => !(p.kind === 'lead' && p.converted === true) && p.emails.some((e) => norm(e.address) === a),
    );
    const preferPrimary = <T extends (typeof matches)[number]>(ps: T[]) => {
      const primary = ps.filter((p) => p.emails.some((e) => e.primary && norm(e.address) === a));
      return (primary.length > 0 ? primary : ps).sort(oldestFirst);
    };
    const contacts = matches.filter((p) => p.kind === 'contact');
    const leads = matches.filter((p) => p.kind === 'lead');
    if (contacts.length > 0) {
      const kept = preferPrimary(contacts);
      kept.forEach((p) => link({ kind: 'contact', id: p.id }));
      contactsAt.set(a, kept);
    } else if (leads.length > 0) {
      link({ kind: 'lead', id: preferPrimary(leads)[0]!.id });
    } else if (s.autoCreateContacts) {
      const owners = ctx.crm.accounts.filter((acc) => acc.domains.some((d) => norm(d) === domainOf(a)));
      const local = a.slice(0, a.lastIndexOf('@'));
      const tomb = (ctx.crm.tombstones ?? []).some((t) => norm(t) === a);
      if (owners.length === 1 && !ROLES.has(local) && !PERSONAL.has(domainOf(a)) && !tomb) {
        create.push({ address: a, accountId: owners[0]!.id });
        contactsAt.set(a, [{ id: '', accountId: owners[0]!.id, createdAt: '' }]);
      }
    }
  }

  if (who.length === 0 && create.length === 0 && !(mode === 'thread_autosave' && sub?.what))
    return skip('no_known_participant');

  let what: RecordRef | undefined;
  if (mode === 'thread_autosave') what = sub?.what;
  else if (s.linkToOpportunities) {
    const visible = uniq([m.from, ...m.to, ...m.cc].map((p) => norm(p.address)));
    const linked = visible.flatMap((a) => contactsAt.get(a) ?? []);
    const accounts = new Set(linked.flatMap((c) => (c.accountId === undefined ? [] : [c.accountId])));
    const opportunity = ctx.crm.opportunities
      .filter((o) => !o.closed && o.ownerId === ctx.user.crmUserId && accounts.has(o.accountId))
      .sort((a, b) => time(b.createdAt) - time(a.createdAt) || byString(b.id, a.id))[0];
    const firstAccount = linked.find((c) => c.accountId !== undefined)?.accountId;
    if (opportunity) what = { kind: 'opportunity', id: opportunity.id };
    else if (firstAccount !== undefined) what = { kind: 'account', id: firstAccount };
    else return skip('no_opportunity_or_account');
  }

  return { action: 'save', reason: mode, who, ...(what ? { what } : {}), create, content };
}
