// Contract suites for hosts that bring their own adapters (mocha + chai are peer dependencies).
export { describeObjectStoreContract, type ObjectStoreFixture } from './object-store-contract.js';
export { describeTableStoreContract, type TableStoreFixture } from './table-store-contract.js';
export { describeStateStoreContract, type CatalogFixture, expectImportError } from './state-store-contract.js';
export { describeLoadLedgerContract } from './load-ledger-contract.js';
export { describeJobStoreContract, sampleJob } from './job-store-contract.js';
export { describeScheduleStoreContract, sampleSchedule } from './schedule-store-contract.js';
export { describeAuthenticationStoreContract, sampleAuthentication } from './authentication-store-contract.js';
export { InMemoryObjectStore } from '../adapters/in-memory/in-memory-object-store.js';
