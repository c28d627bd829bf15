import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { DataSource, EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, NotFoundError, copyRows, type Caller } from '@jih/kit';
import { verifyBeacon, roundTime } from '../draw/beacon';
import { buildBundle, staffingVisits } from '../draw/bundle';
import { coordinatedDraw, type CoordinatedDrawResult, type DrawFrame } from '../draw/coordinated';
import { frameDigest, resultDigest } from '../draw/digest';
import { decodeFrame } from '../draw/frame-codec';
import { assignInspectors, type AssignmentResult, type TeamAssignment } from '../draw/inspectors';
import {
  deriveSeed,
  isGuessableSecret,
  matchWitnessSecrets,
  MIN_WITNESS_SECRET_LENGTH,
  modesOf,
  staffingContextOf,
} from '../draw/protocol';
import {
  CommitmentStatus,
  Draw,
  DrawBundleBlob,
  DrawCommitment,
  DrawCommitmentFrame,
  JointTask,
  TaskStatus,
  TeamStatus,
  VisitStatus,
  type DepartmentDrawStats,
  type StoredEntropy,
} from '../entities';
import { injectFault } from './faults';

/** Timing of each phase of a draw, for the logs and the benchmark. */
export interface DrawTimings {
  frameMs: number;
  computeMs: number;
  inspectorsMs: number;
  writeMs: number;
}

/** The entropy a planner reveals at the draw. */
export interface EntropyReveal {
  witnesses: { name: string; secret: string }[];
  beacon: { round: number; signature: string } | null;
}

/**
 * The draw of a committed joint task: checks the revealed entropy against the commitment (every
 * witness's secret hashes to their commitment; the beacon round is the committed one, already
 * emitted, and its BLS signature verifies against the committed chain key), derives the seed,
 * reads the frozen frame back (its digest must still match), draws the coordinated sample and
 * the inspector teams from the frozen inputs, and writes the draw, the visits, the teams and the
 * public bundle in one transaction.
 */
