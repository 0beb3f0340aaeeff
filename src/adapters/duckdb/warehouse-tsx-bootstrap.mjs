// Runs warehouse-worker.ts in a worker thread when the code runs from source under tsx (tests, benches).
// tsx's module hooks register themselves on the main thread only, so a worker has to register them by hand
// before importing TypeScript. The compiled build starts warehouse-worker.js directly and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./warehouse-worker.ts');
