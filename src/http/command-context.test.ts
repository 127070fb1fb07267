// The command context the HTTP front hands a handler: the request's facts from the line and the
// headers, a child logger made only when first used, and a signal that aborts when the client
// closes the connection before the answer is written (and not after).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { FastifyReply } from 'fastify';
import { parseRequestHeaders } from '../eas/headers.js';
import { parseRequestLine } from '../eas/request-line.js';
import { createLogger } from '../observability/logger.js';
import { buildCommandContext, type KnownRequest } from './command-context.js';

const KNOWN: KnownRequest = { requestId: 'req-1', user: { username: 'jo@example.org' }, command: 'Ping', deviceId: 'dev1', deviceType: 'iPhone', version: '14.1' };

/** Just the part of a Fastify reply the context reads: the raw response's close event and state. */
function replyStub(): { reply: FastifyReply; raw: EventEmitter & { writableFinished: boolean } } {
  const raw = Object.assign(new EventEmitter(), { writableFinished: false });
  return { reply: { raw } as unknown as FastifyReply, raw };
}

function capture(): { log: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination: stream }), lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function context(query: string, headers: Record<string, string>) {
  const out = capture();
  const stub = replyStub();
  const line = parseRequestLine(query);
  const ctx = buildCommandContext(out.log, stub.reply, KNOWN, line, parseRequestHeaders((name) => headers[name.toLowerCase()]));
  return { ctx, out, raw: stub.raw };
}

describe('buildCommandContext', () => {
  it('takes the facts from the request line and the headers', () => {
    const { ctx } = context('Cmd=Ping&User=jo&DeviceId=dev1&DeviceType=iPhone', { 'x-ms-policykey': '42', 'user-agent': 'Apple-iPhone15C2/2105.100', 'ms-asacceptmultipart': 'T' });
    assert.deepEqual(
      [ctx.requestId, ctx.command, ctx.user.username, ctx.deviceId, ctx.deviceType, ctx.protocolVersion, ctx.policyKey, ctx.userAgent, ctx.params.acceptMultiPart],
      ['req-1', 'Ping', 'jo@example.org', 'dev1', 'iPhone', '14.1', 42, 'Apple-iPhone15C2/2105.100', true],
    );
  });

  it('leaves out a policy key and user agent the client did not send', () => {
    const { ctx } = context('Cmd=Ping&User=jo&DeviceId=dev1&DeviceType=iPhone', {});
    assert.equal('policyKey' in ctx, false);
    assert.equal('userAgent' in ctx, false);
    assert.equal(ctx.params.acceptMultiPart, false);
  });

  it('logs with request id, user, device and command, making one child logger', () => {
    const { ctx, out } = context('Cmd=Ping&User=jo&DeviceId=dev1&DeviceType=iPhone', {});
    assert.equal(ctx.log, ctx.log);
    ctx.log.info('held');
    assert.deepEqual(out.lines().map((l) => [l.reqId, l.user, l.deviceId, l.deviceType, l.command, l.msg]), [['req-1', 'jo@example.org', 'dev1', 'iPhone', 'Ping', 'held']]);
  });

  it('aborts its signal when the client closes the connection before the answer is written', () => {
    const { ctx, raw } = context('Cmd=Ping&User=jo&DeviceId=dev1&DeviceType=iPhone', {});
    assert.equal(ctx.signal.aborted, false);
    raw.emit('close');
    assert.equal(ctx.signal.aborted, true);
  });

  it('does not abort when the connection closes after the answer was written', () => {
    const { ctx, raw } = context('Cmd=Ping&User=jo&DeviceId=dev1&DeviceType=iPhone', {});
    raw.writableFinished = true;
    raw.emit('close');
    assert.equal(ctx.signal.aborted, false);
  });
});
