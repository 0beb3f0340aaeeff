import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonOptions, parseAll } from './parse-helpers.js';

const suite = '../shared/corpus/jsontestsuite/test_parsing';

describe('JSON / JSONL parser', () => {
  it('reads a stream of objects (pretty-printed or concatenated) into the record column with start lines', async () => {
    const text = '{"a": 1}\n{\n  "b": [1, 2]\n}{"c": null}\n\n[1]\n{"d": tru}\n{"e": 5},\n{"f": 6}';
    for (const chunk of [0, 1, 5]) {
      const { rows, rejects } = await parseAll(jsonOptions(), text, chunk);
      expect(rows).to.deep.equal([[{ a: 1 }], [{ b: [1, 2] }], [{ c: null }], [{ f: 6 }]]);
      expect(rejects.map((r) => r.line)).to.deep.equal([6, 7, 8]);
      expect(rejects[0]!.reason).to.contain('flatten_json_array');
      expect(rejects[1]!.reason).to.contain('invalid JSON');
      expect(rejects[2]!.raw).to.equal('{"e": 5},');
    }
  });

  it('extracts typed columns with element_at, root and flatten_json_array', async () => {
    const text = '{"Records":[{"id":"7","user":{"name":"ann"},"at":"2024-01-02T03:04:05Z","n":1.5,"tags":["x"]},{"id":8,"at":1700000000}]}';
    const options = jsonOptions({
      root: '/Records',
      flatten_json_array: true,
      columns: [
        { name: 'id', type: 'long' },
        { name: 'user', type: 'string', element_at: '/user/name' },
        { name: 'at', type: 'timestamp', format: '%Y-%m-%dT%H:%M:%S%z' },
        { name: 'n', type: 'double' },
        { name: 'tags', type: 'json' },
      ],
    });
    const { rows, rejects } = await parseAll(options, text, 9);
    expect(rejects).to.deep.equal([]);
    expect(rows).to.deep.equal([
      [7, 'ann', new Date('2024-01-02T03:04:05Z'), 1.5, ['x']],
      [8, null, new Date(1700000000 * 1000), null, null],
    ]);
  });

  it('JSONL: a value that does not end on its line is rejected and the next line still reads', async () => {
    const { rows, rejects } = await parseAll(jsonOptions({ type: 'jsonl' }), '{"a":1}\r\n{"b":\r\n{"c":3}\r\n', 2);
    expect(rows).to.deep.equal([[{ a: 1 }], [{ c: 3 }]]);
    expect(rejects.map((r) => r.line)).to.deep.equal([2]);
  });

  it('rejects every JSONTestSuite n_* input as invalid records with line numbers, never crashing', async () => {
    const files = readdirSync(suite).filter((f) => f.startsWith('n_'));
    expect(files.length).to.be.greaterThan(150);
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(suite, file), 'utf8');
      const { rows, rejects } = await parseAll(jsonOptions(), text);
      // A whitespace-only (or empty) file is an empty stream of records, not an invalid one.
      if (text.trim() === '') {
        expect(rows.length + rejects.length, file).to.equal(0);
        continue;
      }
      if (rejects.length === 0) problems.push(file);
      for (const r of rejects) expect(r.line, file).to.be.within(1, text.split(/\r\n|\r|\n/).length);
    }
    expect(problems).to.deep.equal([]);
  });

  it('reads every JSONTestSuite y_* object document as a record without rejects', async () => {
    const files = readdirSync(suite).filter((f) => f.startsWith('y_object'));
    for (const file of files) {
      const text = readFileSync(join(suite, file), 'utf8');
      const { rows, rejects } = await parseAll(jsonOptions(), text, 3);
      expect(rejects, file).to.deep.equal([]);
      expect(rows, file).to.deep.equal([[JSON.parse(text)]]);
    }
  });
});
