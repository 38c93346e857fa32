import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pngSize, unifiedProblems, xmlProblems } from '../../scripts/manifest-checks';

// Both manifests, offline: the scripts run with tests/manifest/no-network.js preloaded, which makes any connection
// attempt throw, so a converter or validator that reached for the network would fail here.
const ROOT = join(__dirname, '..', '..');
const NO_NETWORK = join(__dirname, 'no-network.js');
const run = promisify(execFile);
const node = (script: string, ...args: string[]) =>
  run(process.execPath, ['--require', NO_NETWORK, join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, LIAISON_PUBLIC_URL: '', LIAISON_MS_CLIENT_ID: '' },
  });

const PRODUCTION = 'https://liaison.example.com';
const xml = () => readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const unified = () =>
  JSON.parse(readFileSync(join(ROOT, 'manifest-unified', 'manifest.json'), 'utf8')) as unknown;

describe('manifest validation (npm run manifest:validate)', () => {
  it('passes for the committed XML and unified manifests, without the network', async () => {
    const { stdout } = await node('manifest-validate.js');
    expect(stdout).toContain('manifest-unified/: unified manifest v1.17');
    expect(stdout.trim().split('\n').at(-1)).toBe('Manifests valid.');
  });

  it('the no-network preload does refuse a connection (so the test above can fail)', async () => {
    await expect(
      run(process.execPath, [
        '--require',
        NO_NETWORK,
        '-e',
        "require('node:https').get('https://example.com')",
      ]),
    ).rejects.toThrow(/network used offline: https.get/);
  });
});

describe('the unified manifest for another public URL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'liaison-unified-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written offline from the one setting, with the package icons, and validates', async () => {
    const { stdout } = await node(
      'manifest-write.js',
      '--unified',
      '--url',
      'https://crm.acme.test',
      '--out',
      dir,
    );
    expect(stdout).toContain('for https://crm.acme.test');
    expect(readdirSync(dir).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const json = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { validDomains: string[] };
    expect(json.validDomains).toEqual(['https://crm.acme.test']);
    expect(JSON.stringify(json)).not.toContain('liaison.example.com');
    expect(await unifiedProblems(json, 'https://crm.acme.test')).toEqual([]);
    expect(pngSize(readFileSync(join(dir, 'color.png')))).toEqual({ width: 192, height: 192 });
    expect(pngSize(readFileSync(join(dir, 'outline.png')))).toEqual({ width: 32, height: 32 });
  });

  it('refuses a URL that is not https with a sentence', async () => {
    await expect(
      node('manifest-write.js', '--unified', '--url', 'http://crm.acme.test'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'Outlook loads add-ins over HTTPS only; "http://crm.acme.test" is not https.',
      ),
    });
  });
});

describe('the XML checks catch what the pane needs', () => {
  it('find nothing wrong in manifest.xml', () => {
    expect(xmlProblems(xml(), PRODUCTION)).toEqual([]);
  });

  it('miss the compose surface and the mobile button when they are gone', () => {
    const broken = xml()
      .replace('xsi:type="MessageComposeCommandSurface"', 'xsi:type="MessageReadCommandSurface"')
      .replace(/<MobileFormFactor>[\s\S]*<\/MobileFormFactor>/, '');
    const problems = xmlProblems(broken, PRODUCTION);
    expect(problems).toContain('the ribbon button while composing: not in the manifest');
    expect(problems).toContain('the mobile read surface: not in the manifest');
    expect(problems).toContain('mobile icon 48 px at scale 3: missing');
  });

  it('catch a missing mobile icon scale, an undefined resid, a foreign URL and Mailbox 1.8 required', () => {
    const broken = xml()
      .replace(
        '<bt:Image size="32" scale="2" resid="Icon.64"/>',
        '<bt:Image size="32" scale="2" resid="Icon.65"/>',
      )
      .replace('<bt:Image size="25" scale="3" resid="Icon.75"/>', '')
      .replace(`${PRODUCTION}/taskpane/assets/icon-96.png`, 'https://cdn.elsewhere.test/icon-96.png')
      .replace('<Set Name="Mailbox" MinVersion="1.5"/>', '<Set Name="Mailbox" MinVersion="1.8"/>');
    expect(xmlProblems(broken, PRODUCTION)).toEqual(
      expect.arrayContaining([
        'mobile icon 25 px at scale 3: missing',
        'resid Icon.65: not defined in Resources',
        `https://cdn.elsewhere.test/icon-96.png: not on ${PRODUCTION}`,
        'Mailbox 1.5 as the requirement: not in the manifest',
        'a requirement above Mailbox 1.5: the read and meeting buttons would leave older clients',
      ]),
    );
  });
});

/** The parts of manifest.json the tests below break on purpose. */
interface Unified {
  id: string;
  extensions: [
    { ribbons: { contexts: string[]; requirements: { formFactors: string[] }; tabs: unknown[] }[] },
  ];
}

describe('the unified checks', () => {
  it('find nothing wrong in manifest-unified/manifest.json', async () => {
    expect(await unifiedProblems(unified(), PRODUCTION)).toEqual([]);
  });

  it('report schema errors and missing surfaces', async () => {
    const json = unified() as Unified;
    json.id = 'not-a-guid';
    const ribbons = json.extensions[0].ribbons;
    json.extensions[0].ribbons = ribbons.filter(
      (r) => !r.contexts.includes('mailCompose') && !r.requirements.formFactors.includes('mobile'),
    );
    const problems = await unifiedProblems(json, PRODUCTION);
    expect(problems.some((p) => p.startsWith('schema v1.17: /id must match pattern'))).toBe(true);
    expect(problems).toContain('no desktop ribbon button in mailCompose');
    expect(problems).toContain('no mobile ribbon');
  });

  it('report the converter placeholder and a mobile context other than mailRead', async () => {
    const json = unified() as Unified;
    const mobile = json.extensions[0].ribbons.find((r) => r.requirements.formFactors.includes('mobile'));
    if (!mobile) throw new Error('no mobile ribbon in manifest-unified/manifest.json');
    mobile.contexts = ['default'];
    mobile.tabs.push({ id: 'x', label: 'placeholder', groups: [] });
    const problems = await unifiedProblems(json, PRODUCTION);
    expect(problems).toContain(`the mobile ribbon's contexts are ["default"], not ["mailRead"]`);
    expect(problems).toContain('a converter placeholder is left in it');
  });
});
