import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { buildGmailAddon } from '../../../scripts/gmail-build';
import type { FakeMessage, Recorded } from './apps-script-stand-ins';

// The Gmail add-on as Gmail runs it: the production bundle (built by scripts/gmail-build.js for the given server)
// in a worker with Apps Script stand-ins; this side answers its UrlFetchApp calls with real HTTP, or with `respond`.

export interface FetchLog {
  url: string;
  method: string;
  authorization: string | undefined;
  body: unknown;
}

export interface AddonHarness {
  dir: string;
  bundleBytes: number;
  /** Every UrlFetchApp call, in order. */
  requests: FetchLog[];
  /** Answers instead of the server when it returns something (a server error, say). */
  respond: ((url: string) => { status: number; body: string } | undefined) | undefined;
  setMessage(message: FakeMessage): void;
  /** Calls a top-level function of Code.js with an event and the identity token ScriptApp returns. */
  run(fn: string, event: unknown, identityToken: string): Promise<Recorded>;
  close(): Promise<void>;
}

const DATA_BYTES = 8 * 1024 * 1024;

export async function startAddonHarness(options: {
  serverUrl: string;
  userEmail: string;
  accessToken: string;
}): Promise<AddonHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-gmail-'));
  const bundleBytes = await buildGmailAddon({ serverUrl: options.serverUrl, outDir: dir });
  buildSync({
    entryPoints: [join(__dirname, 'addon-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: join(dir, 'worker.js'),
    logLevel: 'silent',
  });
  const control = new SharedArrayBuffer(8);
  const data = new SharedArrayBuffer(DATA_BYTES);
  const flags = new Int32Array(control);
  const worker = new Worker(join(dir, 'worker.js'), {
    workerData: { dir, control, data, userEmail: options.userEmail, accessToken: options.accessToken },
  });
  const pending = new Map<number, { resolve: (v: Recorded) => void; reject: (e: Error) => void }>();
  let nextId = 1;

  const harness: AddonHarness = {
    dir,
    bundleBytes,
    requests: [],
    respond: undefined,
    setMessage: (message) => worker.postMessage({ kind: 'message', message }),
    run: (fn, event, identityToken) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'run', id, fn, event, identityToken });
      }),
    close: async () => {
      await worker.terminate();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  const answer = (reply: { status?: number; body?: string; error?: string }) => {
    const encoded = new TextEncoder().encode(JSON.stringify(reply));
    new Uint8Array(data).set(encoded);
    Atomics.store(flags, 1, encoded.length);
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
  };

  worker.on('message', async (msg) => {
    if (msg.kind === 'fetch') {
      const { url, params } = msg as {
        url: string;
        params: { method?: string; headers?: Record<string, string>; payload?: string; contentType?: string };
      };
      const authorization = params.headers?.Authorization;
      harness.requests.push({
        url,
        method: (params.method ?? 'get').toUpperCase(),
        authorization,
        body: params.payload === undefined ? undefined : JSON.parse(params.payload),
      });
      const canned = harness.respond?.(url);
      if (canned) return answer(canned);
      try {
        const response = await fetch(url, {
          method: (params.method ?? 'get').toUpperCase(),
          headers: {
            ...params.headers,
            ...(params.contentType ? { 'content-type': params.contentType } : {}),
          },
          ...(params.payload === undefined ? {} : { body: params.payload }),
        });
        answer({ status: response.status, body: await response.text() });
      } catch (error) {
        answer({ error: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    const waiter = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.kind === 'result') waiter?.resolve(msg.value);
    else waiter?.reject(new Error(msg.message));
  });
  worker.on('error', (error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  return harness;
}
