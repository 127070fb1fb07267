// Password hashing for embedded accounts: scrypt from node:crypto, stored in the PHC string
// format `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` so the cost can be raised later without breaking
// old hashes. Hashing runs on libuv's thread pool (async scrypt), never on the event loop.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly logCost: number;
  readonly blockSize: number;
  readonly parallelization: number;
}

/** 2^15 x r=8 uses 32 MiB and ~50-100 ms per hash: costly to brute-force, affordable per login. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({ logCost: 15, blockSize: 8, parallelization: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds for parameters read back from the database, so a damaged row cannot ask for gigabytes.
const LIMITS = { logCost: [10, 20], blockSize: [1, 32], parallelization: [1, 16] } as const;
const PHC_PATTERN = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function toB64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

function inRange(params: ScryptParams): boolean {
  return (Object.keys(LIMITS) as (keyof ScryptParams)[]).every((name) => {
    const [min, max] = LIMITS[name];
    return Number.isInteger(params[name]) && params[name] >= min && params[name] <= max;
  });
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const cost = 2 ** params.logCost;
  const options: ScryptOptions = {
    cost,
    blockSize: params.blockSize,
    parallelization: params.parallelization,
    // scrypt needs about 128 * N * r bytes; Node's 32 MiB default would reject the default cost.
    maxmem: 256 * cost * params.blockSize + 16 * 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function parseHash(stored: string): ParsedHash | undefined {
  const match = PHC_PATTERN.exec(stored);
  if (match === null) return undefined;
  const [, ln, r, p, salt, key] = match;
  const params: ScryptParams = { logCost: Number(ln), blockSize: Number(r), parallelization: Number(p) };
  if (!inRange(params) || salt === undefined || key === undefined) return undefined;
  return { params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (!inRange(params)) throw new RangeError(`scrypt parameters out of range: ${JSON.stringify(params)}`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return `$scrypt$ln=${params.logCost},r=${params.blockSize},p=${params.parallelization}$${toB64(salt)}$${toB64(key)}`;
}

/** True when `password` matches; false for a wrong password or a stored value we cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === undefined) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/**
 * Spends the time a verification would, for a user that does not exist, so response time does
 * not tell an attacker which accounts exist.
 */
export async function spendVerificationTime(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<void> {
  await derive(password, randomBytes(SALT_BYTES), params, KEY_BYTES);
}

/** True when the stored hash is weaker than `params` (or unreadable) and should be redone. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parseHash(stored);
  if (parsed === undefined) return true;
  const old = parsed.params;
  return old.logCost < params.logCost || old.blockSize < params.blockSize || old.parallelization < params.parallelization;
}
