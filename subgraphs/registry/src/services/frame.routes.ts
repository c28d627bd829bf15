import express from 'express';
import { escapeLiteral } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { DEPARTMENT_CODE, type FrameHeader, type FrameRequest, type TokenVerifier } from '@jih/kit';

const CODE = DEPARTMENT_CODE;

/** Checks a frame request; returns the problems (empty when it is sound). */
function frameRequestProblems(body: FrameRequest): string[] {
  const p: string[] = [];
  if (
    !Array.isArray(body?.departments) ||
    body.departments.length === 0 ||
    body.departments.length > 24
  )
    p.push('departments: 1 to 24 department codes');
  else if (!body.departments.every((d) => typeof d === 'string' && CODE.test(d)))
    p.push('departments: codes like "tax"');
  if (
    !Array.isArray(body?.checkItems) ||
    !body.checkItems.every((c) => typeof c === 'string' && /^[A-Za-z0-9-]{1,40}$/.test(c))
  )
    p.push('checkItems: item codes');
  const s = body?.scope ?? {};
  if (s.divisions && !(Array.isArray(s.divisions) && s.divisions.every((d) => /^\d{2,6}$/.test(d))))
    p.push('scope.divisions: 2-6 digit prefixes');
  if (
    s.industries &&
    !(Array.isArray(s.industries) && s.industries.every((d) => /^[A-T]$/.test(d)))
  )
    p.push('scope.industries: section letters');
  if (
    s.enterpriseTypes &&
    !(
      Array.isArray(s.enterpriseTypes) &&
      s.enterpriseTypes.every((d) => typeof d === 'string' && d.length <= 50)
    )
  )
    p.push('scope.enterpriseTypes: names');
  if (
    s.taggedBy &&
    !(
      Array.isArray(s.taggedBy) &&
      s.taggedBy.every(
        (t) =>
          CODE.test(t.department) &&
          (!t.riskClasses || t.riskClasses.every((c) => /^[ABCD]$/.test(c))),
      )
    )
  )
    p.push('scope.taggedBy: department and classes A-D');
  return p;
}

/**
 * The COPY query that streams one line per eligible enterprise: uscc, classes, listed. Classes
 * and the listed flag come from the enterprise row's read model (risk_profile, listed: kept by
 * triggers), so the whole frame is one sequential scan, at a million enterprises about a second.
 */
function frameQuery(req: FrameRequest, positions: Map<string, number>): string {
  const lit = escapeLiteral;
  const classes = req.departments
    .map((d) => `coalesce(nullif(substr(e.risk_profile, ${positions.get(d) ?? 0}, 1), ''), '-')`)
    .join(' || ');
  const where = [`e.status = 'ACTIVE'`];
  const s = req.scope ?? {};
  if (s.divisions?.length)
    where.push(`(${s.divisions.map((d) => `e.division_code LIKE ${lit(d + '%')}`).join(' OR ')})`);
  if (s.industries?.length) where.push(`e.industry_code IN (${s.industries.map(lit).join(', ')})`);
  if (s.enterpriseTypes?.length)
    where.push(`e.enterprise_type IN (${s.enterpriseTypes.map(lit).join(', ')})`);
  for (const t of s.taggedBy ?? []) {
    const k = positions.get(t.department) ?? 0;
    const allowed = t.riskClasses?.length ? t.riskClasses : ['A', 'B', 'C', 'D'];
    where.push(`substr(e.risk_profile, ${k}, 1) IN (${allowed.map(lit).join(', ')})`);
  }
  return `COPY (SELECT e.uscc, ${classes}, e.listed::int FROM enterprise e WHERE ${where.join(' AND ')}) TO STDOUT`;
}

/**
 * `POST /internal/frame`: streams the draw frame: planners and admins (the joint-tasks subgraph
 * forwards the caller's token); with `headerOnly`, callers of the one requested department. First line: JSON header (policies, check items,
 * inspectors, recusals); then one `uscc<TAB>classes<TAB>listed` line per enterprise, straight
 * from PostgreSQL's COPY, so a million enterprises cost one query and no per-row objects.
 */
