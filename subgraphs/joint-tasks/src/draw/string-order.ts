/**
 * Ordering row indices by their code strings, fast enough for million-row frames.
 *
 * A comparator sort of 1,000,000 strings takes about 2 s in V8 (5,000,000: about 20 s), which
 * would dominate the digest. Codes are short ASCII (a USCC is 18 characters from a 31-letter
 * alphabet), so an LSD radix sort does the same job in a fraction of the time. The order
 * is plain code-unit order, the order of `<` on JavaScript strings and of `COLLATE "C"` in
 * PostgreSQL for ASCII text.
 */

/** Longest code the radix path packs; longer or non-ASCII input falls back to a comparator. */
const MAX_RADIX_LENGTH = 32;

/**
 * Row indices 0..n-1 ordered by `codes[i]` ascending in code-unit order, ties (equal codes)
 * by index. Linear for already-sorted input, radix sort for printable ASCII codes of up to 32
 * characters, comparator sort otherwise.
 */
export function orderByString(codes: readonly string[]): Int32Array {
  const n = codes.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (codes[i - 1] > codes[i]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return order;

  // One scan finds the longest code, rejects non-ASCII and marks the characters that occur.
  let maxLength = 0;
  let radixable = true;
  const seen = new Uint8Array(128);
  for (let i = 0; i < n && radixable; i++) {
    const s = codes[i];
    if (s.length > maxLength) maxLength = s.length;
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c < 0x01 || c > 0x7f) {
        radixable = false;
        break;
      }
      seen[c] = 1;
    }
  }
  if (!radixable || maxLength > MAX_RADIX_LENGTH) {
    const arr = Array.from(order);
    arr.sort((a, b) => compareCodes(codes[a], codes[b]) || a - b);
    return Int32Array.from(arr);
  }
  return radixOrder(codes, maxLength, seen);
}

/** Code-unit comparison, as `<` does. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * LSD radix sort. Characters are replaced by their rank among the characters that occur
 * (a USCC uses at most 31), with 0 for "no character" so a shorter code sorts before any
 * code it prefixes, exactly as in code-unit order. As many ranks as fit in 16 bits make one
 * digit (three for USCCs: 6 passes instead of 18). Each pass is stable, so equal codes keep
 * index order.
 */
function radixOrder(codes: readonly string[], maxLength: number, rank: Uint8Array): Int32Array {
  const n = codes.length;
  // `rank` arrives as a 0/1 mark of the characters that occur and is turned into ranks here.
  let radix = 1;
  for (let c = 0; c < 128; c++) if (rank[c]) rank[c] = radix++;
  let perDigit = 1;
  while (Math.pow(radix, perDigit + 1) <= 65536) perDigit++;
  const passes = Math.ceil(maxLength / perDigit);
  const buckets = Math.pow(radix, perDigit);

  // digits[p * n + i]: the p-th digit of code i, p = 0 most significant.
  const digits = new Uint16Array(passes * n);
  for (let i = 0; i < n; i++) {
    const s = codes[i];
    const len = s.length;
    for (let p = 0, j = 0; p < passes; p++) {
      let digit = 0;
      for (let q = 0; q < perDigit; q++, j++)
        digit = digit * radix + (j < len ? rank[s.charCodeAt(j)] : 0);
      digits[p * n + i] = digit;
    }
  }
  let order = new Int32Array(n);
  let next = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Int32Array(buckets);
  for (let p = passes - 1; p >= 0; p--) {
    count.fill(0);
    const base = p * n;
    for (let i = 0; i < n; i++) count[digits[base + i]]++;
    let sum = 0;
    for (let b = 0; b < buckets; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      next[count[digits[base + i]]++] = i;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
