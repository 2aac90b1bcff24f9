// Dates as the office reads them: local YYYY-MM-DD text (never UTC: at
// 07:00 in Yunnan the UTC date is still yesterday), months and the
// periods the printed ledgers cover.

const pad = (n: number) => String(n).padStart(2, '0')

/** A date as YYYY-MM-DD in the office's local time. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Today as YYYY-MM-DD in the office's local time. */
export const today = () => localDate(new Date())

/** The first day of the current month. */
export const monthStart = () => today().slice(0, 8) + '01'

/** YYYY-MM of a date. */
export const monthOf = (date: string) => date.slice(0, 7)

/** The month before the one a date (or YYYY-MM) falls in. */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`
}

/** 2026年3月 */
export const monthName = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`

export type PeriodKind = 'month' | 'quarter' | 'year'

/** First and last day of the month, quarter or year holding a YYYY-MM. */
export function span(kind: PeriodKind, month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const first = kind === 'year' ? 1 : kind === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m
  const months = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1
  const last = new Date(y, first - 1 + months, 0).getDate()
  return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + months - 1)}-${pad(last)}` }
}

/** The period a YYYY-MM falls in, as the report services name it: 2026, 2026-Q1, 2026-03. */
export function periodKey(kind: PeriodKind, month: string): string {
  const [y, m] = month.split('-')
  if (kind === 'year') return y
  if (kind === 'quarter') return `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`
  return `${y}-${m}`
}
