// The push benchmarks as `npm run bench` runs them: held-Ping density, push latency, then wake
// bursts and reconnect storms, each in its own load-generator process started with the open-files
// limit raised (BENCHMARKING.md), which in turn starts its server process. Quick mode holds 1,000
// Pings; `--full` holds 10,000 for the density figures and 1,000 then 10,000 for the wake bursts.
// The server is compiled to JavaScript once first, so it runs as `npm start` does. Each child
// prints `name: value unit` lines (collected here) and its missed targets on stderr (passed
// through).

import { buildServer, spawnWithRaisedFileLimit } from './push-server-process.js';
import type { Figure } from './run.js';

const BENCHES = ['ping-density.ts', 'push-latency.ts', 'push-wake-burst.ts'] as const;

function runChild(script: string, full: boolean, serverBuild: string): Promise<Figure[]> {
  const path = new URL(`./${script}`, import.meta.url).pathname;
  const child = spawnWithRaisedFileLimit([process.execPath, '--import', 'tsx', path, '--server-build', serverBuild, ...(full ? ['--full'] : [])], false);
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      const figures = out.split('\n').flatMap((line) => {
        const match = /^([^:\s]+): (\S+) (.+)$/.exec(line.trim());
        return match === null ? [] : [{ name: match[1] ?? '', value: match[2] ?? '', unit: match[3] ?? '' }];
      });
      resolve(figures);
    });
  });
}

export async function runPushBenches(full: boolean): Promise<Figure[]> {
  const serverBuild = await buildServer();
  const figures: Figure[] = [];
  for (const script of BENCHES) figures.push(...(await runChild(script, full, serverBuild)));
  return figures;
}
