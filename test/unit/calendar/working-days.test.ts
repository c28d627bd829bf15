import { getDayDetail, isWorkday } from 'chinese-days';
import {
  addWorkingDays,
  calendarCoverage,
  CalendarRangeError,
  countWorkingDays,
  isWorkingDay,
  resultDeadlineWorkingDays,
  resultDueDate,
  workingDaysBetween,
} from '@jih/domain/working-days';
import { chinaDate } from '@jih/subgraphs/joint-tasks/src/services/result-deadline.service';

describe('result due dates', () => {
  it('a check completed on 2025-09-26 is due 2025-10-30 (20 working days across National Day 2025)', () => {
    // Working days after Fri 9-26: Sun 9-28 (调休), 9-29, 9-30, [10-1..10-8 off], 10-9, 10-10,
    // Sat 10-11 (调休), 10-13..10-17, 10-20..10-24, 10-27..10-30 → the 20th is 10-30.
    expect(resultDueDate('2025-09-26', 'market')).toBe('2025-10-30');
    expect(resultDueDate('2025-09-26', 'tax')).toBe('2025-10-30');
    expect(workingDaysBetween('2025-09-26', '2025-10-30')).toBe(20);
  });

  it('health results are due within 5 working days', () => {
    expect(resultDeadlineWorkingDays('health')).toBe(5);
    expect(resultDeadlineWorkingDays('fire')).toBe(20);
    // 9-28 (Sunday workday), 9-29, 9-30, then 10-9, 10-10.
    expect(resultDueDate('2025-09-26', 'health')).toBe('2025-10-10');
    // An ordinary week: Tue 2025-03-04 + 5 working days = Tue 2025-03-11.
    expect(resultDueDate('2025-03-04', 'health')).toBe('2025-03-11');
  });

  it('skips only the weekend when no holiday intervenes', () => {
    expect(addWorkingDays('2025-03-07', 5)).toBe('2025-03-14'); // Fri → next Fri
    expect(addWorkingDays('2025-03-07', 1)).toBe('2025-03-10'); // Fri → Mon
    expect(addWorkingDays('2025-03-08', 1)).toBe('2025-03-10'); // a check on Saturday
    expect(addWorkingDays('2025-03-10', 0)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-10', -1)).toBe('2025-03-07');
  });
});

describe('working days', () => {
  it('follow the 2025 National Day arrangement, adjusted weekend workdays included', () => {
    expect(isWorkingDay('2025-09-27')).toBe(false); // Saturday
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday, adjusted workday
    expect(isWorkingDay('2025-10-01')).toBe(false);
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday, adjusted workday
    expect(isWorkingDay('2025-10-12')).toBe(false);
  });

  it('agree with chinese-days on every day it covers (checked where its timezone handling is sound)', () => {
    // chinese-days reads weekdays in local time after parsing dates as UTC, which is only
    // right at or east of UTC; our implementation is timezone-independent.
    if (new Date(2025, 0, 1).getTimezoneOffset() > 0) return;
    const { firstYear, lastYear } = calendarCoverage();
    const mismatches: string[] = [];
    for (let t = Date.UTC(firstYear, 0, 1); t <= Date.UTC(lastYear, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (isWorkingDay(date) !== isWorkday(date)) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
    expect(getDayDetail('2025-09-28').work).toBe(true);
  });

  it('count the working days of a window, both ends included', () => {
    // 2025-09-27 .. 2025-10-12: 9-28, 9-29, 9-30, 10-9, 10-10, 10-11.
    expect(countWorkingDays('2025-09-27', '2025-10-12')).toBe(6);
    expect(countWorkingDays('2025-09-26', '2025-09-26')).toBe(1);
    expect(countWorkingDays('2025-09-27', '2025-09-27')).toBe(0);
    expect(countWorkingDays('2025-10-02', '2025-10-01')).toBe(0);
  });

  it('report the covered years and refuse dates outside them', () => {
    const { firstYear, lastYear } = calendarCoverage();
    expect(firstYear).toBe(2004);
    expect(lastYear).toBeGreaterThanOrEqual(2026);
    const after = `${lastYear + 1}-03-02`;
    expect(() => isWorkingDay(after)).toThrow(CalendarRangeError);
    expect(() => isWorkingDay(after)).toThrow(new RegExp(`covers ${firstYear}-${lastYear}`));
    expect(() => isWorkingDay('2003-06-02')).toThrow(CalendarRangeError);
    // A deadline that runs into an uncovered year is refused too, not guessed.
    expect(() => resultDueDate(`${lastYear}-12-20`, 'market')).toThrow(CalendarRangeError);
  });

  it('reject malformed and impossible dates', () => {
    expect(() => isWorkingDay('2025-9-26')).toThrow(/YYYY-MM-DD/);
    expect(() => isWorkingDay('2025-02-29')).toThrow(/not a calendar date/);
    expect(() => addWorkingDays('2025-09-26', 1.5)).toThrow(/integer/);
    expect(isWorkingDay('2024-02-29')).toBe(true); // a leap day, an ordinary Thursday
  });
});

describe('today in China', () => {
  const at = (iso: string) => jest.spyOn(Date, 'now').mockReturnValue(Date.parse(iso));
  afterEach(() => jest.restoreAllMocks());

  it('turns at midnight UTC+8, also when remembered from an earlier call, and follows the clock backwards', () => {
    const steps: [string, string][] = [
      ['2026-12-01T15:59:59.999Z', '2026-12-01'],
      ['2026-12-01T16:00:00.000Z', '2026-12-02'],
      ['2026-12-31T23:00:00.000Z', '2027-01-01'],
      ['2026-11-30T15:59:59.000Z', '2026-11-30'],
      ['2026-11-30T16:00:00.000Z', '2026-12-01'],
    ];
    for (const [now, day] of steps) {
      at(now);
      expect([now, chinaDate(), chinaDate()]).toEqual([now, day, day]);
    }
    expect(chinaDate(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
  });
});
