/**
 * A frozen frame as one compressed object: a draw commitment stores its frame this way instead
 * of one table row per enterprise, so a year of draws over millions of enterprises does not
 * multiply the database's size, and reading a frame back is one row.
 *
 * Layout before gzip: `jih-frame/1 <N> <D> <department codes joined by ",">\n`, then N rows of
 * the 18-byte USCC followed by D big-endian IEEE 754 doubles (p for each department). p values
 * repeat a handful of ratios, so gzip shrinks a frame to a fraction of its raw size.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DrawFrame } from './coordinated';

const MAGIC = 'jih-frame/1';
const USCC_BYTES = 18;

/** Encodes and compresses a frame (codes must be 18 ASCII characters, as USCCs are). */
export function encodeFrame(frame: DrawFrame): Buffer {
  const N = frame.usccs.length;
  const D = frame.departments.length;
  const header = Buffer.from(`${MAGIC} ${N} ${D} ${frame.departments.join(',')}\n`, 'ascii');
  const row = USCC_BYTES + 8 * D;
  const body = Buffer.allocUnsafe(N * row);
  for (let i = 0; i < N; i++) {
    const at = i * row;
    if (
      body.write(frame.usccs[i], at, USCC_BYTES, 'ascii') !== USCC_BYTES ||
      frame.usccs[i].length !== USCC_BYTES
    ) {
      throw new RangeError(
        `frame code ${JSON.stringify(frame.usccs[i])} is not an 18-character USCC`,
      );
    }
    for (let d = 0; d < D; d++) body.writeDoubleBE(frame.p[i * D + d], at + USCC_BYTES + 8 * d);
  }
  return gzipSync(Buffer.concat([header, body]), { level: 6 });
}

/** Decompresses and decodes a frame written by {@link encodeFrame}. */
export function decodeFrame(data: Buffer): DrawFrame {
  const raw = gunzipSync(data);
  const newline = raw.indexOf(0x0a);
  const [magic, n, d, codes] = raw.subarray(0, newline).toString('ascii').split(' ');
  if (magic !== MAGIC) throw new RangeError(`not a stored frame (${magic})`);
  const N = Number(n);
  const D = Number(d);
  const departments = codes ? codes.split(',') : [];
  const row = USCC_BYTES + 8 * D;
  if (departments.length !== D || raw.length !== newline + 1 + N * row)
    throw new RangeError('stored frame is truncated or malformed');
  const usccs: string[] = new Array(N);
  const p = new Float64Array(N * D);
  for (let i = 0, at = newline + 1; i < N; i++, at += row) {
    usccs[i] = raw.toString('ascii', at, at + USCC_BYTES);
    for (let k = 0; k < D; k++) p[i * D + k] = raw.readDoubleBE(at + USCC_BYTES + 8 * k);
  }
  return { usccs, departments, p };
}
