// The server process of the push benchmarks (BENCHMARKING.md: server and load generator run in
// separate processes). Started by bench/push-fleet.ts with an IPC channel: it composes the real
// application on 127.0.0.1 over the benchmark's data directory and answers the driver's messages:
//   stats  -> event-loop delay since the last stats, held subscriptions, heap;
//   inject -> appends one message to a device's own folder through the embedded store, sending
//             back t0 (wall clock, ms) taken just before the write.
// Held subscriptions are counted by wrapping the ChangeFeed's subscribe on this instance: every
// held Ping or long-poll Sync has exactly one folder subscription while it waits.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/index.js';
import { deviceKey } from '../src/domain/device.js';
import { wallClockMs, type ServerReply, type ServerRequest } from './push-protocol.js';

/**
 * The event-loop monitor's period. Its timer is the only thing that wakes an idle server: at
 * 10 ms it cost ~1 % of a core here, more than 10,000 held Pings (BENCHMARKS.md, held-Ping density).
 */
const LOOP_RESOLUTION_MS = 50;

function send(reply: ServerReply): void {
  process.send?.(reply);
}

function mimeFor(deviceId: string, sequence: number): Uint8Array {
  const text = [
    'From: Benchmark <bench@example.org>', `To: ${deviceId}@example.org`, `Subject: push ${sequence}`,
    `Message-ID: <push-${deviceId}-${sequence}@example.org>`, 'Date: Mon, 23 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', `Wake-up number ${sequence}.`, '',
  ].join('\r\n');
  return new TextEncoder().encode(text);
}

async function main(): Promise<void> {
  const [configFile, dataDir] = process.argv.slice(2);
  if (configFile === undefined || dataDir === undefined) throw new Error('usage: push-server.ts <config.json> <dataDir>');
  const config = loadConfig({ file: configFile, overrides: { host: '127.0.0.1', port: 0, dataDir } });
  const app = await createApp(config);
  const feed = app.mailboxes.changes;
  let held = 0;
  const subscribe = feed.subscribe.bind(feed);
  feed.subscribe = (user, folderIds, listener) => {
    const unsubscribe = subscribe(user, folderIds, listener);
    held += 1;
    let active = true;
    return () => {
      if (active) held -= 1;
      active = false;
      unsubscribe();
    };
  };
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const folders = new Map<string, string>();
  let sequence = 0;

  process.on('message', (message: ServerRequest) => {
    if (message.type === 'stats') {
      // The histogram records whole intervals between the monitor's timer runs: the delay is what exceeds the resolution.
      const ms = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
      send({
        type: 'stats', id: message.id, held, loopP50Ms: ms(loop.percentile(50)), loopP99Ms: ms(loop.percentile(99)), loopMaxMs: ms(loop.max),
        heapMb: process.memoryUsage().heapUsed / 1e6,
      });
      loop.reset();
      return;
    }
    void (async () => {
      const key = deviceKey(message.user, message.deviceId);
      const cacheKey = `${key.user}/${key.deviceId}/${message.collectionId}`;
      let folderId = folders.get(cacheKey);
      if (folderId === undefined) {
        folderId = (await app.state.hierarchy.lookup(key, message.collectionId))?.backendId;
        if (folderId !== undefined) folders.set(cacheKey, folderId);
      }
      sequence += 1;
      const t0 = wallClockMs();
      if (folderId === undefined) return send({ type: 'inject', id: message.id, t0, error: 'unknown folder' });
      await app.mailboxes.mail.createItem(message.user, folderId, { mime: mimeFor(message.deviceId, sequence) });
      send({ type: 'inject', id: message.id, t0 });
    })().catch((error: unknown) => send({ type: 'inject', id: message.id, t0: wallClockMs(), error: String(error) }));
  });
  process.on('disconnect', () => process.exit(0));
  // An orderly exit, so `--cpu-prof` and friends can write their files.
  process.on('SIGTERM', () => process.exit(0));
  send({ type: 'ready', url: await app.listen() });
}

await main();
