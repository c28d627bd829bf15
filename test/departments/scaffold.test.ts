import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { readGatewayConfig } from '@jih/gateway/src/config';
import { startGateway, type RunningGateway } from '@jih/gateway/src/gateway';
import { DEFAULT_SEED } from '@jih/scripts/lib/seed';
import { readBaseConfig, startSubgraph, type StartedSubgraph, type SubgraphModule } from '@jih/kit';
import { SERVICES, type ServiceEntry } from '@jih/subgraphs/services';
import { sql } from '../support/database';
import { TEST_ENTERPRISES } from '../support/global-setup';
import { startFederation, token, type TestFederation } from '../support/federation';
import { postGraphQL } from '../support/http';

/**
 * A seventh department from the scaffold: `npm run new:department -- --code customs` into a
 * temporary folder inside the project (git-ignored .data/, so node_modules resolve as for any
 * subgraph), then, with only a service-list entry added (here in memory), it type-checks,
 * composes with the others without hints, migrates, seeds, starts and answers through a gateway,
 * and its rating reaches the registry. The folder is removed afterwards.
 */

const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

let tmp: string;
let scaffold: { folder: string; serviceLine: string };
let mod: SubgraphModule;
let fed: TestFederation;
let customs: StartedSubgraph;
let gateway: RunningGateway;
let supergraphSdl: string;

