import { randomBytes } from 'node:crypto';
import type { Role } from '@jih/kit';
import { buildUscc } from '@jih/domain/uscc';
import { sql } from '../../support/database';
import type { TestFederation } from '../../support/federation';

/**
 * One cell of the matrix: who calls. `public` has no token; `<role>@own` holds the role in the
 * department that owns the data the request touches; `<role>@other` the same role in another
 * department; `self` is the inspector the request is about (token subject = inspector id), for the
 * operations an inspector may do on their own behalf.
 */
export type Cell = 'public' | `${Role}@own` | `${Role}@other` | 'self';

const ROLE_ORDER: Role[] = ['planner', 'inspector', 'supervisor', 'admin'];
export const CELLS: Cell[] = [
  'public',
  ...ROLE_ORDER.map((r) => `${r}@own` as Cell),
  ...ROLE_ORDER.map((r) => `${r}@other` as Cell),
  'self',
];

/** One request a cell makes; `selfSub` is the token subject of the `self` cell. */
export interface MatrixRequest {
  query: string;
  variables?: Record<string, unknown>;
  selfSub?: string;
}

/** What factories may use: the running federation, an admin token, SQL, and fresh unique values. */
export interface MatrixContext {
  fed: TestFederation;
  /** A market admin's token, for setting up what a cell's request needs. */
  admin: string;
  sql<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  /** A short value never returned before in this run (for codes, certificate numbers, seeds). */
  unique(): string;
  /** A valid USCC that is not in the directory yet. */
  newUscc(): string;
  /** Runs an operation through the gateway as admin and returns its data, failing on any error. */
  asAdmin<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * One mutation of the supergraph. `allowed` lists the cells that may call it; every other cell
 * must be refused with UNAUTHENTICATED or FORBIDDEN. `request` builds a fresh, valid request for
 * one cell, so an allowed cell succeeds outright (proving the input is valid and only identity
 * decides) and a refusal can only be an authorization decision.
 */
export interface MutationEntry {
  mutation: string;
  /** Department that owns the data the request touches (the `@own` cells hold roles in it). */
  owner: string;
  /** Department of the `@other` cells; defaults to tax (market when the owner is tax). */
  other?: string;
  allowed: Cell[];
  request(ctx: MatrixContext, cell: Cell): Promise<MatrixRequest>;
}

/**
 * One sensitive field. `visible` lists the cells that see its value; every other cell must be
 * refused (an UNAUTHENTICATED or FORBIDDEN error) or see it hidden (null or an empty list).
 * `pick` extracts the field's value from the data.
 */
export interface FieldEntry {
  field: string;
  owner: string;
  other?: string;
  visible: Cell[];
  request(ctx: MatrixContext, cell: Cell): Promise<MatrixRequest & { pick(data: any): unknown }>;
}

/** The cells of `roles` in the owning department, plus admins of any department (admin is global). */
export function own(...roles: Role[]): Cell[] {
  return [...roles.map((r) => `${r}@own` as Cell), 'admin@own', 'admin@other'];
}

/** Every signed-in cell, of any department. */
export const SIGNED_IN: Cell[] = CELLS.filter((c) => c !== 'public' && c !== 'self');

/** Builds the context the factories share. */
export function matrixContext(fed: TestFederation, admin: string): MatrixContext {
  let counter = 0;
  const run = randomBytes(3).toString('hex').toUpperCase();
  return {
    fed,
    admin,
    sql: (text, params) => sql(fed.databaseUrl, text, params),
    unique: () => `${run}${(++counter).toString(36).toUpperCase()}`,
    newUscc: () => {
      // Digits only from the USCC alphabet, prefixed 'XY', which the demo generator never uses.
      const body = `XY${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
      return buildUscc({ authority: '9', orgType: '1', division: '150821', orgBody: body });
    },
    async asAdmin(query, variables) {
      const res = await fed.query(query, variables, { token: admin });
      if (res.errors?.length) throw new Error(`setup failed: ${JSON.stringify(res.errors)}`);
      return res.data;
    },
  };
}
