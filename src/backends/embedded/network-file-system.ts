// Recognises a directory on a network file system, where fs.watch (inotify on Linux) cannot see
// writes made on other hosts. Linux only: statfs reports the file-system magic number there
// (linux/magic.h); elsewhere nothing is claimed.

import { statfsSync } from 'node:fs';

const NETWORK_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x01021997, '9P'],
  [0x00c36400, 'Ceph'],
  [0x65735546, 'FUSE'],
  [0x5346414f, 'AFS'],
  [0x73757245, 'Coda'],
  [0x0bd00bd0, 'Lustre'],
  [0x01161970, 'GFS2'],
  [0x7461636f, 'OCFS2'],
]);

/** The name of the network file system `dir` is on, or undefined (local, unknown, or not Linux). */
export function networkFileSystemOf(dir: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    // Unsigned: the larger magic numbers do not fit a signed 32-bit f_type.
    return NETWORK_FILE_SYSTEMS.get(statfsSync(dir).type >>> 0);
  } catch {
    // Not knowing is no reason to refuse to start; watching will report a missing directory.
    return undefined;
  }
}
