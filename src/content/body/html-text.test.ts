import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeEntities, htmlToText, textToHtml } from './html-text.js';
import { buildPreview } from './preview.js';

describe('htmlToText', () => {
  it('keeps text, breaks blocks into lines and drops head, style, script and comments', () => {
    const html = '<html><head><title>T</title><style>p{color:red}</style></head><body>'
      + '<p>Hello&nbsp;<b>World</b> &amp; co</p><!-- hidden --><script>alert(1)</script>'
      + '<div>Second<br>line</div><ul><li>one</li><li>two</li></ul><a href="https://x.example/">link</a></body></html>';
    assert.equal(htmlToText(html), 'Hello World & co\n\nSecond\nline\n\none\ntwo\n\nlink');
  });

  it('keeps a stray "<" that opens no markup', () => {
    assert.equal(htmlToText('<p>1 < 2 and 3 > 2</p>'), '1 < 2 and 3 > 2');
  });

  it('keeps pre-formatted whitespace', () => {
    assert.equal(htmlToText('<pre>a\n  b</pre>'), 'a\n  b');
  });

  it('stays linear on hostile markup', () => {
    const hostile = '<script'.repeat(20000) + '<a'.repeat(20000) + '<!--'.repeat(20000);
    const started = process.hrtime.bigint();
    htmlToText(hostile);
    htmlToText('<p>' + 'x<'.repeat(100000));
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(elapsedMs < 1000, `took ${elapsedMs} ms`);
  });

  it('gives back the words of any plain text wrapped by textToHtml', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== '');
      assert.deepEqual(words(htmlToText(textToHtml(text))), words(text));
    }));
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric references and leaves unknown ones', () => {
    assert.equal(decodeEntities('&lt;&#233;&#xE9;&hellip;&unknown;&#0;'), '<éé…&unknown;');
  });
});

describe('buildPreview', () => {
  it('drops link targets and image placeholders and collapses whitespace', () => {
    const text = 'Hi Anna,\n\n[image: Logo] Our news <https://news.example/x?y=1> are out:\nhttps://example.org/a  [cid:abc@x]\nBye';
    assert.equal(buildPreview(text, 255), 'Hi Anna, Our news are out: Bye');
  });

  it('never exceeds the requested characters nor 255', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), fc.integer({ min: 0, max: 400 }), (text, max) => {
      const preview = buildPreview(text, max);
      assert.ok(Array.from(preview).length <= Math.min(max, 255));
    }));
  });
});
