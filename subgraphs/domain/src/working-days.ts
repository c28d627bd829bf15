/**
 * Chinese working days for result deadlines: weekends and statutory holidays are off,
 * adjusted working weekends (调休) are on. The holiday data comes from the maintained
 * `chinese-days` package (State Council arrangements since 2004), never from a hand list.
 *
 * We read the package's published data file (`chinese-days/dist/chinese-days.json`, offered
 * by its README for exactly this use) and do the weekday arithmetic ourselves in UTC day
 * numbers, rather than calling its `isWorkday`: that function parses 'YYYY-MM-DD' as UTC
 * midnight and then reads the weekday and date in local time, so in any timezone west of
 * UTC every answer is a day off (in America/New_York it calls Saturday 2025-09-27 a working
 * day). Our answers equal its answers in UTC and UTC+8 for every day of its range (tested).
 *
 * Dates outside the package's range are refused with {@link CalendarRangeError}: a year
 * whose holidays are not yet published cannot be counted correctly, and guessing "weekends
 * only" would move deadlines across a holiday week unnoticed.
 */

/** The package's data file: date → "English name,中文名,days" for holidays and adjusted workdays. */
interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

// require rather than import: a JSON import would make TypeScript type every one of the
// file's few thousand keys.
/* eslint-disable @typescript-eslint/no-require-imports */
const DATA = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
const PACKAGE_VERSION = (require('chinese-days/package.json') as { version: string }).version;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Raised for a date the calendar data does not cover. */
export class CalendarRangeError extends RangeError {
  override readonly name = 'CalendarRangeError';
}

/** The years the installed calendar data covers. */
export interface CalendarCoverage {
  /** First covered year. */
  readonly firstYear: number;
  /** Last covered year (its December arrangements included). */
  readonly lastYear: number;
  /** The chinese-days version the data comes from. */
  readonly packageVersion: string;
}

/** Working days to record a result after the check, by department code (DOMAIN.md). */
export const RESULT_DEADLINE_WORKING_DAYS: Readonly<Record<string, number>> = Object.freeze({
  health: 5,
});

/** The deadline for departments not listed in {@link RESULT_DEADLINE_WORKING_DAYS}. */
export const DEFAULT_RESULT_DEADLINE_WORKING_DAYS = 20;

const DAY_MS = 86_400_000;

/** Years with holiday data, and the range for messages. */
const COVERED_YEARS = new Set(Object.keys(DATA.holidays).map((d) => Number(d.slice(0, 4))));
const COVERAGE: CalendarCoverage = Object.freeze({
  firstYear: Math.min(...COVERED_YEARS),
  lastYear: Math.max(...COVERED_YEARS),
  packageVersion: PACKAGE_VERSION,
});

/** First UTC day number of the covered range, and one flag per day from it: 1 working, 0 off, 2 not covered. */
const FIRST_DAY = Date.UTC(COVERAGE.firstYear, 0, 1) / DAY_MS;
let dayFlags: Uint8Array | null = null;

/**
 * Which years the installed `chinese-days` data covers (2004–2026 for version 1.5.7).
 */
export function calendarCoverage(): CalendarCoverage {
  return COVERAGE;
}

/**
 * Whether a date is a working day in mainland China.
 *
 * @param date 'YYYY-MM-DD'
 * @throws RangeError for a malformed or impossible date; CalendarRangeError outside the data
 */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(parseDay(date));
}

/**
 * The n-th working day after `date`, the date itself not counted (n = 0 returns the date;
 * negative n counts backwards). Every day passed over must be covered by the calendar data.
 *
 * @example addWorkingDays('2025-09-26', 20) === '2025-10-30'  // across National Day 2025
 * @throws RangeError for a malformed date or non-integer n; CalendarRangeError outside the data
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`working-day count must be an integer, got ${n}`);
  const key = `${date}|${n}`;
  const known = addedDays.get(key);
  if (known !== undefined) return known;
  let day = parseDay(date);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    if (isWorkingDayNumber(day)) left--;
  }
  const result = formatDay(day);
  if (addedDays.size >= ADDED_DAYS_MAX) addedDays.clear();
  addedDays.set(key, result);
  return result;
}

/**
 * Answers of {@link addWorkingDays} (they depend only on the installed calendar data): a page of
 * results asks the same few check dates over and over. Bounded; cleared when full.
 */
