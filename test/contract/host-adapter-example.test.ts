// The adapter-authoring guide's example: a host's own TableStore proven by our exported contract suite.
import { CountingTableStore } from '../../examples/host-adapter/counting-table-store.js';
import { describeTableStoreContract } from '../../src/testing/index.js';

describeTableStoreContract('host example: CountingTableStore', async () => {
  const store = new CountingTableStore();
  return { store, cleanup: () => store.close() };
});
