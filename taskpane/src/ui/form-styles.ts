import { makeStyles, tokens } from '@fluentui/react-components';

// The layout the pane's forms share (Save, Add links): a column of groups, each a fieldset with a bold legend.
export const useFormStyles = makeStyles({
  content: { display: 'grid', gap: tokens.spacingVerticalM },
  group: { display: 'grid', gap: tokens.spacingVerticalXXS, border: 'none', margin: 0, padding: 0 },
  /** A choice with its Open link (the record's page in the CRM) at the end of the line. */
  choice: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS, padding: 0 },
});
