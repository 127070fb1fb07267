// Tests for scrypt password hashing: PHC format with parameters, salting, verification,
// rejection of damaged hashes and the rehash decision when the cost is raised.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, needsRehash, spendVerificationTime, verifyPassword, type ScryptParams } from './password-hash.js';

// Low cost keeps the suite fast; the format and logic are the same as with the default.
const CHEAP: ScryptParams = { logCost: 10, blockSize: 8, parallelization: 1 };
const STRONGER: ScryptParams = { logCost: 11, blockSize: 8, parallelization: 1 };

describe('hashPassword', () => {
  it('writes a PHC string with the parameters, a 16-byte salt and a 32-byte key', async () => {
    const hash = await hashPassword('correct horse', CHEAP);
    const match = /^\$scrypt\$ln=10,r=8,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
    assert.ok(match, hash);
    assert.equal(Buffer.from(match[1] ?? '', 'base64').length, 16);
    assert.equal(Buffer.from(match[2] ?? '', 'base64').length, 32);
    assert.ok(!hash.includes('correct horse'));
  });

  it('salts: the same password hashes differently each time', async () => {
    assert.notEqual(await hashPassword('same', CHEAP), await hashPassword('same', CHEAP));
  });

  it('refuses parameters outside the safe range', async () => {
    await assert.rejects(hashPassword('x', { logCost: 30, blockSize: 8, parallelization: 1 }), RangeError);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('s3cret!', CHEAP);
    assert.equal(await verifyPassword('s3cret!', hash), true);
    assert.equal(await verifyPassword('s3cret', hash), false);
    assert.equal(await verifyPassword('S3cret!', hash), false);
  });

  it('treats composed and decomposed Unicode as the same password', async () => {
    const hash = await hashPassword('caf\u00e9', CHEAP);
    assert.equal(await verifyPassword('cafe\u0301', hash), true);
  });

  it('returns false for damaged or foreign hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', '$2b$10$abcdefghijklmnopqrstuv', '$scrypt$ln=40,r=8,p=1$AAAA$AAAA', '$scrypt$ln=10,r=8,p=1$$AAAA']) {
      assert.equal(await verifyPassword('x', stored), false, stored);
    }
  });
});

describe('needsRehash and spendVerificationTime', () => {
  it('asks for a rehash only when the stored cost is lower than wanted', async () => {
    const cheap = await hashPassword('pw', CHEAP);
    assert.equal(needsRehash(cheap, CHEAP), false);
    assert.equal(needsRehash(cheap, STRONGER), true);
    assert.equal(needsRehash(await hashPassword('pw', STRONGER), CHEAP), false);
    assert.equal(needsRehash('garbage', CHEAP), true);
  });

  it('spends about as long as a real verification, so unknown users are not revealed by timing', async () => {
    const params: ScryptParams = { logCost: 14, blockSize: 8, parallelization: 1 };
    const stored = await hashPassword('real', params);
    const median = async (run: () => Promise<unknown>): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const start = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - start));
      }
      return times.sort((a, b) => a - b)[2] ?? 0;
    };
    const verify = await median(() => verifyPassword('wrong', stored));
    const spend = await median(() => spendVerificationTime('wrong', params));
    // Generous bounds: the point is "same order of work", not a benchmark.
    assert.ok(spend > verify / 3 && spend < verify * 3, `verify ${verify} ns, spend ${spend} ns`);
  });
});
