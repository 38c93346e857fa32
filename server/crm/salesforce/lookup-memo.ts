// What the last people lookups showed about each address, for a short while: a sync batch looks its
// addresses up, decides, then asks for tombstones and creates contacts; the answers it already has cost no call.
import { normalizeAddress } from '../../../src';
import type { CrmPersonRecord } from '../crm-adapter';

interface AddressFacts {
  at: number;
  /** The lookup went through queryAll, so the recycle bin was seen. */
  sawDeleted: boolean;
  deletedContact: boolean;
  liveContact: boolean;
  liveLead: boolean;
}

/** Bound on what is remembered (addresses and people). */
const MAX = 50_000;

export class LookupMemo {
  private facts = new Map<string, AddressFacts>();
  private emails = new Map<string, string[]>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Every looked-up address, with the people found for them. */
  record(addresses: string[], people: CrmPersonRecord[], sawDeleted: boolean): void {
    if (this.facts.size + addresses.length > MAX) this.facts.clear();
    if (this.emails.size + people.length > MAX) this.emails.clear();
    const at = this.now();
    const fresh = (): AddressFacts => ({
      at,
      sawDeleted,
      deletedContact: false,
      liveContact: false,
      liveLead: false,
    });
    const byAddress = new Map(addresses.map((a) => [a, fresh()]));
    for (const p of people) {
      const list = p.emails.map((e) => normalizeAddress(e.address));
      this.emails.set(p.id, list);
      for (const a of list) {
        const f = byAddress.get(a);
        if (!f) continue;
        if (p.kind === 'contact' && p.deleted) f.deletedContact = true;
        else if (p.kind === 'contact') f.liveContact = true;
        else if (!p.deleted && !p.converted) f.liveLead = true;
      }
    }
    for (const [a, f] of byAddress) this.facts.set(a, f);
  }

  private get(address: string): AddressFacts | undefined {
    const f = this.facts.get(address);
    return f && this.now() - f.at <= this.ttlMs ? f : undefined;
  }

  /** true / false when a recent queryAll lookup answered it, undefined when unknown. */
  isTombstone(address: string): boolean | undefined {
    const f = this.get(address);
    return f?.sawDeleted ? f.deletedContact : undefined;
  }

  /** A recent lookup found no live record of this kind for the address. */
  knownAbsent(address: string, kind: 'contact' | 'lead'): boolean {
    const f = this.get(address);
    return !!f && !(kind === 'contact' ? f.liveContact : f.liveLead);
  }

  /** A record of the kind now exists for the address (we made or found it). */
  markPresent(address: string, kind: 'contact' | 'lead'): void {
    const f = this.facts.get(address);
    if (f && kind === 'contact') f.liveContact = true;
    if (f && kind === 'lead') f.liveLead = true;
  }

  emailsOf(id: string): string[] | undefined {
    return this.emails.get(id);
  }
}
