/**
 * gzip with the runtime's CompressionStream / DecompressionStream (native zlib in workerd), for
 * documents this Worker writes and reads back itself (stored project rows). Request bodies come
 * from outside and go through gzip.ts instead, which caps what they may inflate to.
 */

export async function gzipText(text: string): Promise<Uint8Array> {
  const body = new Response(text).body;
  if (!body) return new Uint8Array();
  return new Uint8Array(await new Response(body.pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

export async function gunzipText(bytes: Uint8Array): Promise<string> {
  const body = new Response(bytes).body;
  if (!body) return '';
  return new Response(body.pipeThrough(new DecompressionStream('gzip'))).text();
}
