// The single organisation row: internal domains, default sync settings, whether autosharing is
// enabled, the activity-history display setting, and which CRM is in use.
import { sql, type Kysely, type Selectable } from 'kysely';
import { normalizeDomain, type SyncSettings } from '../../src';
import type { Database, OrganisationTable } from './database-types';
import { DEFAULT_SYNC_SETTINGS, mergeSyncSettings, type SyncSettingsPatch } from './default-sync-settings';
import { jsonb, toIso } from './jsonb';

export interface Organisation {
  internalDomains: string[];
  defaultSettings: SyncSettings;
  autosharingEnabled: boolean;
  /** Display setting: "show information extracted from emails in the activity history". */
  showExtractedInfo: boolean;
  crmKind: string;
  updatedAt: string;
}

export interface OrganisationPatch {
  internalDomains?: string[];
  defaultSettings?: SyncSettingsPatch;
  autosharingEnabled?: boolean;
  showExtractedInfo?: boolean;
  crmKind?: string;
}

/** In SQL: whether recent activities leave out what autosharing imported (`showExtractedInfo` off; on by default,
 * which a missing row is created with). */
export const HIDES_IMPORTED_SQL = sql<boolean>`coalesce((select not o.show_extracted_info from organisation o), false)`;

/** The organisation, created with defaults on first read. */
export async function getOrganisation(db: Kysely<Database>): Promise<Organisation> {
  let row = await db.selectFrom('organisation').selectAll().executeTakeFirst();
  if (!row) {
    await db
      .insertInto('organisation')
      .values({ internal_domains: jsonb([]), default_settings: jsonb(DEFAULT_SYNC_SETTINGS) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    row = await db.selectFrom('organisation').selectAll().executeTakeFirstOrThrow();
  }
  return toOrganisation(row);
}

/** The row as stored (or as `row_to_json` gives it, dates as text). */
export function toOrganisation(
  row: Omit<Selectable<OrganisationTable>, 'id' | 'updated_at'> & { updated_at: Date | string },
): Organisation {
  return {
    internalDomains: Array.isArray(row.internal_domains) ? row.internal_domains : [],
    defaultSettings: mergeSyncSettings(DEFAULT_SYNC_SETTINGS, row.default_settings),
    autosharingEnabled: row.autosharing_enabled,
    showExtractedInfo: row.show_extracted_info,
    crmKind: row.crm_kind,
    updatedAt: toIso(row.updated_at),
  };
}

export async function updateOrganisation(
  db: Kysely<Database>,
  patch: OrganisationPatch,
): Promise<Organisation> {
  const current = await getOrganisation(db);
  await db
    .updateTable('organisation')
    .set({
      ...(patch.internalDomains ? { internal_domains: jsonb(normalizeDomains(patch.internalDomains)) } : {}),
      ...(patch.defaultSettings
        ? { default_settings: jsonb(mergeSyncSettings(current.defaultSettings, patch.defaultSettings)) }
        : {}),
      ...(patch.autosharingEnabled !== undefined ? { autosharing_enabled: patch.autosharingEnabled } : {}),
      ...(patch.showExtractedInfo !== undefined ? { show_extracted_info: patch.showExtractedInfo } : {}),
      ...(patch.crmKind !== undefined ? { crm_kind: patch.crmKind } : {}),
      updated_at: new Date(),
    })
    .execute();
  return getOrganisation(db);
}

function normalizeDomains(domains: string[]): string[] {
  return [...new Set(domains.map(normalizeDomain).filter((d) => d !== ''))];
}
