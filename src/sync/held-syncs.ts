// The long-poll Syncs a process is holding, one per device: MS-ASCMD 2.2.3.198 has a new Sync
// from the same device end the one still held, so a device never has two requests waiting and
// the old one answers at once with what it has.

export class HeldSyncs {
  private readonly held = new Map<string, AbortController>();

  /** Ends the device's held Sync, if any. */
  release(device: string): void {
    this.held.get(device)?.abort();
  }

  /** Holds a Sync for `device` until `signal` aborts or a newer Sync of the device releases it. */
  async hold<T>(device: string, signal: AbortSignal, wait: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.release(device);
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.held.set(device, controller);
    try {
      return await wait(controller.signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (this.held.get(device) === controller) this.held.delete(device);
    }
  }

  /** Devices with a Sync held right now (for tests and diagnostics). */
  get size(): number {
    return this.held.size;
  }
}
