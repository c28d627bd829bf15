/**
 * `npm run token -- --department tax --roles inspector[,supervisor] [--sub ID] [--expires 8h]`:
 * prints a development token signed with JWT_SECRET (or the development secret).
 */
import { parseArgs } from 'node:util';
import { DEV_JWT_SECRET, ROLES, signDevToken, type Role } from '@jih/kit';
import { answerHelp } from './lib/cli';

answerHelp(
  module,
  `usage: npm run token -- --department <code> --roles <role[,role]> [--sub ID] [--expires 8h]

Prints a development token signed with JWT_SECRET (or the development secret). Roles: planner,
inspector, supervisor, admin.`,
);

async function main() {
  const { values } = parseArgs({
    options: {
      department: { type: 'string' },
      roles: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const roles = (values.roles ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const problems: string[] = [];
  if (!values.department || !/^[a-z][a-z0-9]{1,31}$/.test(values.department))
    problems.push('--department must be a department code such as tax');
  if (!roles.length || !roles.every((r) => (ROLES as readonly string[]).includes(r)))
    problems.push(`--roles must be a comma-separated list of ${ROLES.join(', ')}`);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(2);
  }
  if (process.env.NODE_ENV === 'production' && !process.env.JWT_SECRET) {
    console.error('refusing to sign with the development secret in production');
    process.exit(2);
  }
  console.log(
    await signDevToken({
      department: values.department!,
      roles: roles as Role[],
      sub: values.sub,
      expiresIn: values.expires,
      secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET,
    }),
  );
}

void main();
