import { expect } from 'chai';
import { chain, col, expectConfigError, filterRows } from './batch-helpers.js';

// Reference values: `printf abc | sha256sum`, `md5sum`, `sha1sum`, and `openssl dgst -sha256 -hmac key`.
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const MD5_ABC = '900150983cd24fb0d6963f7d28e17f72';
const SHA1_ABC = 'a9993e364706816aba3e25717850c26c9cd0d89d';
const HMAC_SHA256_KEY_ABC = '9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab';

describe('digest filter', () => {
  const input = [col('email'), col('n', 'long'), col('other')];

  it('replaces a column by its SHA-256 hex digest by default; NULL stays NULL', () => {
    const out = filterRows([{ type: 'digest', columns: [{ name: 'email' }] }], input, [['abc', 1, 'x'], [null, 2, 'y']]);
    expect(out.columns).to.deep.equal(['email:string', 'n:long', 'other:string']);
    expect(out.rows).to.deep.equal([
      [SHA256_ABC, 1, 'x'],
      [null, 2, 'y'],
    ]);
  });

  it('keeps the original and adds new_name right after it; algorithms per column or top level', () => {
    const out = filterRows(
      [{ type: 'digest', algorithm: 'MD5', columns: [{ name: 'email', new_name: 'email_md5' }, { name: 'other', algorithm: 'SHA-1' }] }],
      input,
      [['abc', 1, 'abc']],
    );
    expect(out.columns).to.deep.equal(['email:string', 'email_md5:string', 'n:long', 'other:string']);
    expect(out.rows).to.deep.equal([['abc', MD5_ABC, 1, SHA1_ABC]]);
  });

  it('computes an HMAC with hmac_key and hashes non-string columns as their text', () => {
    expect(filterRows([{ type: 'digest', hmac_key: 'key', columns: [{ name: 'email' }] }], input, [['abc', 1, 'x']]).rows[0]![0]).to.equal(HMAC_SHA256_KEY_ABC);
    const sha512 = filterRows([{ type: 'digest', algorithm: 'SHA-512', columns: [{ name: 'n' }] }], input, [['abc', 7, 'x']]);
    expect(sha512.columns[1]).to.equal('n:string');
    expect(sha512.rows[0]![1]).to.have.length(128);
  });

  it('rejects an unknown column and a new_name that clashes', () => {
    expectConfigError(() => chain([{ type: 'digest', columns: [{ name: 'mail' }] }], input), 'filters[0].columns[0].name', /'mail' does not exist/);
    expectConfigError(() => chain([{ type: 'digest', columns: [{ name: 'email', new_name: 'other' }] }], input), 'filters[0].columns', /two columns named 'other'/);
  });
});
