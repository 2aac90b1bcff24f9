import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError, toApiError } from './client'

/**
 * Per-field messages for a form. `run` saves; on a validation error the
 * messages land beside their fields (el-form-item :error) and the form
 * keeps what the user typed; other errors show as a message.
 */
export function useFormErrors() {
  const errors = reactive<Record<string, string>>({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  /** handle, if given, may take an error first (returns true when it did). */
  async function run<T>(save: () => Promise<T>, handle?: (err: ApiError) => boolean): Promise<T | undefined> {
    clear()
    try {
      return await save()
    } catch (e) {
      const err = toApiError(e)
      if (handle?.(err)) return undefined
      if (Object.keys(err.fields).length > 0) {
        Object.assign(errors, err.fields)
        ElMessage.error(err.message)
      } else {
        ElMessage.error(err.message)
      }
      return undefined
    }
  }
  return { errors, clear, run }
}

/** Shows a refusal (e.g. delete refused) so the user reads the reason. */
export async function explain(e: unknown, title: string) {
  const { ElMessageBox } = await import('element-plus')
  const err = e instanceof ApiError ? e : toApiError(e)
  await ElMessageBox.alert(err.message, title, { type: 'warning', confirmButtonText: '知道了' })
}
