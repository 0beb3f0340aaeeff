import { splitRecords } from './csv-records.js';

/** Candidates of the reference, in its tie-break order. */
export const DELIMITER_CANDIDATES = [',', '\t', '|', ';'] as const;

const show = (d: string): string => (d === '\t' ? '\\t' : d === ' ' ? "' '" : d);

/**
 * The reference's weight: total count / standard deviation of the per-record counts (a deviation of 0 counts
 * as 1e-9), best weight wins, ties go to the earlier candidate, and a best weight <= 1 falls back to ','.
 * We count per quote-aware record rather than per raw line, so commas inside quoted text and newlines inside
 * quoted fields do not blur the signal.
 */
export function guessDelimiter(
  text: string,
  commentMarker: string | null,
  complete: boolean,
  extra: readonly string[] = [],
): { delimiter: string; explain: string } {
  const scores: { d: string; weight: number; perLine: number }[] = [];
  for (const d of [...DELIMITER_CANDIDATES, ...extra]) {
    const records = splitRecords(text, { delimiter: d, quote: '"', escape: '"', commentMarker, complete }).filter((r) => r.kind === 'data');
    const counts = records.slice(0, 200).map((r) => r.fields.length - 1);
    const total = counts.reduce((a, b) => a + b, 0);
    if (total === 0 || counts.length === 0) continue;
    const mean = total / counts.length;
    const sd = Math.sqrt(counts.reduce((a, c) => a + (c - mean) ** 2, 0) / counts.length) || 1e-9;
    scores.push({ d, weight: total / sd, perLine: mean });
  }
  let best: (typeof scores)[number] | undefined;
  for (const s of scores) if (best === undefined || s.weight > best.weight) best = s;
  if (best === undefined || best.weight <= 1) {
    return { delimiter: ',', explain: "delimiter: ',' (no candidate of , \\t | ; appears regularly; the reference's default)" };
  }
  const others = scores.filter((s) => s !== best).map((s) => `${show(s.d)} ${fmtWeight(s.weight)}`);
  return {
    delimiter: best.d,
    explain: `delimiter: ${show(best.d)} (${best.perLine.toFixed(1)} per record, weight ${fmtWeight(best.weight)}${others.length > 0 ? `; others: ${others.join(', ')}` : ''})`,
  };
}

function fmtWeight(w: number): string {
  return w >= 1e6 ? 'perfectly regular' : w.toFixed(1);
}
