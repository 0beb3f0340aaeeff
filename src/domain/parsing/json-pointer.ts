import { configError } from '../errors.js';
import type { JsonValue } from '../model/record-batch.js';

/** A compiled RFC 6901 JSON Pointer: undefined when the path does not exist. */
export type JsonPointer = (value: JsonValue) => JsonValue | undefined;

/** @throws ImportError CONFIG_INVALID (naming `key`) when the pointer does not start with '/'. */
export function compileJsonPointer(pointer: string, key: string): JsonPointer {
  if (pointer === '') return (value) => value;
  if (!pointer.startsWith('/')) {
    throw configError(key, `'${pointer}' is not a JSON Pointer; write it as '/field' or '/parent/child/0'`);
  }
  const tokens = pointerTokens(pointer);
  return (value) => {
    let current: JsonValue | undefined = value;
    for (const token of tokens) {
      if (current === null || typeof current !== 'object') return undefined;
      if (Array.isArray(current)) {
        if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
        current = current[Number(token)];
      } else {
        current = Object.hasOwn(current, token) ? current[token] : undefined;
      }
      if (current === undefined) return undefined;
    }
    return current;
  };
}

/**
 * The object keys a pointer walks, for streaming (JsonValueSplitter streamPath): [] for the whole value, undefined
 * when a token could be an array index (only the whole-value path follows those).
 */
export function pointerKeys(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens = pointerTokens(pointer);
  return tokens.some((t) => /^(0|[1-9]\d*|-)$/.test(t)) ? undefined : tokens;
}

/** The reference tokens of a pointer that starts with '/', unescaped (~1 is '/', ~0 is '~'). */
function pointerTokens(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer of a top-level field name ('/' + escaped name). */
export function fieldPointer(name: string): string {
  return '/' + name.replace(/~/g, '~0').replace(/\//g, '~1');
}
