// A fleet of devices for the push benchmarks, driven with our EasClient over real HTTP: accounts
// seeded straight into the account store (the real scrypt hashes the server then verifies), and
// each device set up the way a phone is — provision, FolderSync, optionally a folder of its own
// (FolderCreate), FolderSync again once every device is enrolled, then SyncKey 0 and a first Sync
// of both folders it will Ping — so its Ping is held instead of answered at once.
// Connections are spread over source addresses 127.0.0.2-127.0.0.9 (BENCHMARKING.md: about
// 28,000 ephemeral ports per source address) and never time out on the client side.

import { Agent, buildConnector, fetch as undiciFetch, setGlobalDispatcher } from 'undici';
import { EmbeddedAccountStore } from '../src/backends/embedded/account-store.js';
import { EasClient, folderCreate, type PingFolder } from '../src/client/index.js';

export const SOURCE_ADDRESSES = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9'];
/** Requests in flight while setting devices up: enough to keep both cores busy, not a reconnect storm. */
const SETUP_CONCURRENCY = 48;
const INBOX = 2;
const CONTACTS = 9;
const USER_MAIL = 12;

export interface Account {
  readonly user: string;
  readonly password: string;
}

export interface BenchDevice {
  readonly client: EasClient;
  readonly user: string;
  readonly deviceId: string;
  readonly inboxId: string;
  /** The second pinged folder: the device's own mail folder (changes there wake it alone), or Contacts. */
  readonly ownId: string;
  readonly folders: readonly PingFolder[];
}

/** Makes this process's fetch (which EasClient uses) round-robin new connections over SOURCE_ADDRESSES, with no client timeouts. */
export function installLoopbackDispatcher(): void {
  const connect = buildConnector({});
  let next = 0;
  const agent = new Agent({
    connections: null, headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 60_000,
    connect: (options, callback) => {
      const localAddress = SOURCE_ADDRESSES[next % SOURCE_ADDRESSES.length] ?? null;
      next += 1;
      connect({ ...options, localAddress }, callback);
    },
  });
  setGlobalDispatcher(agent);
  globalThis.fetch = undiciFetch as unknown as typeof globalThis.fetch;
}

/** Runs `task` over `items` with at most `limit` in flight; resolves to the results in order. */
export async function inPool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let cursor = 0;
  const worker = async (): Promise<void> => {
    while (cursor < items.length) {
      const index = cursor++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Adds `count` users to the account store of `dataDir` (before the server opens it). */
export async function seedAccounts(dataDir: string, count: number): Promise<Account[]> {
  const store = EmbeddedAccountStore.open(dataDir);
  try {
    const accounts = Array.from({ length: count }, (_, i) => ({ user: `push${i}@bench.example.org`, password: `bench-password-${i}` }));
    // scrypt runs on libuv's pool of four threads.
    await inPool(accounts, 4, (a) => store.addUser(a.user, a.password));
    return accounts;
  } finally {
    store.close();
  }
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

async function enroll(url: string, account: Account, deviceId: string, ownFolder: boolean): Promise<Enrolled> {
  const client = new EasClient({
    baseUrl: url, username: account.user, password: account.password, deviceId, deviceType: 'iPhone',
    userAgent: 'Apple-iPhone15C2/2105.100', protocolVersion: '14.1', timeoutMs: 120_000,
  });
  const listing = await client.folderSync('0');
  check(listing.status === 1, `${deviceId}: FolderSync Status ${listing.status}`);
  const idOf = (type: number): string => {
    const id = listing.added.find((f) => f.type === type)?.serverId;
    check(id !== undefined, `${deviceId}: no folder of type ${type}`);
    return id ?? '';
  };
  if (!ownFolder) return { client, inboxId: idOf(INBOX), secondId: idOf(CONTACTS), secondClass: 'Contacts' };
  const created = await folderCreate(client, { parentId: '0', displayName: `Push ${deviceId}`, type: USER_MAIL });
  check(created.status === 1 && created.serverId !== undefined, `${deviceId}: FolderCreate Status ${created.status}`);
  return { client, inboxId: idOf(INBOX), secondId: created.serverId ?? '', secondClass: 'Email' };
}

async function prime(client: EasClient, collectionIds: readonly string[]): Promise<void> {
  const hierarchy = await client.folderSync();
  check(hierarchy.status === 1, `FolderSync Status ${hierarchy.status}`);
  for (const id of collectionIds) {
    for (let round = 0; round < 2; round += 1) {
      const reply = await client.sync(id);
      check(reply.status === 1, `Sync of ${id} Status ${reply.status}`);
    }
  }
}

interface Enrolled {
  readonly client: EasClient;
  readonly inboxId: string;
  readonly secondId: string;
  readonly secondClass: string;
}

export interface FleetOptions {
  readonly count: number;
  readonly perUser: number;
  /**
   * Each device creates a mail folder of its own and Pings it with the Inbox, so a change injected
   * there wakes that device alone (push latency); otherwise it Pings Inbox and Contacts (density).
   */
  readonly ownFolder: boolean;
}

/** Sets up the devices in passes, so no device's hierarchy is stale when it Pings. */
export async function setUpFleet(url: string, accounts: readonly Account[], options: FleetOptions): Promise<BenchDevice[]> {
  const plan = Array.from({ length: options.count }, (_, i) => ({ account: accounts[Math.floor(i / options.perUser)] as Account, deviceId: `pushdev${i}` }));
  // A user's first login costs a scrypt verification (about 0.5 s here); the server caches it
  // after that, so each user logs in once before its other devices start (no herd of
  // concurrent verifications of one password).
  const firsts = plan.filter((_, i) => i % options.perUser === 0);
  const rest = plan.filter((_, i) => i % options.perUser !== 0);
  const enrolled = new Map<string, Enrolled>();
  const enrollEach = async ({ account, deviceId }: (typeof plan)[number]): Promise<void> => {
    enrolled.set(deviceId, await enroll(url, account, deviceId, options.ownFolder));
  };
  await inPool(firsts, 4, enrollEach);
  await inPool(rest, SETUP_CONCURRENCY, enrollEach);
  const devices = plan.map(({ account, deviceId }) => {
    const e = enrolled.get(deviceId);
    if (e === undefined) throw new Error(`${deviceId} was not enrolled`);
    return {
      client: e.client, user: account.user, deviceId, inboxId: e.inboxId, ownId: e.secondId,
      folders: [{ id: e.inboxId, className: 'Email' }, { id: e.secondId, className: e.secondClass }],
    };
  });
  await inPool(devices, SETUP_CONCURRENCY, (d) => prime(d.client, [d.inboxId, d.ownId]));
  return devices;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);
