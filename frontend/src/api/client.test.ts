import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, base64ToBlob, call, toApiError } from './client'

const g = globalThis as unknown as { go?: unknown; fetch: typeof fetch }

afterEach(() => {
  delete g.go
  vi.restoreAllMocks()
})

const problem = {
  code: 'invalid',
  message: '请修正标出的内容',
  fields: [
    { field: 'phone', code: 'format', message: '联系电话格式不正确' },
    { field: 'phone', code: 'required', message: '另一条' },
    { field: 'name', code: 'required', message: '姓名不能为空' },
  ],
}

describe('toApiError', () => {
  it('reads a problem object (Wails rejection)', () => {
    const e = toApiError(problem)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('invalid')
    expect(e.fields).toEqual({ phone: '联系电话格式不正确；另一条', name: '姓名不能为空' })
  })
  it('keeps the id a field problem refers to', () => {
    const e = toApiError({
      code: 'duplicate_person',
      message: '证件号码 530521********1234 已登记为“张三”，已为您打开该人员',
      fields: [{ field: 'idNumber', code: 'duplicate_person', message: '该证件号码已登记', ref: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b' }],
    })
    expect(e.refs).toEqual({ idNumber: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b' })
    expect(e.fields.idNumber).toBe('该证件号码已登记')
    expect(toApiError(problem).refs).toEqual({})
  })
  it('reads a problem serialized as JSON text', () => {
    expect(toApiError(JSON.stringify(problem)).fields.name).toBe('姓名不能为空')
  })
  it('keeps a plain string as the message', () => {
    const e = toApiError('出错了')
    expect(e.message).toBe('出错了')
    expect(e.fields).toEqual({})
  })
  it('explains a failed connection in Chinese', () => {
    expect(toApiError(new TypeError('Failed to fetch')).message).toContain('无法连接服务')
  })
})

describe('call', () => {
  it('uses the Wails binding when present', async () => {
    const bound = vi.fn().mockResolvedValue([{ id: '1' }])
    g.go = { api: { GridService: { ListGrids: bound } } }
    const fetchSpy = vi.spyOn(g, 'fetch')
    await expect(call('GridService', 'ListGrids', { text: 'a' })).resolves.toEqual([{ id: '1' }])
    expect(bound).toHaveBeenCalledWith({ text: 'a' })
    expect(fetchSpy).not.toHaveBeenCalled()
  })
  it('turns a Wails rejection into an ApiError', async () => {
    g.go = { api: { GridService: { SaveStaff: vi.fn().mockRejectedValue(JSON.stringify(problem)) } } }
    await expect(call('GridService', 'SaveStaff', {})).rejects.toMatchObject({ code: 'invalid', fields: { name: '姓名不能为空' } })
  })
  it('posts JSON over HTTP otherwise and reads the problem on failure', async () => {
    const fetchSpy = vi.spyOn(g, 'fetch').mockResolvedValue(new Response(JSON.stringify(problem), { status: 422 }))
    await expect(call('GridService', 'SaveGrid', { name: '' })).rejects.toMatchObject({ fields: { phone: expect.any(String) } })
    const [url, init] = fetchSpy.mock.calls[0]
    expect(url).toBe('./api/GridService/SaveGrid')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe('{"name":""}')
  })
  it('sends null for methods without an argument', async () => {
    const fetchSpy = vi.spyOn(g, 'fetch').mockResolvedValue(new Response('{"empty":true}', { status: 200 }))
    await expect(call('SystemService', 'Info')).resolves.toEqual({ empty: true })
    expect(fetchSpy.mock.calls[0][1]?.body).toBe('null')
  })
})

describe('base64ToBlob', () => {
  it('decodes bytes exactly', async () => {
    const blob = base64ToBlob(btoa('%PDF-1.3\n\u00ff'), 'application/pdf')
    expect(blob.type).toBe('application/pdf')
    expect(Array.from(new Uint8Array(await blob.arrayBuffer()))).toEqual([37, 80, 68, 70, 45, 49, 46, 51, 10, 255])
  })
})
