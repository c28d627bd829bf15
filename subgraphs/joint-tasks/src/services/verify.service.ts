import { gunzipSync } from 'node:zlib';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '@jih/kit';
import { QUICKNET } from '../draw/beacon';
import { staffingVisits, verifyBundle, type BundleCheck, type DrawBundle } from '../draw/bundle';
import { coordinatedDraw, type DrawFrame } from '../draw/coordinated';
import { frameDigest, resultDigest } from '../draw/digest';
import { Draw, DrawBundleBlob } from '../entities';
import { configuredBeaconChain } from './beacon.config';

/** The outcome of verifying a stored draw. */
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
  /** Every check made, in order (the bundle verifier's, then the stored visits). */
  checks: BundleCheck[];
  /** When the verification was computed (ISO 8601). */
  verifiedAt: string;
}

/**
 * The verification of a draw, computed once and then served from storage: anyone may read it,
 * and only `recompute` (supervisors and admins) runs it again. Computing it runs the offline
 * verifier over the draw's public bundle (every digest, the entropy, the seed, the sample and
 * the teams) and compares the stored visits with the bundle's; a draw from before the
 * commit–reveal protocol is re-run from its stored frame rows. An advisory lock per draw keeps
 * concurrent first callers from computing it twice.
 */
export async function verifyDraw(
  db: DataSource,
  drawId: string,
  options: { recompute?: boolean } = {},
): Promise<VerificationResult> {
  const stored = await db.getRepository(Draw).findOneBy({ id: drawId });
  if (!stored) throw new NotFoundError(`No draw ${drawId}`);
  if (stored.verification && !options.recompute)
    return stored.verification as unknown as VerificationResult;
  return db.transaction(async (tx) => {
    // Never wait for another caller's verification (each waiter would hold a pooled connection):
    // whoever does not get the lock is told to come back.
    const [{ locked }] = await tx.query(
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
      [`verify-draw:${drawId}`],
    );
    if (!locked) {
      throw new ConflictError(
        `Draw ${drawId} is being verified right now; ask again in a few seconds`,
        {
          retryable: true,
        },
      );
    }
    const draw = await tx.findOneByOrFail(Draw, { id: drawId });
    if (draw.verification && !options.recompute)
      return draw.verification as unknown as VerificationResult;
    const result = draw.commitmentId
      ? await verifyFromBundle(tx, draw)
      : await verifyLegacy(tx, draw);
    await tx.query('UPDATE draw SET verification = $2 WHERE id = $1', [
      drawId,
      JSON.stringify(result),
    ]);
    return result;
  });
}

/** Reads a draw's public bundle. */
async function loadBundle(
  db: DataSource | EntityManager,
  drawId: string,
): Promise<DrawBundle | null> {
  const blob = await db.getRepository(DrawBundleBlob).findOneBy({ drawId });
  return blob ? (JSON.parse(gunzipSync(blob.gzip).toString('utf8')) as DrawBundle) : null;
}

