// The requests a process is holding open for a device: a long-poll Sync or a Ping, at most one
// per device. MS-ASCMD 2.2.3.198 (Sync Wait) and 3.1.5.8 (Ping) have a device wait on one request
// at a time, so a newer Ping or Sync of the same device ends the one still held, which then answers
// at once. One instance serves both commands, so a Ping ends a held Sync and a Sync a held Ping.

/** The abort reason a held request sees when a newer request of its device took over. */
export class SupersededError extends Error {
  override readonly name = 'SupersededError';

  constructor() {
    super('a newer request of the device took over');
  }
}

/** Whether `signal` was aborted because a newer request of the device took over (not the client going away). */
export function wasSuperseded(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason instanceof SupersededError;
}

/** The name a device's held request is kept under; Ping and Sync must use the same one. */
export function heldRequestKey(user: string, deviceId: string): string {
  return `${user}\u0000${deviceId.toLowerCase()}`;
}

/** What a held request is known by: its signal, and when it can, a way to abort that signal itself. */
export interface HoldableRequest {
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
  /**
   * Aborts `signal` with `reason`. Given it, holding adds nothing per request; without it, each
   * hold chains a controller of its own to `signal` (an AbortController, its signal and a
   * listener: ~0.5 KB a held Ping, BENCHMARKS.md held-Ping memory).
   */
  abort?(reason: unknown): void;
}

interface Releasable {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
}

export class HeldRequests {
  private readonly held = new Map<string, Releasable>();

  /** Ends the device's held request, if any. */
  release(device: string): void {
    this.held.get(device)?.abort(new SupersededError());
  }

  /**
   * Runs `wait` as the device's held request: it ends a request the device still holds first, and
   * the signal `wait` receives aborts when the client goes away or when a newer request of the
   * device releases this one (then with a SupersededError as its reason).
   */
  hold<T>(device: string, request: HoldableRequest, wait: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.release(device);
    const { releasable, detach } = releasableOf(request);
    this.held.set(device, releasable);
    let waiting: Promise<T>;
    try {
      waiting = wait(releasable.signal);
    } catch (error) {
      waiting = Promise.reject(error);
    }
    // A promise chain, not an async function: a suspended frame per held request would also keep `wait` alive.
    return waiting.finally(() => {
      detach?.();
      if (this.held.get(device) === releasable) this.held.delete(device);
    });
  }

  /** Ends every held request at once: the server is shutting down and devices should reconnect now, not at their heartbeat. */
  releaseAll(): void {
    for (const controller of [...this.held.values()]) controller.abort(new SupersededError());
  }

  /** Devices with a request held right now (for tests and diagnostics). */
  get size(): number {
    return this.held.size;
  }
}

function releasableOf(request: HoldableRequest): { releasable: Releasable; detach?: () => void } {
  if (request.abort !== undefined) return { releasable: request as Releasable };
  const { signal } = request;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return { releasable: controller, detach: () => signal.removeEventListener('abort', onAbort) };
}
