// What many forms pick from: staff and grids (cached briefly), labels of
// code tables, and the staff-or-typed-name value of a person picker.
import { gridApi } from '../api/services'
import type { Code, GridSummary, StaffSummary } from '../api/types'

/** The label of a code in a table, or the code itself when unknown. */
export const labelOf = (table: Code[] | undefined, code: string) => table?.find((c) => c.code === code)?.label ?? code

/**
 * A loader whose answer is kept for ttl ms: staff and grids change rarely
 * while a screen is open, and a drawer's forms would otherwise ask again
 * on every open. A failure is not kept.
 */
export function cached<T>(load: () => Promise<T>, ttl = 30_000) {
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

/** 张三（网格员，一组网格）: a name is not unique in a township, role and grid tell them apart. */
export const staffLabel = (s: StaffSummary) => `${s.name}（${s.roleName ?? ''}${s.grids.length ? '，' + s.grids[0] : ''}）`

/** Grids grouped by village, for a grouped select. */
export function gridGroups(grids: GridSummary[]): { village: string; grids: GridSummary[] }[] {
  const by = new Map<string, GridSummary[]>()
  for (const g of grids) {
    const k = g.villageName || '其他'
    if (!by.has(k)) by.set(k, [])
    by.get(k)!.push(g)
  }
  return [...by.entries()].map(([village, gs]) => ({ village, grids: [...gs].sort((a, b) => a.code.localeCompare(b.code)) }))
}

/**
 * A PersonPicker's value as the services take it: a staff id, or the
 * typed name of someone not on the staff list.
 */
export async function personOf(value: string): Promise<{ id: string; name: string }> {
  if (!value) return { id: '', name: '' }
  const staff = await loadStaff()
  return staff.some((s) => s.id === value) ? { id: value, name: '' } : { id: '', name: value }
}