export function frameRoutes(
  app: express.Express,
  ctx: { db: DataSource; verifier: TokenVerifier },
): void {
  app.post('/internal/frame', express.json({ limit: '1mb' }), async (req, res) => {
    try {
      const caller = await ctx.verifier.verify(req.header('authorization'));
      const body = req.body as FrameRequest;
      // A full frame is for a planner of a participating department (the lead department is one);
      // the header alone serves re-staffing a team of one's own department. Recusal reasons
      // never leave the registry: the header carries (inspector, enterprise) pairs only.
      const departments: unknown[] = Array.isArray(body?.departments) ? body.departments : [];
      const allowed =
        caller &&
        (caller.roles.includes('admin') ||
          (body?.headerOnly
            ? departments.length > 0 && departments.every((d) => d === caller.department)
            : caller.roles.includes('planner') && departments.includes(caller.department)));
      if (!allowed) {
        res.status(caller ? 403 : 401).json({
          code: caller ? 'FORBIDDEN' : 'UNAUTHENTICATED',
          message:
            'a frame is for planners of a participating department; its header for callers of the requested department',
        });
        return;
      }
      const problems = frameRequestProblems(body);
      if (problems.length) {
        res.status(400).json({ code: 'BAD_USER_INPUT', message: problems.join('; ') });
        return;
      }
      const header = await frameHeader(ctx.db, body);
      const runner = ctx.db.createQueryRunner();
      try {
        const client = (await runner.connect()) as { query: (s: unknown) => NodeJS.ReadableStream };
        res.setHeader('content-type', 'text/tab-separated-values; charset=utf-8');
        res.write(JSON.stringify(header) + '\n');
        if (body.headerOnly) res.end();
        else {
          const positions = new Map<string, number>(
            (await ctx.db.query('SELECT code, sort_order FROM department')).map(
              (d: { code: string; sort_order: number }) => [d.code, d.sort_order],
            ),
          );
          await pipeline(client.query(copyTo(frameQuery(body, positions))), res);
        }
      } finally {
        await runner.release();
      }
    } catch (err) {
      const code = (err as { extensions?: { code?: string } }).extensions?.code;
      if (!res.headersSent)
        res.status(code === 'UNAUTHENTICATED' ? 401 : 500).json({
          code: code ?? 'INTERNAL_SERVER_ERROR',
          message: code ? (err as Error).message : 'frame failed',
        });
      else res.destroy(err as Error);
    }
  });
}

/** Policies, check items, inspectors and recusals of the participating departments. */
async function frameHeader(db: DataSource, req: FrameRequest): Promise<FrameHeader> {
  const [policies, items, inspectors, recusals] = await Promise.all([
    db.query(
      `SELECT department_code, ratio_a, ratio_b, ratio_c, ratio_d, general_ratio_cap, min_interval_days, yearly_cap, exclusion_years, exclude_listed, rotation_days
              FROM sampling_policy WHERE department_code = ANY($1)`,
      [req.departments],
    ),
    db.query(
      `SELECT code, department_code, category, expertise FROM check_item WHERE code = ANY($1)`,
      [req.checkItems],
    ),
    db.query(
      `SELECT id, department_code, active, expertise FROM inspector WHERE department_code = ANY($1) ORDER BY id`,
      [req.departments],
    ),
    db.query(
      `SELECT r.inspector_id, r.uscc FROM recusal r JOIN inspector i ON i.id = r.inspector_id WHERE i.department_code = ANY($1)`,
      [req.departments],
    ),
  ]);
  return {
    departments: req.departments,
    policies: Object.fromEntries(
      policies.map((p: Record<string, any>) => [
        p.department_code,
        {
          ratioA: p.ratio_a,
          ratioB: p.ratio_b,
          ratioC: p.ratio_c,
          ratioD: p.ratio_d,
          generalRatioCap: p.general_ratio_cap,
          minIntervalDays: p.min_interval_days,
          yearlyCap: p.yearly_cap,
          exclusionYears: p.exclusion_years,
          excludeListed: p.exclude_listed,
          rotationDays: p.rotation_days,
        },
      ]),
    ),
    checkItems: items.map((c: Record<string, string>) => ({
      code: c.code,
      departmentCode: c.department_code,
      category: c.category,
      expertise: c.expertise,
    })),
    inspectors: inspectors.map((i: Record<string, any>) => ({
      id: i.id,
      department: i.department_code,
      active: i.active,
      expertise: i.expertise,
    })),
    recusals: recusals.map(
      (r: Record<string, string>) => [r.inspector_id, r.uscc] as [string, string],
    ),
  };
}