export async function drawJointTask(
  db: DataSource,
  taskId: string,
  reveal: EntropyReveal,
  caller: Caller,
): Promise<{ draw: Draw; timings: DrawTimings }> {
  const started = Date.now();
  const task = await db.getRepository(JointTask).findOneBy({ id: taskId });
  if (!task) throw new NotFoundError(`No joint task ${taskId}`);
  if (task.status === TaskStatus.DRAWN || (await db.getRepository(Draw).existsBy({ taskId }))) {
    throw new ConflictError(
      `Joint task ${taskId} has been drawn already; a draw is never re-run over an existing one`,
    );
  }
  const commitment = await db
    .getRepository(DrawCommitment)
    .findOneBy({ taskId, status: CommitmentStatus.PENDING });
  if (!commitment)
    throw new ConflictError(
      `Joint task ${taskId} has no pending draw commitment; commit the draw (commitDraw) before revealing entropy`,
    );
  const entropy = await checkEntropy(commitment, reveal);
  const seed = deriveSeed(commitment.digest, {
    witnessSecrets: entropy.witnesses.map((w) => w.secret),
    beaconRandomness: entropy.beacon?.randomness ?? null,
  });

  const stored = await db
    .getRepository(DrawCommitmentFrame)
    .findOneByOrFail({ commitmentId: commitment.id });
  const frame = decodeFrame(stored.data);
  const modes = modesOf(commitment.parameters);
  const shift = commitment.parameters.shift;
  if (
    frameDigest(frame, { modes, shift, algorithmVersion: commitment.algorithmVersion }) !==
    commitment.frameDigest
  ) {
    throw new Error(`the stored frame of commitment ${commitment.id} no longer matches its digest`);
  }
  const frameMs = Date.now() - started;

  const t1 = Date.now();
  const result = coordinatedDraw(frame, { seed, modes, shift });
  const rDigest = resultDigest(frame, result);
  const computeMs = Date.now() - t1;

  const t2 = Date.now();
  const staffing = assignInspectors(
    staffingContextOf(seed, commitment.teamInputs),
    staffingVisits(frame, result),
  );
  const inspectorsMs = Date.now() - t2;

  const t3 = Date.now();
  const drawId = randomUUID();
  const drawnAt = new Date();
  const bundle = gzipSync(
    JSON.stringify(
      buildBundle({
        drawId,
        drawnAt: drawnAt.toISOString(),
        parameters: commitment.parameters,
        commitment: {
          id: commitment.id,
          digest: commitment.digest,
          committedAt: commitment.committedAt.toISOString(),
          parametersDigest: commitment.parametersDigest,
          frameDigest: commitment.frameDigest,
          teamInputsDigest: commitment.teamInputsDigest,
          witnesses: commitment.witnesses,
          beacon: commitment.beacon,
        },
        entropy,
        seed,
        frame,
        teamInputs: commitment.teamInputs,
        result,
        teams: staffing.teams,
      }),
    ),
  );
  const draw = await db.transaction(async (tx) => {
    // The lock serialises concurrent draws of one task; the unique index on draw.task_id backs it.
    const locked = await tx.findOne(JointTask, {
      where: { id: taskId },
      lock: { mode: 'pessimistic_write' },
    });
    const pending = await tx.findOne(DrawCommitment, {
      where: { id: commitment.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (
      !locked ||
      locked.status === TaskStatus.DRAWN ||
      pending?.status !== CommitmentStatus.PENDING
    ) {
      throw new ConflictError(
        `Joint task ${taskId} has been drawn already, or its commitment was cancelled meanwhile`,
      );
    }
    const saved = await tx.save(
      tx.create(Draw, {
        id: drawId,
        taskId,
        commitmentId: commitment.id,
        seed,
        algorithmVersion: commitment.algorithmVersion,
        departments: frame.departments as string[],
        startPoint: shift,
        modes: modes as Draw['modes'],
        frameDigest: commitment.frameDigest,
        resultDigest: rDigest,
        frameSize: frame.usccs.length,
        expectedVisits: result.statistics.expectedVisits,
        independentVisits: result.statistics.independentExpectedVisits,
        separateVisits: result.samples.reduce((sum, s) => sum + s.expected, 0),
        realisedVisits: result.visits.count,
        understaffedTeams: staffing.understaffed,
        departmentStats: departmentStats(result, staffing),
        notes: [...result.statistics.notes, ...commitment.notes],
        durationMs: 0,
        drawnBy: caller.sub,
        drawnAt,
      }),
    );
    injectFault('draw:after-frame');
    await writeVisits(
      tx,
      task,
      drawId,
      commitment,
      frame,
      result,
      realTeams(staffing.teams, commitment.inspectorPseudonyms),
    );
    injectFault('draw:after-visits');
    await tx.insert(DrawBundleBlob, { drawId, gzip: bundle });
    await tx.update(
      DrawCommitment,
      { id: commitment.id },
      { status: CommitmentStatus.DRAWN, drawId, drawnAt, seed, entropy },
    );
    await tx.update(JointTask, { id: taskId }, { status: TaskStatus.DRAWN });
    saved.durationMs = Date.now() - started;
    await tx.update(Draw, { id: drawId }, { durationMs: saved.durationMs });
    return saved;
  });
  return { draw, timings: { frameMs, computeMs, inspectorsMs, writeMs: Date.now() - t3 } };
}

/**
 * Checks a reveal against the commitment: BAD_USER_INPUT naming every witness whose secret is
 * missing or wrong, a beacon round other than the committed one or not yet emitted, or a
 * signature that does not verify against the committed chain key.
 */
async function checkEntropy(
  commitment: DrawCommitment,
  reveal: EntropyReveal,
): Promise<StoredEntropy> {
  // Secrets revealed earlier through revealWitnessSecret count; a secret given here again is ignored.
  const revealed = new Set(commitment.witnessReveals.map((r) => r.name));
  const given = (reveal.witnesses ?? []).filter((w) => !revealed.has(w.name));
  const { secrets, problems } = matchWitnessSecrets(commitment.witnesses, [
    ...commitment.witnessReveals,
    ...given,
  ]);
  for (const w of given) {
    if (isGuessableSecret(w.secret)) {
      problems.push(
        `the secret of witness "${w.name}" has fewer than ${MIN_WITNESS_SECRET_LENGTH} characters: it could have been guessed from its hash`,
      );
    }
  }
  let beacon: StoredEntropy['beacon'] = null;
  const plan = commitment.beacon;
  if (!plan && reveal.beacon) problems.push('beacon: this commitment planned no beacon round');
  if (plan && !reveal.beacon)
    problems.push(`beacon: round ${plan.round} of ${plan.chain.name} is required`);
  if (plan && reveal.beacon) {
    const at = roundTime(plan.chain, plan.round);
    if (reveal.beacon.round !== plan.round)
      problems.push(
        `beacon.round: the commitment waits for round ${plan.round}, not ${reveal.beacon.round}`,
      );
    else if (Date.now() < at)
      problems.push(
        `beacon.round: round ${plan.round} is not emitted until ${new Date(at).toISOString()}`,
      );
    else {
      const verdict = await verifyBeacon(plan.chain, {
        round: reveal.beacon.round,
        signature: reveal.beacon.signature,
      });
      if (!verdict.ok) problems.push(`beacon.signature: ${verdict.reason}`);
      else
        beacon = {
          round: plan.round,
          signature: reveal.beacon.signature.toLowerCase(),
          randomness: verdict.randomness,
        };
    }
  }
  if (problems.length)
    throw new BadUserInputError(
      `The revealed entropy does not match commitment ${commitment.id}: ${problems.join('; ')}`,
      { problems },
    );
  return {
    witnesses: commitment.witnesses.map((w, k) => ({ name: w.name, secret: secrets[k] })),
    beacon,
  };
}

/** Per-department statistics of a draw. */
function departmentStats(
  result: CoordinatedDrawResult,
  staffing: AssignmentResult,
): DepartmentDrawStats[] {
  const understaffedByDept = new Map<string, number>();
  for (const t of staffing.teams)
    if (t.status === 'UNDERSTAFFED')
      understaffedByDept.set(t.department, (understaffedByDept.get(t.department) ?? 0) + 1);
  return result.samples.map((s) => ({
    department: s.department,
    mode: s.mode.kind,
    sampleSize: s.mode.kind === 'fixed' ? s.mode.n : null,
    eligible: s.eligible,
    expected: s.expected,
    realised: s.realised,
    shortfall: s.shortfall,
    understaffedTeams: understaffedByDept.get(s.department) ?? 0,
  }));
}

/** Teams with the real inspector ids behind the commitment's pseudonyms. */
function realTeams(
  teams: readonly TeamAssignment[],
  pseudonyms: Record<string, string>,
): TeamAssignment[] {
  const real = (p: string) => pseudonyms[p] ?? p;
  return teams.map((t) => ({ ...t, inspectorIds: t.inspectorIds.map(real) }));
}

/** Stores the visits and their teams. */
async function writeVisits(
  tx: EntityManager,
  task: JointTask,
  drawId: string,
  commitment: DrawCommitment,
  frame: DrawFrame,
  result: CoordinatedDrawResult,
  teams: TeamAssignment[],
): Promise<void> {
  const itemsOf = new Map(commitment.parameters.departments.map((d) => [d.code, d.checkItems]));
  const { enterprise, offsets, departments: cols } = result.visits;
  // The inspector draw labels visits by USCC; stored visits get ids of their own.
  const visitIds = Array.from({ length: result.visits.count }, () => randomUUID());
  const idOf = new Map<string, string>();
  for (let k = 0; k < visitIds.length; k++) idOf.set(frame.usccs[enterprise[k]], visitIds[k]);
  const understaffedVisits = new Set(
    teams.filter((t) => t.status === 'UNDERSTAFFED').map((t) => idOf.get(t.visitId)),
  );
  const pgArray = (xs: readonly string[]) => `{${xs.map((x) => `"${x}"`).join(',')}}`;
  await copyRows(
    tx,
    'visit',
    ['id', 'task_id', 'draw_id', 'uscc', 'departments', 'check_items', 'status'],
    (function* () {
      for (let k = 0; k < visitIds.length; k++) {
        const depts: string[] = [];
        for (let j = offsets[k]; j < offsets[k + 1]; j++) depts.push(frame.departments[cols[j]]);
        yield [
          visitIds[k],
          task.id,
          drawId,
          frame.usccs[enterprise[k]],
          pgArray(depts),
          pgArray(depts.flatMap((d) => itemsOf.get(d) ?? [])),
          understaffedVisits.has(visitIds[k]) ? VisitStatus.UNDERSTAFFED : VisitStatus.PLANNED,
        ];
      }
    })(),
  );
  await copyRows(
    tx,
    'visit_team',
    ['visit_id', 'department_code', 'status', 'inspector_ids', 'reason', 'uncovered_expertise'],
    (function* () {
      for (const t of teams) {
        yield [
          idOf.get(t.visitId),
          t.department,
          t.status === 'STAFFED' ? TeamStatus.STAFFED : TeamStatus.UNDERSTAFFED,
          pgArray(t.inspectorIds),
          t.reason?.slice(0, 1000) ?? null,
          pgArray(t.uncoveredExpertise),
        ];
      }
    })(),
  );
}
