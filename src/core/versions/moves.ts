/**
 * Which matched rows moved: the rows outside one longest increasing run of old positions (in new
 * order) moved; the rest kept their relative order. So inserting or deleting a row does not make
 * every row below it "moved". O(n log n).
 */

/** For each element, whether it belongs to the chosen longest strictly increasing subsequence. */
export function longestIncreasing(seq: readonly number[]): boolean[] {
  const tails: number[] = []; // tails[k]: index of the smallest last element of a run of length k+1
  const prev = new Int32Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep: boolean[] = new Array(seq.length).fill(false);
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep[i] = true;
  return keep;
}
