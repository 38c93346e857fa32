// A sorted list of UIDs as a compact IMAP sequence set ("3:5,9,12:13"), so one FETCH asks for exactly them.

export function uidSet(uids: readonly number[]): string {
  const parts: string[] = [];
  let start: number | undefined;
  let end = 0;
  for (const uid of uids) {
    if (start !== undefined && uid === end + 1) {
      end = uid;
      continue;
    }
    if (start !== undefined) parts.push(start === end ? `${start}` : `${start}:${end}`);
    start = end = uid;
  }
  if (start !== undefined) parts.push(start === end ? `${start}` : `${start}:${end}`);
  return parts.join(',');
}
