import type { DataSource, EntityManager } from 'typeorm';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  decodeCursor,
  toPage,
  type CallOrigin,
  type Caller,
  type FrameHeader,
  type PageInfo,
} from '@jih/kit';
import { firstRoundAfter, roundTime, type BeaconChain } from '../draw/beacon';
import { frameDigest } from '../draw/digest';
import { encodeFrame } from '../draw/frame-codec';
import {
  canonicalDigest,
  commitmentDigest,
  modesOf,
  hasControlCharacter,
  isGuessableSecret,
  MIN_WITNESS_SECRET_LENGTH,
  witnessCommitmentOf,
  type DrawParameters,
} from '../draw/protocol';
import { ALGORITHM_VERSION } from '../draw/version';
import {
  CommitmentStatus,
  Draw,
  DrawCommitment,
  DrawCommitmentFrame,
  JointTask,
  PoolMode,
  TaskDepartment,
  TaskStatus,
} from '../entities';
import { configuredBeaconChain } from './beacon.config';
import {
  buildFrame,
  historyReachDays,
  loadCheckHistory,
  windowGap,
  windowsOverlap,
} from './frame.service';
import type { PageRequest } from './paging';
import { fetchFrame } from './registry.client';
import { chinaDate } from './result-deadline.service';
import { liveStaffingContext, pseudonymiseStaffing } from './staffing.service';

/** What a planner commits to, besides the task itself. */
export interface CommitRequest {
  /** Witnesses and the SHA-256 of their secrets: none, or at least two. */
  witnesses: { name: string; role: string; commitment: string }[];
  /** Wait for a drand round: an explicit one, or the first at least `delaySeconds` after the commit. */
  beacon: { round?: number | null; delaySeconds?: number | null } | null;
  /** Admins only: why a window wholly in the past is drawn (backfill). */
  backfillReason?: string | null;
}

/** Default wait between the commit and the beacon round, in seconds. */
const DEFAULT_BEACON_DELAY_SECONDS = 30;
/** The latest a beacon round may come after the commit: a commitment cannot block others for long. */
const MAX_BEACON_DELAY_SECONDS = 7 * 86_400;

/**
 * The least time between the commit and its beacon round (`DRAW_MIN_BEACON_DELAY_SECONDS`, default
 * 30 s): the commit must be stored and visible in the public log before the round exists, even when
 * a large frame takes seconds to freeze or the server's clock is a little off.
 */
function minBeaconDelaySeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DRAW_MIN_BEACON_DELAY_SECONDS;
  const n = raw === undefined || raw === '' ? 30 : Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 3600 ? n : 30;
}

/** Whether entropy of a commitment exists already: a witness revealed, or the beacon round was emitted. */
export function entropyExists(c: DrawCommitment, at = Date.now()): boolean {
  return (
    (c.witnessReveals?.length ?? 0) > 0 ||
    (!!c.beacon && at >= roundTime(c.beacon.chain, c.beacon.round))
  );
}

/** Serialises commitments: each checks the others' pending commitments and reads history. */
const COMMIT_LOCK = 0x6a69685f636d74; // "jih_cmt"

/**
 * Commits a task's draw (抽取承诺): checks the request, then, under a lock that serialises
 * commitments, refuses while another task's commitment that shares a department and lies within
 * reach of its history rules is pending (its visits do not exist yet, so this frame could not
 * count them), computes the frame with every rule (history before and after this window),
 * freezes the parameters and the pseudonymised inputs of the inspector draw, and stores the
 * commitment with its digests and entropy plan. No seed exists until the draw.
 */
