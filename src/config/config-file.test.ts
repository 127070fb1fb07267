// Tests for reading the configuration file: missing files, directories, empty files and JSON
// syntax errors all become one readable ConfigError line with the file and position.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfigJson, readConfigFile } from './index.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-config-file-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected a ConfigError');
}

describe('readConfigFile', () => {
  it('parses a JSON file, tolerating a byte-order mark', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, '\uFEFF{"server":{"port":1}}');
    assert.deepEqual(readConfigFile(file), { server: { port: 1 } });
  });

  it('names a missing file', () => {
    const file = join(dir, 'missing.json');
    assert.equal(messageOf(() => readConfigFile(file)), `cannot read config file ${file}: no such file`);
  });

  it('names a directory given as the file', () => {
    assert.equal(messageOf(() => readConfigFile(dir)), `cannot read config file ${dir}: it is a directory`);
  });
});

describe('parseConfigJson', () => {
  it('gives line and column of a syntax error', () => {
    const text = '{\n  "server": {\n    "port": 80\n    "host": "x"\n  }\n}';
    assert.match(messageOf(() => parseConfigJson(text, 'pb.json')), /^pb\.json:4:5: invalid JSON: .+/);
  });

  it('points at the end of a truncated file', () => {
    // V8's wording differs between releases; the position is what the operator needs.
    assert.match(messageOf(() => parseConfigJson('{\n "log": {', 'pb.json')), /^pb\.json:2:10: invalid JSON: \S/);
  });

  it('keeps the message to one line without echoing the file', () => {
    const message = messageOf(() => parseConfigJson('{"a": tru}', 'pb.json'));
    assert.match(message, /^pb\.json(:\d+:\d+)?: invalid JSON: /);
    assert.doesNotMatch(message, /\n|is not valid JSON/);
  });

  it('explains an empty file', () => {
    assert.equal(messageOf(() => parseConfigJson('  \n', 'pb.json')), 'pb.json: the file is empty; write {} for all defaults');
  });
});
