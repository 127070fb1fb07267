// Out of Office state handling: merging a Set into what is stored, reading stored JSON
// defensively, answering a Get in the asked format, and the Text/HTML conversions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { childElements, qualifiedName, textContent } from '../../eas/wbxml-body.js';
import { htmlToText, textToHtml } from './oof-body.js';
import { NO_OOF, oofFromJson, oofToJson, type OofSettings } from './oof-model.js';
import { applyOofSet, oofGetReply } from './oof.js';
import { SettingsPartError } from './settings-status.js';

const RANGE = { startTime: '2024-07-01T08:00:00.000Z', endTime: '2024-07-15T17:30:00.000Z' };

function flatten(el: WbxmlElement): string[] {
  return childElements(el).map((child) => {
    const inner = childElements(child);
    return inner.length === 0 ? `${child.tag}=${textContent(child)}` : `${child.tag}[${flatten(child).join(',')}]`;
  });
}

describe('applyOofSet', () => {
  it('keeps stored messages when a Set only changes the state', () => {
    const stored = applyOofSet(NO_OOF, {
      state: 1,
      messages: [{ audience: 'internal', enabled: true, reply: { text: 'Away', bodyType: 'Text' } }],
    });
    const off = applyOofSet(stored, { state: 0, messages: [] });
    assert.deepEqual(off, { state: 0, messages: { internal: { enabled: true, reply: 'Away', bodyType: 'Text' } } });
  });

  it('changes Enabled without losing the reply, and replaces a reply with a new one', () => {
    const stored = applyOofSet(NO_OOF, { messages: [{ audience: 'externalKnown', enabled: true, reply: { text: '<b>Out</b>', bodyType: 'HTML' } }] });
    const disabled = applyOofSet(stored, { messages: [{ audience: 'externalKnown', enabled: false }] });
    assert.deepEqual(disabled.messages.externalKnown, { enabled: false, reply: '<b>Out</b>', bodyType: 'HTML' });
    const replaced = applyOofSet(disabled, { messages: [{ audience: 'externalKnown', reply: { text: 'New', bodyType: 'Text' } }] });
    assert.deepEqual(replaced.messages.externalKnown, { enabled: false, reply: 'New', bodyType: 'Text' });
  });

  it('needs a range for the time-based state, from the request or from before', () => {
    assert.throws(() => applyOofSet(NO_OOF, { state: 2, messages: [] }), (error: unknown) => error instanceof SettingsPartError && error.status === 2);
    const scheduled = applyOofSet(NO_OOF, { state: 2, range: RANGE, messages: [] });
    assert.deepEqual(applyOofSet({ ...scheduled, state: 0 }, { state: 2, messages: [] }), { state: 2, ...RANGE, messages: {} });
  });
});

describe('stored Oof JSON', () => {
  it('round-trips and reads damaged data as OOF off', () => {
    const settings: OofSettings = { state: 2, ...RANGE, messages: { internal: { enabled: true, reply: 'x', bodyType: 'HTML' }, externalUnknown: { enabled: false } } };
    assert.deepEqual(oofFromJson(oofToJson(settings)), settings);
    assert.deepEqual(oofFromJson(undefined), NO_OOF);
    assert.deepEqual(oofFromJson('garbage'), NO_OOF);
    assert.deepEqual(oofFromJson({ state: 7, startTime: 'soon', messages: { internal: { enabled: 'yes' } } }), { state: 0, messages: {} });
  });
});

describe('oofGetReply', () => {
  it('answers state, range and one message per audience, converted to the asked BodyType', () => {
    const settings: OofSettings = { state: 2, ...RANGE, messages: { internal: { enabled: true, reply: 'Line 1\nA & B', bodyType: 'Text' } } };
    const reply = oofGetReply(settings, 'HTML');
    assert.equal(qualifiedName(reply), 'Settings:Get');
    assert.deepEqual(flatten(reply), [
      'OofState=2',
      `StartTime=${RANGE.startTime}`,
      `EndTime=${RANGE.endTime}`,
      'OofMessage[AppliesToInternal=,Enabled=1,ReplyMessage=Line 1<br>\nA &amp; B,BodyType=HTML]',
      'OofMessage[AppliesToExternalKnown=,Enabled=0]',
      'OofMessage[AppliesToExternalUnknown=,Enabled=0]',
    ]);
  });
});

describe('Text and HTML replies', () => {
  it('escapes text into HTML and reads it back', () => {
    const text = 'Out until Monday.\n<urgent> mail: ask Bob & Ann "now"';
    assert.equal(textToHtml(text), 'Out until Monday.<br>\n&lt;urgent&gt; mail: ask Bob &amp; Ann &quot;now&quot;');
    assert.equal(htmlToText(textToHtml(text)), text);
  });

  it('turns an HTML document into readable text', () => {
    const html = '<html><head><style>p{color:red}</style></head><body><p>I am <b>away</b>&nbsp;until 15&#8209;07.</p>'
      + '<div>Contact&#x3A; <a href="mailto:bob@example.org">Bob</a></div><!-- note --></body></html>';
    assert.equal(htmlToText(html), 'I am away\u00a0until 15\u201107.\nContact: Bob');
  });
});
