import { execFile } from 'node:child_process';
import path from 'node:path';
import pkg from '../../package.json';

const ROOT = path.join(__dirname, '..', '..');
/** npm scripts that are commands for people (not lifecycle hooks, nor the test, lint and format runners, whose tools answer --help themselves). */
const COMMANDS = Object.keys(pkg.scripts).filter(
  (s) => !['postinstall', 'test', 'typecheck', 'lint', 'format', 'build'].includes(s),
);

function help(script: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', '--help'],
      { cwd: ROOT, timeout: 60_000 },
      (err, stdout) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }),
    );
  });
}

describe('every command', () => {
  it('answers --help with its usage and exit 0, starting nothing', async () => {
    expect(COMMANDS).toEqual(
      expect.arrayContaining([
        'start',
        'seed',
        'token',
        'new:department',
        'verify-draw',
        'bench:draw',
      ]),
    );
    const answers = await Promise.all(COMMANDS.map(async (c) => [c, await help(c)] as const));
    for (const [command, { code, stdout }] of answers) {
      expect({ command, code, usage: /^usage: /.test(stdout) }).toEqual({
        command,
        code: 0,
        usage: true,
      });
    }
  }, 180_000);
});
