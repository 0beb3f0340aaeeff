import { expect } from 'chai';
import { batchFromRows, type Column } from '../../../src/domain/model/record-batch.js';
import type { FilterSpec } from '../../../src/domain/model/import-config.js';
import { chain, col, expectConfigError } from './batch-helpers.js';

const names = (spec: FilterSpec, input: readonly string[]): string[] => chain([spec], input.map((n) => col(n)))[0]!.columns.map((c) => c.name);
const unique = (input: readonly string[], options: Record<string, unknown> = {}): string[] =>
  names({ type: 'rename', rules: [{ rule: 'unique_number_suffix', ...options }] }, input);

describe('rename filter', () => {
  it('applies the columns map before the rules, and keeps vectors and types', () => {
    const input: Column[] = [col('Old Name'), col('ID', 'long')];
    const [filter] = chain([{ type: 'rename', columns: { 'Old Name': 'New-Name' }, rules: [{ rule: 'upper_to_lower' }, { rule: 'regex_replace', match: '-', replace: '_' }] }], input);
    const batch = batchFromRows(input, [['a', 1]]);
    const out = filter!.apply(batch);
    expect(out.columns).to.deep.equal([col('new_name'), col('id', 'long')]);
    expect(out.vectors).to.equal(batch.vectors);
  });

  it("runs TD guess's normalisation (upper_to_lower, character_types, first_character_types, unique suffix)", () => {
    const spec = {
      type: 'rename',
      rules: [
        { rule: 'upper_to_lower' },
        { rule: 'character_types', pass_types: ['a-z', '0-9'], pass_characters: '_', replace: '_' },
        { rule: 'first_character_types', pass_types: ['a-z'], pass_characters: '_', prefix: '_' },
        { rule: 'unique_number_suffix', max_length: 128 },
      ],
    };
    expect(names(spec, ['Cost Total $', '1st', 'cost_total__', 'Éclair'])).to.deep.equal(['cost_total__', '_1st', 'cost_total___2', '_clair']);
  });

  it('first_character_types replaces or prefixes a first character that does not pass (embulk vectors)', () => {
    const input = ['foo', '012foo', '@bar', 'BAZ', '&ban', '_jar', '*zip', '-zap'];
    expect(names({ type: 'rename', rules: [{ rule: 'first_character_types', pass_types: ['a-z', '0-9'], pass_characters: '_', replace: '-' }] }, input)).to.deep.equal(['foo', '012foo', '-bar', '-AZ', '-ban', '_jar', '-zip', '-zap']);
    expect(names({ type: 'rename', rules: [{ rule: 'first_character_types', pass_types: ['A-Z', '0-9'], pass_characters: '_', prefix: '-' }] }, input)).to.deep.equal(['-foo', '012foo', '-@bar', 'BAZ', '-&ban', '_jar', '-*zip', '--zap']);
  });

  it('unique_number_suffix matches embulk-filter-rename test vectors', () => {
    expect(unique(['c', 'c', 'c1', 'c2', 'c2'])).to.deep.equal(['c', 'c_2', 'c1', 'c2', 'c2_2']);
    expect(unique(['c', 'c', 'c_1', 'c_3', 'c'])).to.deep.equal(['c', 'c_2', 'c_1', 'c_3', 'c_4']);
    expect(unique(['c', 'c', 'c_2'])).to.deep.equal(['c', 'c_3', 'c_2']);
    expect(unique(['c', 'c', 'c1', 'c2', 'c2'], { delimiter: '-' })).to.deep.equal(['c', 'c-2', 'c1', 'c2', 'c2-2']);
    expect(unique(['c', 'c', 'c1', 'c2', 'c2'], { digits: 4 })).to.deep.equal(['c', 'c_0002', 'c1', 'c2', 'c2_0002']);
    expect(unique(['column', 'column', 'column_1', 'column_2', 'column_2'], { max_length: 8 })).to.deep.equal(['column', 'column_3', 'column_1', 'column_2', 'column_4']);
    const alternating = Array.from({ length: 22 }, (_, i) => (i % 2 === 0 ? 'column' : 'colum'));
    expect(unique(alternating, { max_length: 8 }).slice(16)).to.deep.equal(['column_9', 'colum_9', 'colum_10', 'colum_11', 'colum_12', 'colum_13']);
  });

  it('truncate, lower_to_upper and regex_replace with Java-style group references', () => {
    expect(names({ type: 'rename', rules: [{ rule: 'truncate', max_length: 3 }, { rule: 'lower_to_upper' }] }, ['abcdef'])).to.deep.equal(['ABC']);
    expect(names({ type: 'rename', rules: [{ rule: 'regex_replace', match: '([0-9]+)_dollars', replace: 'USD$1' }] }, ['10_dollars'])).to.deep.equal(['USD10']);
    expect(names({ type: 'rename', rules: [{ rule: 'regex_replace', match: '(?<n>x)', replace: '${n}\\$' }] }, ['axb'])).to.deep.equal(['ax$b']);
  });

  it('rejects unknown columns, bad rule settings and rules that collide names', () => {
    expectConfigError(() => names({ type: 'rename', columns: { nope: 'x' } }, ['a']), 'filters[0].columns.nope', /'nope' does not exist/);
    expectConfigError(() => names({ type: 'rename', rules: [{ rule: 'regex_replace', match: '(', replace: '' }] }, ['a']), 'filters[0].rules[0].match', /not a valid regular expression/);
    expectConfigError(() => names({ type: 'rename', rules: [{ rule: 'first_character_types', pass_types: ['a-z'] }] }, ['a']), 'filters[0].rules[0]', /exactly one of prefix .* or replace/);
    expectConfigError(() => unique(['a'], { delimiter: '2' }), 'filters[0].rules[0].delimiter', /digit/);
    expectConfigError(() => names({ type: 'rename', rules: [{ rule: 'upper_to_lower' }] }, ['A', 'a']), 'filters[0]', /two columns named 'a'/);
  });
});
