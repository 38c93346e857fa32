import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTokenAuth, EMBEDDED_AUDIENCE, issuerKeyPath, TokenError } from '../../../server/auth';

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'liaison-token-auth-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

test('embedded mode: the server verifies the tokens it issues, with no other configuration', async () => {
  const auth = await createTokenAuth({
    env: {},
    dataDir,
    embedded: true,
    publicUrl: 'http://127.0.0.1:3000',
  });
  const issuer = auth.embeddedIssuer;
  expect(issuer).toBeDefined();
  const token = await issuer!.issue({ userId: 'user-1', audience: EMBEDDED_AUDIENCE });
  await expect(auth.verifier.verify(token)).resolves.toMatchObject({
    provider: 'embedded',
    subject: 'user-1',
  });
});

test('outside embedded mode there is no own issuer and no key file', async () => {
  const embedded = await createTokenAuth({
    env: {},
    dataDir,
    embedded: true,
    publicUrl: 'http://127.0.0.1:3000',
  });
  const token = await embedded.embeddedIssuer!.issue({ userId: 'user-1', audience: EMBEDDED_AUDIENCE });
  const otherDir = await fs.mkdtemp(path.join(os.tmpdir(), 'liaison-token-auth-'));
  try {
    const hosted = await createTokenAuth({
      env: { LIAISON_MS_CLIENT_ID: 'app', LIAISON_MS_TENANT: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
      dataDir: otherDir,
      embedded: false,
      publicUrl: 'http://127.0.0.1:3000',
    });
    expect(hosted.embeddedIssuer).toBeUndefined();
    await expect(fs.stat(issuerKeyPath(otherDir))).rejects.toThrow(/ENOENT/);
    await expect(hosted.verifier.verify(token)).rejects.toThrow(TokenError);
    await expect(hosted.verifier.verify(token)).rejects.toMatchObject({ code: 'unknown_issuer' });
  } finally {
    await fs.rm(otherDir, { recursive: true, force: true });
  }
});
