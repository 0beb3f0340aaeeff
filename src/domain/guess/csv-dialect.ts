import { guessComment } from './comment-guess.js';
import { guessDelimiter } from './delimiter-guess.js';
import { guessQuote } from './quote-guess.js';
import { yamlish, type UserParserKeys } from './user-parser-keys.js';

/** How the text splits into records and fields. */
export interface CsvDialect {
  readonly delimiter: string;
  readonly quote: string | null;
  readonly escape: string | null;
  readonly commentMarker: string | null;
  readonly w3cFields: readonly string[] | null;
}

const SAMPLE_LINES_FOR_COMMENTS = 2000;

/** Guesses comment marker, then delimiter, then quote and escape; a key the user set is taken as is. */
export function guessDialect(text: string, complete: boolean, user: UserParserKeys, explain: string[]): CsvDialect {
  const lines = text.split(/\r\n|\r|\n/, SAMPLE_LINES_FOR_COMMENTS);
  const comment = guessComment(lines);
  let commentMarker = comment.marker;
  const userMarker = user.nullableString('comment_line_marker');
  if (userMarker !== undefined) {
    commentMarker = userMarker;
    explain.push(`comment_line_marker: ${yamlish(userMarker)} (set in seed.yml)`, ...comment.explain.filter((e) => !e.startsWith('comment')));
  } else explain.push(...comment.explain);

  let delimiter = user.string('delimiter') ?? (user.string('type') === 'tsv' ? '\t' : undefined);
  if (delimiter !== undefined) explain.push(`delimiter: ${yamlish(delimiter)} (set in seed.yml)`);
  else {
    // W3C extended logs separate fields by spaces (CloudFront by tabs): only then is ' ' a candidate.
    const guess = guessDelimiter(text, commentMarker, complete, comment.w3cFields !== null ? [' '] : []);
    delimiter = guess.delimiter;
    explain.push(guess.explain);
  }

  const userQuote = user.nullableString('quote');
  const userEscape = user.nullableString('escape');
  const guessed = guessQuote(text, delimiter, commentMarker, complete);
  const quote = userQuote !== undefined ? userQuote : guessed.quote;
  explain.push(userQuote !== undefined ? `quote: ${yamlish(userQuote)} (set in seed.yml)` : guessed.explain[0]!);
  let escape: string | null;
  if (userEscape !== undefined) {
    escape = userEscape;
    explain.push(`escape: ${yamlish(userEscape)} (set in seed.yml)`);
  } else if (userQuote !== undefined) {
    escape = userQuote === null ? null : userQuote === guessed.quote ? guessed.escape : userQuote;
    explain.push(`escape: ${yamlish(escape)} (follows the quote set in seed.yml)`);
  } else {
    escape = guessed.escape;
    explain.push(guessed.explain[1]!);
  }
  return { delimiter, quote, escape, commentMarker, w3cFields: comment.w3cFields };
}
