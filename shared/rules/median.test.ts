/** medianInPlace equals the median of the sorted values, whatever their order, repeats or size. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { medianInPlace } from './median.js';

function sortedMedian(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

it('equals the median of the sorted values, on any numbers in any order', () => {
  const value = fc
    .oneof(
      fc.double({ noNaN: true }),
      fc.constantFrom(0, 1, 1, 2, 100, 0.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      fc.integer({ min: -3, max: 3 }),
    )
    .map((v) => (v === 0 ? 0 : v)); // −0 and 0 are one amount (the sort would tell them apart)
  fc.assert(
    fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (values) => {
      expect(medianInPlace(Float64Array.from(values))).toBe(sortedMedian(values));
    }),
    { numRuns: 3000 },
  );
});

it('orders that defeat a middle-of-three pivot, and all-equal values, still give the median', () => {
  // Organ pipe, sawtooth, sorted, reversed, all equal: at 20,000 values.
  const n = 20_000;
  const orders = [
    Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i)),
    Array.from({ length: n }, (_, i) => i % 7),
    Array.from({ length: n }, (_, i) => i),
    Array.from({ length: n }, (_, i) => n - i),
    Array.from({ length: n }, () => 42),
    Array.from({ length: n + 1 }, (_, i) => (i * 7919) % 1000),
  ];
  for (const values of orders) expect(medianInPlace(Float64Array.from(values))).toBe(sortedMedian(values));
});
