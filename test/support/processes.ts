import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const REGISTER = path.join(ROOT, 'scripts', 'register.js');

/** A subgraph running as its own process, as in a deployment. */
export interface SubgraphProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr (for diagnosing a failed start). */
  stderr(): string;
  /** Kills the process with `signal` and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `subgraphs/run.ts <name>` as a child process on 127.0.0.1:`port` against `databaseUrl`
 * and resolves once it reports ready (it has migrated and listens).
 */
export function spawnSubgraph(
  name: string,
  port: number,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<SubgraphProcess> {
  const child = fork(path.join(ROOT, 'subgraphs', 'run.ts'), [name], {
    cwd: ROOT,
    execArgv: ['-r', REGISTER],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: SubgraphProcess = {
    name,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    child,
    stderr: () => stderr,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} was not ready within 60 s: ${stderr}`));
    }, 60_000);
    child.on('message', (m: { ready?: string }) => {
      if (m?.ready) {
        clearTimeout(timer);
        resolve(handle);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready: ${stderr}`));
    });
  });
}
