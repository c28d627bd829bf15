import type { ApolloServerPlugin } from '@apollo/server';
import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { Kind, visit, type DocumentNode } from 'graphql';
import { BadUserInputError } from './errors';

/**
 * Upper bound on any one string a subgraph accepts, in variables or inline in the document. Each
 * input field has its own tighter bound (class-validator); this one catches the arguments that have
 * none, so no string anywhere is unbounded. The gateway applies its own, lower limit first.
 */
const MAX_STRING_LENGTH = 10_000;

/** A department code: a lower-case slug such as `tax` (the `department` claim, every departmentCode input). */
export const DEPARTMENT_CODE = /^[a-z][a-z0-9]{1,31}$/;

/** A UUID as ids are written by PostgreSQL's gen_random_uuid(). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD, from 1900 to 2100. */
function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** class-validator decorator: a real calendar date YYYY-MM-DD (a regex alone lets 2026-02-30 reach PostgreSQL). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value) => isIsoDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a calendar date YYYY-MM-DD from 1900 to 2100`,
          options,
        ),
      },
    },
    options,
  );
}

/** Checks a date argument; throws BAD_USER_INPUT naming it. */
export function requireIsoDate(value: string, argument: string): string {
  if (!isIsoDate(value))
    throw new BadUserInputError(
      `${argument} must be a calendar date YYYY-MM-DD, got "${String(value).slice(0, 40)}"`,
      { argument },
    );
  return value;
}

/** The length of the longest string in a JSON value (variables). */
function longestString(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (depth > 64 || value === null || typeof value !== 'object') return 0;
  let max = 0;
  for (const v of Array.isArray(value) ? value : Object.values(value))
    max = Math.max(max, longestString(v, depth + 1));
  return max;
}

/** The length of the longest string literal in a document. */
function longestLiteral(document: DocumentNode): number {
  let max = 0;
  visit(document, {
    [Kind.STRING]: (node) => {
      max = Math.max(max, node.value.length);
    },
  });
  return max;
}

/**
 * Apollo Server plugin refusing an operation whose variables or inline arguments hold a string
 * longer than `maxLength`: BAD_USER_INPUT with HTTP 400, before any resolver runs.
 */
export function stringBoundsPlugin(maxLength = MAX_STRING_LENGTH): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const longest = Math.max(longestString(request.variables), longestLiteral(document));
          if (longest > maxLength) {
            throw new BadUserInputError(
              `A string of ${longest} characters exceeds the limit of ${maxLength} characters`,
              {
                limit: maxLength,
                http: { status: 400 },
              },
            );
          }
        },
      };
    },
  };
}
