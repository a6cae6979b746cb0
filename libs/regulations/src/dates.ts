import { ValidationError } from '@spbe/ledger-core';
import type { Period } from './model';

/** Calendar dates as `YYYY-MM-DD` strings (no time zone, no clock). Pure. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function isDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function assertDate(s: unknown, field: string): asserts s is string {
  if (!isDate(s)) throw new ValidationError(field, `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(s)}`);
}

const parts = (s: string) => s.split('-').map(Number) as [number, number, number];
const fmt = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Adds years and months; a day past the end of the target month is clamped (29 Feb + 1 year → 28 Feb). */
export function addPeriod(date: string, p: Period, sign: 1 | -1 = 1): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + sign * ((p.years ?? 0) * 12 + (p.months ?? 0));
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return fmt(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/**
 * The last day of a term of `p` that starts on `from`: the day before the anniversary. Where the
 * anniversary does not exist (a term from 29 February ending in a common year, or from the 31st ending
 * in a shorter month), the term runs to the last day of that month: five years from 2024-02-29 end on
 * 2029-02-28, not 2029-02-27.
 */
export function termEnd(from: string, p: Period): string {
  const anniversary = addPeriod(from, p);
  const clamped = parts(anniversary)[2] !== parts(from)[2];
  return clamped ? anniversary : addDays(anniversary, -1);
}

const toDays = (s: string) => {
  const [y, m, d] = parts(s);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

export function addDays(date: string, days: number): string {
  const t = new Date((toDays(date) + days) * 86_400_000);
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return toDays(b) - toDays(a);
}

export const maxDate = (a: string, b: string) => (a >= b ? a : b);
export const yearOf = (s: string) => parts(s)[0];

/** Months in a period (a period is years and/or months). */
export const periodMonths = (p: Period) => (p.years ?? 0) * 12 + (p.months ?? 0);

export function describePeriod(p: Period): string {
  const parts: string[] = [];
  if (p.years) parts.push(`${p.years} tahun`);
  if (p.months) parts.push(`${p.months} bulan`);
  return parts.join(' ') || '0';
}
