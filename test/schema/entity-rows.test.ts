import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { In, type DataSource } from 'typeorm';
import { EntityRows } from '@jih/kit';
import { QUICKNET } from '@jih/subgraphs/joint-tasks/src/draw/beacon';
import type { DrawParameters, TeamInputs } from '@jih/subgraphs/joint-tasks/src/draw/protocol';
import {
  CheckResult,
  CommitmentStatus,
  Draw,
  DrawBundleBlob,
  DrawCommitment,
  DrawCommitmentFrame,
  JointTask,
  ResultCategory,
  ResultStatus,
  TaskStatus,
  Visit,
  VisitStatus,
} from '@jih/subgraphs/joint-tasks/src/entities';
import { withEachSubgraphDataSource } from '../support/database';

/*
 * Hot loaders read entities with EntityRows (plain SQL, rows copied into entity instances) instead
 * of TypeORM's find. For every entity of every subgraph that it can read, the same rows must come
 * back as TypeORM reads them: the same values of the same types (dates as text, timestamps as
 * Date, arrays, JSON, bigint as text, nulls), as instances of the entity class. EntityRows is a
 * fast path: switched off (FAST_PATH_ENTITY_ROWS=off) the same reader asks TypeORM, and both
 * `whereAny` and `where` (conditions, parameters, order, limit) must answer with the same rows.
 */
describe('EntityRows', () => {
  it('reads every entity it accepts exactly as TypeORM does', async () => {
    const compared: string[] = [];
    const refused: string[] = [];
    await withEachSubgraphDataSource(async (mod, ds) => {
      if (mod.name === 'joint-tasks')
        await insertCommitmentsAndDraw(ds, await insertTaskVisitAndResults(ds));
      for (const meta of ds.entityMetadatas) {
        const entity = meta.target as new () => object;
        let reader: EntityRows<object>;
        try {
          reader = EntityRows.of(ds, entity, { fastPath: true });
        } catch {
          // Switched off, it refuses the same entities.
          expect(() => EntityRows.of(ds, entity, { fastPath: false })).toThrow(
            `EntityRows cannot read ${meta.name}`,
          );
          refused.push(meta.name);
          continue;
        }
        const plain = EntityRows.of(ds, entity, { fastPath: false });
        const keys = meta.primaryColumns.map((c) => c.propertyName);
        const order = Object.fromEntries(keys.map((k) => [k, 'ASC']));
        const sample = await ds.getRepository(entity).find({ order, take: 100 } as never);
        if (!sample.length) continue;
        const values = [...new Set(sample.map((e) => (e as Record<string, unknown>)[keys[0]]))];
        const expected = await ds
          .getRepository(entity)
          .find({ where: { [keys[0]]: In(values) }, order } as never);
        for (const [path, rows] of [
          ['on', await reader.whereAny(keys[0] as never, values, keys as never)],
          ['off', await plain.whereAny(keys[0] as never, values, keys as never)],
        ] as const) {
          expect({ entity: meta.name, path, rows }).toEqual({
            entity: meta.name,
            path,
            rows: expected,
          });
          for (const row of rows) expect(row).toBeInstanceOf(entity);
        }
        // `where`: the table by its own name, a parameter used twice, descending order, limits (0 included).
        const column = `${meta.tableName}.${meta.primaryColumns[0].databaseName}`;
        const condition = `${column} = ANY($1) AND (${column} = ANY($2) OR ${column} = ANY($1))`;
        const descending = keys.map((k) => [k, 'DESC'] as const);
        for (const limit of [undefined, 3, 0]) {
          const on = await reader.where(
            condition,
            [values, values.slice(0, 1)],
            descending as never,
            limit,
          );
          const off = await plain.where(
            condition,
            [values, values.slice(0, 1)],
            descending as never,
            limit,
          );
          expect({ entity: meta.name, limit, rows: on }).toEqual({
            entity: meta.name,
            limit,
            rows: off,
          });
          expect(on.length).toBe(Math.min(limit ?? Infinity, expected.length));
          for (const row of off) expect(row).toBeInstanceOf(entity);
        }
        compared.push(`${mod.name}.${meta.name}`);
      }
    });
    // The entities of the dashboard's loaders are among those compared, with rows in them.
    // So are the commit–reveal entities (commitments, frozen frames, bundles) and the draw that refers to its commitment.
    for (const name of [
      'registry.Enterprise',
      'registry.SupervisionTag',
      'joint-tasks.CheckResult',
      'joint-tasks.JointTask',
      'joint-tasks.Visit',
      'tax.Rating',
      'market.FollowUp',
      'health.Licence',
      'fire.Flag',
      'joint-tasks.DrawCommitment',
      'joint-tasks.DrawCommitmentFrame',
      'joint-tasks.DrawBundleBlob',
      'joint-tasks.Draw',
    ]) {
      expect(compared).toContain(name);
    }
    console.log(
      `EntityRows compared with TypeORM: ${compared.length} entities; refused (not plain columns): ${refused.join(', ') || 'none'}`,
    );
  });

  it('reads a page of visits as the visits query filters it, on and off alike', async () => {
    await withEachSubgraphDataSource(async (mod, ds) => {
      if (mod.name !== 'joint-tasks') return;
      const task = await insertTaskVisitAndResults(ds);
      await ds.getRepository(Visit).save(
        Object.assign(new Visit(), {
          taskId: task.id,
          drawId: randomUUID(),
          uscc: '91150821MA0N000001',
          departments: ['tax'],
          checkItems: [],
          status: VisitStatus.PLANNED,
        }),
      );
      // The shape of the visits query's filters: a task, a department in an array, an inspector in a team, a keyset cursor.
      const condition = `task_id = $1 AND $2 = ANY(departments) AND NOT EXISTS (SELECT 1 FROM visit_team t WHERE t.visit_id = visit.id AND $3 = ANY(t.inspector_ids)) AND id > $4`;
      const params = [task.id, 'tax', randomUUID(), '00000000-0000-0000-0000-000000000000'];
      const on = await EntityRows.of(ds, Visit, { fastPath: true }).where(
        condition,
        params,
        ['id'],
        5,
      );
      const off = await EntityRows.of(ds, Visit, { fastPath: false }).where(
        condition,
        params,
        ['id'],
        5,
      );
      expect(on).toHaveLength(2);
      expect(on).toEqual(off);
    });
  });
});

