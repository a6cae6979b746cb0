import type { Cadence, Citation, Holder, Period, Provision, Silent, Stated, Text, Window } from './model';

/** Small constructors that keep the profile files readable. Pure. */

export const cite = (regulation: string, article: string, extra: Omit<Citation, 'regulation' | 'article'> = {}): Citation => ({
  regulation,
  article,
  ...extra,
});

export const t = (id: string, en: string): Text => ({ id, en });

export const stated = <T>(value: T, citation: Citation, note?: Text): Stated<T> => (note ? { kind: 'stated', value, citation, note } : { kind: 'stated', value, citation });

export const silent = <T>(note: Text, fallback?: { value: T; citation: Citation }): Silent<T> => (fallback ? { kind: 'silent', note, fallback } : { kind: 'silent', note });

/**
 * A PD Mandiri TIK gate whose regulation uses the status without naming who designates (Samarinda
 * Pasal 15(4)(b), Mojokerto Pasal 15(5) and 20(3)(b)): the product does not invent a designator.
 */
export const DESIGNATOR_NOT_NAMED: Text = {
  id: 'Peraturan tidak menyebut siapa yang menetapkan status PD Mandiri TIK; Pemda mencatat penetapannya sendiri.',
  en: 'The regulation does not name who designates a PD Mandiri TIK; the Pemda records its own designation.',
};

export const holder = (value: Holder, citation: Citation, note?: Text): Provision<Holder> => stated(value, citation, note);

/** A cadence "at least once every N years"; the window is the product default unless given. */
export const everyYears = (years: number, window?: Window): Cadence => ({ every: { years }, window: window ?? defaultWindow({ years }) });

/**
 * The regulations never say whether "per year" means a calendar or a rolling window. Product default:
 * a calendar year for yearly duties (the Pemda's fiscal and reporting year), a rolling window for
 * longer periods (N years after the last one). A Pemda may override either by decree.
 */
export function defaultWindow(every: Period): Window {
  return (every.years ?? 0) === 1 && !every.months ? 'calendar' : 'rolling';
}
