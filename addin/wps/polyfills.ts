/**
 * The few built-ins newer than ES2017 that the bundle calls (esbuild lowers syntax, not library
 * calls), for the older Chromium some WPS builds embed: globalThis (Chromium 71),
 * Array.prototype.flatMap (69), Object.fromEntries (73). Imported first by the WPS entries.
 * Note: the shared phone rules use regex lookbehind, which needs Chromium 62 or newer.
 */
const root: Record<string, unknown> =
  typeof globalThis !== 'undefined'
    ? (globalThis as unknown as Record<string, unknown>)
    : ((typeof window !== 'undefined' ? window : self) as unknown as Record<string, unknown>);
if (typeof root.globalThis === 'undefined')
  Object.defineProperty(root, 'globalThis', { value: root, writable: true, configurable: true });

function define(target: object, name: string, value: unknown): void {
  if (!(name in target)) Object.defineProperty(target, name, { value, writable: true, configurable: true });
}

define(Array.prototype, 'flatMap', function flatMap<
  T,
  U,
>(this: T[], fn: (value: T, index: number, array: T[]) => U | U[], thisArg?: unknown): U[] {
  const out: U[] = [];
  this.forEach((value, i, array) => {
    const mapped = fn.call(thisArg, value, i, array);
    if (Array.isArray(mapped)) out.push(...mapped);
    else out.push(mapped);
  });
  return out;
});

define(Object, 'fromEntries', function fromEntries(entries: Iterable<readonly [PropertyKey, unknown]>) {
  const out: Record<PropertyKey, unknown> = {};
  for (const [k, v] of entries) out[k as string] = v;
  return out;
});
