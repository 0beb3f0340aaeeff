import { configError } from '../errors.js';
import type { CharacterType, RenameRule } from './filter-specs.js';
import { uniqueNumberSuffix } from './unique-number-suffix.js';

/** One rule over the whole list of names (unique_number_suffix needs all of them at once). */
export type NamesRule = (names: readonly string[]) => string[];

const TYPE_TESTS: Record<CharacterType, (ch: string) => boolean> = {
  'a-z': (ch) => ch >= 'a' && ch <= 'z',
  'A-Z': (ch) => ch >= 'A' && ch <= 'Z',
  '0-9': (ch) => ch >= '0' && ch <= '9',
};

function passes(types: readonly CharacterType[] = [], characters = ''): (ch: string) => boolean {
  const tests = types.map((t) => TYPE_TESTS[t]);
  return (ch) => characters.includes(ch) || tests.some((test) => test(ch));
}

function oneCharacter(value: string, key: string): string {
  if ([...value].length !== 1) throw configError(key, `must be exactly one character, not '${value}'`);
  return value;
}

/** Compiles one rename rule; settings are checked here so a bad rule fails before any data is read. */
export function compileRenameRule(rule: RenameRule, key: string): NamesRule {
  const each = (f: (name: string) => string): NamesRule => (names) => names.map(f);
  switch (rule.rule) {
    case 'upper_to_lower':
      return each((n) => n.toLowerCase());
    case 'lower_to_upper':
      return each((n) => n.toUpperCase());
    case 'truncate': {
      const max = rule.max_length ?? 128;
      return each((n) => [...n].slice(0, max).join(''));
    }
    case 'character_types': {
      const pass = passes(rule.pass_types, rule.pass_characters);
      const replace = oneCharacter(rule.replace ?? '_', `${key}.replace`);
      return each((n) => [...n].map((ch) => (pass(ch) ? ch : replace)).join(''));
    }
    case 'first_character_types': {
      if ((rule.prefix === undefined) === (rule.replace === undefined)) {
        throw configError(key, 'set exactly one of prefix (prepend a character) or replace (replace the first character)');
      }
      const pass = passes(rule.pass_types, rule.pass_characters);
      const prefix = rule.prefix === undefined ? undefined : oneCharacter(rule.prefix, `${key}.prefix`);
      const replace = rule.replace === undefined ? undefined : oneCharacter(rule.replace, `${key}.replace`);
      return each((n) => {
        const first = [...n][0];
        if (first === undefined || pass(first)) return n;
        return prefix !== undefined ? prefix + n : replace + n.slice(first.length);
      });
    }
    case 'regex_replace':
      return each(compileRegexReplace(rule.match, rule.replace, key));
    case 'unique_number_suffix': {
      const delimiter = oneCharacter(rule.delimiter ?? '_', `${key}.delimiter`);
      if (/\d/.test(delimiter)) throw configError(`${key}.delimiter`, 'must not be a digit');
      const minimum = 1 + delimiter.length + (rule.digits ?? 1);
      if (rule.max_length !== undefined && rule.max_length < minimum) {
        throw configError(`${key}.max_length`, `must be at least ${minimum} to leave room for the delimiter and a suffix number`);
      }
      const options = { delimiter, digits: rule.digits, maxLength: rule.max_length, offset: rule.offset ?? 1 };
      return (names) => uniqueNumberSuffix(names, options);
    }
  }
}

/**
 * Java's String.replaceAll with JavaScript's RegExp: the replacement is translated from Java's syntax
 * (`$1`, `${name}`, `\$`) so configs written for Embulk keep their meaning.
 */
function compileRegexReplace(match: string, replace: string, key: string): (name: string) => string {
  let pattern: RegExp;
  try {
    pattern = new RegExp(match, 'g');
  } catch (error) {
    throw configError(`${key}.match`, `is not a valid regular expression (${(error as Error).message}); fix the pattern`, error);
  }
  let js = '';
  for (let i = 0; i < replace.length; i++) {
    const ch = replace[i]!;
    if (ch === '\\' && i + 1 < replace.length) {
      const next = replace[++i]!;
      js += next === '$' ? '$$' : next;
    } else if (ch === '$') {
      const named = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replace.slice(i + 1));
      const numbered = /^\d/.exec(replace.slice(i + 1));
      if (named) {
        js += `$<${named[1]}>`;
        i += named[0].length;
      } else if (numbered) {
        js += '$';
      } else {
        throw configError(`${key}.replace`, `'$' must be followed by a group number or {name}; write \\$ for a literal dollar sign`);
      }
    } else {
      js += ch;
    }
  }
  return (name) => name.replace(pattern, js);
}
