import { getPriority, setPriority } from 'node:os';

/**
 * How much lower than the main thread helper threads (parse workers, the warehouse thread) run: nice +5, so that
 * when threads outnumber cores the thread on the job's critical path keeps the CPU. On 2 cores, with two parse
 * workers the main thread's DuckDB appends took 2.46 s of wall time against 1.38 s alone (they are the critical
 * path); at +5, 100 files of 2 MB import in 2.70-2.87 s instead of 2.80-3.01 s, and with the warehouse thread the
 * large CSV in 3.01-3.18 s instead of 3.12-3.25 s (docs/decisions/performance.md, update 6).
 */
export const HELPER_THREAD_NICE = 5;

/**
 * Lowers the priority of the calling thread by `by` nice steps (relative to what it inherited, at most 19). Only on
 * Linux, where a thread's nice value is its own: elsewhere os.setPriority(0) would change the whole process, the
 * host's main thread included. Lowering never needs a privilege; if the system refuses anyway, the thread keeps
 * its priority (it is a scheduling hint, not a requirement).
 * @returns the thread's nice value afterwards, or undefined when it was left alone.
 */
export function lowerThisThreadPriority(by = HELPER_THREAD_NICE): number | undefined {
  if (process.platform !== 'linux' || by <= 0) return undefined;
  try {
    const nice = Math.min(19, getPriority(0) + by);
    setPriority(0, nice);
    return nice;
  } catch {
    return undefined;
  }
}