beforeAll(async () => {
  fs.mkdirSync(path.join(ROOT, '.data'), { recursive: true });
  tmp = fs.mkdtempSync(path.join(ROOT, '.data', 'scaffold-'));
  // The command adds the department to a service list: a copy of the real one, so the project's stays as it is.
  const services = path.join(tmp, 'services.ts');
  fs.copyFileSync(path.join(ROOT, 'subgraphs', 'services.ts'), services);
  await run(
    'npm',
    [
      'run',
      '--silent',
      'new:department',
      '--',
      '--code',
      'customs',
      '--dir',
      tmp,
      '--services',
      services,
    ],
    { cwd: ROOT },
  );
  const serviceLine = /\{ name: 'customs'.*\},/.exec(fs.readFileSync(services, 'utf8'))?.[0] ?? '';
  scaffold = { folder: path.join(tmp, 'customs'), serviceLine };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mod = require(path.join(scaffold.folder, 'src')).customsSubgraph;
  fed = await startFederation();
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await customs?.stop();
  await fed?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run new:department -- --code customs', () => {
  it('writes a small folder on the kit and adds its line to the service list, after the others', () => {
    const files = fs
      .readdirSync(scaffold.folder, { recursive: true })
      .map(String)
      .filter((f) => f.includes('.'))
      .sort();
    expect(files).toEqual(
      [
        'README.md',
        'src/customs.config.ts',
        'src/entities/index.ts',
        'src/index.ts',
        'src/migrations/index.ts',
        'src/seed/customs.seed.ts',
      ].map((f) => f.split('/').join(path.sep)),
    );
    expect(scaffold.serviceLine).toMatch(
      /^\{ name: 'customs', port: 4017, load: async \(\) => \(await import\('\.\/customs\/src'\)\)\.customsSubgraph \},$/,
    );
    const list = fs.readFileSync(path.join(tmp, 'services.ts'), 'utf8');
    expect(list.indexOf(scaffold.serviceLine)).toBeGreaterThan(list.indexOf("name: 'ecology'"));
    expect(mod).toMatchObject({ name: 'customs', dbSchema: 'customs' });
    expect(
      fs.readFileSync(path.join(scaffold.folder, 'src', 'customs.config.ts'), 'utf8'),
    ).toContain("nameZh: '海关'");
  });

  it('type-checks', async () => {
    const tsconfig = path.join(tmp, 'tsconfig.json');
    // The project's tsconfig excludes .data/; this one checks just the scaffold (and what it imports).
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: path.join(ROOT, 'tsconfig.json'),
        compilerOptions: { noEmit: true },
        include: ['./customs/**/*.ts'],
        exclude: [],
      }),
    );
    const tsc = await run(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig],
      { cwd: ROOT },
    ).catch((err: { stdout?: string }) => err);
    expect((tsc as { stdout?: string }).stdout ?? '').toBe('');
    // tsc reads the kit's and the libraries' declarations: about 10 s alone, much longer on a loaded machine.
  }, 300_000);

  it('composes with every other subgraph without hints, adding Enterprise.customs', async () => {
    const entries: ServiceEntry[] = [
      ...SERVICES,
      { name: 'customs', port: 4017, load: async () => mod },
    ];
    const subgraphs = await Promise.all(
      entries.map(async (e) => ({
        name: e.name,
        url: `http://127.0.0.1:${e.port}/graphql`,
        typeDefs: parse(printSubgraphSchema(await (await e.load()).buildSchema())),
      })),
    );
    const result = composeServices(subgraphs);
    expect(result.errors).toBeUndefined();
    expect((result.hints ?? []).map((h) => h.message)).toEqual([]);
    supergraphSdl = result.supergraphSdl!;
    expect(supergraphSdl).toMatch(/customs: CustomsProfile @join__field\(graph: CUSTOMS\)/);
    expect(supergraphSdl).toContain('customsSetCreditRating(input: CustomsSetCreditRatingInput!)');
  });

  it('migrates its own schema (migrations match its entities) and seeds demo data', async () => {
    const config = readBaseConfig({
      ...process.env,
      DATABASE_URL: fed.databaseUrl,
      NODE_ENV: 'test',
    });
    customs = await startSubgraph(mod, { port: 0, config });
    const pending = await customs.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    expect(await mod.isEmpty!(customs.db)).toBe(true);
    const summary = await mod.seed!(customs.db, {
      enterprises: TEST_ENTERPRISES,
      seed: DEFAULT_SEED,
    });
    expect(summary).toMatch(/^\d+ enterprises, \d+ ratings/);
    expect(await mod.isEmpty!(customs.db)).toBe(false);
  });

  it('starts and answers through a gateway: a profile, a validated rating, and the rating reaching the registry', async () => {
    const urls = {
      ...Object.fromEntries([...fed.subgraphs].map(([name, s]) => [name, s.url])),
      customs: customs.url,
    };
    gateway = await startGateway(
      readGatewayConfig({ ...process.env, NODE_ENV: 'test', PORT: '0' }),
      { supergraphSdl, urls },
    );
    const query = (q: string, variables?: Record<string, unknown>, t?: string) =>
      postGraphQL(gateway.url, q, variables, { token: t });

    const [{ uscc }] = await sql<{ uscc: string }>(
      fed.databaseUrl,
      'SELECT uscc FROM customs.rating ORDER BY uscc LIMIT 1',
    );
    const read = await query(
      `query($u: ID!) { enterprise(uscc: $u) { name customs { creditRating { level riskClass } risk { riskClass } } } }`,
      { u: uscc },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.enterprise.name).toEqual(expect.any(String));
    expect(read.data.enterprise.customs.creditRating.riskClass).toBe(
      read.data.enterprise.customs.risk.riskClass,
    );

    const set = `mutation($i: CustomsSetCreditRatingInput!) { customsSetCreditRating(input: $i) { level riskClass } }`;
    const planner = await token('customs', ['planner']);
    const year = new Date().getUTCFullYear();
    expect(
      (await query(set, { i: { uscc, year, level: 'E' } }, planner)).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await query(set, { i: { uscc, year, level: 'D' } }, await token('tax', ['planner'])))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const ok = await query(set, { i: { uscc, year, level: 'D' } }, planner);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.customsSetCreditRating).toEqual({ level: 'D', riskClass: 'D' });
    const tags = await query(
      `query($u: ID!) { enterprise(uscc: $u) { supervisionTags { departmentCode riskClass } } }`,
      { u: uscc },
    );
    expect(tags.data.enterprise.supervisionTags).toContainEqual({
      departmentCode: 'customs',
      riskClass: 'D',
    });
  });
});
