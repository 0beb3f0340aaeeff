export interface UniqueSuffixOptions {
  readonly delimiter: string;
  readonly digits?: number;
  readonly maxLength?: number;
  readonly offset: number;
}

/**
 * embulk-filter-rename's unique_number_suffix, left to right: a name is kept (truncated to maxLength) unless
 * a column to its left already has it; otherwise it gets `delimiter + n`, n counted per original name from
 * offset + 1 and skipping any name already fixed or present among the original names.
 */
export function uniqueNumberSuffix(names: readonly string[], options: UniqueSuffixOptions): string[] {
  const originals = new Set(names);
  const fixed = new Set<string>();
  const next = new Map<string, number>();
  const truncate = (name: string, length: number | undefined): string => (length === undefined ? name : name.slice(0, Math.max(0, length)));
  return names.map((name) => {
    const plain = truncate(name, options.maxLength);
    if (!fixed.has(plain)) {
      fixed.add(plain);
      return plain;
    }
    let n = next.get(name) ?? options.offset + 1;
    let candidate: string;
    do {
      const digits = String(n);
      const suffix = options.delimiter + (options.digits === undefined ? digits : digits.padStart(options.digits, '0'));
      candidate = truncate(name, options.maxLength === undefined ? undefined : options.maxLength - suffix.length) + suffix;
      n++;
    } while (fixed.has(candidate) || originals.has(candidate));
    next.set(name, n);
    fixed.add(candidate);
    return candidate;
  });
}
