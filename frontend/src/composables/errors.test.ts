import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ElMessage, ElMessageBox } from 'element-plus'
import { attempt, explain, refused } from './errors'
import { useFieldErrors } from './fieldErrors'

vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn() }, ElMessageBox: { alert: vi.fn() } }))

// As a Wails binding rejects: the problem serialized as JSON text.
const problem = JSON.stringify({
  code: 'invalid',
  message: '请修正标出的内容',
  fields: [
    { field: 'name', code: 'required', message: '姓名不能为空' },
    { field: 'phone', code: 'format', message: '联系电话格式不正确' },
  ],
})

beforeEach(() => vi.clearAllMocks())

describe('refused', () => {
  it('says why and gives the messages for the fields', () => {
    expect(refused(problem)).toEqual({ name: '姓名不能为空', phone: '联系电话格式不正确' })
    expect(ElMessage.error).toHaveBeenCalledWith('请修正标出的内容')
  })
  it('says what a failed connection means, with no fields', () => {
    expect(refused(new TypeError('Failed to fetch'))).toEqual({})
    expect(vi.mocked(ElMessage.error).mock.calls[0][0]).toContain('无法连接服务')
  })
})

describe('attempt', () => {
  it('gives the answer of a call that succeeds, silently', async () => {
    await expect(attempt(async () => [1, 2])).resolves.toEqual([1, 2])
    expect(ElMessage.error).not.toHaveBeenCalled()
  })
  it('gives undefined for a refused call and says why', async () => {
    await expect(attempt(() => Promise.reject(problem))).resolves.toBeUndefined()
    expect(ElMessage.error).toHaveBeenCalledWith('请修正标出的内容')
  })
})

describe('explain', () => {
  it('puts the reason in a box the user must close', async () => {
    await explain({ code: 'in_use', message: '网格有在岗人员：张三' }, '不能删除')
    expect(ElMessageBox.alert).toHaveBeenCalledWith('网格有在岗人员：张三', '不能删除', expect.objectContaining({ confirmButtonText: '知道了' }))
  })
})

describe('useFieldErrors', () => {
  it('puts a refusal beside its fields and clears them on the next try', async () => {
    const f = useFieldErrors()
    await expect(f.run(() => Promise.reject(problem))).resolves.toBeUndefined()
    expect(f.errors).toEqual({ name: '姓名不能为空', phone: '联系电话格式不正确' })
    await expect(f.run(async () => 'ok')).resolves.toBe('ok')
    expect(f.errors).toEqual({})
  })
  it('lets take claim a refusal and still edit the fields', async () => {
    const f = useFieldErrors()
    await f.run(
      () => Promise.reject(problem),
      (err) => {
        f.errors.period = err.message
        return true
      },
    )
    expect(f.errors).toEqual({ period: '请修正标出的内容' })
    expect(ElMessage.error).not.toHaveBeenCalled()
  })
})