export async function commitDraw(
  db: DataSource,
  taskId: string,
  request: CommitRequest,
  caller: Caller,
  origin: CallOrigin,
): Promise<DrawCommitment> {
  const chain = request.beacon ? configuredBeaconChain() : null;
  const problems = commitRequestProblems(request, chain);
  if (problems.length)
    throw new BadUserInputError(`Invalid commitment: ${problems.join('; ')}`, { problems });

  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [COMMIT_LOCK]);
    const task = await tx.findOne(JointTask, {
      where: { id: taskId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!task) throw new NotFoundError(`No joint task ${taskId}`);
    await requireCommittable(tx, task);
    const backfillReason = requireWindowNotPast(task, request, caller);
    const departments = await tx.find(TaskDepartment, {
      where: { taskId },
      order: { departmentCode: 'ASC' },
    });
    if (!departments.some((d) => d.departmentCode === task.leadDepartmentCode)) {
      throw new BadUserInputError(
        `The lead department ${task.leadDepartmentCode} must be among the task's participating departments`,
      );
    }

    const registry = await fetchFrame(
      {
        departments: departments.map((d) => d.departmentCode),
        checkItems: [...new Set(departments.flatMap((d) => d.checkItems))],
        scope: task.scope,
      },
      origin,
    );
    await refuseOverlappingPending(tx, task, departments, registry.header.policies);
    const history = await loadCheckHistory(tx, task, departments, registry.header.policies);
    const { frame, exclusions } = buildFrame(task, departments, registry, history);
    const staffing = await liveStaffingContext(
      tx,
      task,
      departments,
      registry.header,
      '',
      new Set(frame.usccs),
    );
    const { inputs: teamInputs, pseudonyms } = pseudonymiseStaffing(staffing);

    const parameters = parametersOf(task, departments, backfillReason);
    const committedAt = new Date();
    const beacon = chain
      ? { chain, round: beaconRound(chain, committedAt, request.beacon!) }
      : null;
    const content = {
      taskId,
      algorithmVersion: ALGORITHM_VERSION,
      parametersDigest: canonicalDigest(parameters),
      frameDigest: frameDigest(frame, { modes: modesOf(parameters), shift: parameters.shift }),
      teamInputsDigest: canonicalDigest(teamInputs),
      committedAt: committedAt.toISOString(),
      witnesses: request.witnesses,
      beacon: beacon && {
        chainHash: beacon.chain.chainHash,
        publicKey: beacon.chain.publicKey,
        round: beacon.round,
      },
    };
    const commitment = await tx.save(
      tx.create(DrawCommitment, {
        taskId,
        title: task.title,
        leadDepartment: task.leadDepartmentCode,
        departments: frame.departments as string[],
        status: CommitmentStatus.PENDING,
        algorithmVersion: ALGORITHM_VERSION,
        digest: commitmentDigest(content),
        parametersDigest: content.parametersDigest,
        frameDigest: content.frameDigest,
        teamInputsDigest: content.teamInputsDigest,
        frameSize: frame.usccs.length,
        committedAt,
        committedBy: caller.sub,
        witnesses: request.witnesses,
        beacon,
        backfillReason,
        parameters,
        teamInputs,
        inspectorPseudonyms: pseudonyms,
        notes: Object.entries(exclusions).map(
          ([d, x]) =>
            `${d}: excluded ${x.notSupervised} not supervised, ${x.listed} listed, ${x.interval} within the minimum interval, ${x.exclusionYears} within the exclusion years, ${x.yearlyCap} at the yearly cap`,
        ),
      }),
    );
    await tx.insert(DrawCommitmentFrame, { commitmentId: commitment.id, data: encodeFrame(frame) });
    await tx.update(JointTask, { id: taskId }, { status: TaskStatus.COMMITTED });
    return commitment;
  });
}

/**
 * Cancels a pending commitment with a public reason: it stays in the public draw log, and the
 * task may be committed again (a re-roll is visible to all as a cancelled commitment beside the new one).
 */
