import { Button, makeStyles, mergeClasses, tokens, type ButtonProps } from '@fluentui/react-components';

// A button whose action removes, stops or disconnects something: red, so it never reads as the way forward.
// `solid` is the confirming button of a dialog; the default is outlined, for the button that opens that dialog.
// Disabled, it keeps Fluent's disabled look (the red would suggest it can still be pressed).

const useStyles = makeStyles({
  outline: {
    color: tokens.colorStatusDangerForeground3,
    border: `1px solid ${tokens.colorStatusDangerBorder2}`,
    ':hover': {
      color: tokens.colorStatusDangerForeground3,
      backgroundColor: tokens.colorStatusDangerBackground1,
      border: `1px solid ${tokens.colorStatusDangerBorder2}`,
    },
    ':hover:active': {
      color: tokens.colorStatusDangerForeground3,
      backgroundColor: tokens.colorStatusDangerBackground1,
      border: `1px solid ${tokens.colorStatusDangerBorder2}`,
    },
  },
  solid: {
    color: tokens.colorNeutralForegroundOnBrand,
    backgroundColor: tokens.colorStatusDangerBackground3,
    border: `1px solid transparent`,
    ':hover': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorStatusDangerBackground3Hover,
    },
    ':hover:active': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorStatusDangerBackground3Pressed,
    },
  },
});

export function DangerButton({ solid, className, ...props }: ButtonProps & { solid?: boolean }) {
  const styles = useStyles();
  return (
    <Button
      {...props}
      appearance="secondary"
      className={mergeClasses(!props.disabled && (solid ? styles.solid : styles.outline), className)}
    />
  );
}
