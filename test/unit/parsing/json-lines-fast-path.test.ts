import { expect } from 'chai';
import { JsonValueSplitter } from '../../../src/domain/parsing/json-value-splitter.js';
import { rng } from './parse-helpers.js';

/**
 * JSONL lines that hold exactly one JSON value are parsed whole, without the per-character scan. The scan decides
 * every other line. Both must give the same values, lines, rejects and reasons, however the text is chunked.
 */


const LINES = [
  '{"a":1}', '  {"a": "x y"}  ', '\t{"n":null}', '[1,2,3]', '123', '"text"', 'true', '{"s":"with \\" quote"}',
  '{"u":"\\u00e9"}', '{"nested":{"b":[1,{"c":2}]}}', '', '   ', '{"a":1} {"b":2}', '{"a":1},', '{"a":', '}', 'garbage',
  '{"a":1}x', '{"a":"unterminated', '[1,2', '{"a":1}\r{"b":2}', '{"x":"tab\there"}', '1 2', '{"k":"日本"}', '{}',
];
const BREAKS = ['\n', '\n', '\n', '\r\n', '\r'];

interface Event { readonly kind: string; readonly line: number; readonly text: string; readonly value?: string }

function run(text: string, chunkSize: number, wholeLines: boolean): Event[] {
  const events: Event[] = [];
  const splitter = new JsonValueSplitter(
    true,
    (value, line, parsed) => {
      // What the record parser would get: the parsed value (given or parsed here) and the raw text.
      let v: string;
      try {
        v = JSON.stringify(parsed !== undefined ? parsed : JSON.parse(value));
      } catch {
        v = 'invalid';
      }
      if (parsed !== undefined) expect(JSON.stringify(parsed)).to.equal(JSON.stringify(JSON.parse(value)));
      events.push({ kind: 'value', line, text: value, value: v });
    },
    (line, reason, raw) => events.push({ kind: `invalid: ${reason}`, line, text: raw }),
    wholeLines,
  );
  for (let i = 0; i < text.length; i += chunkSize) splitter.feed(text.slice(i, i + chunkSize));
  splitter.end();
  return events;
}

describe('JSONL whole-line fast path', () => {
  it('gives the per-character scan\'s values, lines and rejects on 300 random files in any chunking', () => {
    const next = rng(5);
    let fast = 0;
    for (let file = 0; file < 300; file++) {
      const count = 1 + Math.floor(next() * 40);
      let text = next() < 0.1 ? '\ufeff' : '';
      for (let i = 0; i < count; i++) {
        text += LINES[Math.floor(next() * LINES.length)]!;
        if (i < count - 1 || next() < 0.5) text += BREAKS[Math.floor(next() * BREAKS.length)]!;
      }
      const chunk = [1, 3, 7, 64, 100_000][Math.floor(next() * 5)]!;
      const scanned = run(text, chunk, false);
      const whole = run(text, chunk, true);
      expect(whole, `file ${file}, chunks of ${chunk}: ${JSON.stringify(text)}`).to.deep.equal(scanned);
      fast += whole.filter((e) => e.kind === 'value').length;
    }
    expect(fast).to.be.above(1000);
  });

  it('hands most lines of a plain JSONL file over parsed (the scan is skipped)', () => {
    let parsedLines = 0;
    let lines = 0;
    const splitter = new JsonValueSplitter(true, (_text, _line, parsed) => {
      lines++;
      if (parsed !== undefined) parsedLines++;
    }, () => undefined);
    const text = Array.from({ length: 1000 }, (_, i) => `{"id":${i},"name":"n${i}"}`).join('\n') + '\n';
    for (let i = 0; i < text.length; i += 4096) splitter.feed(text.slice(i, i + 4096));
    splitter.end();
    expect(lines).to.equal(1000);
    // Only a line cut by a chunk boundary is scanned.
    expect(parsedLines).to.be.above(990);
  });
});
