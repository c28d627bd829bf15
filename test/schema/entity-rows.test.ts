import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { EntityRows } from '../../subgraphs/kit/src';
import { CheckResult, JointTask, ResultCategory, ResultStatus, Visit, VisitStatus } from '../../subgraphs/joint-tasks/src/entities';
import { withEachSubgraphDataSource } from '../support/database';

/*
 * Hot loaders read entities with EntityRows (plain SQL, rows copied into entity instances) instead
 * of TypeORM's find. For every entity of every subgraph that it can read, the same rows must come
 * back as TypeORM reads them: the same values of the same types (dates as text, timestamps as
 * Date, arrays, JSON, bigint as text, nulls), as instances of the entity class.
 */
describe('EntityRows', () => {
  it('reads every entity it accepts exactly as TypeORM does', async () => {
    const compared: string[] = [];
    const refused: string[] = [];
    await withEachSubgraphDataSource(async (mod, ds) => {
      if (mod.name === 'joint-tasks') await insertTaskVisitAndResults(ds);
      for (const meta of ds.entityMetadatas) {
        const entity = meta.target as new () => object;
        let reader: EntityRows<object>;
        try {
          reader = EntityRows.of(ds, entity);
        } catch {
          refused.push(meta.name);
          continue;
        }
        const keys = meta.primaryColumns.map((c) => c.propertyName);
        const order = Object.fromEntries(keys.map((k) => [k, 'ASC']));
        const sample = await ds.getRepository(entity).find({ order, take: 100 } as never);
        if (!sample.length) continue;
        const values = [...new Set(sample.map((e) => (e as Record<string, unknown>)[keys[0]]))];
        const expected = await ds.getRepository(entity).find({ where: { [keys[0]]: In(values) }, order } as never);
        const actual = await reader.whereAny(keys[0] as never, values, keys as never);
        expect({ entity: meta.name, rows: actual }).toEqual({ entity: meta.name, rows: expected });
        for (const row of actual) expect(row).toBeInstanceOf(entity);
        compared.push(`${mod.name}.${meta.name}`);
      }
    });
    // The entities of the dashboard's loaders are among those compared, with rows in them.
    for (const name of ['registry.Enterprise', 'registry.SupervisionTag', 'joint-tasks.CheckResult', 'joint-tasks.JointTask', 'joint-tasks.Visit', 'tax.Rating', 'market.FollowUp', 'health.Licence', 'fire.Flag']) {
      expect(compared).toContain(name);
    }
    console.log(`EntityRows compared with TypeORM: ${compared.length} entities; refused (not plain columns): ${refused.join(', ') || 'none'}`);
  });
});

/** A task (JSON scope, dates, a double) with a visit (arrays) and two versions of one result: every nullable column once null and once set. */
async function insertTaskVisitAndResults(ds: DataSource): Promise<void> {
  const task = await ds.getRepository(JointTask).save(Object.assign(new JointTask(), {
    title: '联合抽查', leadDepartmentCode: 'market', planId: null, scope: { divisions: ['150821'], taggedBy: [{ department: 'tax', riskClasses: ['D'] }] },
    windowStart: '2026-03-02', windowEnd: '2026-04-30', seed: 'seed', startPoint: 0.25, createdBy: 'planner-1',
  }));
  const visit = await ds.getRepository(Visit).save(Object.assign(new Visit(), {
    taskId: task.id, drawId: randomUUID(), uscc: '91150821MA0N000000', departments: ['market', 'tax'], checkItems: ['MARKET-002', 'TAX-001'], status: VisitStatus.PLANNED,
  }));
  const visitId = visit.id;
  const base = {
    visitId, taskId: task.id, uscc: '91150821MA0N000000', departmentCode: 'tax', category: ResultCategory.CORRECTION_ORDERED,
    checkItemCodes: ['TAX-001', 'TAX-002'], findings: '发现问题', checkDate: '2026-03-02', inspectorIds: [randomUUID(), randomUUID()],
    representativeName: '张三', signed: true, evidence: ['photo-1', 'record-2'], recordedBy: 'i1',
  };
  const first = await ds.getRepository(CheckResult).save(Object.assign(new CheckResult(), {
    ...base, version: 1, previousId: null, supersededAt: new Date('2026-03-05T01:02:03.456Z'), correctionReason: null, status: ResultStatus.PUBLISHED,
    dueDate: '2026-03-30', refusalReason: null, witness: null, idempotencyKey: 'k1', requestHash: 'a'.repeat(64), reviewedBy: 's1',
    reviewedAt: new Date('2026-03-03T00:00:00Z'), publishedBy: 's1', publishedAt: new Date('2026-03-04T00:00:00Z'), closedBy: null, closedAt: null,
  }));
  await ds.getRepository(CheckResult).save(Object.assign(new CheckResult(), {
    ...base, version: 2, previousId: first.id, supersededAt: null, correctionReason: '更正', status: ResultStatus.RECORDED, dueDate: null,
    signed: false, refusalReason: '拒绝签字', witness: '李四', evidence: [], idempotencyKey: 'k2', requestHash: 'b'.repeat(64),
    reviewedBy: null, reviewedAt: null, publishedBy: null, publishedAt: null, closedBy: null, closedAt: null,
  }));
}
