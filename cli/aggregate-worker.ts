// Worker thread of `aggregate`: reads and checks the ledgers it is sent, one at a time. Built next to
// the CLI bundle (cli/dist/aggregate-worker.js), where `aggregate` starts it.
import { parentPort, workerData } from 'node:worker_threads';
import { readLedgerFile } from './aggregate.js';

const port = parentPort;
if (!port) throw new Error('aggregate-worker runs only as a worker thread');
port.on('message', async ({ index, file }: { index: number; file: string }) => {
  const result = await readLedgerFile(file, workerData as { strict?: boolean });
  port.postMessage({ index, result });
});
port.postMessage({ ready: true });
