import type { DataSource } from 'typeorm';
import { decodeCursor } from '../pagination';
import type { ProfileRoot } from './department.types';

/** Which enterprises with records to list; all given conditions must hold. */
export interface ProfileFilter {
  /** A flag that must be set. */
  flag?: string | null;
  /** The rating level (of `year`, else of the latest rating). */
  level?: string | null;
  /** A year the enterprise is rated for. */
  year?: number | null;
}

/** Up to `first + 1` profile roots after the cursor, in USCC order, in one statement starting from the narrowest table. */
export async function profileRoots(
  db: DataSource,
  f: ProfileFilter,
  page: { first: number; after?: string | null },
): Promise<ProfileRoot[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  // The narrowest table first: a year's ratings (index on year, level), the flag, or every record.
  const base = f.year
    ? `SELECT uscc FROM rating WHERE year = ${p(f.year)}${f.level ? ` AND level = ${p(f.level)}` : ''}`
    : f.flag
      ? `SELECT uscc FROM flag WHERE flag = ${p(f.flag)}`
      : f.level
        ? 'SELECT DISTINCT uscc FROM rating'
        : 'SELECT uscc FROM rating UNION SELECT uscc FROM flag UNION SELECT uscc FROM licence UNION SELECT uscc FROM follow_up';
  const where: string[] = [];
  const after = decodeCursor(page.after, /^[0-9A-Z]{18}$/);
  if (after) where.push(`u.uscc > ${p(after)}`);
  if (f.year && f.flag)
    where.push(`EXISTS (SELECT 1 FROM flag g WHERE g.uscc = u.uscc AND g.flag = ${p(f.flag)})`);
  // Without a year, the level is that of the latest rating.
  if (f.level && !f.year)
    where.push(
      `(SELECT r.level FROM rating r WHERE r.uscc = u.uscc ORDER BY r.year DESC LIMIT 1) = ${p(f.level)}`,
    );
  const sql = `SELECT u.uscc FROM (${base}) u ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.uscc LIMIT ${p(page.first + 1)}`;
  return (await db.query(sql, params)) as ProfileRoot[];
}
