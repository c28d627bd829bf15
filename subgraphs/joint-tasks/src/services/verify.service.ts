import type { DataSource } from 'typeorm';
import { NotFoundError } from '../../../kit/src';
import { coordinatedDraw, type DrawFrame } from '../draw/coordinated';
import { frameDigest, resultDigest } from '../draw/digest';
import { Draw } from '../entities';

/** The outcome of re-running a stored draw. */
export interface VerificationResult {
  drawId: string;
  reproduces: boolean;
  frameDigestMatches: boolean;
  resultDigestMatches: boolean;
  visitsMatch: boolean;
  storedFrameDigest: string;
  recomputedFrameDigest: string;
  storedVisits: number;
  recomputedVisits: number;
  algorithmVersion: string;
  differences: string[];
}

/**
 * Re-runs a stored draw from its stored frame, seed, modes and algorithm version, and compares:
 * the frame digest (was any frame row changed?), the result digest, and the stored visits (is
 * every visit the one the algorithm gives, with the same departments?).
 */
export async function verifyDraw(db: DataSource, drawId: string): Promise<VerificationResult> {
  const draw = await db.getRepository(Draw).findOneBy({ id: drawId });
  if (!draw) throw new NotFoundError(`No draw ${drawId}`);
  const rows: { uscc: string; p: number[] }[] = await db.query('SELECT uscc, p FROM draw_frame WHERE draw_id = $1 ORDER BY uscc', [drawId]);
  const D = draw.departments.length;
  const p = new Float64Array(rows.length * D);
  rows.forEach((r, i) => r.p.forEach((v, d) => (p[i * D + d] = Number(v))));
  const frame: DrawFrame = { usccs: rows.map((r) => r.uscc), departments: draw.departments, p };
  const options = { seed: draw.seed, modes: draw.modes, shift: draw.startPoint, algorithmVersion: draw.algorithmVersion };
  const differences: string[] = [];

  const recomputedFrameDigest = frameDigest(frame, options);
  const frameDigestMatches = recomputedFrameDigest === draw.frameDigest.trim();
  if (!frameDigestMatches) differences.push('the stored frame rows do not hash to the frame digest recorded at draw time');

  const result = coordinatedDraw(frame, { seed: draw.seed, modes: draw.modes, shift: draw.startPoint });
  const resultDigestMatches = resultDigest(frame, result) === draw.resultDigest.trim();
  if (!resultDigestMatches) differences.push('re-running the algorithm gives a different sample than the one recorded');

  const expected = new Map<string, string>();
  const { enterprise, offsets, departments } = result.visits;
  for (let k = 0; k < result.visits.count; k++) {
    const depts: string[] = [];
    for (let j = offsets[k]; j < offsets[k + 1]; j++) depts.push(draw.departments[departments[j]]);
    expected.set(frame.usccs[enterprise[k]], depts.sort().join(','));
  }
  const stored: { uscc: string; departments: string[] }[] = await db.query('SELECT uscc, departments FROM visit WHERE draw_id = $1', [drawId]);
  let mismatched = 0;
  for (const v of stored) {
    if (expected.get(v.uscc) !== [...v.departments].sort().join(',')) mismatched++;
  }
  const visitsMatch = mismatched === 0 && stored.length === expected.size;
  if (!visitsMatch) differences.push(`${mismatched} stored visits differ from the re-run, ${stored.length} stored against ${expected.size} re-run`);

  return {
    drawId,
    reproduces: frameDigestMatches && resultDigestMatches && visitsMatch,
    frameDigestMatches,
    resultDigestMatches,
    visitsMatch,
    storedFrameDigest: draw.frameDigest.trim(),
    recomputedFrameDigest,
    storedVisits: stored.length,
    recomputedVisits: expected.size,
    algorithmVersion: draw.algorithmVersion,
    differences,
  };
}
