// What the kernel says about a worker process, from outside it: its peak resident memory (VmHWM) and the TCP
// connections it holds open to a port (its socket inodes matched against /proc/net/tcp{,6}).
import { readdir, readFile, readlink } from 'node:fs/promises';

/** Peak resident set size of a live process, in MB. */
export async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Established TCP connections of a process to `port` on any address. */
export async function connectionsTo(pid: number, port: number): Promise<number> {
  const inodes = new Set<string>();
  const wanted = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address rem_address st … inode: remote port after the colon, state 01 = ESTABLISHED
      if (cols.length > 9 && cols[2]!.endsWith(`:${wanted}`) && cols[3] === '01') inodes.add(cols[9]!);
    }
  }
  let count = 0;
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode && inodes.has(inode)) count++;
  }
  return count;
}
