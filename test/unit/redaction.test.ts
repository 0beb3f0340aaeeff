import { expect } from 'chai';
import { REDACTED, mapSecrets, redactSecrets, truncateUtf8 } from '../../src/domain/redaction.js';

describe('redactSecrets', () => {
  it('hides every secret key at any depth, inside objects and arrays, and nothing else', () => {
    const config = {
      in: {
        access_key_id: 'AKIA',
        secret_access_key: 's3cr3t',
        session_token: 'tok',
        http_proxy: { host: 'p', password: 'pw' },
        assume_role: { external_id: 'ext' },
      },
      filters: [{ type: 'digest', hmac_key: 'hk' }, { type: 'rename' }],
    };
    expect(redactSecrets(config)).to.deep.equal({
      in: {
        access_key_id: 'AKIA',
        secret_access_key: REDACTED,
        session_token: REDACTED,
        http_proxy: { host: 'p', password: REDACTED },
        assume_role: { external_id: REDACTED },
      },
      filters: [{ type: 'digest', hmac_key: REDACTED }, { type: 'rename' }],
    });
  });

  it('hides a secret that is a number or an object, keeps "not set" visible, and leaves the input unchanged', () => {
    const input = { password: 1234, hmac_key: { a: 1 }, session_token: null, external_id: undefined };
    expect(redactSecrets(input)).to.deep.equal({ password: REDACTED, hmac_key: REDACTED, session_token: null, external_id: undefined });
    expect(input.password).to.equal(1234);
  });

  it('passes scalars and top-level arrays through', () => {
    expect(redactSecrets('plain')).to.equal('plain');
    expect(redactSecrets([{ password: 'x' }])).to.deep.equal([{ password: REDACTED }]);
  });

  it('lets mapSecrets know which key each secret came from', () => {
    const seen: string[] = [];
    mapSecrets({ a: { password: 'x' }, hmac_key: 'y' }, (_v, key) => seen.push(key));
    expect(seen.sort()).to.deep.equal(['hmac_key', 'password']);
  });
});

describe('truncateUtf8', () => {
  it('keeps short text and cuts long text at a character boundary within the byte limit', () => {
    expect(truncateUtf8('abc', 4096)).to.equal('abc');
    expect(truncateUtf8('a'.repeat(5000), 4096)).to.have.length(4096);
    expect(truncateUtf8('aé', 2)).to.equal('a');
    expect(truncateUtf8('😀😀', 7)).to.equal('😀');
  });
});
