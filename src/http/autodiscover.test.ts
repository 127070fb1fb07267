// Autodiscover over real HTTP: authentication, the mobilesync answer with the EAS URL (derived
// from Host or configured), the schema's error answer for bad XML, and the no-body Android quirk.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MOBILESYNC_RESPONSE_SCHEMA } from '../eas/autodiscover.js';
import type { XmlElement } from '../eas/xml-reader.js';
import { parseXml, xmlChild, xmlText } from '../eas/xml-reader.js';
import { JO, basic, startTestServer } from './test-kit.js';
import type { TestServer } from './test-kit.js';

const PATH = '/autodiscover/autodiscover.xml';

const requestXml = (email: string, schema = MOBILESYNC_RESPONSE_SCHEMA): string =>
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006">' +
  `<Request><EMailAddress>${email}</EMailAddress><AcceptableResponseSchema>${schema}</AcceptableResponseSchema></Request>` +
  '</Autodiscover>';

let server: TestServer;
let configured: TestServer;
before(async () => {
  server = await startTestServer();
  configured = await startTestServer({ settings: { externalUrl: 'https://mail.example.com/' } });
});
after(async () => {
  await server.close();
  await configured.close();
});

/** `auth` null sends no Authorization header. */
async function discover(body: string | undefined, auth: string | null = JO, target = server, path = PATH): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'text/xml' };
  if (auth !== null) headers.Authorization = auth;
  return fetch(`${target.url}${path}`, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
}

function dig(root: XmlElement, ...names: string[]): string | undefined {
  let at: XmlElement | undefined = root;
  for (const name of names) at = at === undefined ? undefined : xmlChild(at, name);
  return at === undefined ? undefined : xmlText(at);
}

describe('Autodiscover', () => {
  it('requires authentication like Exchange does', async () => {
    const res = await discover(requestXml('jo@example.com'), null);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Basic realm="Pushbridge"');
  });

  it('answers the mobilesync schema with the URL derived from the request Host', async () => {
    const res = await discover(requestXml('jo@example.com'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/xml; charset=utf-8');
    const root = parseXml(await res.text());
    const response = xmlChild(root, 'Response', MOBILESYNC_RESPONSE_SCHEMA);
    assert.ok(response);
    assert.equal(dig(response, 'User', 'EMailAddress'), 'jo@example.com');
    assert.equal(dig(response, 'User', 'DisplayName'), 'Jo Example');
    assert.equal(dig(response, 'Action', 'Settings', 'Server', 'Type'), 'MobileSync');
    assert.equal(dig(response, 'Action', 'Settings', 'Server', 'Url'), `${server.url}/Microsoft-Server-ActiveSync`);
  });

  it('uses the configured external URL and any case of the path', async () => {
    const res = await discover(requestXml('jo@example.com'), JO, configured, '/Autodiscover/Autodiscover.xml');
    assert.equal(res.status, 200);
    const root = parseXml(await res.text());
    assert.equal(
      dig(root, 'Response', 'Action', 'Settings', 'Server', 'Url'),
      'https://mail.example.com/Microsoft-Server-ActiveSync',
    );
  });

  it('answers malformed XML, a DOCTYPE and a foreign schema with the error response, not a 5xx', async () => {
    const cases: [string, string][] = [
      ['<Autodiscover><Request>', '600'],
      ['<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><Autodiscover>&x;</Autodiscover>', '600'],
      [requestXml('jo@example.com', 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a'), '601'],
    ];
    for (const [body, code] of cases) {
      const res = await discover(body);
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.doesNotMatch(text, /root:|passwd/);
      assert.equal(dig(parseXml(text), 'Response', 'Error', 'ErrorCode'), code, body);
    }
  });

  it('answers a request without body for the address used as the login (CLIENT-QUIRKS §2.1)', async () => {
    const res = await discover(undefined);
    assert.equal(res.status, 200);
    assert.equal(dig(parseXml(await res.text()), 'Response', 'User', 'EMailAddress'), 'jo@example.com');
    const noAddress = await discover(undefined, basic('jörg', 'pässwort'));
    assert.equal(dig(parseXml(await noAddress.text()), 'Response', 'Error', 'ErrorCode'), '600');
  });
});
