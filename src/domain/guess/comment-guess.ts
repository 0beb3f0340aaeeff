export interface CommentGuess {
  readonly marker: string | null;
  /** Column names from a W3C extended log `#Fields:` directive (CloudFront, IIS...), if any. */
  readonly w3cFields: readonly string[] | null;
  readonly explain: readonly string[];
}

const MARKERS = ['#', '//'] as const;

/**
 * A comment marker is guessed when some, but not all, non-empty lines start with it. W3C extended logs
 * (CloudFront, IIS) declare their columns in a `#Fields:` directive: we read the names from it, which the
 * reference cannot (it leaves such files with c0, c1, ...).
 */
export function guessComment(lines: readonly string[]): CommentGuess {
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  for (const marker of MARKERS) {
    const hits = nonEmpty.filter((l) => l.startsWith(marker));
    if (hits.length === 0 || hits.length === nonEmpty.length) continue;
    const explain = [`comment_line_marker: ${marker} (${hits.length} of ${nonEmpty.length} lines start with it)`];
    const fieldLines = marker === '#' ? hits.filter((l) => /^#Fields:/i.test(l)) : [];
    if (fieldLines.length === 0) return { marker, w3cFields: null, explain };
    const first = fieldNames(fieldLines[0]!);
    const differing = fieldLines.filter((l) => fieldNames(l).join(' ') !== first.join(' ')).length;
    explain.push(
      `column names: from the W3C '#Fields:' directive (${first.length} names)` +
        (differing > 0 ? `; ${differing} later #Fields lines name other columns, check those parts of the file` : ''),
    );
    return { marker, w3cFields: first, explain };
  }
  return { marker: null, w3cFields: null, explain: [] };
}

function fieldNames(line: string): string[] {
  return line.replace(/^#Fields:/i, '').trim().split(/\s+/);
}
