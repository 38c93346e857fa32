// Preloaded (node --require) by tests/manifest/: any attempt to reach the network throws, so a manifest script that
// tried to download (an icon, a schema) fails its test instead of quietly depending on the internet.
const net = require('node:net');
const http = require('node:http');
const https = require('node:https');
const dns = require('node:dns');

const refuse = (what) => () => {
  throw new Error(`network used offline: ${what}`);
};
net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
for (const [name, mod] of [
  ['http', http],
  ['https', https],
]) {
  mod.request = refuse(`${name}.request`);
  mod.get = refuse(`${name}.get`);
}
dns.lookup = refuse('dns.lookup');
globalThis.fetch = refuse('fetch');
