/**
 * The little the client needs from its platform (browser, WPS, Node, workerd), typed here
 * structurally: shared/ compiles without DOM, Node or Workers types. `fetch`, the timer, the abort
 * controller and gzip are looked up when used (a test may stub them), or injected.
 */

/** The part of an AbortSignal the client and an injected fetch use. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void): void;
}

/** What the client hands to fetch: always a method, plain headers and a deadline. */
export interface ServiceRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal: AbortSignalLike;
}

/** What the client reads from fetch's answer. */
export interface ServiceResponse {
  readonly status: number;
  text(): Promise<string>;
}

export type Fetch = (url: string, init: ServiceRequest) => Promise<ServiceResponse>;

/** Bytes → gzip bytes. */
export type Gzip = (bytes: Uint8Array) => Promise<Uint8Array>;

interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
}
interface CompressionStreamLike {
  readonly writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readonly readable: { getReader(): StreamReader };
}
interface Platform {
  fetch?: Fetch;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  AbortController: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };
  CompressionStream?: new (format: 'gzip') => CompressionStreamLike;
  TextEncoder: new () => { encode(text: string): Uint8Array };
  URL: new (input: string) => { readonly protocol: string; readonly origin: string; readonly pathname: string };
}

const platform = () => globalThis as unknown as Platform;

/** The platform's fetch, called on globalThis (a browser refuses a detached `fetch`). */
export const platformFetch: Fetch = (url, init) => {
  const g = platform();
  if (!g.fetch) throw new TypeError('fetch is not available');
  return g.fetch(url, init);
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => platform().setTimeout(resolve, ms));

/** An absolute URL's parts; throws (TypeError) for anything else. */
export function parseUrl(input: string): { protocol: string; origin: string; pathname: string } {
  return new (platform().URL)(input);
}

export function utf8(text: string): Uint8Array {
  return new (platform().TextEncoder)().encode(text);
}

/** A signal that aborts after `ms`, and `clear` to stop its timer once the answer is read. */
export function deadline(ms: number): { signal: AbortSignalLike; clear: () => void } {
  const g = platform();
  const controller = new g.AbortController();
  const timer = g.setTimeout(() => controller.abort(), ms);
  return { signal: controller.signal, clear: () => g.clearTimeout(timer) };
}

/** gzip through the platform's CompressionStream, or null where there is none (looked up at each call). */
export function platformGzip(): Gzip | null {
  const Stream = platform().CompressionStream;
  if (typeof Stream !== 'function') return null;
  return async (bytes) => {
    const stream = new Stream('gzip');
    const writer = stream.writable.getWriter();
    const writing = writer.write(bytes).then(() => writer.close());
    const reader = stream.readable.getReader();
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (next.value) {
        chunks.push(next.value);
        length += next.value.byteLength;
      }
    }
    await writing;
    const out = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  };
}
