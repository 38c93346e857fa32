import { Caption1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { LIAISON_MARK_SVG } from '../../../src/brand/liaison-mark';

// The product's name and mark at the top left of every page. The mark is the favicon's own SVG (a constant of the
// sources, never user input), so it is set as markup; it is decorative: the name beside it says what it is.

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexGrow: 1 },
  mark: { display: 'inline-flex', width: '28px', height: '28px', '& svg': { width: '28px', height: '28px' } },
  words: { display: 'flex', flexDirection: 'column' },
  name: { margin: 0, lineHeight: tokens.lineHeightBase400 },
  tagline: { color: tokens.colorNeutralForeground3 },
});

export function Brand() {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <span
        className={styles.mark}
        aria-hidden="true"
        dangerouslySetInnerHTML={{ __html: LIAISON_MARK_SVG }}
      />
      <div className={styles.words}>
        <Title3 as="p" className={styles.name}>
          Liaison
        </Title3>
        <Caption1 className={styles.tagline}>Email and meetings in your CRM</Caption1>
      </div>
    </div>
  );
}
