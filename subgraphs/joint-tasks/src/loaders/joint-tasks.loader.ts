import type { DataSource } from 'typeorm';
import { EntityRows, anyOf, groupedLoader, keyedLoader } from '@jih/kit';
import {
  Draw,
  DrawCommitment,
  JointTask,
  TaskDepartment,
  TeamChange,
  Visit,
  VisitTeam,
} from '../entities';
import { createResultLoaders } from './result.loader';

/** Per-request loaders: every reference and list field of this subgraph batches through one. */
export function createJointTaskLoaders(db: DataSource) {
  const repo = db.getRepository.bind(db);
  return {
    task: keyedLoader(
      (k: readonly string[]) => EntityRows.of(db, JointTask).whereAny('id', k),
      (t) => t.id,
    ),
    draw: keyedLoader(
      (k: readonly string[]) => repo(Draw).findBy({ id: anyOf(k) }),
      (d) => d.id,
    ),
    commitment: keyedLoader(
      (k: readonly string[]) => repo(DrawCommitment).findBy({ id: anyOf(k) }),
      (c) => c.id,
    ),
    latestCommitmentByTask: keyedLoader(
      (k: readonly string[]) =>
        db
          .query(
            `SELECT DISTINCT ON (task_id) id FROM draw_commitment WHERE task_id = ANY($1) ORDER BY task_id, committed_at DESC`,
            [k],
          )
          .then((rows: { id: string }[]) =>
            repo(DrawCommitment).findBy({ id: anyOf(rows.map((r) => r.id)) }),
          ),
      (c) => c.taskId,
    ),
    drawByTask: keyedLoader(
      (k: readonly string[]) => repo(Draw).findBy({ taskId: anyOf(k) }),
      (d) => d.taskId,
    ),
    visit: keyedLoader(
      (k: readonly string[]) => EntityRows.of(db, Visit).whereAny('id', k),
      (v) => v.id,
    ),
    departmentsByTask: groupedLoader(
      (k: readonly string[]) =>
        repo(TaskDepartment).find({
          where: { taskId: anyOf(k) },
          order: { departmentCode: 'ASC' },
        }),
      (d) => d.taskId,
    ),
    teamsByVisit: groupedLoader(
      (k: readonly string[]) =>
        EntityRows.of(db, VisitTeam).whereAny('visitId', k, ['departmentCode']),
      (t) => t.visitId,
    ),
    changesByVisit: groupedLoader(
      (k: readonly string[]) =>
        repo(TeamChange).find({ where: { visitId: anyOf(k) }, order: { sequence: 'ASC' } }),
      (c) => c.visitId,
    ),
    visitsByEnterprise: groupedLoader(
      (k: readonly string[]) =>
        repo(Visit).find({ where: { uscc: anyOf(k) }, order: { id: 'ASC' } }),
      (v) => v.uscc,
    ),
    ...createResultLoaders(db),
  };
}

export type JointTaskLoaders = ReturnType<typeof createJointTaskLoaders>;
