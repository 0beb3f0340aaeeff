/**
 * The parser keys the user already wrote in seed.yml. They win over every guess, and they also steer the
 * rest of the guess (a user-set delimiter is the one the sample is split with).
 */
export class UserParserKeys {
  constructor(private readonly raw: Readonly<Record<string, unknown>>) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  string(key: string): string | undefined {
    const v = this.raw[key];
    return typeof v === 'string' ? v : undefined;
  }

  /** For quote/escape/null_string/comment_line_marker: null or '' (TD's spelling of "none") mean none. */
  nullableString(key: string): string | null | undefined {
    const v = this.raw[key];
    if (v === null || v === '') return key === 'null_string' && v === '' ? '' : null;
    return typeof v === 'string' ? v : undefined;
  }

  number(key: string): number | undefined {
    const v = this.raw[key];
    return typeof v === 'number' ? v : undefined;
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw[key];
    return typeof v === 'boolean' ? v : undefined;
  }

  /** The user's keys, to lay over the guessed options last. */
  entries(): Readonly<Record<string, unknown>> {
    return this.raw;
  }
}

/** Shows a user-set or guessed value the way it would read in YAML. */
export function yamlish(value: unknown): string {
  if (value === null) return 'null';
  if (value === '\t') return "'\\t'";
  return typeof value === 'string' ? `'${value}'` : String(value);
}
