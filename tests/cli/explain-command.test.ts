import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const liaison = (...args: string[]) =>
  run(process.execPath, [join(root, 'bin', 'liaison.js'), ...args], { cwd: root });

describe('liaison explain', () => {
  test('the known-contact example is saved, linked to the contact and the opportunity, with a readable trace', async () => {
    const { stdout } = await liaison(
      'explain',
      'examples/known-contact.eml',
      '--context',
      'examples/context.json',
    );
    expect(stdout).toMatch(/^Decision: save \(autoshare\)$/m);
    expect(stdout).toMatch(/^Link to: {2}contact 003JANE$/m);
    expect(stdout).toMatch(/^Related: {2}opportunity 006ACMERENEW$/m);
    expect(stdout).toMatch(/contact tom\.becker@acme\.com under account 001ACME/);
    expect(stdout).toMatch(/info@acme\.com \(it is a role address\)/);
  });

  test('the newsletter example is skipped as automated', async () => {
    const { stdout } = await liaison(
      'explain',
      'examples/newsletter.eml',
      '--context',
      'examples/context.json',
      '--json',
    );
    const decision = JSON.parse(stdout) as { action: string; reason: string; trace: string[] };
    expect(decision).toMatchObject({ action: 'skip', reason: 'automated' });
    expect(decision.trace.at(-1)).toMatch(/^Skipped: .*newsletter/);
  });

  test('an invitation (.ics) is decided as the calendar sync decides it', async () => {
    const { stdout } = await liaison(
      'explain',
      'examples/meeting-invitation.ics',
      '--context',
      'examples/context.json',
      '--now',
      '2026-12-01T09:00:00Z',
    );
    expect(stdout).toMatch(/^Event: {4}Acme renewal walkthrough \(2026-12-08T15:00:00Z\)$/m);
    expect(stdout).toMatch(/^Decision: save \(meeting\)$/m);
    expect(stdout).toMatch(/^Link to: {2}contact 003JANE, contact 003RAJ$/m);
    expect(stdout).toMatch(/^Related: {2}opportunity 006ACMERENEW$/m);
  });

  test('an invitation beyond the horizon is skipped, and one that is no invitation says so', async () => {
    const { stdout } = await liaison(
      'explain',
      'examples/meeting-invitation.ics',
      '--context',
      'examples/context.json',
      '--now',
      '2026-10-01T09:00:00Z',
      '--json',
    );
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({ action: 'skip', reason: 'beyond_horizon' }),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'liaison-explain-'));
    writeFileSync(join(dir, 'reply.ics'), 'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n');
    await expect(
      liaison('explain', join(dir, 'reply.ics'), '--context', 'examples/context.json'),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/holds no event to decide \(METHOD:REPLY is not read\)/),
    });
  });

  test('a bad context file is an error that names the wrong fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-explain-'));
    const bad = join(dir, 'ctx.json');
    writeFileSync(bad, JSON.stringify({ user: { id: 'u', addresses: 'sam@ourco.com', crmUserId: 'x' } }));
    await expect(liaison('explain', 'examples/newsletter.eml', '--context', bad)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/user\.addresses: .*expected array/),
    });
  });

  test('missing arguments print the usage and exit 2', async () => {
    await expect(liaison('explain', 'examples/newsletter.eml')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Usage: liaison explain/),
    });
  });
});
