import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROVIDERS } from '../../../server/providers/registry';

// A provider is one folder under server/providers/ and one line in the registry: the rest of the server reaches
// it only through the registry and the interfaces beside it, and providers do not reach into each other.

const SERVER = path.join(__dirname, '../../../server');
const PROVIDERS_DIR = path.join(SERVER, 'providers');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The relative modules a source imports (static and dynamic imports, re-exports, requires). */
function importsOf(source: string): string[] {
  const found = source.matchAll(
    /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])(\.[^'"]*)\1/g,
  );
  return [...found].map((m) => m[2]!);
}

/** The provider folder a module path lies in, or undefined (the registry, the interfaces, shared pieces). */
function providerFolderOf(file: string): string | undefined {
  const relative = path.relative(PROVIDERS_DIR, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Each import that crosses into a provider's folder from outside it: "file -> module". */
function crossings(files: string[]): string[] {
  return files.flatMap((file) => {
    const from = providerFolderOf(file);
    return importsOf(readFileSync(file, 'utf8'))
      .map((spec) => ({ spec, into: providerFolderOf(path.resolve(path.dirname(file), spec)) }))
      .filter(({ into }) => into !== undefined && into !== from)
      .map(({ spec }) => `${path.relative(SERVER, file)} -> ${spec}`);
  });
}

const providerFolders = readdirSync(PROVIDERS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('providers are reached only through the registry', () => {
  test('the import scanner finds the imports that would cross', () => {
    const source = [
      "import { a } from '../providers/google/gmail-source';",
      "export { b } from './x';",
      "const c = require('../providers/imap');",
      "const d = await import('../providers/maildir/maildir-source');",
      "import type { Provider } from '../providers/provider';",
      "import 'node:fs';",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      '../providers/google/gmail-source',
      './x',
      '../providers/imap',
      '../providers/maildir/maildir-source',
      '../providers/provider',
    ]);
    expect(providerFolderOf(path.join(PROVIDERS_DIR, 'google', 'index.ts'))).toBe('google');
    expect(providerFolderOf(path.join(PROVIDERS_DIR, 'google'))).toBeUndefined();
    expect(providerFolderOf(path.join(PROVIDERS_DIR, 'registry.ts'))).toBeUndefined();
  });

  test('no server file outside a provider imports from its folder, and providers do not import each other', () => {
    const outside = tsFiles(SERVER).filter((file) => file !== path.join(PROVIDERS_DIR, 'registry.ts'));
    expect(crossings(outside)).toEqual([]);
  });

  test('the registry lists every provider folder once, and each mailbox kind has one provider', () => {
    expect(PROVIDERS.map((p) => p.id).sort()).toEqual(providerFolders);
    expect(new Set(PROVIDERS.map((p) => p.kind)).size).toBe(PROVIDERS.length);
    expect(providerFolders).toEqual(['google', 'imap', 'maildir', 'microsoft']);
  });

  test('the registry imports each provider from its own folder, one line each', () => {
    const registry = readFileSync(path.join(PROVIDERS_DIR, 'registry.ts'), 'utf8');
    const into = importsOf(registry)
      .map((spec) => providerFolderOf(path.resolve(PROVIDERS_DIR, spec)))
      .filter((folder): folder is string => folder !== undefined)
      .sort();
    expect(into).toEqual(providerFolders);
  });
});
