// Request-line parsing in both forms (MS-ASHTTP 2.2.1.1.1), every parameter, the typed errors for
// bad lines, and format → parse round trips for the lines our client writes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EAS_COMMAND_NAMES } from './commands.js';
import { PROTOCOL_VERSIONS } from './protocol-version.js';
import { EasRequestError } from './request-error.js';
import type { RequestLineInput } from './request-line.js';
import {
  detectRequestLineForm,
  formatBase64RequestLine,
  formatPlainRequestLine,
  parseRequestLine,
} from './request-line.js';

const ascii = (s: string): number[] => [...Buffer.from(s, 'utf8')];
const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64');
/** 14.1 Sync, en-US, device "dev1", no policy key, type "Phone", then the given parameter bytes. */
const line141 = (params: number[] = []): string =>
  b64([141, 0, 0x09, 0x04, 4, ...ascii('dev1'), 0, 5, ...ascii('Phone'), ...params]);

function rejects(search: string, reason: EasRequestError['reason']): void {
  assert.throws(
    () => parseRequestLine(search),
    (error: unknown) => error instanceof EasRequestError && error.reason === reason,
    `${JSON.stringify(search)} should be rejected as ${reason}`,
  );
}

describe('plain request line', () => {
  it('reads the MS-ASHTTP example line', () => {
    const line = parseRequestLine('Cmd=FolderSync&User=fakename&DeviceId=v140Device&DeviceType=SmartPhone');
    assert.deepEqual(line, {
      form: 'plain',
      command: 'FolderSync',
      user: 'fakename',
      deviceId: 'v140device',
      deviceType: 'SmartPhone',
      params: {},
    });
  });

  it('reads every command parameter', () => {
    const line = parseRequestLine(
      'Cmd=SmartReply&User=DOMAIN%5Cjo&DeviceId=ABC123&DeviceType=iPhone&AttachmentName=a%20b.pdf' +
        '&CollectionId=7&CollectionName=Inbox&ItemId=7%3A42&LongId=RgAA%2B%2F&ParentId=0&Occurrence=2024-01-01T00%3A00%3A00.000Z&SaveInSent=T',
    );
    assert.equal(line.user, 'DOMAIN\\jo');
    assert.deepEqual(line.params, {
      attachmentName: 'a b.pdf',
      collectionId: '7',
      collectionName: 'Inbox',
      itemId: '7:42',
      longId: 'RgAA+/',
      parentId: '0',
      occurrence: '2024-01-01T00:00:00.000Z',
      saveInSent: true,
    });
  });

  it('matches parameter names and the command without regard to case', () => {
    const line = parseRequestLine('cmd=sync&user=a&deviceid=X1&devicetype=Android&saveinsent=f');
    assert.equal(line.command, 'Sync');
    assert.equal(line.params.saveInSent, false);
  });

  it("reads '+' as a space, as PHP-based servers do", () => {
    assert.equal(parseRequestLine('Cmd=GetAttachment&DeviceId=d&DeviceType=t&AttachmentName=my+file').params.attachmentName, 'my file');
  });

  it('accepts a line without User and treats empty optional values as absent', () => {
    const line = parseRequestLine('?Cmd=Ping&DeviceId=d&DeviceType=t&User=&ItemId=');
    assert.equal(line.user, undefined);
    assert.deepEqual(line.params, {});
  });

  it('rejects missing or invalid required fields as malformed', () => {
    rejects('User=a&DeviceId=d&DeviceType=t', 'malformed');
    rejects('Cmd=Sync&DeviceType=t', 'malformed');
    rejects('Cmd=Sync&DeviceId=d', 'malformed');
    rejects('Cmd=Sync2&DeviceId=d&DeviceType=t', 'malformed');
    rejects('Cmd=Sync&DeviceId=d%20e&DeviceType=t', 'malformed');
    rejects('Cmd=Sync&DeviceId=' + 'a'.repeat(65) + '&DeviceType=t', 'malformed');
    rejects('Cmd=Sync&DeviceId=d&DeviceType=a%20b', 'malformed');
    rejects('Cmd=SendMail&DeviceId=d&DeviceType=t&SaveInSent=yes', 'malformed');
    rejects('Cmd=Sync&DeviceId=d&DeviceType=t&ItemId=%E0%A4%A', 'malformed');
    rejects('', 'malformed');
  });

  it('rejects an unknown command name with its own reason (501)', () => {
    rejects('Cmd=GetHierarchy&DeviceId=d&DeviceType=t', 'unknown-command');
    assert.equal(new EasRequestError('unknown-command', 'x').httpStatus, 501);
  });
});

