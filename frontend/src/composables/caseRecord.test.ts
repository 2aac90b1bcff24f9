import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useCaseRecord, useDrawer } from './caseRecord'

vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn() } }))

const settle = () => new Promise((r) => setTimeout(r, 0))
beforeEach(() => vi.clearAllMocks())

describe('useCaseRecord', () => {
  it('fetches the record when the drawer opens or moves to another one', async () => {
    const fetch = vi.fn(async (id: string) => ({ id, status: '1' }))
    const id = ref('a')
    const visible = ref(false)
    const { record } = useCaseRecord(fetch, id, visible)
    await settle()
    expect(fetch).not.toHaveBeenCalled()
    visible.value = true
    await nextTick()
    await settle()
    expect(record.value).toEqual({ id: 'a', status: '1' })
    id.value = 'b'
    await nextTick()
    await settle()
    expect(record.value?.id).toBe('b')
  })

  it('keeps what it showed when a fetch is refused, and says why', async () => {
    const fetch = vi.fn().mockResolvedValueOnce({ id: 'a' }).mockRejectedValueOnce({ code: 'not_found', message: '该事项已被删除' })
    const { record, load } = useCaseRecord(fetch, ref('a'), ref(false))
    await load()
    await load()
    expect(record.value).toEqual({ id: 'a' })
    expect(ElMessage.error).toHaveBeenCalledWith('该事项已被删除')
  })
})

describe('useDrawer', () => {
  it('opens on the record asked for', () => {
    const d = useDrawer()
    expect(d.visible).toBe(false)
    d.show('item-7')
    expect(d).toMatchObject({ visible: true, id: 'item-7' })
  })
})
