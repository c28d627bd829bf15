/**
 * Canonical digests of a draw's frame and of its result, so a stored draw can be audited:
 * anyone holding the frame recomputes the digest and the draw and compares.
 *
 * Frame digest = SHA-256 (lowercase hex) of this UTF-8 text, every line ending in "\n",
 * fields separated by one TAB:
 *
 *   algorithm <TAB> <algorithm version, e.g. coordinated-poisson/2>
 *   seed      <TAB> <seed>                                                 version 1 only
 *   mode      <TAB> <department> <TAB> poisson <TAB> - <TAB> <shift>        one line per
 *   mode      <TAB> <department> <TAB> fixed   <TAB> <n> <TAB> <shift>      department, by code
 *   row       <TAB> <uscc> <TAB> <department> <TAB> <p>                     every (enterprise,
 *                                                                           department) pair
 *
 * - Departments are ordered by code and rows by USCC then department code, both in plain
 *   code-unit (byte) order, so the digest does not depend on the order the frame was loaded in.
 * - Every pair is a row, p = 0 included: an exclusion by rule is part of what was drawn from.
 * - <p> and <shift> are the 16 lowercase hex digits of the IEEE 754 binary64 big-endian
 *   encoding of the exact double the draw used (Python: struct.pack('>d', p).hex()), with -0
 *   written as 0. Exact rather than rounded decimal, because two frames whose p differ in the
 *   last bit can draw differently and must not share a digest.
 * - <n> is the fixed sample size in decimal; <shift> is the shift actually applied to that
 *   department (its own, else the task's, else 0).
 * - Version 1 draws had their seed before the frame and hashed it in; from version 2 the frame
 *   is committed before any entropy exists (see protocol.ts), so it has no seed line.
 * - Seed, codes and department codes must not contain control characters (TAB and newline
 *   would make the text ambiguous); they are rejected.
 */
import { createHash, type Hash } from 'node:crypto';
import type { CoordinatedDrawResult, DepartmentMode, DrawFrame } from './coordinated';
import { orderByString } from './string-order';
import { ALGORITHM_VERSION } from './version';

export { ALGORITHM_VERSION };

/** What besides the rows goes into a frame digest. */
export interface FrameDigestOptions {
  /** The draw's seed: only for version 1 draws, whose frame digest included it. */
  readonly seed?: string;
  /** Each department's mode, keyed by department code (as given to the draw). */
  readonly modes: Readonly<Record<string, DepartmentMode>>;
  /** Task-wide shift, default 0. */
  readonly shift?: number;
  /** Algorithm version, default {@link ALGORITHM_VERSION}; set only to audit an older draw. */
  readonly algorithmVersion?: string;
}

/** Bytes buffered before each hash update: large enough to amortise the native call. */
const CHUNK = 1 << 20;
/** Longest encoded row we allow for before flushing (codes are checked to fit). */
const MAX_CODE_BYTES = 4096;

/** Lowercase hex digit codes for a byte, hi and lo nibble. */
const HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  HEX[2 * b] = '0123456789abcdef'.charCodeAt(b >> 4);
  HEX[2 * b + 1] = '0123456789abcdef'.charCodeAt(b & 15);
}

/** Buffered writer feeding a SHA-256 in 1 MiB updates. */
class HashWriter {
  private readonly buf = new Uint8Array(CHUNK);
  private pos = 0;
  private readonly f64 = new Float64Array(1);
  private readonly bytes = new Uint8Array(this.f64.buffer);
  private readonly littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

