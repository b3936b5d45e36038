/** gzip with the runtime's CompressionStream / DecompressionStream (native zlib in workerd). */

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
