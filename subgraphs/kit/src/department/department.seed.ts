import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { generateEnterprise, generateTags } from '@jih/demo-data/generator';
import { copyRows } from '../copy';
import type { SeedOptions } from '../subgraph';
import {
  RISK_CLASSES,
  words,
  type DepartmentDefinition,
  type RiskClassCode,
} from './department.config';
import type { DepartmentModel } from './department.types';
import { addDays } from './input.validation';

/**
 * Demo data for a department, derived from the registry's deterministic generator (never from the
 * registry's tables): the enterprises this department tags in `generateTags(i, seed)` are the ones
 * it has records on, and its rating of each is the level that maps to the class the registry's demo
 * tag gives, so both subgraphs tell the same story. One pass over the generator collects the
 * subjects; each table is then one COPY: 100,000 enterprises take 1 to 6 s per department.
 */

/** The years seeded; the last is the current rating. */
const SEED_YEARS = [2023, 2024] as const;
const SEEDED_BY = 'seed';

/** An enterprise this department supervises in the demo data, with the registry's demo tag. */
export class SeedSubject {
  constructor(
    readonly index: number,
    readonly uscc: string,
    readonly name: string,
    readonly industry: string,
    readonly type: string,
    readonly status: string,
    readonly registeredOn: string,
    /** This department's class in the registry's demo tag. */
    readonly riskClass: RiskClassCode,
    /** The demo tag's basis text, e.g. `2024年度纳税信用M级`. */
    readonly basis: string,
  ) {}

  /** A deterministic number in [0, 1) for this enterprise and a salt, for picking which records it has. */
  chance(salt: string): number {
    let h = 0x811c9dc5;
    const s = `${this.uscc}:${salt}`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return (h >>> 0) / 4294967296;
  }

