import { makeStyles, tokens } from '@fluentui/react-components';

// A button on the same row as labelled fields lines up with their inputs, not with their labels or hints: it is
// pushed down by one label line (Fluent's Field label: a 20 px line and 2 px below it).
export const useBesideInputStyles = makeStyles({
  action: {
    alignSelf: 'start',
    marginTop: `calc(${tokens.lineHeightBase300} + ${tokens.spacingVerticalXXS})`,
  },
});
