// Autodiscover documents (MS-ASCMD 2.2.1.1): reading requests and writing both answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AUTODISCOVER_RESPONSE_SCHEMA,
  AutodiscoverRequestError,
  MOBILESYNC_RESPONSE_SCHEMA,
  autodiscoverErrorId,
  encodeAutodiscoverError,
  encodeAutodiscoverResponse,
  parseAutodiscoverRequest,
} from './autodiscover.js';
import { parseXml, xmlChild, xmlText } from './xml-reader.js';

const request = (email: string, schema = MOBILESYNC_RESPONSE_SCHEMA): string =>
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006">' +
  `<Request><EMailAddress>${email}</EMailAddress><AcceptableResponseSchema>${schema}</AcceptableResponseSchema></Request>` +
  '</Autodiscover>';

function codeOf(xml: string): number | undefined {
  try {
    parseAutodiscoverRequest(xml);
  } catch (error) {
    assert.ok(error instanceof AutodiscoverRequestError);
    return error.code;
  }
  return undefined;
}

describe('Autodiscover request', () => {
  it('reads the mobilesync request schema', () => {
    assert.deepEqual(parseAutodiscoverRequest(request(' jo@example.com ')), {
      emailAddress: 'jo@example.com',
      acceptableResponseSchema: MOBILESYNC_RESPONSE_SCHEMA,
    });
  });

  it('assumes the mobilesync schema when the request names none', () => {
    const xml = '<Autodiscover><Request><EMailAddress>a@b.c</EMailAddress></Request></Autodiscover>';
    assert.equal(parseAutodiscoverRequest(xml).acceptableResponseSchema, MOBILESYNC_RESPONSE_SCHEMA);
  });

  it('answers malformed or incomplete requests with 600 and other schemas with 601', () => {
    assert.equal(codeOf('<Autodiscover><Request>'), 600);
    assert.equal(codeOf('<Other/>'), 600);
    assert.equal(codeOf('<Autodiscover><Request><EMailAddress> </EMailAddress></Request></Autodiscover>'), 600);
    assert.equal(codeOf(request('a@b.c', 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a')), 601);
  });
});

describe('Autodiscover answers', () => {
  it('writes the mobilesync response with the EAS URL, escaped', () => {
    const xml = encodeAutodiscoverResponse({
      emailAddress: 'jo@example.com',
      displayName: 'Jo & Co',
      serverUrl: 'https://mail.example.com/Microsoft-Server-ActiveSync',
    });
    const root = parseXml(xml);
    assert.equal(root.namespace, AUTODISCOVER_RESPONSE_SCHEMA);
    const response = xmlChild(root, 'Response', MOBILESYNC_RESPONSE_SCHEMA);
    assert.ok(response);
    assert.equal(xmlText(xmlChild(response, 'Culture') ?? root), 'en:us');
    const user = xmlChild(response, 'User');
    assert.equal(user && xmlText(xmlChild(user, 'DisplayName') ?? user), 'Jo & Co');
    const server = xmlChild(xmlChild(xmlChild(response, 'Action') ?? root, 'Settings') ?? root, 'Server');
    assert.ok(server);
    assert.equal(xmlText(xmlChild(server, 'Type') ?? server), 'MobileSync');
    assert.equal(xmlText(xmlChild(server, 'Url') ?? server), 'https://mail.example.com/Microsoft-Server-ActiveSync');
  });

  it('writes the error response with code, message and a numeric id', () => {
    const id = autodiscoverErrorId('8b0c5d1e-0000-4000-8000-000000000000');
    assert.ok(Number.isInteger(id) && id >= 0 && id <= 0xffffffff);
    const root = parseXml(encodeAutodiscoverError(600, id, new Date('2024-05-01T16:56:32.616Z')));
    const error = xmlChild(xmlChild(root, 'Response') ?? root, 'Error');
    assert.ok(error);
    assert.deepEqual(error.attributes, { Time: '16:56:32.6160000', Id: String(id) });
    assert.equal(xmlText(xmlChild(error, 'ErrorCode') ?? error), '600');
    assert.equal(xmlText(xmlChild(error, 'Message') ?? error), 'Invalid Request');
  });
});
