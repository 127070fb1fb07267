// The messages between the push benchmarks' driver and their server process (bench/push-server.ts),
// and the clock both sides stamp latencies with.

export type ServerRequest =
  | { readonly type: 'stats'; readonly id: number }
  | { readonly type: 'inject'; readonly id: number; readonly user: string; readonly deviceId: string; readonly collectionId: string };

export interface ServerStats {
  /** Folder subscriptions held right now: one per held Ping or long-poll Sync. */
  readonly held: number;
  /** Event-loop delay since the previous stats request. */
  readonly loopP50Ms: number;
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
  readonly heapMb: number;
}

export type ServerReply =
  | { readonly type: 'ready'; readonly url: string }
  | ({ readonly type: 'stats'; readonly id: number } & ServerStats)
  | { readonly type: 'inject'; readonly id: number; readonly t0: number; readonly error?: string };

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes of one machine. */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();
