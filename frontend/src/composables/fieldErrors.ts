// Per-field messages of one form: a save refused by the service puts its
// messages beside the fields they name (el-form-item :error) and leaves
// whatever the user typed alone.
import { reactive } from 'vue'
import { toApiError, type ApiError } from '../api/client'
import { refused } from './errors'

export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  /**
   * Runs save. Refused: take may claim the error first (returns true when
   * it did); otherwise the message shows and the fields land in errors.
   * Gives undefined when refused.
   */
  async function run<T>(save: () => Promise<T>, take?: (err: ApiError) => boolean): Promise<T | undefined> {
    clear()
    try {
      return await save()
    } catch (e) {
      const err = toApiError(e)
      if (!take?.(err)) Object.assign(errors, refused(err))
      return undefined
    }
  }
  return { errors, clear, run }
}

export type FieldErrors = ReturnType<typeof useFieldErrors>
