import { readdirSync, readFileSync } from 'node:fs';

/** Child processes of this process (zombies included), or null where /proc is not available. */
export function childProcesses(): { pid: number; name: string; state: string }[] | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const children: { pid: number; name: string; state: string }[] = [];
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const [state, ppid] = stat.slice(close + 2).split(' ');
      if (Number(ppid) === process.pid) children.push({ pid: Number(entry), name: stat.slice(stat.indexOf('(') + 1, close), state: state ?? '' });
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

/** Waits (up to ~3 s) until no child process named like `pattern` remains; returns those left. */
export async function settledChildren(pattern: RegExp): Promise<{ pid: number; name: string; state: string }[] | null> {
  for (let attempt = 0; ; attempt += 1) {
    const children = childProcesses();
    const left = children?.filter((child) => pattern.test(child.name)) ?? null;
    if (left === null || left.length === 0 || attempt >= 30) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
