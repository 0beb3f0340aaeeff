import { expect } from 'chai';
import { filterSchema } from '../../../src/app/config/filter-schema.js';
import { loadImportConfig } from '../../../src/app/config/load-config.js';
import { isImportError } from '../../../src/domain/errors.js';
import { col, filterRows, UPLOAD_TIME } from './batch-helpers.js';

/** The filters of embulk-behaviour.md §5 (the seed workflow example), in a whole load config. */
const SEED_EXAMPLE = `
in:
  type: file
  path_prefix: data/
  parser:
    type: csv
    columns: [{name: id, type: long}, {name: old_x, type: string}, {name: secret, type: string},
              {name: payload, type: json}, {name: email, type: string}]
filters:
- type: column
  columns: [{name: id}, {name: x, src: old_x}, {name: k, type: string, default: "v"}, {name: payload}, {name: email}]
  add_columns: [{name: source, type: string, default: s3}]
- type: expand_json
  json_column_name: payload
  root: "$."
  expanded_columns: [{name: user.id, type: long}, {name: ts, type: timestamp, format: "%Y-%m-%d"}]
  keep_expanding_json_column: false
- type: digest
  columns: [{name: email, algorithm: SHA-256, new_name: email_digest}]
- type: add_time
  to_column: {name: time, type: timestamp}
  from_value: {mode: upload_time}
- type: rename
  rules: [{rule: upper_to_lower}, {rule: character_types, pass_types: [a-z, 0-9], pass_characters: "_", replace: "_"}]
`;

function schemaError(filter: unknown): string {
  const result = filterSchema.safeParse(filter);
  expect(result.success, 'expected the schema to reject it').to.equal(false);
  return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

describe('filter config (schema + seed example)', () => {
  it('validates the seed example and its filters produce the expected rows', () => {
    const config = loadImportConfig(SEED_EXAMPLE, 'load.yml');
    const parserColumns = [col('id', 'long'), col('old_x'), col('secret'), col('payload', 'json'), col('email')];
    const out = filterRows(config.filters, parserColumns, [[1, 'a', 'pw', { user: { id: 7 }, ts: '2024-02-03' }, 'abc']]);
    expect(out.columns).to.deep.equal(['id:long', 'x:string', 'k:string', 'user_id:long', 'ts:timestamp', 'email:string', 'email_digest:string', 'source:string', 'time:timestamp']);
    expect(out.rows).to.deep.equal([
      [1, 'a', 'v', 7, new Date('2024-02-03T00:00:00Z'), 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 's3', UPLOAD_TIME],
    ]);
  });

  it('reports an unknown filter type and unknown keys with their path', () => {
    try {
      loadImportConfig(`in: {type: file, path_prefix: d/, parser: {type: csv, columns: [{name: a, type: string}]}}\nfilters:\n- {type: colum}\n- {type: rename, rulez: []}`, 'load.yml');
      expect.fail('expected a config error');
    } catch (error) {
      expect(isImportError(error) && error.code).to.equal('CONFIG_INVALID');
      expect((error as Error).message).to.match(/filters\[0\].*type must be one of column, expand_json/);
    }
    expect(schemaError({ type: 'rename', rulez: [] })).to.match(/rulez/);
    expect(schemaError({ type: 'digest', columns: [{ name: 'a', algoritm: 'MD5' }] })).to.match(/columns\.0: .*algoritm/);
  });

  it('enforces the cross-field rules with the key to change', () => {
    expect(schemaError({ type: 'column', columns: [{ name: 'a' }], drop_columns: [{ name: 'b' }] })).to.match(/^drop_columns: cannot be used together with columns/);
    expect(schemaError({ type: 'add_time', to_column: { name: 't' } })).to.match(/exactly one of from_column/);
    expect(schemaError({ type: 'add_time', to_column: { name: 't' }, from_value: { mode: 'incremental_time', from: 1 } })).to.match(/from_value\.to: is required for mode incremental_time/);
    expect(schemaError({ type: 'add_time', to_column: { name: 't' }, from_value: { mode: 'upload_time', value: 1 } })).to.match(/from_value\.value: is not used by mode upload_time/);
    expect(schemaError({ type: 'rename', rules: [{ rule: 'first_character_types', prefix: '_', replace: '_' }] })).to.match(/exactly one of prefix/);
    expect(schemaError({ type: 'rename', rules: [{ rule: 'unique_number_suffix', delimiter: '__' }] })).to.match(/exactly one character/);
    expect(schemaError({ type: 'digest', columns: [{ name: 'a' }], algorithm: 'SHA-3' })).to.match(/'SHA-3' is not supported; use one of MD5, SHA-1, SHA-256, SHA-512/);
  });

  it('normalises algorithm spellings and accepts TD guess output as is', () => {
    const digest = filterSchema.parse({ type: 'digest', columns: [{ name: 'a', algorithm: 'sha256' }], algorithm: 'md5' });
    expect(digest).to.deep.equal({ type: 'digest', columns: [{ name: 'a', algorithm: 'SHA-256' }], algorithm: 'MD5' });
    const guessed = {
      type: 'rename',
      rules: [
        { rule: 'upper_to_lower' },
        { rule: 'character_types', pass_types: ['a-z', '0-9'], pass_characters: '_', replace: '_' },
        { rule: 'first_character_types', pass_types: ['a-z'], pass_characters: '_', prefix: '_' },
        { rule: 'unique_number_suffix', max_length: 128 },
      ],
    };
    expect(filterSchema.parse(guessed)).to.deep.equal(guessed);
    expect(filterSchema.parse({ type: 'add_time', from_value: { mode: 'upload_time' }, to_column: { name: 'time' } })).to.deep.equal({ type: 'add_time', from_value: { mode: 'upload_time' }, to_column: { name: 'time' } });
  });
});

describe('filterKeyHints', () => {
  it('suggests the key a typo was meant to be', async () => {
    const { configErrorFromIssues } = await import('../../../src/app/config/config-error.js');
    const { filterKeyHints } = await import('../../../src/app/config/filter-schema.js');
    const raw = [{ type: 'rename', rulez: [] }, { type: 'digest', columns: [{ name: 'a', new_nam: 'b' }] }];
    for (const [i, expected] of [[0, /filters\[0\]\.rulez: unknown key; did you mean 'rules'\?/], [1, /filters\[1\]\.columns\[0\]\.new_nam: unknown key; did you mean 'new_name'\?/]] as const) {
      const result = filterSchema.safeParse(raw[i]);
      const issues = result.error!.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] }));
      expect(configErrorFromIssues(issues, ['filters'], filterKeyHints(raw)).message).to.match(expected);
    }
  });
});
