import { describe, expect, it, vi } from 'vitest'
import type { GridSummary, StaffSummary } from '../api/types'
import { cached, gridGroups, labelOf, personOf, staffLabel } from './lookups'

const staff = [{ id: 's1', name: '张三', roleName: '专职网格员', grids: ['一组网格', '二组网格'] }] as StaffSummary[]
vi.mock('../api/services', () => ({ gridApi: { listStaff: vi.fn(async () => staff), listGrids: vi.fn(async () => []) } }))

describe('lookups', () => {
  it('tells staff of the same name apart by role and first grid', () => {
    expect(staffLabel(staff[0])).toBe('张三（专职网格员，一组网格）')
    expect(staffLabel({ ...staff[0], grids: [] })).toBe('张三（专职网格员）')
  })
  it('groups grids by village, in code order', () => {
    const g = (code: string, villageName: string) => ({ id: code, code, name: code, villageName }) as GridSummary
    expect(gridGroups([g('002', '平场子村'), g('001', '平场子村'), g('101', ''), g('201', '新街社区')])).toEqual([
      { village: '平场子村', grids: [g('001', '平场子村'), g('002', '平场子村')] },
      { village: '其他', grids: [g('101', '')] },
      { village: '新街社区', grids: [g('201', '新街社区')] },
    ])
  })
  it('labels a code, or shows the code it does not know', () => {
    expect(labelOf([{ code: '1', label: '一般' }], '1')).toBe('一般')
    expect(labelOf(undefined, '9')).toBe('9')
  })
  it('reads a person picker: a staff id, or a typed name', async () => {
    await expect(personOf('s1')).resolves.toEqual({ id: 's1', name: '' })
    await expect(personOf('李调解')).resolves.toEqual({ id: '', name: '李调解' })
    await expect(personOf('')).resolves.toEqual({ id: '', name: '' })
  })
  it('asks again after a failure or when the answer is old', async () => {
    vi.useFakeTimers({ now: 0 })
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(['a'])
    const get = cached(load, 1000)
    await expect(get()).rejects.toThrow('offline')
    await expect(get()).resolves.toEqual(['a'])
    await get()
    expect(load).toHaveBeenCalledTimes(2)
    vi.setSystemTime(2000)
    await get()
    expect(load).toHaveBeenCalledTimes(3)
    vi.useRealTimers()
  })
})
