import type { Value } from '../model/record-batch.js';

/** A column of one repeated value (added columns, fixed times). */
export function constantVector(length: number, value: Value): Value[] {
  return new Array<Value>(length).fill(value);
}

/** `vector` with NULLs replaced by `value`; the vector itself when it has no NULL (no copy). */
export function fillNulls(vector: Value[], value: Value): Value[] {
  const first = vector.indexOf(null);
  if (first < 0) return vector;
  const out = vector.slice();
  for (let i = first; i < out.length; i++) if (out[i] === null) out[i] = value;
  return out;
}
