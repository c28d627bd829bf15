import type { DataSource } from 'typeorm';
import { EntityRows, UUID, decodeCursor } from '@jih/kit';
import { Visit, type VisitStatus } from '../entities';
import type { PageRequest } from './paging';

/** Which visits to list; ids are checked by the caller. All given conditions must hold. */
export interface VisitFilter {
  taskId?: string | null;
  /** Only visits this department takes part in. */
  department?: string | null;
  /** Only visits this inspector is assigned to. */
  inspectorId?: string | null;
  status?: VisitStatus | null;
}

/** Up to `first + 1` visits for a filter after the cursor, in id order (the extra one tells whether another page follows). */
export async function visitRows(
  db: DataSource,
  f: VisitFilter,
  page: PageRequest,
): Promise<Visit[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (f.taskId) where.push(`task_id = ${p(f.taskId)}`);
  if (f.department) where.push(`${p(f.department)} = ANY(departments)`);
  if (f.status) where.push(`status = ${p(f.status)}`);
  if (f.inspectorId)
    where.push(
      `EXISTS (SELECT 1 FROM visit_team t WHERE t.visit_id = visit.id AND ${p(f.inspectorId)} = ANY(t.inspector_ids))`,
    );
  const after = decodeCursor(page.after, UUID);
  if (after) where.push(`id > ${p(after)}`);
  // A page of up to 500 visits is on every dashboard request: read without TypeORM's hydration (EntityRows).
  return EntityRows.of(db, Visit).where(
    where.join(' AND ') || 'TRUE',
    params,
    ['id'],
    page.first + 1,
  );
}
