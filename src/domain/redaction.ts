import { SECRET_KEYS } from '../ports/authentication-store.js';

/** What `show`, logs and job history print in place of a secret value. */
export const REDACTED = '***';

/**
 * Returns a deep copy of `value` where every property named in SECRET_KEYS (at any depth, inside objects and
 * arrays) has its value replaced by `replace(value, key)`. Null and undefined secret values are kept as they
 * are, so "no secret set" stays visible. Pure: the input is not modified.
 */
export function mapSecrets(value: unknown, replace: (secret: unknown, key: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapSecrets(item, replace));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key) && inner !== null && inner !== undefined ? replace(inner, key) : mapSecrets(inner, replace);
  }
  return out;
}

/** A copy of `obj` with every secret value (SECRET_KEYS, at any depth) replaced by "***", for display. */
export function redactSecrets<T>(obj: T): T {
  return mapSecrets(obj, () => REDACTED) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** At most this many rejected records are kept per job; later ones are only counted. */
export const MAX_REJECTS_PER_JOB = 10_000;
/** The raw text of a kept rejected record is cut to this many UTF-8 bytes. */
export const MAX_REJECT_RAW_BYTES = 4096;

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  // Cheap exit: a UTF-8 character is at most 3 bytes per UTF-16 code unit.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--; // back off continuation bytes
  return new TextDecoder().decode(bytes.subarray(0, end));
}
