// Outlook's theme reaches add-ins only as colours (Office.context.officeTheme); a dark body background means the
// dark theme.

/** True for a colour like `#1f1f1f` whose relative luminance is low. */
export function isDarkBackground(color: string | undefined): boolean {
  const hex = color?.trim().replace(/^#/, '');
  if (!hex || !/^[0-9a-f]{6}$/i.test(hex)) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
