// Real embedded mailboxes and accounts with the real SmtpMailSubmitter delivering locally, in one
// temporary directory: the ground of the tests that send drafts without the HTTP front.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedAccountStore } from '../../src/backends/embedded/account-store.js';
import { EmbeddedStore } from '../../src/backends/embedded/embedded-store.js';
import { SmtpMailSubmitter } from '../../src/backends/submission/smtp-mail-submitter.js';
import { findDefaultFolder, type DefaultFolderType } from '../../src/domain/folder.js';

export interface LocalDelivery {
  readonly mailboxes: EmbeddedStore;
  readonly accounts: EmbeddedAccountStore;
  readonly submitter: SmtpMailSubmitter;
  /** The id of `user`'s default folder of `type`; throws when the mailbox has none. */
  folderOf(user: string, type: DefaultFolderType): Promise<string>;
  /** How many messages that folder holds. */
  count(user: string, type: DefaultFolderType): Promise<number>;
  close(): Promise<void>;
}

/** Opens the stores in a fresh directory named after `purpose` and adds each user (password "<local part>-password"). */
export async function openLocalDelivery(purpose: string, users: readonly string[]): Promise<LocalDelivery> {
  const dir = mkdtempSync(join(tmpdir(), `pushbridge-${purpose}-`));
  const mailboxes = EmbeddedStore.open(dir);
  const accounts = EmbeddedAccountStore.open(dir);
  const close = async (): Promise<void> => {
    await mailboxes.close();
    accounts.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const user of users) await accounts.addUser(user, `${user.slice(0, user.indexOf('@'))}-password`);
  } catch (error) {
    await close();
    throw error;
  }
  const submitter = new SmtpMailSubmitter({ directory: accounts, stores: mailboxes, maxRecipients: 5, hostname: 'unit.test' });
  const folderOf = async (user: string, type: DefaultFolderType): Promise<string> => {
    const folder = findDefaultFolder((await mailboxes.hierarchy.listFolders(user)).folders, type);
    if (folder === undefined) throw new Error(`${user} has no default folder of type ${type}`);
    return folder.id;
  };
  const count = async (user: string, type: DefaultFolderType): Promise<number> => (await mailboxes.mail.listItems(user, await folderOf(user, type))).items.length;
  return { mailboxes, accounts, submitter, folderOf, count, close };
}
