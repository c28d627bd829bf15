/**
 * `npm start`: the whole federation on one machine. Starts PostgreSQL (embedded unless
 * DATABASE_URL is set), migrates, seeds an empty database with demo data, starts every subgraph
 * and the gateway as separate processes, prints the gateway URL, and on Ctrl-C stops them all.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEV_JWT_SECRET, signDevToken } from '@jih/kit';
import { SERVICES } from '@jih/subgraphs/services';
import { ensureDatabase } from './lib/database';
import { migrateAll } from './lib/migrate';
import { seedIfEmpty } from './lib/seed';
import { ensureDemoTask } from './lib/demo-task';
import { answerHelp } from './lib/cli';

answerHelp(
  module,
  `usage: npm start

Starts the whole federation: PostgreSQL (embedded unless DATABASE_URL is set), migrations, demo data
on an empty database, every subgraph and the gateway; prints the gateway URL. Ctrl-C stops everything.
Environment: DATABASE_URL, EMBEDDED_PG_PORT, SEED_ENTERPRISES, JWT_SECRET, PORT (see .env.example).`,
);

const ROOT = path.join(__dirname, '..');
const REGISTER = path.join(__dirname, 'register.js');
const children: ChildProcess[] = [];
let shuttingDown = false;

/** Forks a TypeScript entry point and resolves when it reports ready. */
function startProcess(
  label: string,
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, entry), args, {
      execArgv: ['-r', REGISTER],
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    const timer = setTimeout(
      () => reject(new Error(`${label} did not become ready within 60 s`)),
      60_000,
    );
    child.on('message', (m: { ready?: string }) => {
      if (m?.ready) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!shuttingDown) {
        console.error(`${label} exited (${signal ?? code})`);
        reject(new Error(`${label} exited before it was ready`));
      }
    });
  });
}

async function main() {
  const started = Date.now();
  process.env.NODE_ENV ??= 'development';
  process.env.LOG_LEVEL ??= 'warn';
  const db = await ensureDatabase({
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    persistent: true,
  });
  console.log(
    db.embedded
      ? `PostgreSQL (embedded) at ${db.url.replace(/:[^:@/]+@/, ':***@')}`
      : 'PostgreSQL from DATABASE_URL',
  );

  const stopAll = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nstopping…');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((r) => {
            if (c.exitCode !== null || c.signalCode !== null) return r();
            c.once('exit', () => r());
            c.kill('SIGTERM');
            setTimeout(() => {
              c.kill('SIGKILL');
              r();
            }, 5000).unref();
          }),
      ),
    );
    await db.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    await migrateAll(db.url);
    const seeded = await seedIfEmpty(db.url, {
      enterprises: Number(process.env.SEED_ENTERPRISES ?? 5000),
    });
    if (seeded) console.log(`seeded demo data: ${seeded}`);
    const env = { ...process.env, DATABASE_URL: db.url };
    await Promise.all(
      SERVICES.map((s) =>
        startProcess(s.name, 'subgraphs/run.ts', [s.name], { ...env, PORT: String(s.port) }),
      ),
    );
    const gatewayPort = process.env.PORT ?? '4000';
    await startProcess('gateway', 'gateway/src/index.ts', [], { ...env, PORT: gatewayPort });
    console.log(
      `\nGateway ready at http://localhost:${gatewayPort}/graphql  (${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops everything)`,
    );
    if (seeded && process.env.NODE_ENV !== 'production') {
      const taskId = await ensureDemoTask(`http://127.0.0.1:${gatewayPort}/graphql`).catch(
        (err) => {
          console.warn(`demo joint task not created: ${(err as Error).message}`);
          return null;
        },
      );
      if (taskId) {
        // A development token in the address, read once by the page and removed from it.
        const viewer = await signDevToken({
          department: 'market',
          roles: ['supervisor'],
          secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET,
          expiresIn: '8h',
        });
        console.log(
          `demo joint task ${taskId}\ndashboard: http://localhost:${gatewayPort}/dashboard#task=${taskId}&token=${viewer}`,
        );
      }
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stopAll(1);
  }
}

void main();
