import type { Kysely } from 'kysely';
import { embeddedRecordUrl } from './embedded/record-page-url';
import type { SecretBox } from '../secrets';
import {
  deleteCrmConnection,
  getCrmConnection,
  saveCrmConnection,
  setCrmConnectionStatus,
} from '../db/crm-connection-repo';
import type { Database } from '../db/database-types';
import { updateOrganisation } from '../db/organisation-repo';
import { listUsers, updateUser } from '../db/users-repo';
import type { CrmAdapter } from './crm-adapter';
import { EmbeddedCrm } from './embedded/embedded-crm';
import {
  openSalesforceSession,
  revokeSalesforceGrant,
  SalesforceCrmAdapter,
  sealSalesforceGrant,
  type SalesforceEnvConfig,
  type SalesforceGrant,
  type StoredSalesforceConnection,
} from './salesforce';
import { DbTokenStore } from './salesforce-token-store';

// Which CRM the server talks to: Salesforce once an admin connected it (refresh token sealed at rest, with the
// organisation's single id as associated data), else the embedded CRM. Revoked consent turns the connection
// Inactive with a reason the admin page shows.

const ORG = 'organisation';
const KIND = 'salesforce';

export interface CrmWiring {
  db: Kysely<Database>;
  secrets: SecretBox;
  salesforce: SalesforceEnvConfig;
  /** Where a failed token revocation is reported (the server's log). */
  warn?: (line: string) => void;
  /** The server's public URL: the embedded CRM's records open on its own pages there. */
  publicUrl?: () => string;
}

/** The embedded CRM, its records opening on this server's pages when the public URL is known. */
export function embeddedCrmOf(w: Pick<CrmWiring, 'db' | 'publicUrl'>): EmbeddedCrm {
  return new EmbeddedCrm(w.db, w.publicUrl ? { recordUrl: embeddedRecordUrl(w.publicUrl) } : {});
}

export async function openConfiguredCrm(w: CrmWiring): Promise<CrmAdapter> {
  const stored = await getCrmConnection<StoredSalesforceConnection>(w.db, KIND);
  if (!stored || !w.salesforce.app || stored.status === 'inactive') return embeddedCrmOf(w);
  const session = openSalesforceSession(w.secrets, ORG, stored.connection, w.salesforce.app);
  return new SalesforceCrmAdapter(session, {
    ...w.salesforce.options,
    // Server and workers refresh one at a time and reuse each other's access token (and a rotated refresh token).
    tokenStore: new DbTokenStore(w.db, w.secrets, ORG),
    // Awaited by the client before the refused call fails, so a caller that sees the failure sees the status.
    onConsentRevoked: (error) =>
      setCrmConnectionStatus(
        w.db,
        KIND,
        'inactive',
        `Salesforce refused Liaison's access (${error.message}). An admin must connect Salesforce again.`,
      ),
  });
}

export async function storeSalesforceGrant(w: CrmWiring, grant: SalesforceGrant, now: Date): Promise<void> {
  await saveCrmConnection(w.db, KIND, sealSalesforceGrant(w.secrets, ORG, grant, now.toISOString()));
  await updateOrganisation(w.db, { crmKind: KIND });
}

export async function disconnectSalesforce(w: CrmWiring): Promise<void> {
  const stored = await getCrmConnection<StoredSalesforceConnection>(w.db, KIND);
  if (stored && w.salesforce.app) {
    try {
      await revokeSalesforceGrant(w.secrets, ORG, stored.connection, w.salesforce.app);
    } catch (error) {
      // The connection is forgotten here either way; an admin may want to revoke it at Salesforce by hand.
      w.warn?.(
        `Salesforce did not revoke Liaison's access to the org ${stored.connection.salesforceOrgId} ` +
          `(${stored.connection.instanceUrl}) on disconnect: ${error instanceof Error ? error.message : String(error)}. ` +
          'Salesforce is disconnected here; an admin can revoke the token in Salesforce Setup, Connected Apps OAuth Usage.',
      );
    }
  }
  await deleteCrmConnection(w.db, KIND);
  await updateOrganisation(w.db, { crmKind: 'embedded' });
}

export async function salesforceStatus(w: CrmWiring) {
  const stored = await getCrmConnection<StoredSalesforceConnection>(w.db, KIND);
  return {
    configured: w.salesforce.app !== undefined,
    connected: stored !== undefined,
    ...(stored
      ? {
          status: stored.status,
          statusReason: stored.statusReason,
          instanceUrl: stored.connection.instanceUrl,
          connectedAt: stored.connection.connectedAt,
        }
      : {}),
  };
}

/**
 * Each Liaison user to their Salesforce user, by email (one query for everyone), so "opportunities I own" and
 * activity ownership are right. Users Salesforce does not know keep what the admin set. Returns how many mapped.
 */
export async function mapUsersToSalesforce(db: Kysely<Database>, adapter: CrmAdapter): Promise<number> {
  if (!(adapter instanceof SalesforceCrmAdapter)) return 0;
  const users = await listUsers(db);
  const mapping = await adapter.mapUsers(users.map((u) => ({ id: u.id, addresses: u.addresses })));
  let mapped = 0;
  for (const user of users) {
    const crmUserId = mapping[user.id]?.crmUserId;
    if (!crmUserId || crmUserId === user.crmUserId) continue;
    await updateUser(db, user.id, { crmUserId });
    mapped++;
  }
  return mapped;
}
