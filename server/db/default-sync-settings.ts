// The sync settings a new organisation starts with (rulebook: exclude-participant is the default
// blacklist policy for new users). Stored settings are read over these, so a setting added later
// gets its default for everyone who never changed it.
import type { SharingLevel, SyncSettings } from '../../src';

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  autoshareEmails: true,
  threadAutosave: true,
  linkToOpportunities: true,
  autoCreateContacts: false,
  blacklistPolicy: 'exclude-participant',
  sharing: { inbound: 'full', outbound: 'full' },
  // Calendar sharing is opt-in (event-rules.md section 1); stored settings without these read as off.
  autoshareMeetings: false,
  autoshareAppointments: false,
};

const LEVELS: readonly SharingLevel[] = ['metadata', 'subject', 'full'];

/** Layers partial settings over a base, field by field, ignoring values of the wrong type. */
export function mergeSyncSettings(base: SyncSettings, ...layers: unknown[]): SyncSettings {
  const { sharing, ...rest } = cleanSyncSettingsPatch(...layers);
  return { ...base, ...rest, sharing: { ...base.sharing, ...sharing } };
}

/** The valid fields of partial settings (later layers win), without anything unknown or mistyped. */
export function cleanSyncSettingsPatch(...layers: unknown[]): SyncSettingsPatch {
  const result: SyncSettingsPatch = {};
  for (const layer of layers) {
    if (!layer || typeof layer !== 'object') continue;
    const l = layer as Record<string, unknown>;
    for (const key of [
      'autoshareEmails',
      'threadAutosave',
      'linkToOpportunities',
      'autoCreateContacts',
      'autoshareMeetings',
      'autoshareAppointments',
    ] as const) {
      const value = l[key];
      if (typeof value === 'boolean') result[key] = value;
    }
    if (l.blacklistPolicy === 'exclude-participant' || l.blacklistPolicy === 'skip-email') {
      result.blacklistPolicy = l.blacklistPolicy;
    }
    const sharing = l.sharing as Record<string, unknown> | undefined;
    if (sharing && typeof sharing === 'object') {
      for (const direction of ['inbound', 'outbound'] as const) {
        const level = sharing[direction];
        if (LEVELS.includes(level as SharingLevel))
          result.sharing = { ...result.sharing, [direction]: level };
      }
    }
  }
  return result;
}

export type SyncSettingsPatch = Partial<Omit<SyncSettings, 'sharing'>> & {
  sharing?: Partial<SyncSettings['sharing']>;
};
