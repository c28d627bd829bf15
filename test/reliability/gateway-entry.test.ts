import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { serviceUrlVariable } from '@jih/kit';
import { startFederation, type TestFederation } from '../support/federation';
import { postGraphQL } from '../support/http';

const ROOT = path.join(__dirname, '..', '..');
let fed: TestFederation;
let gateway: ChildProcess | undefined;

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

beforeAll(async () => {
  fed = await startFederation();
});
afterAll(async () => {
  gateway?.kill('SIGKILL');
  await fed?.stop();
});

describe('the gateway started from its real entry point', () => {
  it('calls every subgraph at its SUBGRAPH_<NAME>_URL, not at the URL baked into the supergraph', async () => {
    const port = await freePort();
    // The test subgraphs listen on random ports; the checked-in supergraph names the default ones.
    const urls = Object.fromEntries(
      [...fed.subgraphs].map(([name, s]) => [serviceUrlVariable(name), s.url]),
    );
    for (const url of Object.values(urls)) expect(url).not.toMatch(/:40(0[12]|1[1-6])\/graphql$/);
    let stderr = '';
    gateway = fork(path.join(ROOT, 'gateway', 'src', 'index.ts'), [], {
      cwd: ROOT,
      execArgv: ['-r', path.join(ROOT, 'scripts', 'register.js')],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        ...urls,
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    gateway.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = `http://127.0.0.1:${port}/graphql`;
    let answer: { data?: any; errors?: unknown[] } | undefined;
    for (let i = 0; i < 150 && !answer; i++) {
      answer = await postGraphQL(
        url,
        `{ enterprises(first: 2) { nodes { uscc name market { uscc } } } }`,
      ).catch(() => undefined);
      if (!answer) await new Promise((r) => setTimeout(r, 200));
    }
    expect({ answer: !!answer, stderr }).toEqual({ answer: true, stderr: '' });
    expect(answer!.errors).toBeUndefined();
    expect(answer!.data.enterprises.nodes).toHaveLength(2);
    expect(answer!.data.enterprises.nodes[0]).toHaveProperty('market');
  }, 60_000);

  it('refuses to start on a subgraph URL that is not an http(s) URL, naming the variable', async () => {
    const child = fork(path.join(ROOT, 'gateway', 'src', 'index.ts'), [], {
      cwd: ROOT,
      execArgv: ['-r', path.join(ROOT, 'scripts', 'register.js')],
      env: { ...process.env, NODE_ENV: 'test', PORT: '0', SUBGRAPH_REGISTRY_URL: 'registry:4001' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/SUBGRAPH_REGISTRY_URL must be an http\(s\) URL, got "registry:4001"/);
  }, 60_000);
});