/** A task (JSON scope, dates, a double) with a visit (arrays) and two versions of one result: every nullable column once null and once set; returns the task. */
async function insertTaskVisitAndResults(ds: DataSource): Promise<JointTask> {
  const task = await ds.getRepository(JointTask).save(
    Object.assign(new JointTask(), {
      title: '联合抽查',
      leadDepartmentCode: 'market',
      planId: null,
      scope: { divisions: ['150821'], taggedBy: [{ department: 'tax', riskClasses: ['D'] }] },
      windowStart: '2026-03-02',
      windowEnd: '2026-04-30',
      startPoint: 0.25,
      createdBy: 'planner-1',
    }),
  );
  const visit = await ds.getRepository(Visit).save(
    Object.assign(new Visit(), {
      taskId: task.id,
      drawId: randomUUID(),
      uscc: '91150821MA0N000000',
      departments: ['market', 'tax'],
      checkItems: ['MARKET-002', 'TAX-001'],
      status: VisitStatus.PLANNED,
    }),
  );
  const visitId = visit.id;
  const base = {
    visitId,
    taskId: task.id,
    uscc: '91150821MA0N000000',
    departmentCode: 'tax',
    category: ResultCategory.CORRECTION_ORDERED,
    checkItemCodes: ['TAX-001', 'TAX-002'],
    findings: '发现问题',
    checkDate: '2026-03-02',
    inspectorIds: [randomUUID(), randomUUID()],
    representativeName: '张三',
    signed: true,
    evidence: ['photo-1', 'record-2'],
    recordedBy: 'i1',
  };
  const first = await ds.getRepository(CheckResult).save(
    Object.assign(new CheckResult(), {
      ...base,
      version: 1,
      previousId: null,
      supersededAt: new Date('2026-03-05T01:02:03.456Z'),
      correctionReason: null,
      status: ResultStatus.PUBLISHED,
      dueDate: '2026-03-30',
      refusalReason: null,
      witness: null,
      idempotencyKey: 'k1',
      requestHash: 'a'.repeat(64),
      reviewedBy: 's1',
      reviewedAt: new Date('2026-03-03T00:00:00Z'),
      publishedBy: 's1',
      publishedAt: new Date('2026-03-04T00:00:00Z'),
      closedBy: null,
      closedAt: null,
    }),
  );
  await ds.getRepository(CheckResult).save(
    Object.assign(new CheckResult(), {
      ...base,
      version: 2,
      previousId: first.id,
      supersededAt: null,
      correctionReason: '更正',
      status: ResultStatus.RECORDED,
      dueDate: null,
      signed: false,
      refusalReason: '拒绝签字',
      witness: '李四',
      evidence: [],
      idempotencyKey: 'k2',
      requestHash: 'b'.repeat(64),
      reviewedBy: null,
      reviewedAt: null,
      publishedBy: null,
      publishedAt: null,
      closedBy: null,
      closedAt: null,
    }),
  );
  return task;
}

