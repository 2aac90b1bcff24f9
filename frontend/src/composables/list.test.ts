import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ElMessage } from 'element-plus'
import { queryFrom, useList, type Paging } from './list'

vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn() } }))

beforeEach(() => vi.clearAllMocks())

describe('useList', () => {
  it('asks for the page shown and keeps the total', async () => {
    const load = vi.fn(async (p: Paging) => ({ lines: [`row ${p.offset}`], total: 120 }))
    const list = useList(load, 50)
    await list.refresh()
    expect(load).toHaveBeenLastCalledWith({ offset: 0, limit: 50 })
    list.page = 3
    await list.refresh()
    expect(load).toHaveBeenLastCalledWith({ offset: 100, limit: 50 })
    expect(list.rows).toEqual(['row 100'])
    expect(list.total).toBe(120)
  })

  it('goes back to the first page when a filter changes', async () => {
    const load = vi.fn(async () => ({ lines: [], total: 0 }))
    const list = useList(load)
    list.page = 4
    await list.search()
    expect(list.page).toBe(1)
    expect(load).toHaveBeenLastCalledWith({ offset: 0, limit: 50 })
  })

  it('takes a whole short list (grids, staff) when unpaged', async () => {
    const list = useList(async () => ['a', 'b', 'c'], 0)
    await list.refresh()
    expect(list.rows).toEqual(['a', 'b', 'c'])
    expect(list.total).toBe(3)
  })

  it('says why a load was refused and keeps the rows already shown', async () => {
    const load = vi.fn().mockResolvedValueOnce(['a']).mockRejectedValueOnce({ code: 'internal', message: '数据库忙，请稍后再试' })
    const list = useList<string>(load, 0)
    await list.refresh()
    await list.refresh()
    expect(list.rows).toEqual(['a'])
    expect(list.loading).toBe(false)
    expect(ElMessage.error).toHaveBeenCalledWith('数据库忙，请稍后再试')
  })

  it('shows the answer to the latest request when an older one arrives last', async () => {
    const answers: ((rows: string[]) => void)[] = []
    const list = useList<string>(() => new Promise((r) => answers.push(r)), 0)
    const first = list.refresh()
    const second = list.refresh()
    expect(list.loading).toBe(true)
    answers[1](['new'])
    await second
    answers[0](['old'])
    await first
    expect(list.rows).toEqual(['new'])
    expect(list.loading).toBe(false)
  })
})

describe('queryFrom', () => {
  const blank = { status: '', grid: '', text: '', overdue: false }
  it('takes the filters the address gives, typed as the blank query', () => {
    expect(queryFrom(blank, { status: 'archived', grid: 'g1', overdue: '1', other: 'x' })).toEqual({ status: 'archived', grid: 'g1', text: '', overdue: true })
    expect(queryFrom(blank, { overdue: 'true' }).overdue).toBe(true)
    expect(queryFrom(blank, { overdue: '0' }).overdue).toBe(false)
  })
  it('ignores repeated parameters and leaves the blank alone', () => {
    const q = queryFrom(blank, { status: ['a', 'b'], text: null })
    expect(q).toEqual(blank)
    expect(q).not.toBe(blank)
  })
})