export async function cancelCommitment(
  db: DataSource,
  commitmentId: string,
  reason: string,
  caller: Caller,
): Promise<DrawCommitment> {
  const why = reason.trim();
  if (why.length < 5 || why.length > 1000)
    throw new BadUserInputError('reason: say why in 5 to 1,000 characters; it is published', {
      argument: 'reason',
    });
  return db.transaction(async (tx) => {
    const commitment = await tx.findOne(DrawCommitment, {
      where: { id: commitmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!commitment) throw new NotFoundError(`No draw commitment ${commitmentId}`);
    if (commitment.status !== CommitmentStatus.PENDING)
      throw new ConflictError(
        `Draw commitment ${commitmentId} is ${commitment.status}; only a pending one can be cancelled`,
      );
    // Once entropy exists the outcome can be computed: cancelling then would be a re-roll by the
    // last mover. Only an admin may, and the log shows it happened after the entropy existed.
    if (entropyExists(commitment) && !caller.roles.includes('admin')) {
      throw new ConflictError(
        `Draw commitment ${commitmentId} can no longer be cancelled by a planner: its entropy exists (a witness revealed, or the beacon round was emitted), so the outcome is known; draw it, or ask an admin, whose cancellation the public log marks`,
      );
    }
    commitment.status = CommitmentStatus.CANCELLED;
    commitment.cancelledAt = new Date();
    commitment.cancelledBy = caller.sub;
    commitment.cancelReason = why;
    await tx.save(commitment);
    await tx.update(JointTask, { id: commitment.taskId }, { status: TaskStatus.PLANNED });
    return commitment;
  });
}

/**
 * A witness reveals their secret (揭示), with no token: the secret itself proves who may reveal it.
 * It must hash to the witness's commitment and be at least 16 characters long; it is stored in the
 * public log at once, so from then on the outcome is computable by anyone and the commitment can no
 * longer be cancelled by a planner. Revealing the same secret again changes nothing.
 */
export async function revealWitnessSecret(
  db: DataSource,
  commitmentId: string,
  name: string,
  secret: string,
): Promise<DrawCommitment> {
  return db.transaction(async (tx) => {
    const commitment = await tx.findOne(DrawCommitment, {
      where: { id: commitmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!commitment) throw new NotFoundError(`No draw commitment ${commitmentId}`);
    if (commitment.status !== CommitmentStatus.PENDING) {
      throw new ConflictError(
        `Draw commitment ${commitmentId} is ${commitment.status}; secrets are revealed while it is pending`,
      );
    }
    const witness = commitment.witnesses.find((w) => w.name === name);
    if (!witness)
      throw new BadUserInputError(
        `"${name.slice(0, 100)}" is not a witness of draw commitment ${commitmentId}`,
        { argument: 'name' },
      );
    if (witnessCommitmentOf(secret) !== witness.commitment) {
      throw new BadUserInputError(
        `The secret revealed for witness "${name}" does not hash to their commitment`,
        { argument: 'secret' },
      );
    }
    const earlier = commitment.witnessReveals.find((r) => r.name === name);
    if (earlier) return commitment;
    if (isGuessableSecret(secret)) {
      throw new BadUserInputError(
        `The secret of witness "${name}" has fewer than ${MIN_WITNESS_SECRET_LENGTH} characters: anyone could have guessed it from its hash, so it cannot seed a draw; cancel this commitment and commit again with a stronger secret`,
        { argument: 'secret' },
      );
    }
    commitment.witnessReveals = [...commitment.witnessReveals, { name, secret }];
    await tx.query('UPDATE draw_commitment SET witness_reveals = $2 WHERE id = $1', [
      commitmentId,
      JSON.stringify(commitment.witnessReveals),
    ]);
    return commitment;
  });
}

/** Everything wrong with a commitment request, as field-named problems. */
function commitRequestProblems(request: CommitRequest, chain: BeaconChain | null): string[] {
  const problems: string[] = [];
  const witnesses = request.witnesses ?? [];
  if (!request.beacon && witnesses.length < 2)
    problems.push('entropy: name at least two witnesses, or a drand beacon round, or both');
  if (witnesses.length === 1)
    problems.push('witnesses: one witness alone controls the seed; name at least two');
  const names = new Set<string>();
  witnesses.forEach((w, k) => {
    const at = `witnesses[${k}]`;
    if (!w.name?.trim() || w.name.length > 100 || hasControlCharacter(w.name))
      problems.push(`${at}.name: 1 to 100 characters, no control characters`);
    if (!w.role?.trim() || w.role.length > 100 || hasControlCharacter(w.role))
      problems.push(`${at}.role: 1 to 100 characters, no control characters`);
    if (names.has(w.name)) problems.push(`${at}.name: "${w.name.slice(0, 100)}" appears twice`);
    names.add(w.name);
    if (!/^[0-9a-f]{64}$/.test(w.commitment ?? ''))
      problems.push(`${at}.commitment: SHA-256 of the witness's secret as 64 lowercase hex digits`);
  });
  if (new Set(witnesses.map((w) => w.commitment)).size < witnesses.length)
    problems.push('witnesses: two witnesses handed over the same commitment');
  const b = request.beacon;
  if (b) {
    if (!chain) problems.push('beacon: no drand chain is configured');
    if (b.round != null && b.delaySeconds != null)
      problems.push('beacon: give a round or a delay, not both');
    if (b.round != null && !(Number.isSafeInteger(b.round) && b.round > 0))
      problems.push(`beacon.round: a positive round number, got ${b.round}`);
    if (
      b.delaySeconds != null &&
      !(Number.isInteger(b.delaySeconds) && b.delaySeconds >= 0 && b.delaySeconds <= 86_400)
    )
      problems.push('beacon.delaySeconds: 0 to 86,400');
  }
  if (
    request.backfillReason != null &&
    (request.backfillReason.trim().length < 5 || request.backfillReason.length > 1000)
  ) {
    problems.push('backfillReason: say why in 5 to 1,000 characters; it is published');
  }
  return problems;
}

/** The task's parameters as frozen in the commitment. */
function parametersOf(
  task: JointTask,
  departments: TaskDepartment[],
  backfillReason: string | null,
): DrawParameters {
  return {
    taskId: task.id,
    title: task.title,
    leadDepartment: task.leadDepartmentCode,
    windowStart: task.windowStart,
    windowEnd: task.windowEnd,
    scope: task.scope as Record<string, unknown>,
    departments: departments.map((d) => ({
      code: d.departmentCode,
      checkItems: [...d.checkItems].sort(),
      ratio: d.ratio,
      sampleSize: d.sampleSize,
      riskWeighted: d.riskWeighted,
      pool: d.poolMode === PoolMode.SUB_POOL ? 'SUB_POOL' : 'WHOLE',
    })),
    shift: task.startPoint,
    minPerTeam: task.minPerTeam,
    capacityPerDay: task.capacityPerDay,
    backfillReason,
  };
}

/** The beacon round: the explicit one (emitted strictly after the commit) or the first after the delay. */
function beaconRound(
  chain: BeaconChain,
  committedAt: Date,
  plan: NonNullable<CommitRequest['beacon']>,
): number {
  const min = minBeaconDelaySeconds();
  if (plan.round != null) {
    const at = roundTime(chain, plan.round);
    if (at < committedAt.getTime() + 1000 * min || at <= committedAt.getTime()) {
      throw new BadUserInputError(
        `beacon.round: round ${plan.round} of ${chain.name} is emitted at ${new Date(at).toISOString()}, not at least ${min} s after the commit time ${committedAt.toISOString()}`,
        { argument: 'beacon.round' },
      );
    }
    if (at > committedAt.getTime() + 1000 * MAX_BEACON_DELAY_SECONDS) {
      throw new BadUserInputError(
        `beacon.round: round ${plan.round} of ${chain.name} is emitted at ${new Date(at).toISOString()}, more than 7 days after the commit`,
        { argument: 'beacon.round' },
      );
    }
    return plan.round;
  }
  const delay = Math.max(min, plan.delaySeconds ?? DEFAULT_BEACON_DELAY_SECONDS);
  return firstRoundAfter(chain, committedAt.getTime() + 1000 * delay);
}

/** CONFLICT when the task was drawn or has a pending commitment. */
async function requireCommittable(tx: EntityManager, task: JointTask): Promise<void> {
  if (task.status === TaskStatus.DRAWN || (await tx.existsBy(Draw, { taskId: task.id }))) {
    throw new ConflictError(`Joint task ${task.id} has been drawn already; a draw is never re-run`);
  }
  const pending = await tx.findOneBy(DrawCommitment, {
    taskId: task.id,
    status: CommitmentStatus.PENDING,
  });
  if (pending)
    throw new ConflictError(
      `Joint task ${task.id} is committed already (commitment ${pending.id}); draw it or cancel that commitment with a reason`,
      { commitmentId: pending.id },
    );
}

/** BAD_USER_INPUT for a window wholly in the past, unless an admin backfills it with a reason. */
function requireWindowNotPast(
  task: JointTask,
  request: CommitRequest,
  caller: Caller,
): string | null {
  const reason = request.backfillReason?.trim() || null;
  if (reason && !caller.roles.includes('admin'))
    throw new ForbiddenError('Only an admin may backfill a draw (backfillReason)');
  const today = chinaDate();
  if (task.windowEnd < today && !reason) {
    throw new BadUserInputError(
      `The task's window ${task.windowStart}..${task.windowEnd} lies wholly in the past (today is ${today} in China); only an admin backfill with a recorded reason may draw it`,
      { argument: 'taskId' },
    );
  }
  return reason;
}

/**
 * CONFLICT while another task's commitment is pending that shares a department and whose window
 * is within reach of that department's history rules (or overlaps, for inspector capacity).
 */
async function refuseOverlappingPending(
  tx: EntityManager,
  task: JointTask,
  departments: TaskDepartment[],
  policies: FrameHeader['policies'],
): Promise<void> {
  const codes = departments.map((d) => d.departmentCode);
  const rows: {
    id: string;
    title: string;
    department: string;
    window_start: string;
    window_end: string;
  }[] = await tx.query(
    `SELECT c.id, c.title, d AS department, t.window_start::text, t.window_end::text
       FROM draw_commitment c JOIN joint_task t ON t.id = c.task_id CROSS JOIN LATERAL unnest(c.departments) AS d
      WHERE c.status = 'PENDING' AND c.task_id <> $1 AND d = ANY($2)`,
    [task.id, codes],
  );
  for (const r of rows) {
    const other = { windowStart: r.window_start, windowEnd: r.window_end };
    if (
      windowsOverlap(task, other) ||
      windowGap(task, other) < historyReachDays(policies[r.department])
    ) {
      throw new ConflictError(
        `Commitment ${r.id} ("${r.title}") is pending for ${r.department} within reach of this window's history rules; draw or cancel it first, so this frame can count its visits`,
        { commitmentId: r.id },
      );
    }
  }
}

/** Cursor of the draw log: commit time and id, newest first. */
const LOG_CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[0-9a-f-]{36}$/;

/** One page of the public draw log: every commitment, newest first (keyset by commit time and id). */
export async function drawLogPage(
  db: DataSource,
  page: PageRequest,
): Promise<{ nodes: DrawCommitment[]; pageInfo: PageInfo }> {
  const qb = db.getRepository(DrawCommitment).createQueryBuilder('c');
  const after = decodeCursor(page.after, LOG_CURSOR);
  if (after) {
    const [at, id] = after.split('|');
    qb.where('(c.committed_at, c.id) < (:at, :id)', { at, id });
  }
  const rows = await qb
    .orderBy('c.committed_at', 'DESC')
    .addOrderBy('c.id', 'DESC')
    .limit(page.first + 1)
    .getMany();
  return toPage(rows, page.first, (c) => `${c.committedAt.toISOString()}|${c.id}`);
}
