// Where an IMAP host a user names may be reached from the server. A name that resolves to loopback, link-local,
// private or other non-public addresses would let anyone with an account probe the server's own network, so such
// hosts are refused unless the admin allows them (LIAISON_IMAP_PRIVATE_HOSTS). The address checked is the one
// connected to, so a name cannot resolve to a public address for the check and a private one for the connection.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Two lists: one BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too.
const NOT_PUBLIC_V4 = new BlockList();
const NOT_PUBLIC_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96], // IPv4-mapped and NAT64: whatever IPv4 address they carry
  ['64:ff9b::', 96],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC_V6.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address is outside the public internet (loopback, link-local, private, reserved). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return family === 4 ? NOT_PUBLIC_V4.check(address, 'ipv4') : NOT_PUBLIC_V6.check(address, 'ipv6');
}

/** The host may not be connected to: it resolves to an address outside the public internet. */
export class NonPublicHostError extends Error {
  constructor(host: string) {
    super(`${host} resolves to an address outside the public internet`);
    this.name = 'NonPublicHostError';
  }
}

/**
 * The address to connect to for `host`: with `allowNonPublic`, the host itself (resolved when connecting); else its
 * resolved address, refused with NonPublicHostError when any address it resolves to is not public.
 */
export async function imapHostAddress(host: string, allowNonPublic: boolean): Promise<string> {
  if (allowNonPublic) return host;
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  if (addresses.length === 0 || addresses.some(isNonPublicAddress)) throw new NonPublicHostError(host);
  return addresses[0] as string;
}
