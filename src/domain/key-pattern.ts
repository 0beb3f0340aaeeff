import { RE2JS } from 're2js';
import { configError } from './errors.js';

/**
 * path_match_pattern: a substring search (Java's Matcher.find, JS RegExp.test) run by a linear-time engine
 * (RE2), so a pattern such as (a+)+$ cannot hang a job on a long key. RE2 also understands Java's \A and \z.
 */
export class KeyPattern {
  private readonly re: RE2JS;

  private constructor(readonly source: string, re: RE2JS) {
    this.re = re;
  }

  static compile(pattern: string, key = 'in.path_match_pattern'): KeyPattern {
    try {
      return new KeyPattern(pattern, RE2JS.compile(pattern));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw configError(key, `invalid regular expression ${JSON.stringify(pattern)} (${reason}); fix the pattern (backreferences and lookarounds are not supported)`, error);
    }
  }

  matches(key: string): boolean {
    return this.re.matcher(key).find();
  }
}
