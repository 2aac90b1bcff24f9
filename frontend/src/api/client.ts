// The one API client. In the desktop window the Go services are Wails
// bindings (window.go.api.<Service>.<Method>); in a browser the same
// methods are POST /api/<Service>/<Method>. Both reject with the same
// {code, message, fields} problem, turned into an ApiError here.
import type { Problem } from './types'

// The refusal's shape is generated from backend/problem.
export type { FieldProblem, Problem } from './types'

export class ApiError extends Error {
  readonly code: string
  /** field (JSON name) → Chinese message, for el-form-item :error */
  readonly fields: Record<string, string>
  /**
   * field → id of the record the problem refers to, e.g. idNumber → the
   * person who already has that number (duplicate_person): open it.
   */
  readonly refs: Record<string, string>

  constructor(p: Problem) {
    super(p.message)
    this.name = 'ApiError'
    this.code = p.code
    this.fields = {}
    this.refs = {}
    for (const f of p.fields ?? []) {
      this.fields[f.field] = this.fields[f.field] ? `${this.fields[f.field]}；${f.message}` : f.message
      if (f.ref && !this.refs[f.field]) this.refs[f.field] = f.ref
    }
  }
}

type Bound = (...args: unknown[]) => Promise<unknown>

interface WailsWindow {
  go?: Record<string, Record<string, Record<string, Bound>>>
}

function binding(pkg: string, service: string, method: string): Bound | undefined {
  const w = globalThis as unknown as WailsWindow
  return w.go?.[pkg]?.[service]?.[method]
}

/** True inside the desktop window. */
export function inDesktop(): boolean {
  return (globalThis as unknown as WailsWindow).go?.api !== undefined
}

/** Turns whatever a transport rejected with into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  let v: unknown = e
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v)
    } catch {
      return new ApiError({ code: 'internal', message: v as string })
    }
  }
  if (v && typeof v === 'object' && 'message' in v && 'code' in v) return new ApiError(v as Problem)
  if (e instanceof TypeError) return new ApiError({ code: 'offline', message: '无法连接服务，请确认综治台账正在运行' })
  return new ApiError({ code: 'internal', message: e instanceof Error ? e.message : String(e) })
}

/** Calls service.method with at most one argument. */
export async function call<T>(service: string, method: string, arg?: unknown): Promise<T> {
  const bound = binding('api', service, method)
  try {
    if (bound) return (await (arg === undefined ? bound() : bound(arg))) as T
    const resp = await fetch(`./api/${service}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: arg === undefined ? 'null' : JSON.stringify(arg),
    })
    const text = await resp.text()
    if (!resp.ok) throw text
    return (text ? JSON.parse(text) : null) as T
  } catch (e) {
    throw toApiError(e)
  }
}

/** Calls a desktop-only method (native dialogs); undefined in a browser. */
export async function callDesktop<T>(method: string, ...args: unknown[]): Promise<T | undefined> {
  const bound = binding('app', 'Desktop', method)
  if (!bound) return undefined
  try {
    return (await bound(...args)) as T
  } catch (e) {
    throw toApiError(e)
  }
}

/** Decodes base64 (Go []byte in JSON) into a Blob. */
export function base64ToBlob(data: string, type: string): Blob {
  const bin = atob(data)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return new Blob([bytes], { type })
}
