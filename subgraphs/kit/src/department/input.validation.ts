import { validate, type ValidationError } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { normalizeUscc, validateUscc } from '@jih/domain/uscc';
import { BadUserInputError } from '../errors';
import { validatesObjectsOnly } from '../federation';

/**
 * type-graphql's argument validator for department subgraphs: class-validator as usual, but a
 * failure is BAD_USER_INPUT whose message names every bad field and its rule, instead of the
 * generic "Argument Validation Error".
 */
export const validateDepartmentInput: ValidatorFn = validatesObjectsOnly(async (arg) => {
  if (arg === null || typeof arg !== 'object') return;
  const items = Array.isArray(arg) ? arg : [arg];
  const errors = (
    await Promise.all(
      items.map((item) =>
        validate(item as object, { skipMissingProperties: true, forbidUnknownValues: false }),
      ),
    )
  ).flat();
  if (errors.length === 0) return;
  const problems = errors.flatMap((e) => describe(e, ''));
  throw new BadUserInputError(`Invalid input: ${problems.map((p) => p.message).join('; ')}`, {
    validationErrors: problems.map(({ property, rules }) => ({ property, rules })),
  });
});

/** Flattens one class-validator error and its children into `path: rule` messages. */
function describe(
  error: ValidationError,
  prefix: string,
): { property: string; rules: string[]; message: string }[] {
  const property = prefix ? `${prefix}.${error.property}` : error.property;
  const own = error.constraints
    ? [
        {
          property,
          rules: Object.keys(error.constraints),
          message: Object.values(error.constraints).join(', '),
        },
      ]
    : [];
  return [...own, ...(error.children ?? []).flatMap((c) => describe(c, property))];
}

/**
 * Normalises and checks a USCC with the registry's GB 32100 rules (both check characters); throws
 * BAD_USER_INPUT naming the bad character, so a malformed code never reaches a table or the registry.
 */
export function requireUscc(input: string, argument = 'uscc'): string {
  const code = normalizeUscc(input);
  const check = validateUscc(code);
  if (!check.valid) {
    throw new BadUserInputError(
      `Invalid unified social credit code "${input.slice(0, 40)}": ${check.reason}`,
      { argument, position: check.position },
    );
  }
  return code;
}

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in China (UTC+8), YYYY-MM-DD: deadlines and validity are Chinese calendar days. */
export function todayInChina(now = new Date()): string {
  return CHINA_DAY.format(now);
}

/** `date` plus whole years, YYYY-MM-DD (29 February becomes 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** `date` plus whole days, YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Throws BAD_USER_INPUT unless `date` is on or before today (a record of something that happened). */
export function requireNotFuture(date: string, argument: string, today = todayInChina()): void {
  if (date > today)
    throw new BadUserInputError(
      `${argument} ${date} is in the future (today is ${today} in China)`,
      { argument },
    );
}

/** Throws BAD_USER_INPUT unless `date` is on or after `earliest`. */
export function requireNotBefore(
  date: string,
  earliest: string,
  argument: string,
  what: string,
): void {
  if (date < earliest)
    throw new BadUserInputError(`${argument} ${date} is before ${what} ${earliest}`, { argument });
}