/** Verifies a commit–reveal draw from its bundle, and the stored visits against the bundle's. */
async function verifyFromBundle(tx: EntityManager, draw: Draw): Promise<VerificationResult> {
  const bundle = await loadBundle(tx, draw.id);
  if (!bundle) throw new NotFoundError(`Draw ${draw.id} has no bundle`);
  // The chains the operator configured and the League of Entropy's quicknet: a bundle vouched for by
  // any other key does not verify, whatever it says of itself.
  const verdict = await verifyBundle(bundle, {
    trustedChains: [QUICKNET, configuredBeaconChain()],
  });
  const checks = [...verdict.checks];
  const visits = await compareStoredVisits(
    tx,
    draw.id,
    new Map(bundle.visits.map((v) => [v.uscc, v.departments])),
  );
  const visitsMatch = visits.match;
  checks.push({
    name: 'stored visits',
    ok: visitsMatch,
    detail: `${visits.stored} stored visits, ${bundle.visits.length} in the bundle, ${visits.mismatched} differ`,
  });
  const passed = (name: string) => verdict.checks.some((c) => c.name === name && c.ok);
  return {
    drawId: draw.id,
    reproduces: verdict.ok && visitsMatch,
    frameDigestMatches: passed('frame digest'),
    resultDigestMatches: passed('sample'),
    visitsMatch: visitsMatch && passed('visits and teams'),
    storedFrameDigest: draw.frameDigest.trim(),
    recomputedFrameDigest: verdict.recomputedFrameDigest ?? '',
    storedVisits: visits.stored,
    recomputedVisits: verdict.recomputedVisits ?? 0,
    algorithmVersion: draw.algorithmVersion,
    differences: checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`),
    checks,
    verifiedAt: new Date().toISOString(),
  };
}

/**
 * Re-runs a version 1 draw (seed set at task creation) from its stored frame rows and compares
 * the frame digest, the result digest and the stored visits.
 */
async function verifyLegacy(tx: EntityManager, draw: Draw): Promise<VerificationResult> {
  const rows: { uscc: string; p: number[] }[] = await tx.query(
    'SELECT uscc, p FROM draw_frame WHERE draw_id = $1 ORDER BY uscc',
    [draw.id],
  );
  const D = draw.departments.length;
  const p = new Float64Array(rows.length * D);
  rows.forEach((r, i) => r.p.forEach((v, d) => (p[i * D + d] = Number(v))));
  const frame: DrawFrame = { usccs: rows.map((r) => r.uscc), departments: draw.departments, p };
  const differences: string[] = [];

  const recomputedFrameDigest = frameDigest(frame, {
    seed: draw.seed,
    modes: draw.modes,
    shift: draw.startPoint,
    algorithmVersion: draw.algorithmVersion,
  });
  const frameDigestMatches = recomputedFrameDigest === draw.frameDigest.trim();
  if (!frameDigestMatches)
    differences.push('the stored frame rows do not hash to the frame digest recorded at draw time');

  const result = coordinatedDraw(frame, {
    seed: draw.seed,
    modes: draw.modes,
    shift: draw.startPoint,
  });
  const resultDigestMatches = resultDigest(frame, result) === draw.resultDigest.trim();
  if (!resultDigestMatches)
    differences.push('re-running the algorithm gives a different sample than the one recorded');

  const expected = new Map(staffingVisits(frame, result).map((v) => [v.uscc, v.departments]));
  const {
    stored,
    mismatched,
    match: visitsMatch,
  } = await compareStoredVisits(tx, draw.id, expected);
  if (!visitsMatch)
    differences.push(
      `${mismatched} stored visits differ from the re-run, ${stored} stored against ${expected.size} re-run`,
    );

  return {
    drawId: draw.id,
    reproduces: frameDigestMatches && resultDigestMatches && visitsMatch,
    frameDigestMatches,
    resultDigestMatches,
    visitsMatch,
    storedFrameDigest: draw.frameDigest.trim(),
    recomputedFrameDigest,
    storedVisits: stored,
    recomputedVisits: expected.size,
    algorithmVersion: draw.algorithmVersion,
    differences,
    checks: [
      {
        name: 'frame digest',
        ok: frameDigestMatches,
        detail: `recomputed ${recomputedFrameDigest}`,
      },
      {
        name: 'sample',
        ok: resultDigestMatches,
        detail: 'the re-run sample against the recorded result digest',
      },
      {
        name: 'stored visits',
        ok: visitsMatch,
        detail: `${stored} stored, ${expected.size} re-run, ${mismatched} differ`,
      },
    ],
    verifiedAt: new Date().toISOString(),
  };
}

/** The draw's stored visits against the expected ones (USCC → departments, in any order). */
async function compareStoredVisits(
  tx: EntityManager,
  drawId: string,
  expected: ReadonlyMap<string, readonly string[]>,
): Promise<{ stored: number; mismatched: number; match: boolean }> {
  const key = (departments: readonly string[]) => [...departments].sort().join(',');
  const rows: { uscc: string; departments: string[] }[] = await tx.query(
    'SELECT uscc, departments FROM visit WHERE draw_id = $1',
    [drawId],
  );
  const mismatched = rows.filter((v) => {
    const want = expected.get(v.uscc);
    return !want || key(want) !== key(v.departments);
  }).length;
  return {
    stored: rows.length,
    mismatched,
    match: mismatched === 0 && rows.length === expected.size,
  };
}
