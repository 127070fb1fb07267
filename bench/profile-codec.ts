// Where the codec's time goes: runs one benchmark document in a loop under the V8 CPU profiler
// (the same profiler as `node --cpu-prof`), writes the .cpuprofile for DevTools, and prints the
// functions with the most self time. Usage:
//   npx tsx bench/profile-codec.ts <decode|encode> <sync-500-emails|sync-100x2KB|foldersync-500|ping|sync-100-contacts|ping-request|large-opaque|large-string|large-rope|large-text> [seconds]

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, type Profiler } from 'node:inspector';
import { decodeWbxml, encodeWbxml, type WbxmlElement } from '../src/wbxml/index.js';
import { folderSyncOf500, pingRequests, pingResponses, syncOf100Contacts, syncOf100x2KB, syncOf500Emails, syncOfLargeBodies } from './documents.js';

const DOCUMENTS: Readonly<Record<string, () => WbxmlElement[]>> = {
  'sync-500-emails': () => [syncOf500Emails()],
  'sync-100x2KB': () => [syncOf100x2KB()],
  'foldersync-500': () => [folderSyncOf500()],
  ping: () => pingResponses(10_000),
  'sync-100-contacts': () => [syncOf100Contacts()],
  'ping-request': () => pingRequests(10_000),
  'large-opaque': () => [syncOfLargeBodies('opaque')],
  'large-string': () => [syncOfLargeBodies('string')],
  'large-rope': () => [syncOfLargeBodies('rope')],
  'large-text': () => [syncOfLargeBodies('text')],
};

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error, result) => (error === null ? resolve(result as T) : reject(error)));
  });
}

/** Self time per function (name, file:line), from the profile's samples and time deltas. */
function topSelfTime(profile: Profiler.Profile, count: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return;
    const file = frame.url.split('/').slice(-2).join('/');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    const delta = deltas[i] ?? 0;
    total += delta;
    self.set(key, (self.get(key) ?? 0) + delta);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([key, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

async function main(): Promise<void> {
  const [direction = 'decode', name = 'sync-500-emails', seconds = '5'] = process.argv.slice(2);
  const make = DOCUMENTS[name];
  if (make === undefined || (direction !== 'decode' && direction !== 'encode')) {
    throw new Error(`usage: profile-codec.ts <decode|encode> <${Object.keys(DOCUMENTS).join('|')}> [seconds]`);
  }
  const docs = make();
  const encoded = docs.map((d) => encodeWbxml(d));
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  const until = Date.now() + Number(seconds) * 1000;
  let runs = 0;
  while (Date.now() < until) {
    if (direction === 'decode') for (const b of encoded) decodeWbxml(b);
    else for (const d of docs) encodeWbxml(d);
    runs += 1;
  }
  const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
  session.disconnect();
  const file = join(tmpdir(), `codec-${direction}-${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`${runs} runs of ${direction} ${name}; profile written to ${file}; top self time:`);
  for (const line of topSelfTime(profile, 20)) console.log(line);
}

await main();
