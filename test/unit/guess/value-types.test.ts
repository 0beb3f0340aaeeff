import { expect } from 'chai';
import { guessValue, mergeGuesses } from '../../../src/domain/guess/value-types.js';
import { timestampCandidates } from '../../../src/domain/guess/timestamp-candidates.js';

const type = (text: string): string => guessValue(text).type;

describe('value types (reference order and rules)', () => {
  it('types single values', () => {
    expect(['YES', 'off', 'T'].map(type)).to.deep.equal(['boolean', 'boolean', 'boolean']);
    expect(['0', '-12', '9223372036854775807'].map(type)).to.deep.equal(['long', 'long', 'long']);
    expect(['01', '+1', '9223372036854775808', '1e5'].map(type)).to.deep.equal(['string', 'string', 'string', 'string']);
    expect(['1.5', '-2.0e3', 'NaN', '-Infinity'].map(type)).to.deep.equal(['double', 'double', 'double', 'double']);
    expect(['{"a":1}', '[1,2]', '{nope}'].map(type)).to.deep.equal(['json', 'json', 'string']);
  });

  it('merges: long+double -> double, mixed timestamps keep the common format, text wins', () => {
    expect(mergeGuesses([guessValue('1'), guessValue('2.5')]).type).to.equal('double');
    expect(mergeGuesses([guessValue('01/02/2024'), guessValue('01/13/2024')])).to.deep.equal({ type: 'timestamp', formats: ['%m/%d/%Y'] });
    expect(mergeGuesses([guessValue('1'), guessValue('x')]).type).to.equal('string');
    expect(mergeGuesses([]).type).to.equal('string');
  });

  it('timestamp candidates cover the reference families', () => {
    expect(timestampCandidates('2024-01-02 03:04:05')).to.deep.equal(['%Y-%m-%d %H:%M:%S']);
    expect(timestampCandidates('20240102')).to.deep.equal(['%Y%m%d']);
    expect(timestampCandidates('31.12.2023')).to.deep.equal(['%d.%m.%Y']);
    expect(timestampCandidates('2024-01-02T03:04:05.123456Z')).to.deep.equal(['%Y-%m-%dT%H:%M:%S.%N%z']);
    expect(timestampCandidates('2024-01-02 03:04:05 UTC')).to.deep.equal(['%Y-%m-%d %H:%M:%S %Z']);
    expect(timestampCandidates('Mon Jan  2 15:04:05 2006')).to.deep.equal(['%a %b %e %H:%M:%S %Y']);
    expect(timestampCandidates('2023-02-30')).to.deep.equal([]);
    expect(timestampCandidates('12345678')).to.deep.equal([]);
  });
});