  constructor(private readonly hash: Hash) {}

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n > CHUNK) this.flush();
  }

  /** Appends a string's UTF-8 bytes (ASCII copied directly, the rest via Buffer). */
  text(s: string): void {
    this.reserve(s.length * 3);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) {
        this.pos += Buffer.from(buf.buffer, buf.byteOffset, buf.length).write(s, this.pos, 'utf8');
        return;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
  }

  /** Appends pre-encoded bytes. */
  raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Appends one byte. */
  byte(c: number): void {
    this.reserve(1);
    this.buf[this.pos++] = c;
  }

  /** Appends the 16 hex digits of a double's big-endian binary64 encoding; -0 as 0. */
  double(v: number): void {
    this.reserve(16);
    this.f64[0] = v === 0 ? 0 : v;
    const buf = this.buf;
    let pos = this.pos;
    for (let j = 0; j < 8; j++) {
      const b = this.bytes[this.littleEndian ? 7 - j : j];
      buf[pos++] = HEX[2 * b];
      buf[pos++] = HEX[2 * b + 1];
    }
    this.pos = pos;
  }

  /**
   * Appends one enterprise's rows: for each department column c (in `columns` order)
   * `prefix[0..prefixLength)`, that column's infix, the hex of `p[base + c]` and a newline.
   * Byte loops on locals rather than Buffer.set, whose native call costs more than these few
   * bytes; this loop is where a 5,000,000-row digest spends its time.
   */
  rows(
    prefix: Uint8Array,
    prefixLength: number,
    infixes: readonly Uint8Array[],
    p: Float64Array,
    base: number,
    columns: Int32Array,
  ): void {
    const f64 = this.f64;
    const bytes = this.bytes;
    const hex = HEX;
    const little = this.littleEndian;
    for (let j = 0; j < columns.length; j++) {
      const infix = infixes[j];
      const infixLength = infix.length;
      if (this.pos + prefixLength + infixLength + 17 > CHUNK) this.flush();
      const buf = this.buf;
      let pos = this.pos;
      for (let k = 0; k < prefixLength; k++) buf[pos++] = prefix[k];
      for (let k = 0; k < infixLength; k++) buf[pos++] = infix[k];
      const v = p[base + columns[j]];
      f64[0] = v === 0 ? 0 : v;
      for (let k = 0; k < 8; k++) {
        const b = bytes[little ? 7 - k : k];
        buf[pos++] = hex[2 * b];
        buf[pos++] = hex[2 * b + 1];
      }
      buf[pos++] = LF;
      this.pos = pos;
    }
  }

  /** Sends buffered bytes to the hash. */
  flush(): void {
    if (this.pos > 0) this.hash.update(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  /** Flushes and returns the hex digest. */
  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }
}

const LF = 0x0a;
const ROW = Buffer.from('row\t');

/**
 * The canonical frame digest (see the module comment for the exact text hashed). Streams
 * through SHA-256 in 1 MiB chunks; 1,000,000 enterprises × 5 departments (5,000,000 rows,
 * about 240 MB of text) take about 1.1 s on the development machine when the frame is already
 * in USCC order (e.g. `ORDER BY uscc COLLATE "C"`), about 2 s when it must be sorted.
 *
 * @returns 64 lowercase hex digits
 * @throws RangeError on control characters in the seed or a code, or a frame whose p array
 *   does not match its dimensions
 */
