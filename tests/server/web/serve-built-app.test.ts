import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIAISON_MARK_SVG } from '../../../src/brand/liaison-mark';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The web routes serve the webpack builds: HTML pages uncached, hashed assets cached for good, nothing outside
// the build folder, and a clear JSON error when a face has not been built.

describe('the server hosts the built browser faces', () => {
  let server: TestServer;
  let webDir: string;
  const previous = process.env.LIAISON_WEB_DIR;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'liaison-web-'));
    mkdirSync(join(webDir, 'dashboard'));
    writeFileSync(join(webDir, 'dashboard', 'index.html'), '<!doctype html><title>dash</title>');
    writeFileSync(join(webDir, 'dashboard', 'index.0123abcd.js'), 'console.log(1)');
    writeFileSync(join(webDir, 'secret.txt'), 'outside the face');
    process.env.LIAISON_WEB_DIR = webDir;
    server = await startTestServer('pglite');
  }, 90_000);

  afterAll(async () => {
    await server?.close();
    if (previous === undefined) delete process.env.LIAISON_WEB_DIR;
    else process.env.LIAISON_WEB_DIR = previous;
    rmSync(webDir, { recursive: true, force: true });
  });

  test('the dashboard page at / is HTML and never cached', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>dash</title>');
  });

  test('hashed assets are cached for a year', async () => {
    const res = await fetch(`${server.url}/dashboard/index.0123abcd.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  test('nothing outside the face’s folder is served', async () => {
    for (const path of [
      '/dashboard/../secret.txt',
      '/dashboard/%2e%2e/secret.txt',
      '/dashboard/..%2fsecret.txt',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect([path, res.status]).not.toEqual([path, 200]);
      expect(await res.text()).not.toContain('outside the face');
    }
  });

  test('a face that was not built answers 503 with what to run', async () => {
    const res = await fetch(`${server.url}/taskpane`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('not_built');
    expect(body.message).toContain('npm run build');
  });

  test('the favicon is the mark, as SVG, from the sources (no build needed), and the dashboard page names it', async () => {
    const res = await fetch(`${server.url}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const body = await res.text();
    expect(body).toBe(LIAISON_MARK_SVG);
    expect(body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // The dashboard's own template (the test's stand-in page above has no link) points browsers at it.
    const template = readFileSync(join(__dirname, '..', '..', '..', 'dashboard', 'index.html'), 'utf8');
    expect(template).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg" />');
  });
});
