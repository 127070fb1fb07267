// Tests for EmbeddedAccountStore on a real SQLite file in a temp directory: user management,
// hashing, authentication (including unknown users and cached logins), errors and reopening.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { AccountError, EmbeddedAccountStore, normalizeAddress } from './account-store.js';
import type { ScryptParams } from './password-hash.js';

const CHEAP: ScryptParams = { logCost: 10, blockSize: 8, parallelization: 1 };

let dir: string;
let store: EmbeddedAccountStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-accounts-'));
  store = EmbeddedAccountStore.open(dir, { scrypt: CHEAP });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function readHash(address: string): string {
  const db = new Database(join(dir, EmbeddedAccountStore.FILE_NAME), { readonly: true });
  try {
    return (db.prepare('SELECT password_hash FROM users WHERE address = ?').get(address) as { password_hash: string }).password_hash;
  } finally {
    db.close();
  }
}

function hasCode(code: string): (error: unknown) => boolean {
  return (error) => error instanceof AccountError && error.code === code;
}

describe('EmbeddedAccountStore user management', () => {
  it('adds users with lower-cased addresses and lists them sorted', async () => {
    const added = await store.addUser('Bob@Example.ORG', 'pw-bob', 'Bob Builder');
    await store.addUser('alice@example.org', 'pw-alice');
    assert.equal(added.address, 'bob@example.org');
    assert.deepEqual(
      store.listUsers().map((u) => [u.address, u.displayName]),
      [
        ['alice@example.org', undefined],
        ['bob@example.org', 'Bob Builder'],
      ],
    );
    assert.ok(store.listUsers()[0]?.createdAt instanceof Date);
  });

  it('stores a scrypt hash that does not contain the password', async () => {
    await store.addUser('carol@example.org', 'Tr0ub4dor&3');
    const hash = readHash('carol@example.org');
    assert.match(hash, /^\$scrypt\$ln=10,r=8,p=1\$/);
    assert.ok(!hash.includes('Tr0ub4dor'));
  });

  it('refuses a duplicate user, whatever the case of the address', async () => {
    await store.addUser('dave@example.org', 'one');
    await assert.rejects(store.addUser('DAVE@example.org', 'two'), (error: Error) => hasCode('duplicate-user')(error) && /dave@example\.org already exists/.test(error.message));
  });

  it('changes a password: the old one stops working, the new one works', async () => {
    await store.addUser('erin@example.org', 'old-password');
    assert.ok(await store.authenticate('erin@example.org', 'old-password'));
    await store.setPassword('Erin@example.org', 'new-password');
    assert.equal(await store.authenticate('erin@example.org', 'old-password'), null);
    assert.ok(await store.authenticate('erin@example.org', 'new-password'));
  });

  it('removes a user, who can then no longer log in', async () => {
    await store.addUser('frank@example.org', 'pw');
    assert.ok(await store.authenticate('frank@example.org', 'pw'));
    store.removeUser('frank@example.org');
    assert.deepEqual(store.listUsers(), []);
    assert.equal(await store.authenticate('frank@example.org', 'pw'), null);
  });

  it('reports unknown users on passwd and remove', async () => {
    await assert.rejects(store.setPassword('nobody@example.org', 'pw'), hasCode('unknown-user'));
    assert.throws(() => store.removeUser('nobody@example.org'), (error: Error) => hasCode('unknown-user')(error) && error.message === 'no such user: nobody@example.org');
  });

  it('rejects invalid addresses and empty passwords', async () => {
    for (const bad of ['', 'alice', '@example.org', 'alice@', 'a b@example.org', 'alice@exa_mple.org', 'alice@-example.org', 'a..b@example.org', `${'x'.repeat(65)}@example.org`]) {
      await assert.rejects(store.addUser(bad, 'pw'), hasCode('invalid-address'), bad);
    }
    await assert.rejects(store.addUser('gina@example.org', ''), hasCode('invalid-password'));
    assert.deepEqual(store.listUsers(), []);
  });
});