export function frameDigest(frame: DrawFrame, options: FrameDigestOptions): string {
  const { usccs, departments, p } = frame;
  const N = usccs.length;
  const D = departments.length;
  if (p.length !== N * D) {
    throw new RangeError(`p holds ${p.length} values, expected ${N} × ${D} = ${N * D}`);
  }
  const algorithm = options.algorithmVersion ?? ALGORITHM_VERSION;
  checkText(algorithm, 'algorithm version');
  if (options.seed !== undefined) checkText(options.seed, 'seed');
  const taskShift = options.shift ?? 0;

  const deptOrder = Array.from(departments.keys()).sort((a, b) =>
    departments[a] < departments[b] ? -1 : departments[a] > departments[b] ? 1 : 0,
  );
  const deptBytes = departments.map((code) => {
    checkText(code, 'department code');
    return Buffer.from(`\t${code}\t`, 'utf8');
  });

  const w = new HashWriter(createHash('sha256'));
  w.text(`algorithm\t${algorithm}\n`);
  if (options.seed !== undefined) w.text(`seed\t${options.seed}\n`);
  for (const d of deptOrder) {
    const code = departments[d];
    const mode = options.modes[code];
    if (!mode) throw new RangeError(`no draw mode for department ${code}`);
    w.text(
      mode.kind === 'fixed' ? `mode\t${code}\tfixed\t${mode.n}\t` : `mode\t${code}\tpoisson\t-\t`,
    );
    w.double(mode.shift ?? taskShift);
    w.byte(LF);
  }

  const order = orderByString(usccs);
  // "row<TAB><uscc>" is encoded once per enterprise and repeated for each department.
  const prefix = new Uint8Array(ROW.length + 3 * MAX_CODE_BYTES);
  prefix.set(ROW);
  const infixes = deptOrder.map((d) => new Uint8Array(deptBytes[d]));
  const columns = Int32Array.from(deptOrder);
  for (let r = 0; r < N; r++) {
    const i = order[r];
    const uscc = usccs[i];
    checkText(uscc, 'uscc');
    const length = ROW.length + encodeUtf8(uscc, prefix, ROW.length);
    w.rows(prefix, length, infixes, p, i * D, columns);
  }
  return w.digest();
}

/**
 * A digest of a draw's outcome: SHA-256 over `algorithm <TAB> version`, `seed <TAB> seed`,
 * then one line `sample <TAB> <department> <TAB> <uscc>` per selected (department, enterprise),
 * by department code then USCC. Two draws agree iff their result digests agree, so
 * verification can compare against a stored digest without storing every sample twice.
 *
 * @returns 64 lowercase hex digits
 */
export function resultDigest(frame: DrawFrame, result: CoordinatedDrawResult): string {
  const { usccs, departments } = frame;
  const N = usccs.length;
  // Only selected enterprises appear, so order just those (a tenth of a frame, typically).
  // Taken from the samples themselves, not the visit set, so the digest covers exactly them.
  const inAny = new Uint8Array(N);
  for (const sample of result.samples) for (const i of sample.selected) inAny[i] = 1;
  const selected: number[] = [];
  for (let i = 0; i < N; i++) if (inAny[i]) selected.push(i);
  const order = Array.from(orderByString(selected.map((i) => usccs[i])), (k) => selected[k]);
  const w = new HashWriter(createHash('sha256'));
  w.text(`algorithm\t${result.algorithmVersion}\nseed\t${result.seed}\n`);
  const samples = [...result.samples].sort((a, b) =>
    a.department < b.department ? -1 : a.department > b.department ? 1 : 0,
  );
  const marked = new Uint8Array(N);
  for (const sample of samples) {
    if (!departments.includes(sample.department)) {
      throw new RangeError(`sample for ${sample.department}, which is not in the frame`);
    }
    marked.fill(0);
    for (const i of sample.selected) marked[i] = 1;
    const prefix = Buffer.from(`sample\t${sample.department}\t`, 'utf8');
    for (const i of order) {
      if (!marked[i]) continue;
      w.raw(prefix);
      w.text(usccs[i]);
      w.byte(LF);
    }
  }
  return w.digest();
}

/** Writes a string's UTF-8 bytes into `out` at `at`; returns the byte count. */
function encodeUtf8(s: string, out: Uint8Array, at: number): number {
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c > 0x7f) return Buffer.from(out.buffer, out.byteOffset, out.length).write(s, at, 'utf8');
    out[at + j] = c;
  }
  return s.length;
}

/** Rejects text that would make the serialisation ambiguous or overflow a chunk. */
function checkText(s: string, what: string): void {
  if (typeof s !== 'string') throw new RangeError(`${what} must be a string`);
  if (s.length > MAX_CODE_BYTES)
    throw new RangeError(`${what} is longer than ${MAX_CODE_BYTES} characters`);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      throw new RangeError(`${what} ${JSON.stringify(s)} contains a control character`);
    }
  }
}
