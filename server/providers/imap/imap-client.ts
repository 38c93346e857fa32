import type { ImapFlow, ImapFlowOptions } from 'imapflow';
import { imapflow } from '../../runtime/heavy-modules';
import type { ImapSourceOptions } from './imap-options';

// One imapflow connection with Liaison's settings. A closed ImapFlow cannot be reconnected: make a new one.

export function createImapClient(options: ImapSourceOptions, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  const client = new (imapflow().ImapFlow)({
    host: options.host,
    port: options.port,
    ...(options.servername !== undefined && { servername: options.servername }),
    secure: options.secure,
    auth: options.auth,
    logger: options.logger ?? false,
    clientInfo: { name: 'Liaison' },
    ...(options.timeouts?.connection !== undefined && { connectionTimeout: options.timeouts.connection }),
    ...(options.timeouts?.greeting !== undefined && { greetingTimeout: options.timeouts.greeting }),
    ...(options.timeouts?.socket !== undefined && { socketTimeout: options.timeouts.socket }),
    ...extra,
  });
  // Without a listener an 'error' event would crash the process; failures reach callers through rejected commands.
  client.on('error', (error: unknown) => {
    if (options.logger) options.logger.warn({ msg: 'IMAP connection error', err: error });
  });
  return client;
}
