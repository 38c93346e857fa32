import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useBesideInputStyles } from '../ui/beside-input';

// Adds a user for import: their addresses (all of them, so their own mail is known as theirs), name and role.

export interface NewUser {
  addresses: string[];
  displayName?: string;
  role: 'admin' | 'user';
}

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 2fr) minmax(0, 1fr) auto',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    '@media (max-width: 1000px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
});

export function AddUserForm({ busy, onAdd }: { busy: boolean; onAdd(user: NewUser): Promise<boolean> }) {
  const styles = useStyles();
  const beside = useBesideInputStyles();
  const [addresses, setAddresses] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'admin' | 'user'>('user');
  const list = addresses.split(/[\s,;]+/).filter(Boolean);
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void onAdd({ addresses: list, ...(name.trim() ? { displayName: name.trim() } : {}), role }).then(
          (ok) => {
            if (!ok) return;
            setAddresses('');
            setName('');
            setRole('user');
          },
        );
      }}
    >
      <Field label="Email addresses" hint="All of the person's addresses, separated by commas." required>
        <Input value={addresses} onChange={(_, d) => setAddresses(d.value)} placeholder="kim@ourco.com" />
      </Field>
      <Field label="Name">
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label="Role">
        <Select value={role} onChange={(_, d) => setRole(d.value as 'admin' | 'user')}>
          <option value="user">User</option>
          <option value="admin">Admin</option>
        </Select>
      </Field>
      <Button
        className={beside.action}
        appearance="primary"
        type="submit"
        disabled={busy || list.length === 0}
      >
        Add user
      </Button>
    </form>
  );
}
