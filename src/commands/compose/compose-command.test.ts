// The compose handlers over a real state store, embedded mailboxes and accounts, and the real
// SmtpMailSubmitter (local delivery only): success is an empty answer, a ClientId is sent once
// (118 on a repeat, sent normally after a failure), each failure has its status, SmartReply finds
// its original through the device's id maps and marks it, and ReplaceMime survives a stale id.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { EmbeddedAccountStore } from '../../backends/embedded/account-store.js';
import { EmbeddedStore } from '../../backends/embedded/embedded-store.js';
import { SmtpMailSubmitter } from '../../backends/submission/smtp-mail-submitter.js';
import { deviceKey } from '../../domain/device.js';
import { FolderType } from '../../domain/folder.js';
import type { MailSubmitter } from '../../domain/mail-submission.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { EasStatusError } from '../../eas/status.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { openStateStore } from '../../state/open-state-store.js';
import type { CommandDeps } from '../command-deps.js';
import type { CommandContext, CommandDefinition, CommandRequest } from '../registry.js';
import { createComposeCommands } from './compose-command.js';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.org';
const DEVICE = 'composeunit1';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const mime = (subject: string, to = BOB): string => `To: ${to}\r\nSubject: ${subject}\r\n\r\nBody of ${subject}\r\n`;

let dir: string;
let deps: CommandDeps;
let mailboxes: EmbeddedStore;
let accounts: EmbeddedAccountStore;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-compose-'));
  mailboxes = EmbeddedStore.open(dir);
  accounts = EmbeddedAccountStore.open(dir);
  await accounts.addUser(ALICE, 'alice-password');
  await accounts.addUser(BOB, 'bob-password');
  const submitter = new SmtpMailSubmitter({ directory: accounts, stores: mailboxes, maxRecipients: 5, hostname: 'unit.test' });
  deps = { state: await openStateStore({ kind: 'sqlite', dataDir: dir }), stores: mailboxes, clock: Date.now, submitter };
  await deps.state.devices.record({ user: ALICE, deviceId: DEVICE, deviceType: 'iPhone' });
});
after(async () => {
  await deps.state.close();
  await mailboxes.close();
  accounts.close();
  rmSync(dir, { recursive: true, force: true });
});

function context(command: CommandContext['command'], version: ProtocolVersion = '14.1'): CommandContext {
  return {
    requestId: 'req-1', command, user: { username: ALICE, email: ALICE, displayName: 'Alice' }, deviceId: DEVICE, deviceType: 'iPhone',
    protocolVersion: version, params: {}, log: pino({ level: 'silent' }), signal: new AbortController().signal,
  };
}

function command(name: string, set: CommandDefinition[] = createComposeCommands(deps)): CommandDefinition {
  const found = set.find((c) => c.name === name);
  assert.ok(found !== undefined);
  return found;
}

const sendMail = (text: string, extra: WbxmlElement[] = []): CommandRequest => ({
  kind: 'wbxml', root: element('ComposeMail:SendMail', [...extra, element('ComposeMail:Mime', utf8(text))]),
});

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EasStatusError, String(error));
    return error.status;
  }
  return assert.fail('expected an EasStatusError');
}

async function folderItems(user: string, type: number): Promise<string[]> {
  const { folders } = await mailboxes.hierarchy.listFolders(user);
  const folder = folders.find((f) => f.type === type);
  assert.ok(folder !== undefined);
  const { items } = await mailboxes.mail.listItems(user, folder.id);
  return (await mailboxes.mail.getItems(user, folder.id, items.map((i) => i.id))).map((m) => new TextDecoder().decode(m.mime));
}

