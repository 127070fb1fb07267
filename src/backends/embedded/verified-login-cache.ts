// Remembers recently verified logins so a device's steady stream of requests does not pay the
// scrypt cost each time: every EAS request carries Basic auth (MS-ASHTTP 2.2.1.1.2.1). Only an
// HMAC of the password under a per-process random key is kept, tied to the stored hash it was
// checked against, so a password change (by any process) makes the entry useless at once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

interface Entry {
  readonly storedHash: string;
  readonly digest: Buffer;
}

export class VerifiedLoginCache {
  private readonly entries = new Map<string, Entry>();
  private readonly key = randomBytes(32);

  constructor(private readonly maxEntries: number) {}

  /** True only for the exact password last verified against this very stored hash. */
  matches(address: string, storedHash: string, password: string): boolean {
    const entry = this.entries.get(address);
    return entry !== undefined && entry.storedHash === storedHash && timingSafeEqual(entry.digest, this.digest(password));
  }

  remember(address: string, storedHash: string, password: string): void {
    // Re-inserting moves the address to the end, so the first key is the least recently verified.
    this.entries.delete(address);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(address, { storedHash, digest: this.digest(password) });
  }

  forget(address: string): void {
    this.entries.delete(address);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private digest(password: string): Buffer {
    return createHmac('sha256', this.key).update(password).digest();
  }
}