describe('base64 request line', () => {
  it('reads the MS-ASHTTP example line', () => {
    assert.deepEqual(parseRequestLine('jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l'), {
      form: 'base64',
      command: 'Sync',
      protocolVersion: '14.0',
      locale: 0x0409,
      deviceId: 'v140device',
      policyKey: undefined,
      deviceType: 'SmartPhone',
      params: {},
    });
  });

  it('reads a Nine-style line: 14.1, policy key, Options (CLIENT-QUIRKS §2.3)', () => {
    const bytes = [0x8d, 0, 0x09, 0x04, 16, ...ascii('Nine342BA3F3E6C6'), 4, 0x78, 0x56, 0x34, 0x12, 7, ...ascii('Android'), 7, 1, 0x03];
    const line = parseRequestLine(b64(bytes));
    assert.equal(line.protocolVersion, '14.1');
    assert.equal(line.deviceId, 'nine342ba3f3e6c6');
    assert.equal(line.policyKey, 0x12345678);
    assert.deepEqual(line.params, { saveInSent: true, acceptMultiPart: true });
  });

  it('reads every tagged parameter, the legacy tags 2 and 5 included', () => {
    const tagged = (tag: number, value: string): number[] => [tag, Buffer.byteLength(value), ...ascii(value)];
    const line = parseRequestLine(
      line141([
        ...tagged(0, 'att.bin'),
        ...tagged(1, '5'),
        ...tagged(2, 'Inbox'),
        ...tagged(3, '5:1'),
        ...tagged(4, 'long'),
        ...tagged(5, '0'),
        ...tagged(6, 'occ'),
        7, 1, 0x01,
        ...tagged(8, 'jö@example.com'),
      ]),
    );
    assert.equal(line.user, 'jö@example.com');
    assert.deepEqual(line.params, {
      attachmentName: 'att.bin',
      collectionId: '5',
      collectionName: 'Inbox',
      itemId: '5:1',
      longId: 'long',
      parentId: '0',
      occurrence: 'occ',
      saveInSent: true,
      acceptMultiPart: false,
    });
  });

  it('accepts percent-encoding, the URL-safe alphabet and missing padding', () => {
    const standard = line141([3, 8, ...ascii('~~~>>>??')]);
    assert.match(standard, /\+.*=$/);
    const expected = parseRequestLine(standard);
    assert.equal(expected.params.itemId, '~~~>>>??');
    assert.deepEqual(parseRequestLine(encodeURIComponent(standard)), expected);
    assert.deepEqual(parseRequestLine(standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')), expected);
  });

  it('turns a binary device id (a Windows Mobile GUID) into hex', () => {
    const guid = [0x8f, 0x1e, 0x00, 0xff, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0];
    const line = parseRequestLine(b64([121, 9, 0x09, 0x04, 16, ...guid, 0, 2, ...ascii('PP')]));
    assert.equal(line.deviceId, '8f1e00ff102030405060708090a0b0c0');
    assert.equal(line.command, 'FolderSync');
  });

  it('skips unknown tags by their length', () => {
    assert.deepEqual(parseRequestLine(line141([42, 2, 1, 2, 1, 1, ...ascii('9')])).params, { collectionId: '9' });
  });

  it('rejects every truncation of a valid line', () => {
    const full = [141, 0, 0x09, 0x04, 4, ...ascii('dev1'), 4, 1, 2, 3, 4, 5, ...ascii('Phone'), 3, 2, ...ascii('ab')];
    const withoutParams = full.length - 4; // ends right after Device type: complete, no parameters
    for (let cut = 1; cut < full.length; cut += 1) {
      if (cut !== withoutParams) rejects(b64(full.slice(0, cut)), 'malformed');
    }
    assert.equal(parseRequestLine(b64(full.slice(0, withoutParams))).deviceType, 'Phone');
  });

  it('rejects bad fields with typed errors', () => {
    rejects(b64([10, 0, 9, 4, 1, 0x61, 0, 1, 0x61]), 'unsupported-version');
    rejects(b64([141, 5, 9, 4, 1, 0x61, 0, 1, 0x61]), 'unknown-command');
    rejects(b64([141, 99, 9, 4, 1, 0x61, 0, 1, 0x61]), 'unknown-command');
    rejects(b64([141, 0, 9, 4, 1, 0x61, 3, 1, 2, 3, 1, 0x61]), 'malformed');
    rejects(b64([141, 0, 9, 4, 0, 0, 1, 0x61]), 'malformed');
    rejects(b64([141, 0, 9, 4, 1, 0x61, 0, 1, 0x20]), 'malformed');
    rejects(line141([8, 2, 0xc3, 0x28]), 'malformed');
    rejects(b64([141, 0, 9, 4, 40, ...new Array<number>(40).fill(0xff), 0, 1, 0x61]), 'malformed');
    rejects('jAAJBAp2MTQw!!!', 'malformed');
    rejects('jAAJB', 'malformed');
    rejects('%E0%A4%A', 'malformed');
  });
});

describe('form detection', () => {
  it("tells plain lines from base64 values, even base64 that ends in 'Cmd='", () => {
    assert.equal(detectRequestLineForm('Cmd=Sync&DeviceId=a&DeviceType=b'), 'plain');
    assert.equal(detectRequestLineForm('Cmd=Sync'), 'plain');
    assert.equal(detectRequestLineForm('jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l'), 'base64');
    assert.equal(detectRequestLineForm('abcdCmd='), 'base64');
    assert.equal(detectRequestLineForm('abcdef=='), 'base64');
  });
});

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const inputArbitrary: fc.Arbitrary<RequestLineInput> = fc.record(
  {
    command: fc.constantFrom(...EAS_COMMAND_NAMES),
    user: fc.oneof(fc.constant(''), fc.emailAddress(), text),
    deviceId: fc.stringMatching(/^[a-z0-9_-]{1,64}$/),
    deviceType: fc.stringMatching(/^[\x21-\x7e]{1,40}$/),
    protocolVersion: fc.constantFrom(...PROTOCOL_VERSIONS),
    policyKey: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
    locale: fc.integer({ min: 0, max: 0xffff }),
    params: fc.record(
      {
        attachmentName: text,
        collectionId: text,
        collectionName: text,
        itemId: text,
        longId: text,
        parentId: text,
        occurrence: text,
        saveInSent: fc.boolean(),
        acceptMultiPart: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['command', 'user', 'deviceId', 'deviceType', 'protocolVersion'] },
);

const withoutUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

describe('format → parse round trip', () => {
  it('plain form keeps command, user, device and parameters', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const line = parseRequestLine(formatPlainRequestLine(input));
        assert.equal(line.form, 'plain');
        assert.equal(line.command, input.command);
        assert.equal(line.user, input.user === '' ? undefined : input.user);
        assert.equal(line.deviceId, input.deviceId);
        assert.equal(line.deviceType, input.deviceType);
        const { acceptMultiPart: _headerOnly, ...expected } = input.params ?? {};
        assert.deepEqual(line.params, withoutUndefined(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('base64 form keeps every field, version, policy key and locale included', () => {
    const fitting = inputArbitrary.filter((input) =>
      [input.user, ...Object.values(input.params ?? {})].every((v) => typeof v !== 'string' || Buffer.byteLength(v) <= 255),
    );
    fc.assert(
      fc.property(fitting, (input) => {
        const line = parseRequestLine(formatBase64RequestLine(input));
        const params = input.params ?? {};
        const hasOptions = params.saveInSent !== undefined || params.acceptMultiPart !== undefined;
        assert.deepEqual(line, {
          form: 'base64',
          command: input.command,
          protocolVersion: input.protocolVersion,
          locale: input.locale ?? 0x0409,
          deviceId: input.deviceId,
          policyKey: input.policyKey,
          deviceType: input.deviceType,
          ...(input.user === '' ? {} : { user: input.user }),
          params: {
            ...withoutUndefined({ ...params, saveInSent: undefined, acceptMultiPart: undefined }),
            ...(hasOptions ? { saveInSent: params.saveInSent === true, acceptMultiPart: params.acceptMultiPart === true } : {}),
          },
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to format lines the server would reject', () => {
    const base = { command: 'Sync', user: 'u', deviceId: 'd', deviceType: 't', protocolVersion: '14.1' } as const;
    assert.throws(() => formatPlainRequestLine({ ...base, deviceId: 'a b' }), RangeError);
    assert.throws(() => formatBase64RequestLine({ ...base, deviceType: '' }), RangeError);
    assert.throws(() => formatBase64RequestLine({ ...base, policyKey: -1 }), RangeError);
    assert.throws(() => formatBase64RequestLine({ ...base, protocolVersion: undefined }), RangeError);
    assert.throws(() => formatBase64RequestLine({ ...base, params: { itemId: 'x'.repeat(256) } }), RangeError);
  });
});
