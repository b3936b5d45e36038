/** Latency figures for the benches that time HTTP requests. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? Number.NaN, n: s.length };
}

/** Each request's time to its complete answer, `times` requests one after another. */
export async function timeEach(times: number, request: () => Promise<Response>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await (await request()).text();
    ms.push(performance.now() - t0);
  }
  return ms;
}
