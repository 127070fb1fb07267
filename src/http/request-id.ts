// Request ids for log lines: unique within the process, and through a random prefix per process
// practically unique across the nodes of a cluster. Not randomUUID(): Node builds a UUID by
// concatenating its 16 two-digit pieces, a V8 rope of 17 nodes (~550 bytes) that a held Ping
// keeps for its whole heartbeat (BENCHMARKS.md, held-Ping memory); these are a few dozen bytes.
import { randomBytes } from 'node:crypto';

/** A new sequence of ids such as "3f9a1c2e-1", "3f9a1c2e-2", ... (the counter in base 36). */
export function requestIdSequence(): () => string {
  const prefix = randomBytes(4).toString('hex');
  let issued = 0;
  return () => {
    issued += 1;
    return `${prefix}-${issued.toString(36)}`;
  };
}
