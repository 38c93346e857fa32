import { connectionLostLog } from '../../../server/db/connection-lost-log';

describe('connection lost log', () => {
  it('says once that connections were lost, then counts the others until ten seconds have passed', () => {
    const lines: string[] = [];
    let t = 0;
    const lost = connectionLostLog(
      (line) => lines.push(line),
      () => t,
    );
    const reset = new Error('terminating connection due to administrator command');
    for (let i = 0; i < 10; i++) lost(reset); // a restart: every pooled connection at once
    expect(lines).toEqual([
      'database: lost a connection to PostgreSQL: terminating connection due to administrator command; the next query reconnects',
    ]);
    t = 10_000;
    lost(new Error('Connection terminated unexpectedly'));
    expect(lines[1]).toBe(
      'database: lost a connection to PostgreSQL: Connection terminated unexpectedly (9 more since the last line); the next query reconnects',
    );
  });
});
