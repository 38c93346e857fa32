import { Button, Field, Input, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';

// The IMAP connection form. The server logs in once with these before it saves anything, so a wrong password is
// told here, not at the next sync.

export interface ImapDetails {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
}

const useStyles = makeStyles({
  form: {
    display: 'grid',
    alignItems: 'start',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
  },
  wide: { gridColumn: '1 / -1' },
});

export function ImapForm({ busy, onConnect }: { busy: boolean; onConnect(details: ImapDetails): void }) {
  const styles = useStyles();
  const [host, setHost] = useState('');
  const [port, setPort] = useState('993');
  const [secure, setSecure] = useState(true);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const portNumber = Number(port);
  const portOk = Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535;
  const ready = host.trim() !== '' && user.trim() !== '' && password !== '' && portOk;

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onConnect({ host: host.trim(), port: portNumber, secure, user: user.trim(), password });
      }}
    >
      <Field label="IMAP server" hint="Your provider's IMAP host name, such as imap.example.com." required>
        <Input value={host} onChange={(_, d) => setHost(d.value)} autoComplete="off" />
      </Field>
      <Field
        label="Port"
        validationMessage={portOk ? undefined : 'A port from 1 to 65535.'}
        hint="993 for TLS, 143 for STARTTLS."
      >
        <Input value={port} inputMode="numeric" onChange={(_, d) => setPort(d.value)} />
      </Field>
      <Field
        className={styles.wide}
        hint="On: encrypted from the first byte (port 993). Off: STARTTLS when the server offers it (port 143)."
      >
        <Switch
          label="Use TLS"
          checked={secure}
          onChange={(_, d) => {
            setSecure(d.checked);
            setPort(d.checked ? '993' : '143');
          }}
        />
      </Field>
      <Field label="User name" hint="Usually your email address." required>
        <Input value={user} onChange={(_, d) => setUser(d.value)} autoComplete="username" />
      </Field>
      <Field
        label="Password"
        hint="Stored encrypted; an app password if your provider asks for one."
        required
      >
        <Input
          type="password"
          value={password}
          onChange={(_, d) => setPassword(d.value)}
          autoComplete="current-password"
        />
      </Field>
      <div className={styles.wide}>
        <Button appearance="primary" type="submit" disabled={busy || !ready}>
          {busy ? 'Signing in to your mailbox…' : 'Connect by IMAP'}
        </Button>
      </div>
    </form>
  );
}
