import { expect } from 'chai';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isImportError } from '../../../src/domain/errors.js';
import { SecretBox } from '../../../src/adapters/crypto/secret-box.js';

const HEX_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  expect.fail('expected an error');
}

describe('SecretBox', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 's3-import-key-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('opens what it sealed; the sealed text hides the secret and differs on every seal', () => {
    const box = SecretBox.fromKey(Buffer.alloc(32, 3));
    const a = box.seal('wJalrXUtnFEMI');
    const b = box.seal('wJalrXUtnFEMI');
    expect(a).to.not.include('wJalrXUtnFEMI');
    expect(a).to.not.equal(b);
    expect(box.open(a)).to.equal('wJalrXUtnFEMI');
    expect(box.open(box.seal(''))).to.equal('');
    expect(box.open(box.seal('ключ 鍵 🔑'))).to.equal('ключ 鍵 🔑');
  });

  it('refuses a tampered value or another key with CONFIG_INVALID that names the fix', () => {
    const box = SecretBox.fromKey(Buffer.alloc(32, 3));
    const sealed = box.seal('secret');
    const flipped = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const attempt of [() => box.open(flipped), () => SecretBox.fromKey(Buffer.alloc(32, 4)).open(sealed)]) {
      const error = thrown(attempt);
      expect(isImportError(error) && error.code).to.equal('CONFIG_INVALID');
      expect(error.message).to.include('S3_IMPORT_MASTER_KEY');
    }
  });

  it('takes S3_IMPORT_MASTER_KEY as 64 hex digits or as base64, and both name the same key', () => {
    const fromHex = SecretBox.fromEnvOrKeyFile({ S3_IMPORT_MASTER_KEY: HEX_KEY }, home);
    const fromBase64 = SecretBox.fromEnvOrKeyFile({ S3_IMPORT_MASTER_KEY: Buffer.from(HEX_KEY, 'hex').toString('base64') }, home);
    expect(fromBase64.open(fromHex.seal('x'))).to.equal('x');
  });

  it('rejects a malformed environment key without echoing it', () => {
    for (const bad of ['tooshort', 'zz'.repeat(32), Buffer.alloc(16).toString('base64')]) {
      const error = thrown(() => SecretBox.fromEnvOrKeyFile({ S3_IMPORT_MASTER_KEY: bad }, home));
      expect(isImportError(error) && error.code).to.equal('CONFIG_INVALID');
      expect(error.message).to.include('S3_IMPORT_MASTER_KEY').and.include('32').and.not.include(bad);
    }
  });

  it('creates master.key with mode 0600 on first use and reuses it afterwards', async () => {
    const first = SecretBox.fromEnvOrKeyFile({}, join(home, 'new-home'));
    const keyFile = join(home, 'new-home', 'master.key');
    if (process.platform !== 'win32') expect((await stat(keyFile)).mode & 0o777).to.equal(0o600);
    expect(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64')).to.have.length(32);
    const second = SecretBox.fromEnvOrKeyFile({}, join(home, 'new-home'));
    expect(second.open(first.seal('same key'))).to.equal('same key');
  });

  it('prefers the environment key over master.key', () => {
    const fileBox = SecretBox.fromEnvOrKeyFile({}, home);
    const envBox = SecretBox.fromEnvOrKeyFile({ S3_IMPORT_MASTER_KEY: HEX_KEY }, home);
    expect(() => envBox.open(fileBox.seal('x'))).to.throw(/different master key/);
  });

  it('refuses a master.key that other users can read', async function () {
    if (process.platform === 'win32') {
      console.log('      skipped: file modes do not apply on Windows');
      this.skip();
    }
    await writeFile(join(home, 'master.key'), Buffer.alloc(32, 5).toString('base64'));
    await chmod(join(home, 'master.key'), 0o644);
    expect(() => SecretBox.fromEnvOrKeyFile({}, home)).to.throw(/chmod 600/);
  });
});