  /** A deterministic day in `year`, YYYY-MM-DD (1st to 28th, so every month has it). */
  day(year: number, salt: string): string {
    const k = Math.floor(this.chance(salt) * 336);
    return `${year}-${String(1 + Math.floor(k / 28)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
  }
}

export interface SeedFlag {
  flag: string;
  since: string;
  note?: string;
}
export interface SeedLicence {
  kind: string;
  number: string;
  scope?: string;
  issuedOn: string;
  validUntil: string | null;
  revokedOn?: string;
  revocationReason?: string;
}
export interface SeedFollowUp {
  kind: string;
  summary: string;
  legalBasis?: string;
  openedOn: string;
  deadline?: string | null;
  closedOn?: string;
  outcome?: string;
}

/** A department's demo-data rules; everything is optional, the kit seeds ratings by default. */
export interface DepartmentSeedRules {
  /** The level of an enterprise's rating for a year, or null for none. Default: see `defaultSeedLevel`. */
  rating?(s: SeedSubject, year: number): string | null;
  flags?(s: SeedSubject): SeedFlag[];
  licences?(s: SeedSubject): SeedLicence[];
  followUps?(s: SeedSubject): SeedFollowUp[];
  /** The department's own tables, each one COPY. */
  tables?: { table: string; columns: string[]; rows(s: SeedSubject): unknown[][] }[];
}

/**
 * The level whose risk class is nearest the registry tag's class (the worse on a tie), so the
 * department's derived class equals the registry's demo tag wherever its scale can express it. The
 * year before the current one moves a level for one enterprise in five, so histories show change.
 */
export function defaultSeedLevel(def: DepartmentDefinition, s: SeedSubject, year: number): string {
  let target = RISK_CLASSES.indexOf(s.riskClass);
  if (year < SEED_YEARS[SEED_YEARS.length - 1] && s.chance(`rating-${year}`) < 0.2)
    target += s.chance(`shift-${year}`) < 0.5 ? -1 : 1;
  return nearestLevels(def)[Math.min(RISK_CLASSES.length + 1, Math.max(0, target + 1))];
}

const NEAREST = new WeakMap<DepartmentDefinition, string[]>();

/** For each class index -1 … 4 (one step beyond either end), the level nearest it, the worse on a tie. */
function nearestLevels(def: DepartmentDefinition): string[] {
  let table = NEAREST.get(def);
  if (!table) {
    const levels = Object.entries(def.rating.levels).map(
      ([level, d]) => [level, RISK_CLASSES.indexOf(d.risk)] as const,
    );
    table = [-1, 0, 1, 2, 3, 4].map(
      (target) =>
        levels.reduce((best, l) =>
          Math.abs(l[1] - target) <= Math.abs(best[1] - target) ? l : best,
        )[0],
    );
    NEAREST.set(def, table);
  }
  return table;
}

/**
 * A demo follow-up opened in 2025: with a deadline `deadlineDays` after opening when given, and
 * closed with `outcome` (before the deadline) for about `closedShare` of the enterprises.
 */
export function demoFollowUp(
  s: SeedSubject,
  f: {
    kind: string;
    summary: string;
    legalBasis?: string;
    deadlineDays?: number;
    outcome: string;
    closedShare?: number;
  },
): SeedFollowUp {
  const openedOn = s.day(2025, `open-${f.kind}`);
  const closed = s.chance(`close-${f.kind}`) < (f.closedShare ?? 0.5);
  return {
    kind: f.kind,
    summary: f.summary,
    legalBasis: f.legalBasis,
    openedOn,
    deadline: f.deadlineDays ? addDays(openedOn, f.deadlineDays) : null,
    closedOn: closed
      ? addDays(
          openedOn,
          1 + Math.floor(s.chance(`closed-${f.kind}`) * ((f.deadlineDays ?? 60) - 1)),
        )
      : undefined,
    outcome: closed ? f.outcome : undefined,
  };
}

/** A UUID derived from a name, so reseeding gives the same ids. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Collects the enterprises this department tags in the demo data: one pass over the generator. */
function subjectsOf(code: string, opts: SeedOptions): SeedSubject[] {
  const subjects: SeedSubject[] = [];
  for (let i = 0; i < opts.enterprises; i++) {
    const tag = generateTags(i, opts.seed).find((t) => t.departmentCode === code);
    if (tag) {
      const e = generateEnterprise(i, opts.seed);
      subjects.push(
        new SeedSubject(
          i,
          e.uscc,
          e.name,
          e.industry,
          e.type,
          e.status,
          e.registeredOn,
          tag.riskClass,
          tag.basis,
        ),
      );
    }
    if (i % 10_000 === 9_999) opts.onProgress?.(i + 1, opts.enterprises);
  }
  opts.onProgress?.(opts.enterprises, opts.enterprises);
  return subjects;
}

/** Streams `each(s)` rows of every subject into one table with COPY. */
function copyEach(
  db: DataSource,
  table: string,
  columns: string[],
  subjects: SeedSubject[],
  each: (s: SeedSubject) => unknown[][],
): Promise<number> {
  return copyRows(
    db,
    table,
    columns,
    (function* () {
      for (const s of subjects) yield* each(s);
    })(),
  );
}

/** Writes a department's demo data into its own schema (the kit's `SubgraphModule.seed`). */
export async function seedDepartment(
  model: DepartmentModel,
  db: DataSource,
  opts: SeedOptions,
  rules: DepartmentSeedRules = {},
): Promise<string> {
  const { def } = model;
  const subjects = subjectsOf(def.code, opts);
  const levelOf =
    rules.rating ?? ((s: SeedSubject, year: number) => defaultSeedLevel(def, s, year));
  const counts: string[] = [`${subjects.length} enterprises`];
  const count = (n: number, what: string) => {
    if (n) counts.push(`${n} ${what}`);
  };

  count(
    await copyEach(
      db,
      'rating',
      ['uscc', 'year', 'level', 'rated_on', 'note', 'recorded_by'],
      subjects,
      (s) =>
        SEED_YEARS.flatMap((year) => {
          const level = levelOf(s, year);
          return level
            ? [
                [
                  s.uscc,
                  year,
                  level,
                  `${year + 1}-04-${String(10 + Math.floor(s.chance('rated') * 15)).padStart(2, '0')}`,
                  '',
                  SEEDED_BY,
                ],
              ]
            : [];
        }),
    ),
    'ratings',
  );
  if (rules.flags) {
    count(
      await copyEach(db, 'flag', ['uscc', 'flag', 'since', 'note', 'updated_by'], subjects, (s) =>
        rules.flags!(s).map((f) => [s.uscc, f.flag, f.since, f.note ?? '', SEEDED_BY]),
      ),
      'flags',
    );
  }
  if (rules.licences) {
    count(
      await copyEach(
        db,
        'licence',
        [
          'id',
          'uscc',
          'kind',
          'number',
          'scope',
          'issued_on',
          'valid_until',
          'revoked_on',
          'revocation_reason',
          'recorded_by',
        ],
        subjects,
        (s) =>
          rules.licences!(s).map((l, k) => [
            stableUuid(`${opts.seed}:${def.code}:licence:${s.index}:${k}`),
            s.uscc,
            l.kind,
            l.number,
            l.scope ?? '',
            l.issuedOn,
            l.validUntil,
            l.revokedOn ?? null,
            l.revocationReason ?? null,
            SEEDED_BY,
          ]),
      ),
      'licences',
    );
  }
  if (rules.followUps) {
    count(
      await copyEach(
        db,
        'follow_up',
        [
          'id',
          'uscc',
          'kind',
          'check_result_id',
          'summary',
          'legal_basis',
          'opened_on',
          'deadline',
          'closed_on',
          'outcome',
          'opened_by',
          'closed_by',
        ],
        subjects,
        (s) =>
          rules.followUps!(s).map((f, k) => [
            stableUuid(`${opts.seed}:${def.code}:follow-up:${s.index}:${k}`),
            s.uscc,
            f.kind,
            null,
            f.summary,
            f.legalBasis ?? '',
            f.openedOn,
            f.deadline ?? null,
            f.closedOn ?? null,
            f.outcome ?? null,
            SEEDED_BY,
            f.closedOn ? SEEDED_BY : null,
          ]),
      ),
      words(def.followUps.plural),
    );
  }
  for (const t of rules.tables ?? [])
    count(await copyEach(db, t.table, t.columns, subjects, (s) => t.rows(s)), `${t.table} rows`);
  await db.query(
    ['rating', 'flag', 'licence', 'follow_up', ...(rules.tables ?? []).map((t) => t.table)]
      .map((t) => `ANALYZE "${t}"`)
      .join('; '),
  );
  return counts.join(', ');
}

/** Whether the department's schema holds no records yet (so `npm start` seeds it). */
export async function departmentIsEmpty(db: DataSource): Promise<boolean> {
  const [row] = await db.query(
    'SELECT NOT EXISTS (SELECT 1 FROM rating) AND NOT EXISTS (SELECT 1 FROM flag) AND NOT EXISTS (SELECT 1 FROM licence) AND NOT EXISTS (SELECT 1 FROM follow_up) AS empty',
  );
  return row.empty === true;
}