describe('compose commands', () => {
  it('sends once per ClientId: an empty answer, then 118 for the repeat', async () => {
    const send = command('SendMail');
    const request = sendMail(mime('Once'), [element('ComposeMail:ClientId', 'once-1')]);
    assert.deepEqual(await send.handle(context('SendMail'), request), { kind: 'empty' });
    assert.equal(await statusOf(send.handle(context('SendMail'), request)), 118);
    assert.equal((await folderItems(BOB, FolderType.Inbox)).filter((m) => m.includes('Subject: Once')).length, 1);
    const stored = await deps.state.values.getDeviceValue(deviceKey(ALICE, DEVICE), 'compose.recentClientIds');
    assert.ok(Array.isArray(stored) && stored.length === 1);
  });

  it('lets a ClientId through again after the first attempt failed', async () => {
    let calls = 0;
    const flaky: MailSubmitter = {
      submit: async () => {
        calls += 1;
        if (calls === 1) throw new TypeError('connection pool broke');
        return { delivered: [BOB], relayed: [] };
      },
    };
    const send = command('SendMail', createComposeCommands({ ...deps, submitter: flaky }));
    const request = sendMail(mime('Retry'), [element('ComposeMail:ClientId', 'retry-1')]);
    assert.equal(await statusOf(send.handle(context('SendMail'), request)), 110);
    assert.deepEqual(await send.handle(context('SendMail'), request), { kind: 'empty' });
  });

  it('answers each failure with its status and delivers nothing', async () => {
    const send = command('SendMail');
    const before = (await folderItems(BOB, FolderType.Inbox)).length;
    assert.equal(await statusOf(send.handle(context('SendMail'), sendMail('Subject: nobody\r\n\r\nhi'))), 119);
    assert.equal(await statusOf(send.handle(context('SendMail'), sendMail('this is not a message'))), 107);
    assert.equal(await statusOf(send.handle(context('SendMail'), sendMail(mime('Remote', 'dave@remote.test')))), 120);
    assert.equal(await statusOf(send.handle(context('SendMail'), sendMail(mime('Many', 'a@x.test, b@x.test, c@x.test, d@x.test, e@x.test, f@x.test')))), 120);
    assert.equal(await statusOf(send.handle(context('SendMail'), sendMail(mime('Acct'), [element('ComposeMail:AccountId', '7')]))), 166);
    assert.equal((await folderItems(BOB, FolderType.Inbox)).length, before);
  });

  it('takes the 2.5 raw body and keeps the Sent copy read', async () => {
    const ctx = { ...context('SendMail', '2.5'), params: { saveInSent: true } };
    await command('SendMail').handle(ctx, { kind: 'raw', contentType: 'message/rfc822', bytes: utf8(mime('Legacy')) });
    const { folders } = await mailboxes.hierarchy.listFolders(ALICE);
    const sent = folders.find((f) => f.type === FolderType.SentItems);
    assert.ok(sent !== undefined);
    const { items } = await mailboxes.mail.listItems(ALICE, sent.id);
    assert.equal(items.length, 1);
    assert.equal(items[0]?.flags.read, true);
  });

  it('finds a SmartReply original through the device maps, marks it, and tolerates a stale id with ReplaceMime', async () => {
    const key = deviceKey(ALICE, DEVICE);
    const { folders } = await mailboxes.hierarchy.listFolders(ALICE);
    const inbox = folders.find((f) => f.type === FolderType.Inbox);
    assert.ok(inbox !== undefined);
    const item = await mailboxes.mail.createItem(ALICE, inbox.id, { mime: utf8(`From: ${BOB}\r\nTo: ${ALICE}\r\nSubject: Q\r\n\r\nQuestion?\r\n`) });
    const collection = (await deps.state.hierarchy.assignServerIds(key, [inbox.id])).get(inbox.id) ?? '';
    await deps.state.collections.applyIdMapChanges(key, collection, [{ op: 'put', serverId: `${collection}:1`, backendId: item.id }]);
    const smartReply = (itemId: string, replace: boolean): CommandRequest => ({
      kind: 'wbxml',
      root: element('ComposeMail:SmartReply', [
        element('ComposeMail:ClientId', `r-${itemId}-${String(replace)}`),
        element('ComposeMail:Source', element('ComposeMail:ItemId', itemId)),
        ...(replace ? [element('ComposeMail:ReplaceMime')] : []),
        element('ComposeMail:Mime', mime('Re: Q')),
      ]),
    });
    await command('SmartReply').handle(context('SmartReply'), smartReply(`${collection}:1`, false));
    const marked = await mailboxes.mail.getItem(ALICE, inbox.id, item.id);
    assert.equal(marked.flags.answered, true);
    assert.equal(marked.flags.lastVerb?.verb, 'replyToSender');
    assert.ok((await folderItems(BOB, FolderType.Inbox)).some((m) => m.includes('> Question?')));
    assert.equal(await statusOf(command('SmartReply').handle(context('SmartReply'), smartReply(`${collection}:99`, false))), 150);
    assert.deepEqual(await command('SmartReply').handle(context('SmartReply'), smartReply(`${collection}:99`, true)), { kind: 'empty' });
  });

  it('offers nothing without a submitter', () => {
    const { submitter: _unused, ...rest } = deps;
    assert.deepEqual(createComposeCommands(rest), []);
  });
});
