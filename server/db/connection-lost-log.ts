// A PostgreSQL restart or a network cut drops every pooled connection at once: the process carries on (the next
// query reconnects), and the operator gets one line saying so, not one per connection.

const QUIET_MS = 10_000;

export function connectionLostLog(
  write: (line: string) => void,
  now: () => number = Date.now,
): (error: Error) => void {
  let lastAt = -Infinity;
  let since = 0;
  return (error) => {
    const at = now();
    if (at - lastAt < QUIET_MS) {
      since++;
      return;
    }
    const more = since > 0 ? ` (${since} more since the last line)` : '';
    write(`database: lost a connection to PostgreSQL: ${error.message}${more}; the next query reconnects`);
    lastAt = at;
    since = 0;
  };
}
