import type { Newline } from '../model/parser-options.js';

/** The reference's rule: CRLF if crlf > cr/2 and crlf > lf/2; else CR if cr > lf/2; else LF. Counts are in the explain. */
export function guessNewline(text: string): { newline: Newline; explain: string } {
  let cr = 0;
  let lf = 0;
  let crlf = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  const newline: Newline = crlf > cr / 2 && crlf > lf / 2 ? 'CRLF' : cr > lf / 2 ? 'CR' : 'LF';
  return { newline, explain: `newline: ${newline} (line ends in the sample: ${crlf} CRLF, ${lf} LF, ${cr} CR)` };
}
