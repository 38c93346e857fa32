/**
 * A second, independent reading of rules 1 to 14 of the event rules, for well-formed events (rule 0 is tested on its
 * own). Matching, creating and the related record are read as the email rulebook words them, on participants.
 * The model-based property compares the core with it: where they differ, the spec's words decide which is wrong.
 */
import type { CalendarEvent, EventContext, EventDecision, RecordRef } from '../../src';
import { domainOf, isBlacklisted, isInternal, isUser, norm } from '../rulebook/arbitraries';

export type ModelEventDecision = Omit<EventDecision, 'trace'>;

const ROLES = new Set(['info', 'support', 'sales', 'team', 'help', 'hello', 'contact', 'admin', 'noreply']);
const PERSONAL = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'outlook.com', 'hotmail.com']);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const time = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

export function modelDecideEvent(
  e: CalendarEvent,
  ctx: EventContext,
  key: string,
  fingerprint: string,
): ModelEventDecision {
  const s = ctx.settings;
  const organizer = norm(e.organizer.address);
  const content = s.sharing[isUser(organizer, ctx) ? 'outbound' : 'inbound'];
  // Section 2: participants, each once with its first entry in the order organizer, required, optional.
  const entries = [
    { address: organizer, response: 'accepted' },
    ...e.attendees.filter((a) => a.type === 'required'),
    ...e.attendees.filter((a) => a.type === 'optional'),
  ];
  const participants: { address: string; response: string }[] = [];
  for (const p of entries)
    if (!participants.some((q) => q.address === norm(p.address)))
      participants.push({ address: norm(p.address), response: p.response });
  const kind = participants.some((p) => !isUser(p.address, ctx)) ? 'meeting' : 'appointment';
  const kindOf: EventDecision['kind'] = kind;
  const base = { kind: kindOf, key, who: [], create: [], invitees: [], content };
  const skip = (reason: EventDecision['reason']): ModelEventDecision => ({ ...base, action: 'skip', reason });

  if (e.calendar !== 'primary') return skip('excluded_calendar');
  const attendeeAddresses = e.attendees.map((a) => norm(a.address));
  if (!isUser(organizer, ctx) && !attendeeAddresses.some((a) => isUser(a, ctx)))
    return skip('not_users_event');
  if (e.sensitivity !== 'normal') return skip('private');
  const mine = [...participants.slice(1), ...e.attendees.filter((a) => a.type === 'resource')].find((p) =>
    isUser(p.address, ctx),
  );
  if (!isUser(organizer, ctx) && mine?.response === 'declined') return skip('declined');
  if (time(e.end) < time(ctx.connectedAt)) return skip('before_connection');
  if (time(e.start) > time(ctx.now) + ctx.horizonDays * DAY) return skip('beyond_horizon');

  const saved = ctx.savedEvents.find((x) => x.key === key);
  if (e.status === 'cancelled') {
    if (!saved || saved.cancelled) return skip('cancelled');
    return { ...base, action: 'cancel', reason: 'cancelled' };
  }
  if (saved && (saved.fingerprint === fingerprint || e.sequence < saved.sequence)) return skip('unchanged');
  const action = saved ? 'update' : 'save';

  if (kind === 'meeting' ? !s.autoshareMeetings : !s.autoshareAppointments)
    return skip(kind === 'meeting' ? 'meetings_off' : 'appointments_off');
  if (kind === 'appointment') return { ...base, action, reason: 'appointment' };

  const addresses = participants.map((p) => p.address);
  if (addresses.every((a) => isInternal(a, ctx))) return skip('internal');
  const others = addresses.filter((a) => !isUser(a, ctx));
  if (s.blacklistPolicy === 'skip-email' && others.some((a) => isBlacklisted(a, ctx)))
    return skip('blacklisted');
  const external = others.filter((a) => !isInternal(a, ctx));
  if (external.length > 0 && external.every((a) => isBlacklisted(a, ctx))) return skip('blacklisted');
  const declined = new Set(participants.filter((p) => p.response === 'declined').map((p) => p.address));
  const candidates = external.filter((a) => !isBlacklisted(a, ctx) && !declined.has(a));

  type Linked = { id: string; accountId?: string; createdAt: string };
  const oldestFirst = (a: Linked, b: Linked) => time(a.createdAt) - time(b.createdAt) || byString(a.id, b.id);
  const who: RecordRef[] = [];
  const create: EventDecision['create'] = [];
  const contactsAt: Linked[] = [];
  const link = (r: RecordRef) => {
    if (!who.some((w) => w.kind === r.kind && w.id === r.id)) who.push(r);
  };
  for (const a of candidates) {
    const matches = ctx.crm.people.filter(
      (p) => !(p.kind === 'lead' && p.converted === true) && p.emails.some((m) => norm(m.address) === a),
    );
    const preferPrimary = <T extends (typeof matches)[number]>(ps: T[]) => {
      const primary = ps.filter((p) => p.emails.some((m) => m.primary && norm(m.address) === a));
      return (primary.length > 0 ? primary : ps).sort(oldestFirst);
    };
    const contacts = matches.filter((p) => p.kind === 'contact');
    const leads = matches.filter((p) => p.kind === 'lead');
    if (contacts.length > 0) {
      const kept = preferPrimary(contacts);
      kept.forEach((p) => link({ kind: 'contact', id: p.id }));
      contactsAt.push(...kept);
    } else if (leads.length > 0) {
      link({ kind: 'lead', id: preferPrimary(leads)[0]!.id });
    } else if (s.autoCreateContacts) {
      const owners = ctx.crm.accounts.filter((acc) => acc.domains.some((d) => norm(d) === domainOf(a)));
      const local = a.slice(0, a.lastIndexOf('@'));
      const tomb = (ctx.crm.tombstones ?? []).some((t) => norm(t) === a);
      if (owners.length === 1 && !ROLES.has(local) && !PERSONAL.has(domainOf(a)) && !tomb) {
        create.push({ address: a, accountId: owners[0]!.id });
        contactsAt.push({ id: '', accountId: owners[0]!.id, createdAt: '' });
      }
    }
  }
  if (who.length === 0 && create.length === 0) return skip('no_known_participant');

  let what: RecordRef | undefined;
  if (s.linkToOpportunities) {
    const accounts = new Set(contactsAt.flatMap((c) => (c.accountId === undefined ? [] : [c.accountId])));
    const opportunity = ctx.crm.opportunities
      .filter((o) => !o.closed && o.ownerId === ctx.user.crmUserId && accounts.has(o.accountId))
      .sort((a, b) => time(b.createdAt) - time(a.createdAt) || byString(b.id, a.id))[0];
    const firstAccount = contactsAt.find((c) => c.accountId !== undefined)?.accountId;
    if (opportunity) what = { kind: 'opportunity', id: opportunity.id };
    else if (firstAccount !== undefined) what = { kind: 'account', id: firstAccount };
    else return skip('no_opportunity_or_account');
  }

  const invitees: string[] = [];
  for (const p of participants) {
    if (p.response === 'declined' || (!isUser(p.address, ctx) && isBlacklisted(p.address, ctx))) continue;
    const ids = ctx.crmUsers
      .filter((u) => norm(u.address) === p.address)
      .map((u) => u.crmUserId)
      .sort(byString);
    const id = ids[0];
    if (id !== undefined && id !== ctx.user.crmUserId && !invitees.includes(id)) invitees.push(id);
  }
  return { ...base, action, reason: 'meeting', who, ...(what ? { what } : {}), create, invitees };
}
