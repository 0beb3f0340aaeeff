import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError, configError } from '../../domain/errors.js';

/** The environment variable that holds the master key: 32 bytes as 64 hex digits or as base64 (44 chars). */
export const MASTER_KEY_ENV = 'S3_IMPORT_MASTER_KEY';
/** The key file created under the home folder when the environment variable is not set. */
export const MASTER_KEY_FILE = 'master.key';

const KEY_BYTES = 32;

/** Decodes a 32-byte key written as 64 hex digits or as base64; throws CONFIG_INVALID otherwise. */
export function decodeMasterKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    // Never echo the value: it is (a mistyped) secret.
    throw configError(source, `must be 32 random bytes written as 64 hex digits or as base64 (e.g. \`openssl rand -base64 32\`); the value given decodes to ${key.length} bytes`);
  }
  return key;
}

/**
 * Reads `<home>/master.key`, creating it (mode 0600) when missing. Creation is atomic across processes: the key is
 * written to a private temporary file and hard-linked into place, so a second process either wins the link or
 * reads the first process's complete file; it never sees a half-written key.
 */
export function loadOrCreateKeyFile(home: string): Buffer {
  const path = join(home, MASTER_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return existing;
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600); // the umask may have narrowed the mode further; never widen it beyond 0600
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyFileError(path, error);
  } finally {
    unlinkSync(temp);
  }
  const created = readKeyFile(path);
  if (!created) throw new ImportError('INTERNAL', `${path} vanished right after it was created; check what else writes to ${home}`);
  return created;
}

function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw keyFileError(path, error);
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw configError(path, `is readable by other users; run \`chmod 600 ${path}\` (it protects the saved secrets)`);
  }
  return decodeMasterKey(text, path);
}

function keyFileError(path: string, cause: unknown): ImportError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
  return configError(path, `cannot read or create the master key file (${code}); make the folder writable, or set ${MASTER_KEY_ENV}`, cause);
}
