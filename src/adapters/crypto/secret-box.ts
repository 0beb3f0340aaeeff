import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ImportError } from '../../domain/errors.js';
import { MASTER_KEY_ENV, decodeMasterKey, loadOrCreateKeyFile } from './master-key.js';

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Authenticated encryption (AES-256-GCM) of secret strings at rest. A sealed value is
 * `sealed:v1:<base64(iv | tag | ciphertext)>`, with a fresh random 96-bit IV per seal, so equal secrets do not
 * produce equal ciphertexts and any tampering makes `open` fail.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** A box over an explicit 32-byte key. */
  static fromKey(key: Uint8Array): SecretBox {
    if (key.length !== 32) throw new ImportError('INTERNAL', `SecretBox needs a 32-byte key, got ${key.length} bytes`);
    return new SecretBox(Buffer.from(key));
  }

  /**
   * The key from `env.S3_IMPORT_MASTER_KEY` (64 hex digits or base64 of 32 bytes) when set, else from
   * `<home>/master.key`, generated on first use with mode 0600. Throws CONFIG_INVALID for a malformed key.
   */
  static fromEnvOrKeyFile(env: Readonly<Record<string, string | undefined>>, home: string): SecretBox {
    const fromEnv = env[MASTER_KEY_ENV];
    if (fromEnv !== undefined && fromEnv.trim() !== '') return new SecretBox(decodeMasterKey(fromEnv, MASTER_KEY_ENV));
    return new SecretBox(loadOrCreateKeyFile(home));
  }

  /** True when `value` looks like the output of `seal`. */
  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(PREFIX);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** Throws CONFIG_INVALID when the value was sealed with another key or was altered. */
  open(sealed: string): string {
    if (!SecretBox.isSealed(sealed)) throw new ImportError('INTERNAL', 'SecretBox.open was given a value that is not sealed');
    const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new ImportError(
        'CONFIG_INVALID',
        `a saved secret cannot be decrypted: it was sealed with a different master key, or the catalog was altered; set ${MASTER_KEY_ENV} or restore master.key to the key used when the secret was saved, or save the secret again`,
        { cause },
      );
    }
  }
}
