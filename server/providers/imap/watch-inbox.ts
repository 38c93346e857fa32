import type { ImapFlow } from 'imapflow';
import { createImapClient } from './imap-client';
import type { ImapSourceOptions } from './imap-options';

// IMAP IDLE on the inbox, on a connection of its own, so new mail triggers an early sync. When the connection
// drops (server restart, network, idle timeout) it reconnects with a doubling backoff and calls `onChange` once
// connected again, since mail may have arrived meanwhile. It never throws for connection problems: polling still
// runs, and failures go to the logger.

const DEFAULT_MAX_IDLE_MS = 10 * 60 * 1000;

export async function watchInbox(
  options: ImapSourceOptions,
  onChange: () => void,
): Promise<{ stop(): Promise<void> }> {
  const initialMs = options.reconnect?.initialMs ?? 1000;
  const maxMs = options.reconnect?.maxMs ?? 60_000;
  let backoffMs = initialMs;
  let stopped = false;
  let client: ImapFlow | undefined;
  let timer: NodeJS.Timeout | undefined;
  const log = (msg: string, err?: unknown) => {
    if (options.logger) options.logger.warn({ msg, err, host: options.host, user: options.auth.user });
  };

  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect(true);
    }, backoffMs);
    backoffMs = Math.min(backoffMs * 2, maxMs);
  };

  const connect = async (again: boolean): Promise<void> => {
    const idle = createImapClient(options, { maxIdleTime: options.maxIdleMs ?? DEFAULT_MAX_IDLE_MS });
    client = idle;
    idle.on('exists', (event: { count: number; prevCount: number }) => {
      if (!stopped && event.count > event.prevCount) onChange();
    });
    idle.on('close', () => {
      if (client !== idle || stopped) return;
      client = undefined;
      log('IMAP IDLE connection closed; reconnecting');
      schedule();
    });
    try {
      await idle.connect();
      await idle.mailboxOpen('INBOX', { readOnly: true });
      if (stopped) return;
      // Not awaited: awaiting IDLE before another command deadlocks; imapflow ends it when needed.
      idle.idle().catch(() => undefined);
      backoffMs = initialMs;
      if (again) onChange();
    } catch (error) {
      log('IMAP IDLE connection failed', error);
      if (client === idle) client = undefined;
      idle.close();
      schedule();
    }
  };

  await connect(false);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const last = client;
      client = undefined;
      if (last) await last.logout().catch(() => last.close());
    },
  };
}
