/**
 * `npm run new:department -- --code <slug> [--dir <folder>] [--name <English>] [--name-zh <中文>] [--port <n>]`:
 * scaffolds a department subgraph from scripts/templates/department on the department kit and adds
 * its line to SERVICES in the service list (`--services <file>`, default subgraphs/services.ts);
 * then `npm run compose`. Nothing else needs editing by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { departmentByCode } from '@jih/domain/reference/departments';
import { SERVICES } from '@jih/subgraphs/services';

const ROOT = path.join(__dirname, '..');
const TEMPLATE_DIR = path.join(__dirname, 'templates', 'department');
/** How every scaffolded file imports the department kit (a tsconfig path alias). */
const KIT_IMPORT = '@jih/kit/department';
const SERVICES_FILE = path.join(ROOT, 'subgraphs', 'services.ts');
/** Department subgraphs take ports from 4011 up (market 4011 … ecology 4016). */
const FIRST_DEPARTMENT_PORT = 4011;

export interface ScaffoldOptions {
  code: string;
  /** Folder the department folder goes into; default `subgraphs/`. */
  dir?: string;
  name?: string;
  nameZh?: string;
  port?: number;
}

export interface Scaffold {
  /** The department's folder. */
  folder: string;
  files: string[];
  port: number;
  /** The line to add to SERVICES in subgraphs/services.ts. */
  serviceLine: string;
}

/** Template files, relative to the template folder. */
function templateFiles(dir = TEMPLATE_DIR, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? templateFiles(path.join(dir, e.name), path.join(prefix, e.name))
        : [path.join(prefix, e.name)],
    );
}

/** Checks the options; returns every problem. */
function problemsOf(o: ScaffoldOptions, folder: string): string[] {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9]{1,31}$/.test(o.code))
    problems.push(`--code must be a lower-case slug of 2-32 letters and digits, got "${o.code}"`);
  else if (!departmentByCode.get(o.code) && !(o.name && o.nameZh)) {
    problems.push(
      `"${o.code}" is not a department of the registry (subgraphs/domain/src/reference/departments.ts), whose tagEnterprise would refuse it; known: ${[...departmentByCode.keys()].join(', ')}`,
    );
  }
  if (SERVICES.some((s) => s.name === o.code))
    problems.push(`a subgraph "${o.code}" is already in SERVICES`);
  if (fs.existsSync(folder)) problems.push(`${folder} already exists`);
  if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 1024 || o.port > 65535))
    problems.push(`--port must be a port number from 1024, got ${o.port}`);
  if (o.port !== undefined && SERVICES.some((s) => s.port === o.port))
    problems.push(`port ${o.port} is taken by another subgraph`);
  return problems;
}

/**
 * Writes a department folder from the template: `__code__`, `__Pascal__`, `__name__`, `__nameZh__`
 * replaced, and `__KIT__` by the kit's import alias, so the folder works wherever it is written
 * inside the project.
 * @throws Error listing every problem with the options
 */
export function scaffoldDepartment(o: ScaffoldOptions): Scaffold {
  const folder = path.resolve(o.dir ?? path.join(ROOT, 'subgraphs'), o.code);
  const problems = problemsOf(o, folder);
  if (problems.length)
    throw new Error(
      `Cannot scaffold department "${o.code}":\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  const reference = departmentByCode.get(o.code);
  const values: Record<string, string> = {
    __code__: o.code,
    __Pascal__: o.code.charAt(0).toUpperCase() + o.code.slice(1),
    __name__: o.name ?? reference!.name,
    __nameZh__: o.nameZh ?? reference!.nameZh,
  };
  const files: string[] = [];
  for (const template of templateFiles()) {
    const target = path.join(folder, template.replace(/\.tmpl$/, '').replace(/__code__/g, o.code));
    const text = fs
      .readFileSync(path.join(TEMPLATE_DIR, template), 'utf8')
      .replace(/__KIT__/g, KIT_IMPORT)
      .replace(/__code__|__Pascal__|__nameZh__|__name__/g, (m) => values[m]);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    files.push(target);
  }
  const port = o.port ?? Math.max(FIRST_DEPARTMENT_PORT - 1, ...SERVICES.map((s) => s.port)) + 1;
  let importPath = path
    .relative(path.join(ROOT, 'subgraphs'), path.join(folder, 'src'))
    .split(path.sep)
    .join('/');
  if (!importPath.startsWith('.')) importPath = `./${importPath}`;
  const serviceLine = `{ name: '${o.code}', port: ${port}, load: async () => (await import('${importPath}')).${o.code}Subgraph },`;
  return { folder, files, port, serviceLine };
}

/**
 * Adds a service line to the SERVICES list of a service-list file, after its last entry, with the
 * import path relative to that file.
 * @throws Error when the file has no SERVICES list
 */
export function addServiceLine(file: string, s: Scaffold, code: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const end = text.search(/\n\];/);
  if (!/export const SERVICES[^=]*= \[/.test(text) || end < 0)
    throw new Error(`${file} has no SERVICES list`);
  let importPath = path
    .relative(path.dirname(file), path.join(s.folder, 'src'))
    .split(path.sep)
    .join('/');
  if (!importPath.startsWith('.')) importPath = `./${importPath}`;
  const line = `  { name: '${code}', port: ${s.port}, load: async () => (await import('${importPath}')).${code}Subgraph },`;
  fs.writeFileSync(file, `${text.slice(0, end)}\n${line}${text.slice(end)}`);
}

const USAGE = `usage: npm run new:department -- --code <slug> [--dir <folder>] [--name <English name>] [--name-zh <中文名>] [--port <n>] [--services <file>]

Scaffolds subgraphs/<slug> (or <folder>/<slug>) on the department kit and adds it to SERVICES in the
service list (default subgraphs/services.ts); then run npm run compose.`;

function main() {
  const { values } = parseArgs({
    options: {
      code: { type: 'string' },
      dir: { type: 'string' },
      name: { type: 'string' },
      'name-zh': { type: 'string' },
      port: { type: 'string' },
      services: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.code) {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    const s = scaffoldDepartment({
      code: values.code,
      dir: values.dir,
      name: values.name,
      nameZh: values['name-zh'],
      port: values.port ? Number(values.port) : undefined,
    });
    const services = path.resolve(values.services ?? SERVICES_FILE);
    addServiceLine(services, s, values.code);
    console.log(
      `created ${path.relative(process.cwd(), s.folder)} (${s.files.length} files) and added it to SERVICES in ${path.relative(process.cwd(), services)}\n\nnext:\n  1. npm run compose\n  2. npm start (or: node -r ./scripts/register.js subgraphs/run.ts ${values.code})`,
    );
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

if (require.main === module) main();
