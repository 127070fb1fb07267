// A per-key queue of async tasks inside one process. Clients overlap requests (a second FolderSync
// or a FolderCreate sent before the first reply came back, CLIENT-QUIRKS §5), and two requests of
// one device must never both build on the same committed state. A key with nothing queued holds no
// memory, so the map stays as small as the number of devices busy right now.

export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` once every task queued earlier under `key` has settled; tasks of other keys run freely. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => done);
    this.tails.set(key, tail);
    await before;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting (for tests and diagnostics). */
  get busyKeys(): number {
    return this.tails.size;
  }
}
