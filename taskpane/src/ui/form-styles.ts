import { makeStyles, tokens } from '@fluentui/react-components';

// The layout the pane's forms share (Save, Add links): a column of groups, each a fieldset with a bold legend.
export const useFormStyles = makeStyles({
  content: { display: 'grid', gap: tokens.spacingVerticalM },
  group: { display: 'grid', gap: tokens.spacingVerticalXXS, border: 'none', margin: 0, padding: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS, padding: 0 },
});
