import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { cardService, gmailApp, plain, type FakeMessage } from './apps-script-stand-ins';

// Runs appsscript/Code.js in a vm context holding only ECMAScript built-ins and the Apps Script stand-ins, in a
// worker thread, so that UrlFetchApp.fetch can be synchronous as in Apps Script: it posts the request to the main
// thread (which does the real HTTP) and sleeps on Atomics.wait until the answer is in shared memory.

interface Init {
  dir: string;
  control: SharedArrayBuffer;
  data: SharedArrayBuffer;
  userEmail: string;
  accessToken: string;
}

const { dir, control, data, userEmail, accessToken } = workerData as Init;
const port = parentPort!;
const flags = new Int32Array(control);
const bytes = new Uint8Array(data);
const messages = new Map<string, FakeMessage>();
let identityToken = '';
const whitelist: string[] = JSON.parse(readFileSync(`${dir}/appsscript.json`, 'utf8')).urlFetchWhitelist;

interface FetchParams {
  method?: string;
  headers?: Record<string, string>;
  payload?: string;
  contentType?: string;
  muteHttpExceptions?: boolean;
}

function fetchSync(url: string, params: FetchParams = {}) {
  if (!whitelist.some((prefix) => url.startsWith(prefix)))
    throw new Error(`Exception: ${url} is not in the manifest's urlFetchWhitelist`);
  Atomics.store(flags, 0, 0);
  port.postMessage({ kind: 'fetch', url, params });
  Atomics.wait(flags, 0, 0);
  const answer = JSON.parse(new TextDecoder().decode(bytes.slice(0, Atomics.load(flags, 1))));
  if (answer.error) throw new Error(`Exception: ${answer.error}`);
  if (answer.status >= 400 && !params.muteHttpExceptions)
    throw new Error(`Exception: Request failed for ${url} returned code ${answer.status}`);
  return { getResponseCode: () => answer.status as number, getContentText: () => answer.body as string };
}

const context = vm.createContext({
  CardService: cardService(),
  GmailApp: gmailApp(messages, accessToken),
  UrlFetchApp: { fetch: fetchSync },
  Session: { getActiveUser: () => ({ getEmail: () => userEmail }) },
  ScriptApp: { getIdentityToken: () => identityToken },
  console,
});
vm.runInContext(readFileSync(`${dir}/Code.js`, 'utf8'), context, { filename: 'Code.js' });

port.on('message', (msg) => {
  if (msg.kind === 'message') {
    messages.set(msg.message.id, msg.message);
    return;
  }
  identityToken = msg.identityToken;
  try {
    const fn = vm.runInContext(msg.fn, context);
    if (typeof fn !== 'function') throw new Error(`Code.js has no top-level function ${msg.fn}`);
    port.postMessage({ kind: 'result', id: msg.id, value: plain(fn(msg.event)) });
  } catch (error) {
    port.postMessage({
      kind: 'error',
      id: msg.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
