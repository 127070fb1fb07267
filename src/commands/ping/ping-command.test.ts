// The Ping handler over the real stores, without HTTP: its definition, a never-synced folder
// reported at once, a held Ping ended by a newer request of the device (and ending the device's
// held request itself), the client going away, and a store failure answered with Status 8 and
// logged, never thrown. The hub's watches and the feed's subscriptions are back to zero each time.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import pino from 'pino';
import { ALICE, openHierarchyFixture, type HierarchyFixture } from '../../../test/helpers/hierarchy-kit.js';
import { readPingReply, type PingReply } from '../../client/response-readers.js';
import { deviceKey } from '../../domain/device.js';
import type { StateStore } from '../../domain/state-store.js';
import { element } from '../../eas/wbxml-body.js';
import { HeldRequests, heldRequestKey, wasSuperseded } from '../../sync/held-requests.js';
import { PushHub } from '../../sync/push-hub.js';
import type { CommandDeps } from '../command-deps.js';
import type { CommandContext, CommandRequest } from '../registry.js';
import { createPingCommand } from './ping-command.js';

const DEVICE = 'pingunit';

function context(signal: AbortSignal, lines: string[] = []): CommandContext {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    requestId: 'req-ping', command: 'Ping', user: { username: ALICE }, deviceId: DEVICE, deviceType: 'iPhone',
    protocolVersion: '14.1', params: {}, log: pino({ level: 'debug' }, sink), signal,
  };
}

const pingBody = (folderId: string): CommandRequest => ({
  kind: 'wbxml',
  root: element('Ping:Ping', [
    element('Ping:HeartbeatInterval', '600'),
    element('Ping:Folders', element('Ping:Folder', [element('Ping:Id', folderId), element('Ping:Class', 'Email')])),
  ]),
});

describe('Ping command', () => {
  let fx: HierarchyFixture;
  let held: HeldRequests;
  let hub: PushHub;
  let inboxId: string;
  const key = deviceKey(ALICE, DEVICE);

  const run = async (request: CommandRequest, options: { signal?: AbortSignal; state?: StateStore; lines?: string[] } = {}): Promise<PingReply> => {
    const deps: CommandDeps = { state: options.state ?? fx.state, stores: fx.stores, clock: Date.now };
    const result = await createPingCommand({ deps, held, hub }).handle(context(options.signal ?? new AbortController().signal, options.lines), request);
    assert.equal(result.kind, 'wbxml');
    return readPingReply((result as { root: Parameters<typeof readPingReply>[0] }).root);
  };
  const untilHeld = async (): Promise<void> => {
    while (hub.activeWatches === 0) await new Promise((resolve) => setImmediate(resolve));
  };

  beforeEach(async () => {
    fx = await openHierarchyFixture();
    held = new HeldRequests();
    hub = new PushHub(fx.stores.changes);
    const reply = await fx.engine.folderSync(fx.device(DEVICE), '0');
    assert.equal(reply.status, 1);
    const inbox = (await fx.state.hierarchy.get(key)).current?.folders.find((f) => f.type === 2);
    assert.ok(inbox !== undefined);
    inboxId = inbox.serverId;
  });
  afterEach(async () => {
    assert.equal(hub.activeWatches, 0);
    assert.equal(fx.stores.changes.subscribedUserCount(), 0);
    assert.equal(held.size, 0);
    await fx.close();
  });

  /** Gives the Inbox a collection state that is up to date, as after the device's first Syncs. */
  async function primeInbox(): Promise<void> {
    const mapping = await fx.state.hierarchy.lookup(key, inboxId);
    assert.ok(mapping !== undefined);
    const { token } = await fx.stores.mail.listItems(ALICE, mapping.backendId);
    await fx.state.collections.commit(key, inboxId, { baseKey: 0, state: { token, pending: [], initial: false } });
  }

  it('is Ping from 2.5 on, behind provisioning', () => {
    const definition = createPingCommand({ deps: { state: fx.state, stores: fx.stores, clock: Date.now }, held, hub });
    assert.deepEqual([definition.name, definition.minVersion, definition.needsProvisioning], ['Ping', '2.5', true]);
  });

  it('reports a folder the device never synced at once', async () => {
    assert.deepEqual(await run(pingBody(inboxId)), { status: 2, folders: [inboxId] });
  });

  it('a Ping ends the request the device holds, and is ended by the next one with Status 1', async () => {
    await primeInbox();
    let heldSync: AbortSignal | undefined;
    const sync = held.hold(heldRequestKey(ALICE, DEVICE), new AbortController(), (signal) => {
      heldSync = signal;
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    const pinging = run(pingBody(inboxId));
    await sync;
    assert.ok(heldSync !== undefined && wasSuperseded(heldSync));
    await untilHeld();
    held.release(heldRequestKey(ALICE, DEVICE));
    assert.deepEqual(await pinging, { status: 1, folders: [] });
  });

  it('a change while held answers Status 2 naming the folder', async () => {
    await primeInbox();
    const mapping = await fx.state.hierarchy.lookup(key, inboxId);
    const pinging = run(pingBody(inboxId));
    await untilHeld();
    const mime = new TextEncoder().encode('From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n');
    await fx.stores.mail.createItem(ALICE, mapping?.backendId ?? '', { mime });
    assert.deepEqual(await pinging, { status: 2, folders: [inboxId] });
  });

  it('the client going away ends a held Ping', async () => {
    await primeInbox();
    const client = new AbortController();
    const pinging = run(pingBody(inboxId), { signal: client.signal });
    await untilHeld();
    client.abort(new Error('client closed the connection'));
    assert.equal((await pinging).status, 1);
  });

  it('a store failure is Status 8 with the cause in the log', async () => {
    const lines: string[] = [];
    const broken: StateStore = {
      ...fx.state,
      values: { ...fx.state.values, getDeviceValue: () => Promise.reject(new Error('disk on fire')) },
    };
    assert.equal((await run(pingBody(inboxId), { state: broken, lines })).status, 8);
    assert.ok(lines.some((line) => line.includes('disk on fire') && line.includes('Ping failed')));
  });

  it('a store failure after the watch began is Status 8 and leaves no watch behind', async () => {
    await primeInbox();
    const lines: string[] = [];
    const collections = fx.state.collections;
    const broken: StateStore = {
      ...fx.state,
      collections: Object.assign(Object.create(collections) as typeof collections, { get: () => Promise.reject(new Error('disk on fire')) }),
    };
    assert.equal((await run(pingBody(inboxId), { state: broken, lines })).status, 8);
    assert.ok(lines.some((line) => line.includes('disk on fire')));
  });
});
