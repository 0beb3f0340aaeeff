import { ledgerKey } from '../../domain/file-selector.js';
import type { LedgerEntry, LoadLedger } from '../../ports/state-store.js';

/** LoadLedger in process memory: one set of `key\0etag` per source. */
export class InMemoryLoadLedger implements LoadLedger {
  private readonly bySource = new Map<string, Map<string, LedgerEntry>>();

  async loaded(sourceId: string, files: readonly { key: string; etag: string }[]): Promise<Set<string>> {
    const known = this.bySource.get(sourceId);
    const out = new Set<string>();
    if (!known) return out;
    for (const file of files) {
      const id = ledgerKey(file);
      if (known.has(id)) out.add(id);
    }
    return out;
  }

  async record(entries: readonly LedgerEntry[]): Promise<void> {
    for (const entry of entries) {
      let known = this.bySource.get(entry.sourceId);
      if (!known) this.bySource.set(entry.sourceId, (known = new Map()));
      known.set(ledgerKey(entry), { ...entry, lastModified: new Date(entry.lastModified) });
    }
  }
}
