/**
 * S3 lists keys in UTF-8 byte order, which equals Unicode code point order. JavaScript's `<` compares UTF-16
 * code units and disagrees for characters above U+FFFF versus U+E000..U+FFFF, so compare code points.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x - y;
    // A surrogate (a code point above U+FFFF) sorts after any BMP code unit.
    return xs ? 1 : -1;
  }
  return a.length - b.length;
}
