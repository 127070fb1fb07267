// Duplicate detection by ClientId (MS-ASCMD 2.2.3.28.1): a device that lost the answer to a
// SendMail, SmartReply or SmartForward sends it again with the same ClientId, and must get Status
// 118 MessagePreviouslySent instead of a second copy. The ids a device sent recently live in a
// device value; one device's sends run one at a time, so a retry that overlaps the first attempt
// waits for its outcome rather than racing it. An id is recorded only once the send succeeded, so
// a retry after a failure is sent normally.

import type { DeviceKey } from '../../domain/device.js';
import type { JsonValue, ValueStore } from '../../domain/state-store.js';
import { EasStatusError } from '../../eas/status.js';
import { KeyedLock } from '../../sync/keyed-lock.js';

export const RECENT_CLIENT_IDS_VALUE = 'compose.recentClientIds';

/**
 * How long a ClientId is remembered. A device retries within minutes, but one that went offline
 * right after sending retries when it is back, possibly the next morning.
 */
export const CLIENT_ID_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Ids kept per device at most; the oldest go first. */
export const MAX_REMEMBERED_CLIENT_IDS = 200;

type Remembered = [id: string, sentAt: number];

function readRemembered(value: JsonValue | undefined): Remembered[] {
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is Remembered =>
    Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && typeof entry[1] === 'number');
}

export class ClientIdGuard {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly values: ValueStore,
    private readonly clock: () => number,
  ) {}

  /** Runs `send` unless this device already sent `clientId` within the window (then throws Status 118). */
  async once<T>(key: DeviceKey, clientId: string | undefined, send: () => Promise<T>): Promise<T> {
    if (clientId === undefined) return send();
    return this.lock.run(`${key.user}\u0000${key.deviceId}`, async () => {
      const cutoff = this.clock() - CLIENT_ID_WINDOW_MS;
      const recent = readRemembered(await this.values.getDeviceValue(key, RECENT_CLIENT_IDS_VALUE)).filter(([, at]) => at >= cutoff);
      if (recent.some(([id]) => id === clientId)) {
        throw new EasStatusError(118, { message: `MessagePreviouslySent: ClientId ${JSON.stringify(clientId)} was sent already` });
      }
      const result = await send();
      const kept = [...recent, [clientId, this.clock()] as Remembered].slice(-MAX_REMEMBERED_CLIENT_IDS);
      await this.values.setDeviceValue(key, RECENT_CLIENT_IDS_VALUE, kept);
      return result;
    });
  }
}
