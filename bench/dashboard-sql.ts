/**
 * The SQL side of the dashboard benchmark: one hand-written statement over the subgraphs' own
 * schemas (only the benchmark may join them), reading what the dashboard query reads.
 */
import { SERVICES } from '@jih/subgraphs/services';
import { sql } from './lib';

/**
 * The tables keyed by enterprise (a `uscc` column) in the schemas of the department subgraphs
 * named (those whose profile the dashboard query selects).
 */
export async function profileTables(
  databaseUrl: string,
  subgraphs: readonly string[],
): Promise<{ subgraph: string; schema: string; table: string }[]> {
  const out: { subgraph: string; schema: string; table: string }[] = [];
  for (const entry of SERVICES) {
    if (
      !subgraphs.includes(entry.name) ||
      entry.name === 'registry' ||
      entry.name === 'joint-tasks'
    )
      continue;
    const mod = await entry.load();
    const tables = await sql<{ table_name: string }>(
      databaseUrl,
      "SELECT table_name FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'uscc' AND table_name <> 'migrations' ORDER BY table_name",
      [mod.dbSchema],
    );
    for (const t of tables)
      out.push({ subgraph: entry.name, schema: mod.dbSchema, table: t.table_name });
  }
  return out;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The one SQL statement, written as one would by hand for this read: the task's first visits in
 * id order (the API's order) are picked first; then, per visit, the enterprise name and every
 * department table's rows for the enterprise (as JSON) and the visit's current results (as JSON),
 * each an index lookup by enterprise or visit. (Reading each department table once for the whole
 * set and grouping by enterprise was tried too: no faster here, and slower to plan.)
 */
export function dashboardSql(
  tables: { schema: string; table: string }[],
  withResults: boolean,
): string {
  const cols = tables.map(
    (t) =>
      `(SELECT coalesce(jsonb_agg(to_jsonb(p)), '[]'::jsonb) FROM ${ident(t.schema)}.${ident(t.table)} p WHERE p.uscc = v.uscc) AS ${ident(`${t.schema}.${t.table}`)}`,
  );
  cols.push(
    withResults
      ? "(SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.department_code), '[]'::jsonb) FROM joint_tasks.check_result r WHERE r.visit_id = v.id AND r.superseded_at IS NULL) AS results"
      : "'[]'::jsonb AS results",
  );
  return `WITH v AS MATERIALIZED (
  SELECT id, uscc, status, departments FROM joint_tasks.visit WHERE task_id = $1 ORDER BY id LIMIT $2
)
SELECT v.id, v.uscc, v.status, v.departments,
       (SELECT e.name FROM registry.enterprise e WHERE e.uscc = v.uscc) AS name,
       ${cols.join(',\n       ')}
  FROM v
 ORDER BY v.id`;
}