/**
 * Two commitments of the task (JSON parameters, inputs and entropy plan, arrays, char digests,
 * timestamps): one cancelled without a beacon, one drawn with a beacon, a backfill reason, a seed
 * and revealed entropy, so every nullable column is once null and once set; the drawn one's
 * frozen frame and bundle (bytea), and two draws, one of the commitment (with a verification) and
 * one of the first protocol (no commitment, no verification).
 */
async function insertCommitmentsAndDraw(ds: DataSource, task: JointTask): Promise<void> {
  const parameters: DrawParameters = {
    taskId: task.id,
    title: task.title,
    leadDepartment: 'market',
    windowStart: task.windowStart,
    windowEnd: task.windowEnd,
    scope: task.scope as Record<string, unknown>,
    departments: [
      {
        code: 'market',
        checkItems: ['MARKET-002'],
        ratio: 0.2,
        sampleSize: null,
        riskWeighted: false,
        pool: 'WHOLE',
      },
      {
        code: 'tax',
        checkItems: ['TAX-001'],
        ratio: null,
        sampleSize: 20,
        riskWeighted: true,
        pool: 'SUB_POOL',
      },
    ],
    shift: 0.25,
    minPerTeam: 2,
    capacityPerDay: 20,
    backfillReason: null,
  };
  const teamInputs: TeamInputs = {
    inspectors: [
      { id: 'I1', department: 'market', active: true, expertise: ['general'] },
      { id: 'I2', department: 'tax', active: false, expertise: [] },
    ],
    departments: [
      { department: 'market', requiredExpertise: ['general'], pool: { kind: 'whole' } },
      { department: 'tax', requiredExpertise: [], pool: { kind: 'subPool', inspectorIds: ['I2'] } },
    ],
    recusals: [['I1', '91150821MA0N000000']],
    rotation: [],
    priorLoad: [['I2', 3]],
    capacity: { perDay: 20, workingDays: 41 },
    minPerTeam: 2,
  };
  const common = {
    taskId: task.id,
    title: task.title,
    leadDepartment: 'market',
    departments: ['market', 'tax'],
    algorithmVersion: 'coordinated-poisson/2',
    digest: 'a'.repeat(64),
    parametersDigest: 'b'.repeat(64),
    frameDigest: 'c'.repeat(64),
    teamInputsDigest: 'd'.repeat(64),
    frameSize: 600,
    committedBy: 'planner-1',
    witnesses: [
      { name: '见证人甲', role: 'notary (公证员)', commitment: 'e'.repeat(64) },
      { name: '见证人乙', role: '纪检监察 observer', commitment: 'f'.repeat(64) },
    ],
    parameters,
    teamInputs,
    inspectorPseudonyms: { I1: randomUUID(), I2: randomUUID() },
  };
  const repo = ds.getRepository(DrawCommitment);
  await repo.save(
    Object.assign(new DrawCommitment(), {
      ...common,
      status: CommitmentStatus.CANCELLED,
      committedAt: new Date('2026-03-01T08:00:00.123Z'),
      beacon: null,
      backfillReason: null,
      notes: [],
      cancelledAt: new Date('2026-03-01T09:00:00Z'),
      cancelledBy: 'planner-1',
      cancelReason: '见证人未能到场',
      drawId: null,
      drawnAt: null,
      seed: null,
      entropy: null,
    }),
  );
  const drawId = randomUUID();
  const drawn = await repo.save(
    Object.assign(new DrawCommitment(), {
      ...common,
      status: CommitmentStatus.DRAWN,
      committedAt: new Date('2026-03-01T10:00:00.456Z'),
      beacon: { chain: QUICKNET, round: 12_345_678 },
      backfillReason: '补录：系统故障期间线下抽取',
      notes: ['market: excluded 3 not supervised'],
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
      drawId,
      drawnAt: new Date('2026-03-01T10:05:00Z'),
      seed: '0'.repeat(64),
      entropy: {
        witnesses: [
          { name: '见证人甲', secret: 's1' },
          { name: '见证人乙', secret: 's2' },
        ],
        beacon: { round: 12_345_678, signature: 'ab'.repeat(48), randomness: '1'.repeat(64) },
      },
    }),
  );
  await ds.getRepository(DrawCommitmentFrame).save(
    Object.assign(new DrawCommitmentFrame(), {
      commitmentId: drawn.id,
      data: Buffer.from([0, 1, 2, 254, 255]),
    }),
  );
  await ds
    .getRepository(DrawBundleBlob)
    .save(
      Object.assign(new DrawBundleBlob(), { drawId, gzip: gzipSync(JSON.stringify({ drawId })) }),
    );
  const draw = {
    algorithmVersion: 'coordinated-poisson/2',
    departments: ['market', 'tax'],
    startPoint: 0.25,
    modes: { market: { kind: 'poisson' }, tax: { kind: 'fixed', n: 20 } },
    frameDigest: 'c'.repeat(64),
    resultDigest: '2'.repeat(64),
    frameSize: 600,
    expectedVisits: 140.5,
    independentVisits: 150.25,
    separateVisits: 160,
    realisedVisits: 139,
    understaffedTeams: 1,
    departmentStats: [],
    notes: [],
    durationMs: 12,
    drawnBy: 'planner-1',
    drawnAt: new Date('2026-03-01T10:05:00Z'),
  };
  await ds.getRepository(Draw).save(
    Object.assign(new Draw(), {
      ...draw,
      id: drawId,
      taskId: task.id,
      commitmentId: drawn.id,
      seed: '0'.repeat(64),
      verification: { reproduces: true, verifiedAt: '2026-03-01T10:06:00.000Z', differences: [] },
    }),
  );
  // A draw of the first protocol, of another task: no commitment and no verification yet.
  await ds.getRepository(Draw).save(
    Object.assign(new Draw(), {
      ...draw,
      id: randomUUID(),
      taskId: randomUUID(),
      commitmentId: null,
      seed: 'v1-seed',
      algorithmVersion: 'coordinated-poisson/1',
      verification: null,
    }),
  );
  await ds.getRepository(JointTask).update({ id: task.id }, { status: TaskStatus.DRAWN });
}
