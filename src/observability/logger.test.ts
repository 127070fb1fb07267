// The logger factory: level handling, per-request child fields and masking of credentials.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger, requestLogger } from './logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes JSON lines at or above its level', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream });
    log.debug('hidden');
    log.info({ a: 1 }, 'shown');
    const lines = out.lines();
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.msg, 'shown');
    assert.equal(lines[0]?.a, 1);
    assert.equal(typeof lines[0]?.time, 'string');
  });

  it('rejects an unknown level with a readable message', () => {
    assert.throws(() => createLogger({ level: 'loud' }), /log level "loud" is not one of/);
  });

  it('masks credentials wherever they appear', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream });
    log.info({ authorization: 'Basic am86cHc=', password: 'pw', req: { headers: { authorization: 'Basic x' } } }, 'm');
    const [line] = out.lines();
    assert.equal(line?.authorization, '[redacted]');
    assert.equal(line?.password, '[redacted]');
    assert.deepEqual(line?.req, { headers: { authorization: '[redacted]' } });
  });
});

describe('requestLogger', () => {
  it('binds request id, user, device and command to every line', () => {
    const out = capture();
    const base = createLogger({ level: 'info', destination: out.stream });
    const log = requestLogger(base, { requestId: 'r1', user: 'jo', deviceId: 'abc', deviceType: 'iPhone', command: 'Sync' });
    log.info('handled');
    requestLogger(base, { requestId: 'r2' }).info('bare');
    const [first, second] = out.lines();
    assert.deepEqual(
      { reqId: first?.reqId, user: first?.user, deviceId: first?.deviceId, deviceType: first?.deviceType, command: first?.command },
      { reqId: 'r1', user: 'jo', deviceId: 'abc', deviceType: 'iPhone', command: 'Sync' },
    );
    assert.equal(second?.reqId, 'r2');
    assert.equal('user' in (second ?? {}), false);
  });
});
