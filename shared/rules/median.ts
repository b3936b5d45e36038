/**
 * The median of numbers without sorting them all: quickselect (Hoare partition around the middle
 * of three), expected linear. After MAX_ROUNDS rounds (only a crafted order gets there) the part
 * still unsettled is sorted instead, so no input takes more than n log n.
 */

const MAX_ROUNDS = 64;

/** The median of `values` (not empty; no NaN), reordering them in place. */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  const mid = n >> 1;
  const upper = selectInPlace(values, mid);
  if (n % 2 === 1) return upper;
  // Everything before `mid` is ≤ values[mid] now: the lower middle is the largest of them.
  let lower = values[0] as number;
  for (let i = 1; i < mid; i++) if ((values[i] as number) > lower) lower = values[i] as number;
  return (lower + upper) / 2;
}

/** The k-th smallest of `values` (0-based), which ends at index k with no larger value before it. */
function selectInPlace(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  for (let round = 0; hi > lo; round++) {
    if (round === MAX_ROUNDS) {
      values.subarray(lo, hi + 1).sort();
      break;
    }
    const pivot = middleOfThree(values[lo] as number, values[(lo + hi) >> 1] as number, values[hi] as number);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    // [lo, j] ≤ pivot ≤ [i, hi]; between j and i, values equal to the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}

function middleOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
