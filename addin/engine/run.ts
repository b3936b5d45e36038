/**
 * Where the pane's check runs: in a Web Worker (check-worker.js next to the pane's script, same
 * origin), or — where Worker is missing or its script cannot load (e.g. a WPS add-in opened from
 * disk) — on the page in chunks with a pause between them. Both report progress per chunk of rows
 * and stop on an AbortSignal without touching the workbook.
 */
import { drain } from '../../shared/index.js';
import { readLayout, readRecords } from '../../shared/ledger/read.js';
import { type FromWorker, GRID_SLICE_ROWS, OutputAssembler, type ToWorker } from './protocol.js';
import { CHUNK_ROWS, CheckCancelled, type CheckHooks, type CheckInput, type CheckOutput, checkSteps } from './steps.js';

export type CheckEngine = (input: CheckInput, hooks?: CheckHooks) => Promise<CheckOutput>;

/** The page's Worker, described structurally (this module also runs in Node, in the benchmark). */
interface PageWorker {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { preventDefault(): void }) => void) | null;
}
type WorkerConstructor = new (url: string) => PageWorker;
const pageWorker = () => (globalThis as unknown as { Worker?: WorkerConstructor }).Worker;

/** The worker bundle, built by build.ts and build-wps.ts next to the pane's script. */
export const WORKER_SCRIPT = 'check-worker.js';

/** One pass on the calling thread, no pause: the CLI's way, kept for tests and the benchmark's baseline. */
export const inlineEngine: CheckEngine = async (input) => drain(checkSteps(input, Number.POSITIVE_INFINITY));

/**
 * Lets the page paint and handle clicks (such as 取消) between two chunks: a new task through a
 * MessageChannel where there is one (setTimeout(0) is clamped to 4 ms once nested).
 */
export function pause(): Promise<void> {
  const Channel = (globalThis as unknown as { MessageChannel?: new () => PauseChannel }).MessageChannel;
  if (!Channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new Channel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The part of MessageChannel a pause uses (described structurally: this module also runs in Node). */
interface PauseChannel {
  port1: { onmessage: (() => void) | null; close(): void };
  port2: { postMessage(message: null): void };
}

/** On the page, a pause after each chunk of `chunkRows` rows. */
export function chunkedEngine(chunkRows = CHUNK_ROWS): CheckEngine {
  return async (input, { progress, found, signal } = {}) => {
    const steps = checkSteps(input, chunkRows);
    let sent = 0;
    for (;;) {
      if (signal?.aborted) throw new CheckCancelled();
      const next = steps.next();
      if (next.done) return next.value;
      progress?.(next.value.done, next.value.total);
      const all = next.value.found ?? [];
      if (found && all.length > sent) found(all.slice(sent));
      sent = all.length;
      await pause();
    }
  };
}

/** In a Web Worker; falls back to `fallback` when the worker cannot be created or its script fails to load. */
export function workerEngine(
  url: string = WORKER_SCRIPT,
  fallback: CheckEngine = chunkedEngine(),
  chunkRows = CHUNK_ROWS,
): CheckEngine {
  return (input, hooks = {}) =>
    new Promise<CheckOutput>((resolve, reject) => {
      const { progress, found, signal } = hooks;
      if (signal?.aborted) {
        reject(new CheckCancelled());
        return;
      }
      const Constructor = pageWorker();
      let worker: PageWorker;
      try {
        if (!Constructor) throw new Error('no Worker');
        worker = new Constructor(url);
      } catch {
        fallback(input, hooks).then(resolve, reject);
        return;
      }
      let heard = false;
      let over = false;
      const assembler = new OutputAssembler();
      const finish = (then: () => void) => {
        if (over) return;
        over = true;
        worker.terminate();
        signal?.removeEventListener('abort', onAbort);
        then();
      };
      const onAbort = () => finish(() => reject(new CheckCancelled()));
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.onmessage = (event) => {
        heard = true;
        const message = event.data;
        if (message.type === 'progress') {
          progress?.(message.done, message.total);
          if (found && message.found.length > 0) found(message.found);
        } else if (message.type === 'error') finish(() => reject(new Error(message.message)));
        else if (message.type === 'end')
          finish(() =>
            resolve(
              assembler.result(
                () => readRecords(readLayout(input.grid, { merges: input.merges, origin: input.origin })).records,
              ),
            ),
          );
        else assembler.add(message);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        if (heard) finish(() => reject(new Error('校验意外中断，请重新校验。')));
        else finish(() => fallback(input, hooks).then(resolve, reject));
      };
      const { grid, ...rest } = input;
      const post = (message: ToWorker) => worker.postMessage(message);
      void (async () => {
        // The grid in slices, the page free between them: one big copy would block it.
        for (let i = 0; i < grid.length; i += GRID_SLICE_ROWS) {
          if (over) return;
          post({ type: 'grid', rows: grid.slice(i, i + GRID_SLICE_ROWS) });
          await pause();
        }
        if (!over) post({ type: 'run', input: rest, chunkRows });
      })();
    });
}

/** The pane's engine: the worker where the page has one, else chunks on the page. */
export function defaultEngine(): CheckEngine {
  return typeof pageWorker() === 'function' ? workerEngine() : chunkedEngine();
}
