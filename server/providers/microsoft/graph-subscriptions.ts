/**
 * Microsoft Graph change-notification subscriptions (POST, PATCH, DELETE /subscriptions), with the client and tokens
 * the source reads with. On a mailbox's inbox, only `created`: new mail is what brings a sync forward; sent items and
 * archive moves wait for the next scheduled run. On its calendar's events, every change (calendar-push.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { graphStatus } from './graph-errors';

export const INBOX_MESSAGES_RESOURCE = "me/mailFolders('inbox')/messages";
/** The signed-in user's events (the primary calendar's, as calendarView delta reads them). */
export const EVENTS_RESOURCE = 'me/events';

export interface GraphSubscription {
  id: string;
  expiresAt: Date;
}

/** A fresh clientState: 64 URL-safe characters (Graph allows up to 128), known only to us and Graph. */
export function newClientState(): string {
  return randomBytes(48).toString('base64url');
}

/** Graph answers with its own expiry (it may round); fall back to the one asked for. */
function expiryOf(answer: unknown, asked: Date): Date {
  const text = (answer as { expirationDateTime?: unknown } | undefined)?.expirationDateTime;
  const at = typeof text === 'string' ? new Date(text) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : asked;
}

/** Creates a subscription; Graph first checks the notification URL with its validation handshake. */
export async function createSubscription(
  client: Client,
  input: { notificationUrl: string; clientState: string; expiresAt: Date; resource: string; changeType: string },
): Promise<GraphSubscription> {
  const answer = (await client.api('/subscriptions').post({
    changeType: input.changeType,
    notificationUrl: input.notificationUrl,
    resource: input.resource,
    expirationDateTime: input.expiresAt.toISOString(),
    clientState: input.clientState,
  })) as { id?: unknown } | undefined;
  if (typeof answer?.id !== 'string') throw new Error('Microsoft Graph created a subscription without an id');
  return { id: answer.id, expiresAt: expiryOf(answer, input.expiresAt) };
}

/** The inbox's subscription: new mail only. */
export function createInboxSubscription(
  client: Client,
  input: { notificationUrl: string; clientState: string; expiresAt: Date },
): Promise<GraphSubscription> {
  return createSubscription(client, { ...input, resource: INBOX_MESSAGES_RESOURCE, changeType: 'created' });
}

/** Moves a subscription's expiry (Graph deletes it at expiry otherwise). */
export async function renewSubscription(client: Client, id: string, expiresAt: Date): Promise<Date> {
  const answer: unknown = await client
    .api(`/subscriptions/${encodeURIComponent(id)}`)
    .patch({ expirationDateTime: expiresAt.toISOString() });
  return expiryOf(answer, expiresAt);
}

/** Deletes a subscription; one already gone (expired, deleted) is fine. */
export async function deleteSubscription(client: Client, id: string): Promise<void> {
  try {
    await client.api(`/subscriptions/${encodeURIComponent(id)}`).delete();
  } catch (e) {
    if (graphStatus(e) !== 404) throw e;
  }
}
