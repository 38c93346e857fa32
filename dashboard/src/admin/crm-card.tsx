import {
  Badge,
  Button,
  Field,
  Input,
  ProgressBar,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { api } from '../api/client';
import type { CrmStatus } from '../api/types';
import { useLoad } from '../api/use-load';
import { DangerButton } from '../ui/danger-button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { formatDateTime } from '../ui/format';
import { Notice, type NoticeValue } from '../ui/notice';
import { Section } from '../ui/section';
import { ErrorState, Loading } from '../ui/states';

// Which CRM Liaison writes to (the embedded one, or Salesforce), connecting and disconnecting Salesforce, and the
// Salesforce API budget used today.

type LoginChoice = 'production' | 'sandbox' | 'myDomain';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  budget: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '420px' },
});

export function CrmCard() {
  const styles = useStyles();
  const loaded = useLoad<CrmStatus>('/api/admin/crm');
  const [login, setLogin] = useState<LoginChoice>('production');
  const [domain, setDomain] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<NoticeValue>();

  let body;
  if (loaded.loading && !loaded.data) body = <Loading label="Loading the CRM connection…" />;
  else if (loaded.error || !loaded.data)
    body = <ErrorState error={loaded.error ?? new Error('No CRM status.')} retry={loaded.reload} />;
  else {
    const crm = loaded.data;
    const sf = crm.salesforce;
    const connect = async () => {
      setBusy(true);
      setNotice(undefined);
      try {
        const body = { login: login === 'myDomain' ? { myDomain: domain.trim() } : login };
        const { authorizeUrl } = await api<{ authorizeUrl: string }>(
          'POST',
          '/api/admin/crm/salesforce/connect',
          body,
        );
        window.location.assign(authorizeUrl);
      } catch (error) {
        setNotice({ intent: 'error', title: 'Salesforce not connected', text: (error as Error).message });
        setBusy(false);
      }
    };
    const disconnect = async () => {
      setBusy(true);
      try {
        loaded.set(await api<CrmStatus>('POST', '/api/admin/crm/salesforce/disconnect'));
        setNotice({
          intent: 'success',
          title: 'Salesforce disconnected',
          text: 'Liaison writes to the embedded CRM again, from the next sync, within a minute.',
        });
        setConfirming(false);
      } catch (error) {
        setNotice({ intent: 'error', title: 'Still connected', text: (error as Error).message });
      } finally {
        setBusy(false);
      }
    };
    body = (
      <>
        <div className={styles.row}>
          <Badge appearance="filled" color={sf.connected && sf.status === 'inactive' ? 'warning' : 'success'}>
            {crm.kind === 'salesforce' ? 'Salesforce' : 'Embedded CRM'}
          </Badge>
          <Text>
            {sf.connected
              ? `Connected to ${sf.instanceUrl ?? 'Salesforce'} since ${formatDateTime(sf.connectedAt)}${sf.status === 'inactive' ? `: inactive, ${sf.statusReason ?? 'reconnect'}` : ''}.`
              : "Liaison's own small CRM, stored in its database."}
          </Text>
        </div>
        {(crm.advice ?? []).map((text) => (
          <Notice key={text} notice={{ intent: 'warning', title: 'Salesforce setup', text }} />
        ))}
        {crm.apiUsage ? (
          <div className={styles.budget}>
            <Field label="Salesforce API budget used today">
              <ProgressBar value={crm.apiUsage.max > 0 ? crm.apiUsage.used / crm.apiUsage.max : 0} />
            </Field>
            <Text>
              {crm.apiUsage.used.toLocaleString()} of {crm.apiUsage.max.toLocaleString()} calls
            </Text>
          </div>
        ) : (
          <Text>
            API budget used today: not metered for{' '}
            {crm.kind === 'salesforce' ? 'this connection yet' : 'the embedded CRM'}.
          </Text>
        )}
        {sf.connected ? (
          <div>
            <DangerButton disabled={busy} onClick={() => setConfirming(true)}>
              Disconnect Salesforce
            </DangerButton>
          </div>
        ) : sf.configured ? (
          <div className={styles.row}>
            <Field label="Salesforce org">
              <Select value={login} onChange={(_, d) => setLogin(d.value as LoginChoice)}>
                <option value="production">Production (login.salesforce.com)</option>
                <option value="sandbox">Sandbox (test.salesforce.com)</option>
                <option value="myDomain">My Domain</option>
              </Select>
            </Field>
            {login === 'myDomain' ? (
              <Field label="My Domain name" hint="The part before .my.salesforce.com.">
                <Input value={domain} onChange={(_, d) => setDomain(d.value)} />
              </Field>
            ) : null}
            <Button
              appearance="primary"
              disabled={busy || (login === 'myDomain' && domain.trim() === '')}
              onClick={() => void connect()}
            >
              Connect Salesforce
            </Button>
          </div>
        ) : (
          // A connect button here could only fail: the server has no connected app to sign in with.
          <Text size={200} data-testid="salesforce-not-configured">
            Salesforce cannot be connected from this server yet: it needs a Salesforce connected app, given to
            the server as SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET (the README&apos;s Salesforce
            section says how). Until then Liaison uses its embedded CRM.
          </Text>
        )}
        <Notice notice={notice} />
        <ConfirmDialog
          open={confirming}
          title="Disconnect Salesforce?"
          confirm="Disconnect"
          danger
          busy={busy}
          onConfirm={() => void disconnect()}
          onCancel={() => setConfirming(false)}
        >
          Liaison stops writing to Salesforce and uses its embedded CRM. Records already in Salesforce stay
          there.
        </ConfirmDialog>
      </>
    );
  }
  return (
    <Section title="CRM connection" hint="Where saved emails, contacts and leads go.">
      {body}
    </Section>
  );
}
