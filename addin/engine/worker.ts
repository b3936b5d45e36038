/**
 * The check worker (check-worker.js, served next to the pane's script): receives the grid in
 * slices, runs the shared engine reporting progress per chunk of rows, sends the report back in
 * slices. The page terminates it to cancel.
 */
import { type FromWorker, outputMessages, type ToWorker } from './protocol.js';
import { checkSteps } from './steps.js';

interface WorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = globalThis as unknown as WorkerScope;
let grid: unknown[][] = [];

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'grid') {
    for (const row of message.rows) grid.push(row);
    return;
  }
  try {
    const steps = checkSteps({ ...message.input, grid }, message.chunkRows);
    let sent = 0;
    let next = steps.next();
    while (!next.done) {
      const found = next.value.found ?? [];
      scope.postMessage({ type: 'progress', done: next.value.done, total: next.value.total, found: found.slice(sent) });
      sent = found.length;
      next = steps.next();
    }
    for (const out of outputMessages(next.value)) scope.postMessage(out);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    grid = [];
  }
};