const addedDays = new Map<string, string>();
const ADDED_DAYS_MAX = 10_000;

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`), e.g.
 * how many working days of a deadline have been used.
 *
 * @throws RangeError for a malformed date; CalendarRangeError outside the data
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (isWorkingDayNumber(day)) count++;
  return count;
}

/**
 * Working days from `from` to `to`, both included (0 when `to` is before `from`), e.g. the
 * working days of a task window for inspector capacity.
 *
 * @throws RangeError for a malformed date; CalendarRangeError outside the data
 */
export function countWorkingDays(from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  let count = 0;
  for (let day = a; day <= b; day++) if (isWorkingDayNumber(day)) count++;
  return count;
}

/** The working days a department has to record a result: health 5, others 20. */
export function resultDeadlineWorkingDays(department: string): number {
  return RESULT_DEADLINE_WORKING_DAYS[department] ?? DEFAULT_RESULT_DEADLINE_WORKING_DAYS;
}

/**
 * The last day to record a check's result: the 20th working day after the check date (the
 * 5th for health), the check date not counted.
 *
 * @param checkDate the day the check was completed, 'YYYY-MM-DD'
 * @param department the checking department's code
 * @throws RangeError for a malformed date; CalendarRangeError when the deadline runs past the
 *   calendar data
 */
export function resultDueDate(checkDate: string, department: string): string {
  return addWorkingDays(checkDate, resultDeadlineWorkingDays(department));
}

/** Working-day flag of a UTC day number: one array read (deadlines of a large page call it a few hundred thousand times). */
function isWorkingDayNumber(day: number): boolean {
  const flags = (dayFlags ??= buildFlags());
  const flag = flags[day - FIRST_DAY];
  if (flag === undefined || flag === 2) {
    const year = new Date(day * DAY_MS).getUTCFullYear();
    throw new CalendarRangeError(
      `no working-day data for ${year}: chinese-days ${COVERAGE.packageVersion} covers ` +
        `${COVERAGE.firstYear}-${COVERAGE.lastYear} (each year's holidays are published by the ` +
        `State Council late in the year before); update the chinese-days package`,
    );
  }
  return flag === 1;
}

/** The flags of every day of the covered years, from weekends, holidays and adjusted workdays. */
function buildFlags(): Uint8Array {
  const end = Date.UTC(COVERAGE.lastYear + 1, 0, 1) / DAY_MS;
  const flags = new Uint8Array(end - FIRST_DAY);
  for (let day = FIRST_DAY; day < end; day++) {
    const key = formatDay(day);
    if (!COVERED_YEARS.has(Number(key.slice(0, 4)))) {
      flags[day - FIRST_DAY] = 2;
      continue;
    }
    flags[day - FIRST_DAY] =
      key in DATA.workdays || (!isWeekend(day) && !(key in DATA.holidays)) ? 1 : 0;
  }
  return flags;
}

/** Whether a UTC day number is a Saturday or Sunday (day 0, 1970-01-01, was a Thursday). */
function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday, 6 = Saturday
  return weekday === 0 || weekday === 6;
}

/** Strict 'YYYY-MM-DD' to a UTC day number; rejects impossible dates like 2025-02-30. */
function parseDay(date: string): number {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) throw new RangeError(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`${date} is not a calendar date`);
  }
  return ms / DAY_MS;
}

/** UTC day number to 'YYYY-MM-DD'. */
function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Working days from `from` to `to`, both included, for planning figures such as inspector
 * capacity over a task window: exact where the calendar data covers the dates, otherwise
 * Monday-to-Friday days with `exact: false` (a capacity estimate may be off by a holiday week;
 * a legal deadline may not, which is why {@link resultDueDate} refuses instead).
 */
export function estimateWorkingDays(from: string, to: string): { days: number; exact: boolean } {
  try {
    return { days: countWorkingDays(from, to), exact: true };
  } catch (err) {
    if (!(err instanceof CalendarRangeError)) throw err;
    let days = 0;
    for (let day = parseDay(from), last = parseDay(to); day <= last; day++)
      if (!isWeekend(day)) days++;
    return { days, exact: false };
  }
}
