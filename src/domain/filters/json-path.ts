import { configError } from '../errors.js';
import type { JsonValue } from '../model/record-batch.js';

/** One step of a compiled path: an object key or an array index. */
export type PathStep = string | number;

/**
 * Compiles the JSONPath subset expand_json needs: `$`, `.key`, `['key']` / `["key"]`, `[0]`.
 * Wildcards, filters and slices select many values, which a single column cannot hold, so they are refused.
 */
export function compileJsonPath(path: string, key: string): PathStep[] {
  const fail = (why: string): never => {
    throw configError(key, `'${path}' is not a supported JSONPath (${why}); write it like $.user.id, $.items[0].name or $['odd key']`);
  };
  if (!path.startsWith('$')) fail('it must start with $');
  const steps: PathStep[] = [];
  let i = 1;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      let end = i + 1;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      const name = path.slice(i + 1, end);
      if (name === '') fail(`empty key at character ${i + 1}`);
      if (name === '*') fail('wildcards are not supported');
      steps.push(name);
      i = end;
    } else if (ch === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) fail(`unclosed [ at character ${i + 1}`);
      const inner = path.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) steps.push(Number(inner));
      else if (/^'[^']*'$|^"[^"]*"$/.test(inner)) steps.push(inner.slice(1, -1));
      else fail(`'[${inner}]' is neither an index nor a quoted key`);
      i = close + 1;
    } else {
      fail(`unexpected '${ch}' at character ${i + 1}`);
    }
  }
  return steps;
}

/** The value at `steps`, or undefined when the path does not exist in `value`. */
export function readJsonPath(value: JsonValue, steps: readonly PathStep[]): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (Array.isArray(current) || !Object.hasOwn(current, step)) return undefined;
      current = current[step];
    }
  }
  return current;
}
