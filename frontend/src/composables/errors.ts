// The one place a refused call is shown to the user. Every service call
// rejects with an ApiError {code, message, fields}; the message is a
// Chinese sentence meant to be read as it is, the fields go beside the
// inputs they name.
import { ElMessage, ElMessageBox } from 'element-plus'
import { toApiError } from '../api/client'

/** Shows why a call was refused; returns its per-field messages for el-form-item :error. */
export function refused(e: unknown): Record<string, string> {
  const err = toApiError(e)
  ElMessage.error(err.message)
  return { ...err.fields }
}

/** Runs a call whose refusal only needs saying: undefined when refused. */
export async function attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call()
  } catch (e) {
    refused(e)
    return undefined
  }
}

/** A refusal the user must stop and read (a delete refused, say): a message box. */
export async function explain(e: unknown, title: string) {
  await ElMessageBox.alert(toApiError(e).message, title, { type: 'warning', confirmButtonText: '知道了' })
}
