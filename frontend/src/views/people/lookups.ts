// Lookups the people screens share: staff and grids for selects, dates,
// the ID-number check digit, the id inside a duplicate_person refusal.
import { gridApi } from '../../api/services'
import type { Code, GridSummary, StaffSummary } from '../../api/types'

/** Today as YYYY-MM-DD in the office's local time. */
export function today(): string {
  return localDate(new Date())
}

export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The first day of the current month. */
export function monthStart(): string {
  return today().slice(0, 8) + '01'
}

export const labelOf = (table: Code[] | undefined, code: string) => table?.find((c) => c.code === code)?.label ?? code

// Staff and grids change rarely while a screen is open; a short cache
// keeps the drawer's forms from asking again on every open.
function cached<T>(load: () => Promise<T>, ttl = 30_000) {
  let at = 0
  let value: Promise<T> | undefined
  return (fresh = false) => {
    if (fresh || !value || Date.now() - at > ttl) {
      at = Date.now()
      value = load().catch((e) => {
        value = undefined
        throw e
      })
    }
    return value
  }
}

export const loadStaff = cached<StaffSummary[]>(() => gridApi.listStaff({}))
export const loadGrids = cached<GridSummary[]>(() => gridApi.listGrids({}))

export const staffLabel = (s: StaffSummary) => `${s.name}（${s.roleName ?? ''}${s.grids.length ? '，' + s.grids[0] : ''}）`

/** Grids grouped by village, for a grouped select. */
export function gridGroups(grids: GridSummary[]): { village: string; grids: GridSummary[] }[] {
  const by = new Map<string, GridSummary[]>()
  for (const g of grids) {
    const k = g.villageName || '其他'
    if (!by.has(k)) by.set(k, [])
    by.get(k)!.push(g)
  }
  return [...by.entries()].map(([village, gs]) => ({ village, grids: gs.sort((a, b) => a.code.localeCompare(b.code)) }))
}

/** The person id a duplicate_person refusal names (after the last "："). */
export function duplicateOf(message: string | undefined): string {
  if (!message) return ''
  const i = Math.max(message.lastIndexOf('：'), message.lastIndexOf(':'))
  return i >= 0 ? message.slice(i + 1).trim() : ''
}

/** A detail value as shown: labels for codes, 是/否 for bools. */
export function detailText(kind: string, value: string | undefined, names: Record<string, string> | undefined, key: string): string {
  if (!value) return ''
  if (kind === 'bool') return value === 'true' ? '是' : value === 'false' ? '否' : value
  if (kind === 'code' || kind === 'codes') return names?.[key] || value
  return value
}
