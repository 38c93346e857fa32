import type { Logger } from 'imapflow';

// How to reach one IMAP mailbox. Passwords and tokens come from the secret box; nothing here is stored.

export type ImapAuth = { user: string; pass: string } | { user: string; accessToken: string };

export interface ImapSourceOptions {
  host: string;
  /** The name TLS checks the certificate against when `host` is the address it resolved to. */
  servername?: string;
  port: number;
  /** TLS from the first byte (993). When false, STARTTLS is used if the server offers it. */
  secure: boolean;
  /** A password, or an OAuth 2.0 access token sent with XOAUTH2 (Gmail, Microsoft 365). */
  auth: ImapAuth;
  /** Receives imapflow's structured log lines and the source's own (reconnects, dropped connections). */
  logger?: Logger | false;
  /** Milliseconds; imapflow's defaults apply when left out. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
  /** IDLE reconnect backoff: doubles from `initialMs` up to `maxMs` (defaults 1 s and 60 s). */
  reconnect?: { initialMs?: number; maxMs?: number };
  /** Restart IDLE this often, since servers drop idle connections after about 30 min (default 10 min). */
  maxIdleMs?: number;
}
