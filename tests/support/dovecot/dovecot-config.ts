// The dovecot.conf of one test instance (shared/recipes/dovecot.md): everything inside its own temp folder,
// plaintext IMAP on 127.0.0.1 only, users from a passwd-file, Maildir storage, the usual special-use folders.
// One addition to the recipe: the auth penalty is off (its anvil socket has mode 0, the documented switch), so a
// refused password does not delay the next login from 127.0.0.1 by 4 s and doubling, which would slow the suites.

export interface DovecotConfigInput {
  dir: string;
  port: number;
  /** Greeting token that proves this very instance answered. */
  token: string;
  runUser: string;
  runGroup: string;
  uid: number;
  gid: number;
  /** Sessions at once (one imap process each; Dovecot's default is 100), for benches with many mailboxes. */
  processLimit?: number;
}

export function dovecotConfig(c: DovecotConfigInput): string {
  return `base_dir = ${c.dir}/run
state_dir = ${c.dir}/state
log_path = ${c.dir}/dovecot.log
login_greeting = ready-${c.token}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_failure_delay = 0
default_internal_user = ${c.runUser}
default_internal_group = ${c.runGroup}
default_login_user = ${c.runUser}
first_valid_uid = 1
${c.processLimit ? `default_process_limit = ${c.processLimit}\ndefault_client_limit = ${c.processLimit * 2}\nmail_max_userip_connections = 20\n` : ''}mail_location = maildir:${c.dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${c.dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${c.dir}/users
  default_fields = uid=${c.uid} gid=${c.gid} home=${c.dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    port = ${c.port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
  }
  mailbox Drafts {
    special_use = \\Drafts
  }
  mailbox Junk {
    special_use = \\Junk
  }
  mailbox Trash {
    special_use = \\Trash
  }
  mailbox Archive {
    special_use = \\Archive
  }
}
`;
}

/** passwd-file lines: `alice:{PLAIN}secret::::::` */
export function dovecotUsersFile(users: { user: string; pass: string }[]): string {
  return users.map(({ user, pass }) => `${user}:{PLAIN}${pass}::::::\n`).join('');
}
