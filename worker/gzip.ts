/**
 * gzip request bodies (Content-Encoding: gzip), inflated with the runtime's DecompressionStream and
 * never past a byte limit.
 *
 * workerd's DecompressionStream has no backpressure: one write() inflates its whole chunk into the
 * stream's buffer at once (64 KB of a gzip bomb → 64 MB before the first read). So the compressed
 * bytes go in GZIP_SLICE-byte pieces, the next one only once the output of the last one has been read
 * and counted: at most GZIP_SLICE × 1032 (deflate's largest ratio) ≈ 4 MB is ever inflated beyond the
 * count, and a bomb stops at the first read past the limit.
 */
import { ApiFailure } from './errors.js';

/** Compressed bytes per write. */
export const GZIP_SLICE = 4 * 1024;
/** Read size: a read that comes back less than full has emptied the stream's buffer. */
const VIEW = 64 * 1024;
const IDLE = Symbol('idle');

/** `read` if it settles before the next timer turn, else IDLE (the stream is waiting for input). */
function unlessIdle<T>(read: Promise<T>): Promise<T | typeof IDLE> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const idle = new Promise<typeof IDLE>((resolve) => {
    timer = setTimeout(resolve, 0, IDLE);
  });
  return Promise.race([read, idle]).finally(() => clearTimeout(timer));
}

/**
 * The inflated bytes of a gzip body; 413 as soon as they exceed `maxBytes`, 400 for a corrupt or
 * truncated stream. `slice` is for tests (any size must give the same bytes).
 */
export async function gunzipLimited(gzip: Uint8Array, maxBytes: number, slice = GZIP_SLICE): Promise<ArrayBuffer> {
  const { readable, writable } = new DecompressionStream('gzip');
  const writer = writable.getWriter();
  const reader = readable.getReader({ mode: 'byob' });
  let out = new Uint8Array(Math.min(maxBytes, 256 * 1024));
  let size = 0;
  let view = new ArrayBuffer(VIEW); // lent to each read and handed back with its result
  // A read issued when the buffer was empty stays pending until the next write fills it.
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const read = () => {
    if (!pending) {
      pending = reader.read(new Uint8Array(view));
      pending.catch(() => {}); // its failure is the write's failure, reported there
    }
    return pending;
  };
  const take = (chunk: Uint8Array) => {
    if (size + chunk.byteLength > maxBytes) {
      throw new ApiFailure(
        413,
        'payload-too-large',
        `请求体解压后超过上限 ${(maxBytes / 1024 / 1024).toFixed(1)} MB：请分批报送，或删除台账中的空白行和无关列后重试`,
      );
    }
    if (size + chunk.byteLength > out.byteLength) {
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(out.byteLength * 2, size + chunk.byteLength)));
      grown.set(out.subarray(0, size));
      out = grown;
    }
    out.set(chunk, size);
    size += chunk.byteLength;
    view = chunk.buffer as ArrayBuffer;
  };
  try {
    for (let at = 0; at < gzip.byteLength; at += slice) {
      await writer.write(gzip.subarray(at, at + slice));
      for (;;) {
        const result = await unlessIdle(read());
        if (result === IDLE) break;
        pending = null;
        if (result.done) break;
        take(result.value);
        if (result.value.byteLength < VIEW) break;
      }
    }
    await writer.close();
    for (;;) {
      const result = await read();
      pending = null;
      if (result.done) break;
      take(result.value);
    }
  } catch (error) {
    await Promise.allSettled([writer.abort(error), reader.cancel(error)]);
    if (error instanceof ApiFailure) throw error;
    throw new ApiFailure(
      400,
      'invalid-gzip',
      '请求体声明为 gzip 压缩（Content-Encoding: gzip），但不是完整有效的 gzip 数据：请重新压缩后发送，或不压缩直接发送 JSON',
    );
  }
  return out.buffer.slice(0, size);
}
