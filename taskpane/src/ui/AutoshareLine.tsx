import { Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { AutoshareSummary } from '../../../src/sidebar/sidebar-types';

// "Will be saved at the next sync, linked to …" or "Won't be saved: internal email"; the rules' full trace on click.

const useStyles = makeStyles({
  line: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  trace: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalXL,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
});

export function AutoshareLine({ autoshare }: { autoshare: Pick<AutoshareSummary, 'line' | 'trace'> }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const traceId = useId();
  return (
    <section aria-label="Autosharing" data-testid="autoshare">
      <div className={styles.line}>
        <Text weight="semibold" data-testid="autoshare-line">
          {autoshare.line}
        </Text>
        <Link as="button" aria-expanded={open} aria-controls={traceId} onClick={() => setOpen(!open)}>
          {open ? 'Hide why' : 'Why?'}
        </Link>
      </div>
      {open && (
        <ol id={traceId} className={styles.trace} data-testid="autoshare-trace">
          {autoshare.trace.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
