// Worker thread of `aggregate`: reads and checks the ledgers it is sent, one at a time.
// Plain JS so it can load the TypeScript sources through tsx, like bin.js.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readLedgerFile } = await import('./aggregate.ts');
parentPort.on('message', async ({ index, file }) => {
  const result = await readLedgerFile(file, workerData);
  parentPort.postMessage({ index, result });
});
parentPort.postMessage({ ready: true });
