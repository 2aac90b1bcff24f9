// What the dispute screens share: tag colours, periods, people pickers.
import { loadStaff } from '../people/lookups'

/** The flow's steps, each one dialog (StepForm). */
export type Step = 'accept' | 'decline' | 'record' | 'conclude' | 'visit' | 'archive'

/** The steps a status allows: 调解记录 while mediating too, one 调处结果 for 成功 and 不成功. */
export function stepsFrom(status: string, transitions: Record<string, string[]> | undefined): Step[] {
  const of: Record<string, Step> = { accepted: 'accept', declined: 'decline', mediating: 'record', succeeded: 'conclude', failed: 'conclude', visited: 'visit', archived: 'archive' }
  const steps: Step[] = status === 'mediating' ? ['record'] : []
  for (const to of transitions?.[status] ?? []) if (of[to] && !steps.includes(of[to])) steps.push(of[to])
  return steps
}

/** Tag colours of the flow's statuses. */
export function statusType(status: string): 'info' | 'warning' | 'primary' | 'success' | 'danger' {
  return (
    ({ registered: 'warning', accepted: 'primary', mediating: 'primary', succeeded: 'success', failed: 'danger', visited: 'success' } as const)[status] ??
    'info'
  )
}

/** Statuses whose registration may still be corrected. */
export const editable = (status: string) => status !== 'declined' && status !== 'archived'

/** YYYY-MM of a date, and the month before it. */
export const monthOf = (date: string) => date.slice(0, 7)
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** First and last day of a month, quarter or year holding a YYYY-MM. */
export function span(kind: 'month' | 'quarter' | 'year', month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const first = kind === 'year' ? 1 : kind === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m
  const months = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1
  const last = new Date(y, first - 1 + months, 0).getDate()
  const pad = (n: number) => String(n).padStart(2, '0')
  return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + months - 1)}-${pad(last)}` }
}

/**
 * A PersonPicker's value as the service takes it: a staff id, or the
 * typed name of someone not on the staff list.
 */
export async function personOf(value: string): Promise<{ id: string; name: string }> {
  if (!value) return { id: '', name: '' }
  const staff = await loadStaff()
  return staff.some((s) => s.id === value) ? { id: value, name: '' } : { id: '', name: value }
}
