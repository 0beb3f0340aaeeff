import { expect } from 'chai';
import { normalizeColumnNames, positionalColumnNames } from '../../../src/domain/guess/column-names.js';

describe('column names', () => {
  it('trims, keeps case, names empty cells by position and dedupes with _2, _3', () => {
    expect(normalizeColumnNames([' Id ', 'Name', 'a', 'a', '', 'a', 'a_2'])).to.deep.equal(['Id', 'Name', 'a', 'a_2', 'c4', 'a_3', 'a_2_2']);
  });

  it('without a header: c0, c1, ...', () => {
    expect(positionalColumnNames(3)).to.deep.equal(['c0', 'c1', 'c2']);
  });
});
