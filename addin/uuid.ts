/**
 * A version 4 UUID from crypto.getRandomValues. Not crypto.randomUUID: that needs a secure context
 * (a county server on plain http inside the government network is not one) and Chromium 92+,
 * newer than the browser some WPS builds embed.
 */
export function randomUUID(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
