import { main } from '../../server/cli/main';

// Usage errors, in-process (no database is opened for any of them): exit 2 with a message and the usage.

let stderr: string;
let stdout: string;
beforeEach(() => {
  stderr = '';
  stdout = '';
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
});
afterEach(() => jest.restoreAllMocks());

test.each([
  [['frobnicate'], /unknown command "frobnicate"/],
  [['users'], /users needs a subcommand/],
  [['users', 'frob'], /unknown users subcommand "frob"/],
  [['users', 'add'], /needs at least one address/],
  [['users', 'add', 'sam@ourco.com', 'bad address'], /not an email address: "bad address"/],
  [['users', 'add', 'sam@ourco.com', '--role', 'admin'], /Unknown option '--role'/],
  [['users', 'remove'], /takes exactly one address/],
  [['users', 'link', 'a@b.com', 'c@d.com'], /takes exactly one address/],
  [['users', 'list', '--bogus'], /Unknown option '--bogus'/],
  [['crm'], /crm needs a subcommand/],
  [['crm', 'export'], /unknown crm subcommand "export"/],
  [['crm', 'import'], /takes exactly one file/],
  [['crm', 'import', 'a.json', 'b.json'], /takes exactly one file/],
  [['crm', 'import', 'accounts.txt'], /cannot tell the format of "accounts\.txt"/],
  [['crm', 'import', 'a.json', '--format', 'xml'], /--format must be json or csv, not "xml"/],
  [['crm', 'import', 'a.json', '--kind', 'account'], /--kind applies to CSV files only/],
  [['crm', 'import', 'a.csv', '--kind', 'planet'], /--kind must be account, contact, lead or opportunity/],
  [['migrate', 'now'], /Unexpected argument 'now'/],
  [['explain', '--message-id', 'x@y'], /needs --message-id and --user/],
  [['explain', '--user', 'sam@ourco.com', '--message-id'], /argument missing|needs --message-id/],
])('liaison %j exits 2', async (args, message) => {
  expect(await main(args)).toBe(2);
  expect(stderr).toMatch(message);
  expect(stderr).toMatch(/Usage/);
  expect(stdout).toBe('');
});

test('help prints the usage with every command and exits 0', async () => {
  expect(await main(['help'])).toBe(0);
  for (const command of ['serve', 'explain', 'migrate', 'users add', 'users list', 'crm import'])
    expect(stdout).toContain(`  ${command}`);
});
