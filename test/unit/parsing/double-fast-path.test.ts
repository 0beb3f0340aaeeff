import { expect } from 'chai';
import { parseDouble } from '../../../src/domain/parsing/value-converters.js';

describe('parseDouble fast path agrees with Number() exactly', () => {
  it('on 200,000 random plain decimals of every length, and on the edge shapes', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 200_000; i++) {
      const intDigits = Math.floor(rand() * 12);
      const fracDigits = Math.floor(rand() * 10);
      let text = rand() < 0.3 ? '-' : '';
      for (let d = 0; d < intDigits; d++) text += Math.floor(rand() * 10);
      if (fracDigits > 0 || rand() < 0.2) text += '.';
      for (let d = 0; d < fracDigits; d++) text += Math.floor(rand() * 10);
      const expected = Number(text);
      const got = parseDouble(text);
      if (Number.isNaN(expected) || text === '' || text === '-') continue;
      expect(Object.is(got, expected), `${text}: ${got} vs ${expected}`).to.equal(true);
    }
    for (const [text, expected] of [['-0', -0], ['0.', 0], ['.5', 0.5], ['-.5', -0.5], ['00012', 12], ['0.1', 0.1], ['123456789012345', 123456789012345], ['1234567890.123456', 1234567890.123456], ['9007199254740993', 9007199254740992]] as const) {
      expect(Object.is(parseDouble(text), expected), text).to.equal(true);
    }
    for (const text of ['.', '-', '', '1.2.3', '0x10', ' 0b1', '1e5x']) expect(parseDouble(text), text).to.equal(null);
  });
});
