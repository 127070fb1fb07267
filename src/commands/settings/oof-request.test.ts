// Reading Oof Get/Set requests: the happy paths, and each malformed shape with the status
// MS-ASCMD 2.2.3.177.15 gives it (2 structure, 5 value, 6 conflicting range).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { element } from '../../eas/wbxml-body.js';
import { parseInstant, parseOofRequest } from './oof-request.js';
import { SettingsPartError } from './settings-status.js';

const oof = (children: WbxmlElement[]): WbxmlElement => element('Settings:Oof', children);
const set = (children: WbxmlElement[]): WbxmlElement => oof([element('Settings:Set', children)]);
const message = (children: WbxmlElement[]): WbxmlElement => element('Settings:OofMessage', children);

function assertStatus(part: WbxmlElement, status: number, pattern?: RegExp): void {
  assert.throws(() => parseOofRequest(part), (error: unknown) => {
    assert.ok(error instanceof SettingsPartError, String(error));
    assert.equal(error.status, status, error.message);
    if (pattern !== undefined) assert.match(error.message, pattern);
    return true;
  });
}

describe('parseOofRequest', () => {
  it('reads a Get with its BodyType in any case', () => {
    assert.deepEqual(parseOofRequest(oof([element('Settings:Get', element('Settings:BodyType', 'html'))])), { kind: 'get', bodyType: 'HTML' });
    assert.deepEqual(parseOofRequest(oof([element('Settings:Get', element('Settings:BodyType', 'Text'))])), { kind: 'get', bodyType: 'Text' });
  });

  it('reads a scheduled Set with messages for two audiences', () => {
    const request = parseOofRequest(set([
      element('Settings:OofState', '2'),
      element('Settings:StartTime', '2024-07-01T08:00:00.000Z'),
      element('Settings:EndTime', '2024-07-15T17:30:00.000Z'),
      message([element('Settings:AppliesToInternal'), element('Settings:Enabled', '1'),
        element('Settings:ReplyMessage', 'Back on the 15th'), element('Settings:BodyType', 'TEXT')]),
      message([element('Settings:AppliesToExternalUnknown'), element('Settings:Enabled', '0')]),
    ]));
    assert.deepEqual(request, {
      kind: 'set',
      state: 2,
      range: { startTime: '2024-07-01T08:00:00.000Z', endTime: '2024-07-15T17:30:00.000Z' },
      messages: [
        { audience: 'internal', enabled: true, reply: { text: 'Back on the 15th', bodyType: 'Text' } },
        { audience: 'externalUnknown', enabled: false },
      ],
    });
  });

  it('answers structural mistakes with Status 2', () => {
    assertStatus(oof([]), 2, /exactly one of Get and Set/);
    assertStatus(oof([element('Settings:Get', element('Settings:BodyType', 'Text')), element('Settings:Set')]), 2);
    assertStatus(oof([element('Settings:Get')]), 2, /needs a BodyType/);
    assertStatus(set([element('Settings:StartTime', '2024-07-01T08:00:00.000Z')]), 2, /together/);
    assertStatus(set([message([element('Settings:Enabled', '1')])]), 2, /exactly one audience/);
    assertStatus(set([message([element('Settings:AppliesToInternal'), element('Settings:AppliesToExternalKnown')])]), 2);
    assertStatus(set([message([element('Settings:AppliesToInternal'), element('Settings:ReplyMessage', 'x')])]), 2, /needs a BodyType/);
    assertStatus(set([message([element('Settings:AppliesToInternal')]), message([element('Settings:AppliesToInternal')])]), 2, /same audience/);
    assertStatus(set([element('Settings:OofState', '1'), element('Settings:OofState', '0')]), 2, /twice/);
    assertStatus(set([element('Settings:Password', 'x')]), 2, /not allowed/);
    assertStatus(set([element('Settings:OofState', [element('Settings:Enabled', '1')])]), 2, /value, not elements/);
  });

  it('answers unusable values with Status 5 and a backwards range with Status 6', () => {
    assertStatus(set([element('Settings:OofState', '3')]), 5, /0, 1 or 2/);
    assertStatus(oof([element('Settings:Get', element('Settings:BodyType', 'RTF'))]), 5, /Text or HTML/);
    assertStatus(set([message([element('Settings:AppliesToInternal'), element('Settings:Enabled', 'yes')])]), 5);
    assertStatus(set([element('Settings:StartTime', 'tomorrow'), element('Settings:EndTime', '2024-07-15T17:30:00.000Z')]), 5);
    assertStatus(set([element('Settings:StartTime', '2024-07-15T00:00:00.000Z'), element('Settings:EndTime', '2024-07-01T00:00:00.000Z')]), 6);
  });
});

describe('parseInstant', () => {
  it('reads MS-ASDTYPE date-times and the compact form into ISO instants', () => {
    assert.equal(parseInstant(element('Settings:StartTime', '2024-02-29T23:59:59.5Z')), '2024-02-29T23:59:59.500Z');
    assert.equal(parseInstant(element('Settings:StartTime', '20240701T080000Z')), '2024-07-01T08:00:00.000Z');
  });

  it('refuses dates that do not exist and times without a zone', () => {
    assert.throws(() => parseInstant(element('Settings:StartTime', '2023-02-29T00:00:00.000Z')), /not a valid date-time/);
    assert.throws(() => parseInstant(element('Settings:StartTime', '2024-07-01T25:00:00.000Z')), /not a valid date-time/);
    assert.throws(() => parseInstant(element('Settings:StartTime', '2024-07-01T08:00:00')), /not a UTC date-time/);
  });
});