describe('EmbeddedAccountStore.authenticate', () => {
  beforeEach(async () => {
    await store.addUser('henry@example.org', 'correct', 'Henry');
  });

  it('returns the user for the right password, with any case of address', async () => {
    assert.deepEqual(await store.authenticate('Henry@Example.org', 'correct'), { username: 'henry@example.org', email: 'henry@example.org', displayName: 'Henry' });
  });

  it('returns null for a wrong password, an unknown user and a name that is no address', async () => {
    assert.equal(await store.authenticate('henry@example.org', 'Correct'), null);
    assert.equal(await store.authenticate('henry@example.org', ''), null);
    assert.equal(await store.authenticate('ivy@example.org', 'correct'), null);
    assert.equal(await store.authenticate('DOMAIN\\henry', 'correct'), null);
  });

  it('keeps answering correctly after a cached login (right, then wrong, then right)', async () => {
    assert.ok(await store.authenticate('henry@example.org', 'correct'));
    assert.equal(await store.authenticate('henry@example.org', 'wrong'), null);
    assert.ok(await store.authenticate('henry@example.org', 'correct'));
  });

  it('notices a password changed by another process despite a cached login', async () => {
    assert.ok(await store.authenticate('henry@example.org', 'correct'));
    const other = EmbeddedAccountStore.open(dir, { scrypt: CHEAP });
    try {
      await other.setPassword('henry@example.org', 'changed');
    } finally {
      other.close();
    }
    assert.equal(await store.authenticate('henry@example.org', 'correct'), null);
    assert.ok(await store.authenticate('henry@example.org', 'changed'));
  });

  it('re-hashes with stronger parameters on the next successful login', async () => {
    store.close();
    store = EmbeddedAccountStore.open(dir, { scrypt: { ...CHEAP, logCost: 11 } });
    assert.equal(await store.authenticate('henry@example.org', 'wrong'), null);
    assert.match(readHash('henry@example.org'), /^\$scrypt\$ln=10,/);
    assert.ok(await store.authenticate('henry@example.org', 'correct'));
    assert.match(readHash('henry@example.org'), /^\$scrypt\$ln=11,/);
    assert.ok(await store.authenticate('henry@example.org', 'correct'));
  });
});

describe('EmbeddedAccountStore file', () => {
  it('keeps users across close and reopen, in WAL mode at the current schema version', async () => {
    await store.addUser('jack@example.org', 'pw', 'Jack');
    store.close();
    store = EmbeddedAccountStore.open(dir, { scrypt: CHEAP });
    assert.deepEqual(store.getUser('JACK@example.org')?.displayName, 'Jack');
    assert.ok(await store.authenticate('jack@example.org', 'pw'));
    const db = new Database(join(dir, EmbeddedAccountStore.FILE_NAME), { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('user_version', { simple: true }), 1);
    } finally {
      db.close();
    }
  });

  it('creates a missing data directory', () => {
    const nested = join(dir, 'a', 'b');
    EmbeddedAccountStore.open(nested).close();
    assert.ok(existsSync(join(nested, EmbeddedAccountStore.FILE_NAME)));
  });

  it('explains a data directory that is a file', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    assert.throws(() => EmbeddedAccountStore.open(file), (error: Error) => hasCode('storage-unavailable')(error) && /is not a directory/.test(error.message));
  });

  it('refuses a file written by a newer schema', () => {
    store.close();
    const db = new Database(join(dir, EmbeddedAccountStore.FILE_NAME));
    db.pragma('user_version = 99');
    db.close();
    assert.throws(() => EmbeddedAccountStore.open(dir), (error: Error) => hasCode('newer-schema')(error) && /schema version 99/.test(error.message));
  });
});

describe('normalizeAddress', () => {
  it('lower-cases valid addresses, including plus tags and subdomains', () => {
    assert.equal(normalizeAddress('Kim+EAS@Mail.Example.Co.UK'), 'kim+eas@mail.example.co.uk');
    assert.equal(normalizeAddress('admin@localhost'), 'admin@localhost');
  });
});
