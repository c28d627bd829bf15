/**
 * `npm run bench:draw`: the coordinated draw with inspector assignment over 100,000 and
 * 1,000,000 enterprises × 5 departments, through the gateway (frame from the registry, draw,
 * teams, one transaction). Prints the figures and writes bench/results/draw.{json,md}.
 * Sizes can be chosen: `npm run bench:draw -- 100000`.
 */
import { readBaseConfig, signDevToken, DEV_JWT_SECRET, startSubgraph, type StartedSubgraph } from '../subgraphs/kit/src';
import { SERVICES, serviceUrlVariable } from '../subgraphs/services';
import { readGatewayConfig } from '../gateway/src/config';
import { startGateway } from '../gateway/src/gateway';
import { benchDatabase, machine, sql, writeResults } from './lib';

const DEPARTMENTS = [
  { department: 'market', checkItems: ['MARKET-002'], ratio: 0.03 },
  { department: 'tax', checkItems: ['TAX-001'], ratio: 0.03 },
  { department: 'health', checkItems: ['36115082101005'], ratio: 0.05 },
  { department: 'emergency', checkItems: ['EMERGENCY-001'], ratio: 0.05 },
  { department: 'fire', checkItems: ['FIRE-001'], ratio: 0.05 },
];

async function runOne(enterprises: number) {
  process.env.NODE_ENV = 'production';
  process.env.LOG_LEVEL ??= 'warn';
  const { url, server } = await benchDatabase(enterprises);
  const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'production', JWT_SECRET: process.env.JWT_SECRET ?? DEV_JWT_SECRET + '-bench' };
  process.env.JWT_SECRET = env.JWT_SECRET;
  const config = readBaseConfig(env);
  const subgraphs: StartedSubgraph[] = [];
  for (const entry of SERVICES.filter((s) => s.name === 'registry' || s.name === 'joint-tasks')) {
    const s = await startSubgraph(await entry.load(), { port: 0, config });
    process.env[serviceUrlVariable(entry.name)] = s.url;
    subgraphs.push(s);
  }
  const gateway = await startGateway(readGatewayConfig({ ...env, PORT: '0', SUBGRAPH_TIMEOUT_MS: '600000' }), {
    urls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
  });
  const token = await signDevToken({ department: 'market', roles: ['planner'], secret: env.JWT_SECRET! });
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: any[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  try {
    const created = await gql(`mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`, {
      i: { title: `bench ${enterprises}`, leadDepartment: 'market', windowStart: '2026-10-08', windowEnd: '2026-12-18', seed: `bench-${Date.now()}`, departments: DEPARTMENTS },
    });
    const t0 = Date.now();
    const { drawJointTask: d } = await gql(`mutation($id: ID!) { drawJointTask(id: $id) { id frameSize realisedVisits expectedVisits independentVisits separateVisits understaffedTeams durationMs } }`, { id: created.createJointTask.id });
    const wallMs = Date.now() - t0;
    const t1 = Date.now();
    const { verifyDraw: v } = await gql(`query($id: ID!) { verifyDraw(id: $id) { reproduces } }`, { id: d.id });
    const verifyMs = Date.now() - t1;
    const [teams] = await sql<{ teams: number }>(url, 'SELECT count(*)::int AS teams FROM joint_tasks.visit_team t JOIN joint_tasks.visit v ON v.id = t.visit_id WHERE v.draw_id = $1', [d.id]);
    return { enterprises, departments: DEPARTMENTS.length, wallMs, serverMs: d.durationMs, verifyMs, reproduces: v.reproduces, frameSize: d.frameSize, visits: d.realisedVisits, teams: teams.teams, understaffedTeams: d.understaffedTeams, expectedVisits: d.expectedVisits, independentVisits: d.independentVisits, separateVisits: d.separateVisits };
  } finally {
    await gateway.stop();
    for (const s of subgraphs) await s.stop();
    await server.stop();
  }
}

async function main() {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const runs = [];
  for (const n of sizes.length ? sizes : [100_000, 1_000_000]) {
    const r = await runOne(n);
    console.log(`${n.toLocaleString('en')} enterprises × ${r.departments} departments: draw ${(r.wallMs / 1000).toFixed(1)} s (server ${(r.serverMs / 1000).toFixed(1)} s), ${r.visits} visits, ${r.teams} teams (${r.understaffedTeams} understaffed), verify ${(r.verifyMs / 1000).toFixed(1)} s, reproduces=${r.reproduces}`);
    runs.push(r);
  }
  const md = [
    '# Draw benchmark',
    '',
    'Coordinated draw with inspector assignment, through the gateway: frame streamed from the registry, p(d,i), draw, teams, and one transaction writing draw, frame, visits and teams.',
    '',
    '| enterprises | departments | draw (s, wall) | visits | teams | understaffed teams | expected Σmax p | independent | separate | verifyDraw (s) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map((r) => `| ${r.enterprises.toLocaleString('en')} | ${r.departments} | ${(r.wallMs / 1000).toFixed(1)} | ${r.visits} | ${r.teams} | ${r.understaffedTeams} | ${r.expectedVisits.toFixed(0)} | ${r.independentVisits.toFixed(0)} | ${r.separateVisits.toFixed(0)} | ${(r.verifyMs / 1000).toFixed(1)} |`),
    '',
    `Machine: ${JSON.stringify(machine())}`,
  ].join('\n');
  writeResults('draw', { machine: machine(), runs }, md);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
