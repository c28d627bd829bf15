import {
  CalendarRangeError,
  DEFAULT_RESULT_DEADLINE_WORKING_DAYS,
  RESULT_DEADLINE_WORKING_DAYS,
  addWorkingDays,
  calendarCoverage,
  resultDeadlineWorkingDays,
  resultDueDate,
} from '@jih/domain/working-days';
import { DeadlineStatus, DueDateBasis } from '../entities';

/*
 * Result deadlines. A (visit, department) slot is overdue when nothing of it is published and its
 * due date, 20 working days (health 5) after its check date, lies before today. Because the due
 * date never moves backwards as the check date moves forwards, "due date < today" is the same as
 * "check date < cutoff", where the cutoff is the n-th working day before today. Dashboards use the
 * cutoff so PostgreSQL can count overdue slots without knowing the holiday calendar.
 */

const CHINA_OFFSET_MS = 8 * 3600_000;

const DAY_MS = 86_400_000;
/** Today in China and the instant it ends: a dashboard page asks for today once per result. */
let today = { day: '', endsAt: 0 };

/** A day in China (UTC+8), YYYY-MM-DD: deadlines and "not in the future" are about Chinese days. Without an argument: today. */
export function chinaDate(at?: Date): string {
  if (at) return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const now = Date.now();
  if (now >= today.endsAt || now < today.endsAt - DAY_MS) {
    const shifted = now + CHINA_OFFSET_MS;
    today = {
      day: new Date(shifted).toISOString().slice(0, 10),
      endsAt: shifted - (shifted % DAY_MS) + DAY_MS - CHINA_OFFSET_MS,
    };
  }
  return today.day;
}

/** The due date of a check, or null when the installed calendar does not cover it yet. */
export function dueDateOf(checkDate: string, department: string): string | null {
  try {
    return resultDueDate(checkDate, department);
  } catch (err) {
    if (err instanceof CalendarRangeError) return null;
    throw err;
  }
}

/**
 * The first check date that is not overdue today for a deadline of `days` working days. Past
 * the calendar's last year it falls back to the last covered day, so only slots certainly
 * overdue are reported as overdue, never one that might not be.
 */
function cutoffFor(days: number, today: string): string {
  try {
    return addWorkingDays(today, -days);
  } catch (err) {
    if (!(err instanceof CalendarRangeError)) throw err;
    const { lastYear } = calendarCoverage();
    if (today <= `${lastYear}-12-31`) throw err;
    return addWorkingDays(`${lastYear + 1}-01-01`, -days);
  }
}

/** The overdue cutoff of a department today: a check before it, still unpublished, is overdue. */
function overdueCutoff(department: string, today: string): string {
  return cutoffFor(resultDeadlineWorkingDays(department), today);
}

/** Cutoffs as SQL parameters: departments with their own deadline as JSON, and the default one. */
export function overdueCutoffParams(today: string): { special: string; fallback: string } {
  const special = Object.fromEntries(
    Object.entries(RESULT_DEADLINE_WORKING_DAYS).map(([d, n]) => [d, cutoffFor(n, today)]),
  );
  return {
    special: JSON.stringify(special),
    fallback: cutoffFor(DEFAULT_RESULT_DEADLINE_WORKING_DAYS, today),
  };
}

/** What decides a slot's deadline. */
export interface SlotFacts {
  department: string;
  /** The department's current check date, if it has recorded. */
  checkDate: string | null;
  /** The earliest check date any department recorded for the visit. */
  visitCheckDate: string | null;
  windowEnd: string;
  /** First publication of any version of the chain, and that version's due date. */
  firstPublishedAt: Date | null;
  publishedDueDate: string | null;
}

/** A slot's deadline: the date it counts from, the due date and the status today. */
export interface SlotDeadline {
  basis: DueDateBasis;
  effectiveCheckDate: string;
  dueDate: string | null;
  status: DeadlineStatus;
}

/** The deadline of one (visit, department) slot; the SQL in dashboard.service applies the same rule. */
export function slotDeadline(facts: SlotFacts, today: string): SlotDeadline {
  const basis = facts.checkDate
    ? DueDateBasis.CHECK_DATE
    : facts.visitCheckDate
      ? DueDateBasis.VISIT_DATE
      : DueDateBasis.WINDOW_END;
  const effectiveCheckDate = facts.checkDate ?? facts.visitCheckDate ?? facts.windowEnd;
  const dueDate = dueDateOf(effectiveCheckDate, facts.department);
  let status: DeadlineStatus;
  if (facts.firstPublishedAt) {
    status =
      facts.publishedDueDate && chinaDate(facts.firstPublishedAt) > facts.publishedDueDate
        ? DeadlineStatus.LATE
        : DeadlineStatus.ON_TIME;
  } else {
    status =
      effectiveCheckDate < overdueCutoff(facts.department, today)
        ? DeadlineStatus.OVERDUE
        : DeadlineStatus.DUE;
  }
  return { basis, effectiveCheckDate, dueDate, status };
}

/**
 * SQL for "this unpublished slot is overdue", given SQL expressions of its check date and
 * department and the placeholders of {@link overdueCutoffParams}' two values.
 */
export function overdueSql(
  checkDate: string,
  department: string,
  special: string,
  fallback: string,
): string {
  return `${checkDate} < COALESCE((${special}::jsonb ->> ${department})::date, ${fallback}::date)`;
}

/** SQL for the Chinese calendar day of a timestamptz expression, whatever the server's time zone. */
export function chinaDateSql(timestamp: string): string {
  return `((${timestamp} AT TIME ZONE 'UTC') + interval '8 hours')::date`;
}
