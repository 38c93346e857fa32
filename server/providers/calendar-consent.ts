// A mailbox connected before calendar access was part of the consent: its mail goes on as before, its calendar fails
// with this error (kind `auth`, so the engine treats it as a sign-in to redo), naming the scope to grant.
import { MailSourceError } from './mail-source';

export class CalendarConsentMissing extends MailSourceError {
  constructor(
    readonly provider: string,
    readonly scope: string,
    options?: { cause?: unknown },
  ) {
    super(
      'auth',
      `${provider} has not allowed Liaison to read the calendar (${scope}): reconnect the mailbox to allow calendar access. Mail keeps syncing meanwhile.`,
      undefined,
      options,
    );
    this.name = 'CalendarConsentMissing';
  }
}
