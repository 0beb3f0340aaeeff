import { expect } from 'chai';
import { batchFromRows } from '../../../src/domain/model/record-batch.js';
import { chain, col, expectConfigError, filterRows } from './batch-helpers.js';

const input = [col('id', 'long'), col('old_x'), col('secret'), col('score', 'double')];
const rows = [
  [1, 'a', 's1', 1.5],
  [2, null, 's2', null],
];

describe('column filter', () => {
  it('retains listed columns in order, renames via src and adds typed constants', () => {
    const out = filterRows(
      [{ type: 'column', columns: [{ name: 'x', src: 'old_x' }, { name: 'id' }, { name: 'k', type: 'string', default: 'v' }, { name: 'n', type: 'long', default: '7' }] }],
      input,
      rows,
    );
    expect(out.columns).to.deep.equal(['x:string', 'id:long', 'k:string', 'n:long']);
    expect(out.rows).to.deep.equal([
      ['a', 1, 'v', 7],
      [null, 2, 'v', 7],
    ]);
  });

  it('replaces NULLs of a retained column that has a default', () => {
    const out = filterRows([{ type: 'column', columns: [{ name: 'score', default: 0 }] }], input, rows);
    expect(out.rows).to.deep.equal([[1.5], [0]]);
  });

  it('drops columns and appends add_columns (constants, timestamp defaults, copies)', () => {
    const out = filterRows(
      [
        {
          type: 'column',
          drop_columns: [{ name: 'secret' }],
          add_columns: [
            { name: 'source', type: 'string', default: 's3' },
            { name: 'at', type: 'timestamp', default: '2024-01-02 03:04:05', format: '%Y-%m-%d %H:%M:%S', timezone: 'Asia/Tokyo' },
            { name: 'id_copy', src: 'id' },
            { name: 'empty', type: 'double' },
          ],
        },
      ],
      input,
      rows.slice(0, 1),
    );
    expect(out.columns).to.deep.equal(['id:long', 'old_x:string', 'score:double', 'source:string', 'at:timestamp', 'id_copy:long', 'empty:double']);
    expect(out.rows).to.deep.equal([[1, 'a', 1.5, 's3', new Date('2024-01-01T18:04:05Z'), 1, null]]);
  });

  it('passes retained vectors through without copying them', () => {
    const [filter] = chain([{ type: 'column', columns: [{ name: 'secret' }, { name: 'id' }] }], input);
    const batch = batchFromRows(input, rows);
    const out = filter!.apply(batch);
    expect(out.vectors[0]).to.equal(batch.vectors[2]);
    expect(out.vectors[1]).to.equal(batch.vectors[0]);
  });

  it('rejects a retained column that does not exist and has no default, naming it', () => {
    expectConfigError(() => chain([{ type: 'column', columns: [{ name: 'id' }, { name: 'nope' }] }], input), 'filters[0].columns[1].name', /'nope' does not exist.*id, old_x, secret, score.*type and default/);
  });

  it('rejects columns together with drop_columns', () => {
    expectConfigError(() => chain([{ type: 'column', columns: [{ name: 'id' }], drop_columns: [{ name: 'secret' }] }], input), 'filters[0].drop_columns', /together with columns/);
  });

  it('rejects an unknown dropped column, a bad default and a duplicate output name', () => {
    expectConfigError(() => chain([{ type: 'column', drop_columns: [{ name: 'secrt' }] }], input), 'filters[0].drop_columns[0].name', /'secrt' does not exist/);
    expectConfigError(() => chain([{ type: 'column', add_columns: [{ name: 'n', type: 'long', default: 'abc' }] }], input), 'filters[0].add_columns[0].default', /not a long/);
    expectConfigError(() => chain([{ type: 'column', add_columns: [{ name: 'id', type: 'long', default: 1 }] }], input), 'filters[0]', /two columns named 'id'/);
  });

  it('refuses a type that differs from the retained column instead of silently ignoring it', () => {
    expectConfigError(() => chain([{ type: 'column', columns: [{ name: 'id', type: 'string' }] }], input), 'filters[0].columns[0].type', /id' is long, not string/);
  });
});
