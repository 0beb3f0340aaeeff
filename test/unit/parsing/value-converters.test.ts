import { expect } from 'chai';
import { parseBoolean, parseDouble, parseJson, parseLong } from '../../../src/domain/parsing/value-converters.js';

describe('value converters', () => {
  it('parseBoolean: Embulk TRUE strings including "1"; anything else is false', () => {
    for (const t of ['true', 'True', 'TRUE', 'yes', 'Y', 't', 'on', 'ON', '1']) expect(parseBoolean(t), t).to.equal(true);
    for (const f of ['false', 'no', '0', '', 'tRUE', '2', ' true']) expect(parseBoolean(f), f).to.equal(false);
  });
  it('parseLong: number when safe, bigint beyond, null outside int64 or for non-integers', () => {
    expect(parseLong('42')).to.equal(42);
    expect(parseLong('-0')).to.equal(0);
    expect(parseLong('+7')).to.equal(7);
    expect(parseLong('9007199254740991')).to.equal(9007199254740991);
    expect(parseLong('9007199254740993')).to.equal(9007199254740993n);
    expect(parseLong('-9223372036854775808')).to.equal(-9223372036854775808n);
    for (const bad of ['', '-', '1.0', '1e3', ' 1', '0x10', '9223372036854775808', 'abc']) expect(parseLong(bad), bad).to.equal(null);
  });
  it('parseDouble: decimal forms, NaN and Infinity; not hex or empty', () => {
    expect(parseDouble('1.5')).to.equal(1.5);
    expect(parseDouble('-2.0e3')).to.equal(-2000);
    expect(parseDouble('.5')).to.equal(0.5);
    expect(parseDouble('Infinity')).to.equal(Infinity);
    expect(parseDouble('NaN')).to.be.NaN;
    for (const bad of ['', ' ', '0x10', '0b1', '1,5', 'abc']) expect(parseDouble(bad), bad).to.equal(null);
  });
  it('parseJson: value or undefined', () => {
    expect(parseJson('{"a":[1,null]}')).to.deep.equal({ a: [1, null] });
    expect(parseJson('null')).to.equal(null);
    expect(parseJson('{bad')).to.equal(undefined);
  });
});
