import type { z } from 'zod';
import { ImportError } from '../../domain/errors.js';

/** Turns schema issues into one ImportError whose message names each key and what to change. */
export function configErrorFromIssues(issues: readonly z.core.$ZodIssue[], prefix: string[] = [], known?: (path: string[]) => string[]): ImportError {
  const lines = issues.slice(0, 5).map((issue) => describeIssue(issue, prefix, known));
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  const first = issues[0];
  const key = first ? keyPath([...prefix, ...pathOf(first)]) : prefix.join('.');
  return new ImportError('CONFIG_INVALID', lines.join('; ') + more, { details: { key } });
}

function pathOf(issue: z.core.$ZodIssue): string[] {
  return issue.path.map((p) => String(p));
}

export function keyPath(path: readonly string[]): string {
  let out = '';
  for (const part of path) out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  return out || '(config)';
}

function describeIssue(issue: z.core.$ZodIssue, prefix: string[], known?: (path: string[]) => string[]): string {
  const path = [...prefix, ...pathOf(issue)];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((k) => {
        const candidates = known?.(path) ?? [];
        const hint = closest(k, candidates);
        return `${keyPath([...path, k])}: unknown key${hint ? `; did you mean '${hint}'?` : '; remove it'}`;
      })
      .join('; ');
  }
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.message.includes('received undefined'))) {
    return `${keyPath(path)}: is required (${issue.expected})`;
  }
  return `${keyPath(path)}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = levenshtein(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
