// The command registry: registration rules, lookup, the MS-ASProtocolCommands list and which
// commands each protocol version offers; and the default PolicyGate.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommandDefinition } from './registry.js';
import { ALLOW_ALL_POLICY_GATE, CommandRegistry, CommandResults } from './registry.js';

const define = (overrides: Partial<CommandDefinition> & Pick<CommandDefinition, 'name'>): CommandDefinition => ({
  minVersion: '2.5',
  needsProvisioning: true,
  handle: async () => CommandResults.empty(),
  ...overrides,
});

describe('CommandRegistry', () => {
  it('lists registered commands in command-code order whatever the registration order', () => {
    const registry = new CommandRegistry()
      .register(define({ name: 'Ping' }))
      .register(define({ name: 'Sync' }))
      .register(define({ name: 'FolderSync' }));
    assert.deepEqual(registry.names(), ['Sync', 'FolderSync', 'Ping']);
  });

  it('finds commands by name regardless of case and knows what is missing', () => {
    const sync = define({ name: 'Sync' });
    const registry = new CommandRegistry().register(sync);
    assert.equal(registry.get('Sync'), sync);
    assert.equal(registry.get('sYNC'), sync);
    assert.equal(registry.get('Ping'), undefined);
    assert.equal(registry.get('NoSuchCommand'), undefined);
  });

  it('refuses a second definition of a command and an empty version range', () => {
    const registry = new CommandRegistry().register(define({ name: 'Sync' }));
    assert.throws(() => registry.register(define({ name: 'Sync' })), /already registered/);
    assert.throws(() => registry.register(define({ name: 'Ping', minVersion: '16.0', maxVersion: '14.1' })), /newer than/);
  });

  it('offers a command only within its versions, defaulting to where MS-ASCMD defines it', () => {
    const registry = new CommandRegistry()
      .register(define({ name: 'Sync' }))
      .register(define({ name: 'Settings', minVersion: '12.0' }))
      .register(define({ name: 'GetAttachment' }))
      .register(define({ name: 'Find', minVersion: '16.1' }));
    assert.deepEqual(registry.namesFor('2.5'), ['Sync', 'GetAttachment']);
    assert.deepEqual(registry.namesFor('12.1'), ['Sync', 'GetAttachment', 'Settings']);
    assert.deepEqual(registry.namesFor('14.0'), ['Sync', 'Settings']);
    assert.deepEqual(registry.namesFor('16.1'), ['Sync', 'Settings', 'Find']);
    assert.equal(registry.offers('Ping', '14.1'), false);
  });

  it('builds each kind of result', () => {
    assert.deepEqual(CommandResults.empty(), { kind: 'empty' });
    assert.deepEqual(CommandResults.httpStatus(449), { kind: 'http-status', httpStatus: 449 });
    assert.deepEqual(CommandResults.raw('message/rfc822', new Uint8Array([1])), {
      kind: 'raw',
      contentType: 'message/rfc822',
      body: new Uint8Array([1]),
    });
  });
});

describe('default PolicyGate', () => {
  it('admits every device until provisioning is built', async () => {
    const decision = await ALLOW_ALL_POLICY_GATE.check({
      command: 'Sync',
      user: { username: 'jo' },
      deviceId: 'abc',
      deviceType: 'iPhone',
      protocolVersion: '16.1',
    });
    assert.deepEqual(decision, { allowed: true });
  });
});
