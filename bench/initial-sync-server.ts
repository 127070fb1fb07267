// The server of the initial-sync benchmark, in its own process (BENCHMARKING.md: server and load
// generator never share one): the composed app on 127.0.0.1 over the data directory the parent
// seeded. It reports its URL over IPC, and on request its event-loop delay since the last request.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { SUPPORTED_PROTOCOL_VERSIONS, loadConfig } from '../src/config/index.js';

const dataDir = process.argv[2];
if (dataDir === undefined || process.send === undefined) throw new Error('usage: forked with an IPC channel and the data directory as argument');
const file = join(dataDir, 'config.json');
writeFileSync(file, JSON.stringify({ log: { level: 'silent' }, eas: { advertisedVersions: [...SUPPORTED_PROTOCOL_VERSIONS] } }));
const app = await createApp(loadConfig({ file, env: {}, overrides: { host: '127.0.0.1', port: 0, dataDir } }));
const url = await app.listen();
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

process.on('message', (message: unknown) => {
  if (message === 'delay') {
    process.send?.({ delay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 } });
    delay.reset();
  } else if (message === 'stop') {
    void app.close().then(() => process.exit(0));
  }
});
process.send({ url });
