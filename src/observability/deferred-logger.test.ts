// The deferred request logger: no pino child until a line passes the level, then every line of
// the request carries its bindings, exactly as a child made up front would.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { Logger } from 'pino';
import { DeferredLogger } from './deferred-logger.js';
import { createLogger } from './logger.js';

function capture(level: string): { base: Logger; children: () => number; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const base = createLogger({ level, destination: stream });
  let made = 0;
  const original = base.child;
  // Counts children made from the base; a child's own children (it inherits this) keep their parent.
  base.child = function (this: Logger, ...args: Parameters<Logger['child']>) {
    if (this === base) made += 1;
    return original.apply(this, args);
  } as Logger['child'];
  return { base, children: () => made, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('DeferredLogger', () => {
  it('makes no child while nothing reaches the level', () => {
    const out = capture('warn');
    const log = new DeferredLogger(out.base, { reqId: 'r1' });
    log.info('dropped');
    log.debug({ a: 1 }, 'dropped');
    log.trace('dropped');
    assert.equal(log.level, 'warn');
    assert.equal(out.children(), 0);
    assert.deepEqual(out.lines(), []);
  });

  it('writes lines with the bindings once one passes the level, making the child once', () => {
    const out = capture('info');
    const log = new DeferredLogger(out.base, { reqId: 'r2' });
    log.info({ status: 413 }, 'too large %s', 'body');
    log.error('second');
    const lines = out.lines();
    assert.equal(out.children(), 1);
    assert.deepEqual(lines.map((l) => [l.reqId, l.msg, l.status]), [['r2', 'too large body', 413], ['r2', 'second', undefined]]);
    assert.deepEqual(lines.map((l) => l.level), [30, 50]);
  });

  it('honours a level given in the child options and a level set later', () => {
    const out = capture('info');
    const quiet = new DeferredLogger(out.base, { reqId: 'r3' }, { level: 'error' });
    assert.equal(quiet.level, 'error');
    quiet.warn('dropped');
    const log = new DeferredLogger(out.base, { reqId: 'r4' });
    log.level = 'debug';
    log.debug('kept');
    assert.equal(out.base.level, 'info');
    assert.deepEqual(out.lines().map((l) => [l.reqId, l.msg]), [['r4', 'kept']]);
  });

  it('keeps the bindings of both levels in a child of its own', () => {
    const out = capture('info');
    const log = new DeferredLogger(out.base, { reqId: 'r5' }).child({ plugin: 'x' });
    log.fatal('both');
    assert.deepEqual(out.lines().map((l) => [l.reqId, l.plugin, l.msg]), [['r5', 'x', 'both']]);
  });

  it('masks credentials as the base logger does', () => {
    const out = capture('info');
    new DeferredLogger(out.base, { reqId: 'r6' }).warn({ authorization: 'Basic am86cHc=' }, 'm');
    assert.equal(out.lines()[0]?.authorization, '[redacted]');
  });
});
