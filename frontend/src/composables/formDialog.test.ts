import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from '../api/client'
import { useFieldErrors } from './fieldErrors'
import { useFormDialog } from './formDialog'

vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn() }, ElMessageBox: { alert: vi.fn() } }))

const refusal = new ApiError({
  code: 'invalid',
  message: '请修正标出的内容',
  fields: [{ field: 'phone', code: 'format', message: '联系电话“12345”格式不正确' }],
})

// A staff form as the views write one: the typed values live in the owner.
function staffDialog(submit: () => Promise<unknown>, more: { take?: (e: ApiError) => boolean } = {}) {
  const visible = ref(false)
  const typed = { phone: '' }
  const opened = vi.fn(() => (typed.phone = ''))
  const saved = vi.fn()
  const d = useFormDialog({ visible, submit, opened, saved, ...more })
  return { visible, typed, opened, saved, ...d }
}

beforeEach(() => vi.clearAllMocks())

describe('useFormDialog', () => {
  it('starts each opening fresh: errors cleared, the owner refills the form', async () => {
    const d = staffDialog(vi.fn().mockRejectedValue(refusal))
    expect(d.opened).not.toHaveBeenCalled()
    d.visible.value = true
    await nextTick()
    await d.save()
    expect(d.errors.phone).toBeTruthy()
    d.visible.value = false
    await nextTick()
    d.visible.value = true
    await nextTick()
    expect(d.opened).toHaveBeenCalledTimes(2)
    expect(d.errors).toEqual({})
  })

  it('keeps a refused form open with what was typed and the reason beside the field', async () => {
    const submit = vi.fn().mockRejectedValueOnce(refusal).mockResolvedValueOnce({ id: 's1' })
    const d = staffDialog(submit)
    d.visible.value = true
    await nextTick()
    d.typed.phone = '12345'
    await d.save()
    expect(d.visible.value).toBe(true)
    expect(d.errors).toEqual({ phone: '联系电话“12345”格式不正确' })
    expect(d.typed.phone).toBe('12345')
    expect(ElMessage.error).toHaveBeenCalledWith('请修正标出的内容')
    expect(d.saved).not.toHaveBeenCalled()
    expect(d.opened).toHaveBeenCalledTimes(1)

    // Fixed and saved: closed, the result handed on, the reason gone.
    await d.save()
    expect(d.visible.value).toBe(false)
    expect(d.saved).toHaveBeenCalledWith({ id: 's1' })
    expect(d.errors).toEqual({})
  })

  it('spins while saving and saves once however often 保存 is clicked', async () => {
    let finish: (v: unknown) => void = () => {}
    const submit = vi.fn(() => new Promise((r) => (finish = r)))
    const d = staffDialog(submit)
    d.visible.value = true
    const first = d.save()
    expect(d.saving.value).toBe(true)
    await d.save()
    expect(submit).toHaveBeenCalledTimes(1)
    finish({ id: 'x' })
    await first
    expect(d.saving.value).toBe(false)
    expect(d.visible.value).toBe(false)
  })

  it('stays open without a message when the owner\'s own check stops the save', async () => {
    const d = staffDialog(vi.fn().mockResolvedValue(undefined))
    d.visible.value = true
    await d.save()
    expect(d.visible.value).toBe(true)
    expect(ElMessage.error).not.toHaveBeenCalled()
    expect(d.saved).not.toHaveBeenCalled()
  })

  it('lets take claim a refusal: no message, no field errors', async () => {
    const take = vi.fn((err: ApiError) => err.code === 'invalid')
    const d = staffDialog(vi.fn().mockRejectedValue(refusal), { take })
    d.visible.value = true
    await d.save()
    expect(take).toHaveBeenCalledWith(refusal)
    expect(ElMessage.error).not.toHaveBeenCalled()
    expect(d.errors).toEqual({})
    expect(d.visible.value).toBe(true)
  })

  it('fills the owner\'s errors when given, so its script can read them', async () => {
    const fields = useFieldErrors()
    const visible = ref(true)
    const d = useFormDialog({ visible, fields, submit: () => Promise.reject(refusal), opened: () => {}, saved: () => {} })
    await d.save()
    expect(fields.errors.phone).toContain('格式不正确')
    expect(d.errors).toBe(fields.errors)
  })
})
