import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';
import { send, type RawResponse } from '../support/http';
import { buildCorpus, type BadCase } from './bad-input.corpus';

/*
 * Hundreds of malformed, oversized, out-of-range and hostile requests through the gateway (and a
 * few straight to the subgraphs). Every one gets a clean client error with a code; none is a 500
 * or carries a stack trace; no process dies; no row of any table of any schema changes.
 */

/** The codes a refusal of bad input may carry (API.md's client codes and the HTTP-level ones). */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

let fed: TestFederation;

/** Rows in every table of every schema (migrations tables included). */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }>(
    url,
    `SELECT format('%I.%I', table_schema, table_name) AS t FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const [counts] = await sql<Record<string, string>>(
    url,
    `SELECT ${tables.map(({ t }, i) => `(SELECT count(*) FROM ${t}) AS c${i}`).join(', ')}`,
  );
  return Object.fromEntries(tables.map(({ t }, i) => [t, Number(counts[`c${i}`])]));
}

/** Why a response is not a clean refusal, or null when it is. */
function defect(res: RawResponse, internal = false): string | null {
  if (res.status >= 500) return `HTTP ${res.status}`;
  if (res.status !== 200 && (res.status < 400 || res.status >= 500)) return `HTTP ${res.status}`;
  if (/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/.test(res.text))
    return 'stack trace or source path in the body';
  if (/Did you mean/.test(res.text)) return 'field suggestion in the body';
  if (res.json === undefined) return 'body is not JSON';
  // The registry's internal frame endpoint streams TSV, so its own refusals are plain JSON { code, message }.
  if (internal && !res.json?.errors)
    return CLIENT_CODES.has(res.json?.code) ? null : `code ${res.json?.code}`;
  for (const body of Array.isArray(res.json) ? res.json : [res.json]) {
    if (!Array.isArray(body?.errors) || body.errors.length === 0) return 'no GraphQL error';
    for (const e of body.errors) {
      if (!CLIENT_CODES.has(e?.extensions?.code)) return `code ${e?.extensions?.code}`;
      if (e.extensions.stacktrace) return 'stacktrace extension';
    }
  }
  return null;
}

beforeAll(async () => {
  fed = await startFederation();
});
afterAll(() => fed?.stop());

describe('the gateway under a bad-input corpus', () => {
  it('answers every case with a clean 4xx or GraphQL client error, crashes nothing and writes nothing', async () => {
    const [{ uscc }] = await sql<{ uscc: string }>(
      fed.databaseUrl,
      `SELECT uscc FROM registry.enterprise ORDER BY uscc LIMIT 1`,
    );
    const [{ id: inspectorId }] = await sql<{ id: string }>(
      fed.databaseUrl,
      `SELECT id FROM registry.inspector WHERE department_code = 'market' ORDER BY id LIMIT 1`,
    );
    const corpus = await buildCorpus({
      admin: await token('market', ['admin'], 'corpus-admin'),
      planner: await token('market', ['planner'], 'corpus-planner'),
      uscc,
      inspectorId,
    });
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const before = await rowCounts(fed.databaseUrl);

    const base = (c: BadCase) =>
      (c.target && c.target !== 'gateway'
        ? fed.subgraphs.get(c.target)!.url
        : fed.gatewayUrl
      ).replace(/\/graphql$/, '');
    const results: { c: BadCase; status: number; codes: string; defect: string | null }[] = [];
    for (const c of corpus) {
      let res: RawResponse;
      try {
        res = await send(`${base(c)}${c.path ?? '/graphql'}`, {
          method: c.method,
          headers: c.headers,
          body: c.body,
        });
      } catch (err) {
        results.push({ c, status: 0, codes: '', defect: `no answer: ${(err as Error).message}` });
        continue;
      }
      const bodies = Array.isArray(res.json) ? res.json : [res.json];
      const codes = [
        ...new Set(
          bodies.flatMap((b) =>
            (b?.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code),
          ),
        ),
      ].join(',');
      results.push({
        c,
        status: res.status,
        codes: codes || res.json?.code || '',
        defect: defect(res, c.path?.startsWith('/internal/')),
      });
    }

    // Summary: per category, how many, which statuses and codes.
    const byCategory = new Map<string, typeof results>();
    for (const r of results)
      byCategory.set(r.c.category, [...(byCategory.get(r.c.category) ?? []), r]);
    const count = (xs: string[]) =>
      [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())]
        .map(([k, n]) => `${k}×${n}`)
        .join(' ');
    console.log(
      [
        `Bad-input corpus: ${results.length} cases, ${results.filter((r) => !r.defect).length} clean, ${results.filter((r) => r.defect).length} defective`,
        ...[...byCategory].map(
          ([cat, rs]) =>
            `  ${cat.padEnd(20)} ${String(rs.length).padStart(3)}  HTTP ${count(rs.map((r) => String(r.status)))}  codes ${count(rs.map((r) => r.codes))}`,
        ),
        ...results
          .filter((r) => r.defect)
          .map(
            (r) =>
              `  DEFECT ${r.c.category} / ${r.c.name}: ${r.defect} (HTTP ${r.status} ${r.codes})`,
          ),
      ].join('\n'),
    );

    expect(
      results.filter((r) => r.defect).map((r) => `${r.c.category} / ${r.c.name}: ${r.defect}`),
    ).toEqual([]);

    // Nothing crashed: the gateway and every subgraph still answer, and a sound query still works.
    const health = await send(fed.gatewayUrl.replace(/\/graphql$/, '/health'), {
      method: 'GET',
      headers: {},
    });
    expect(health.json).toEqual({
      status: 'ok',
      subgraphs: Object.fromEntries([...fed.subgraphs.keys()].map((n) => [n, 'up'])),
    });
    const sound = await fed.query(`{ departments { code } }`);
    expect(sound.errors).toBeUndefined();

    // Nothing was written.
    expect(await rowCounts(fed.databaseUrl)).toEqual(before);
  });
});
