// The state behind a list page (ListPage.vue): rows, total, page and the
// loading flag, refreshed by one load function that reads the page's own
// filters. A refused load says why and keeps the rows already shown.
import { reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, type LocationQuery } from 'vue-router'
import { refused } from './errors'

/** A status tab of a list page (ListPage.vue). */
export interface ListTab {
  value: string
  label: string
  /** Shown after the label; undefined while the counts load. */
  count?: number
  testid?: string
}

/** One page of a paged service answer. */
export interface Page<R> {
  lines: R[]
  total: number
}

/** What a list page passes to its service: offset and limit are 0 when unpaged. */
export interface Paging {
  offset: number
  limit: number
}

/**
 * load fetches the rows for the page asked: a Page, or all rows at once
 * (grids, staff: short lists, pageSize 0).
 */
export function useList<R>(load: (paging: Paging) => Promise<Page<R> | R[]>, pageSize = 50) {
  const rows = shallowRef<R[]>([])
  const total = ref(0)
  const page = ref(1)
  const loading = ref(false)
  // Answers that arrive after a newer request are dropped: filters typed
  // quickly must not end with an older list on screen.
  let generation = 0

  async function refresh() {
    const mine = ++generation
    loading.value = true
    try {
      const res = await load(pageSize > 0 ? { offset: (page.value - 1) * pageSize, limit: pageSize } : { offset: 0, limit: 0 })
      if (mine !== generation) return
      rows.value = Array.isArray(res) ? res : res.lines
      total.value = Array.isArray(res) ? res.length : res.total
    } catch (e) {
      if (mine === generation) refused(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }
  /** A filter changed: back to the first page. */
  function search() {
    page.value = 1
    return refresh()
  }
  return reactive({ rows, total, page, pageSize, loading, refresh, search })
}

export type ListState<R = unknown> = ReturnType<typeof useList<R>>

/**
 * A query's filters as the address gives them (?status=overdue&grid=…),
 * each typed as in blank: text as is, a flag from 1/true.
 */
export function queryFrom<Q extends Record<string, string | boolean>>(blank: Q, at: LocationQuery): Q {
  const out: Record<string, string | boolean> = { ...blank }
  for (const [k, v] of Object.entries(blank)) {
    const given = at[k]
    if (typeof given !== 'string') continue
    out[k] = typeof v === 'boolean' ? given === '1' || given === 'true' : given
  }
  return out as Q
}

/**
 * The filters of a page others link to (the dashboard opens the ledger
 * with its filters in the address): filled from the address now and again
 * whenever it changes, then changed() runs.
 */
export function useRouteFilters<Q extends Record<string, string | boolean>>(blank: () => Q, changed: () => void): Q {
  const route = useRoute()
  const query = reactive(queryFrom(blank(), route.query)) as Q
  watch(
    () => route.fullPath,
    () => {
      Object.assign(query, queryFrom(blank(), route.query))
      changed()
    },
  )
  return query
}
