// The save flow behind FormDialog.vue, apart from its markup: each time
// the dialog opens its field errors are cleared and the owner refills the
// form; 保存 runs one save at a time; refused, the dialog stays open with
// what was typed and the reasons beside the fields; saved, it closes and
// hands the result on.
import { ref, watch, type Ref } from 'vue'
import type { ApiError } from '../api/client'
import { useFieldErrors, type FieldErrors } from './fieldErrors'

export interface FormDialogFlow<T> {
  visible: Ref<boolean>
  /** Saves; undefined means "not saved" (a check of the owner's own), the dialog stays. */
  submit: () => Promise<T | undefined>
  /** May claim a refusal first (returns true when it did). */
  take?: (err: ApiError) => boolean
  /** The owner's errors when its script needs them too. */
  fields?: FieldErrors
  opened: () => void
  saved: (result: T) => void
}

export function useFormDialog<T>(flow: FormDialogFlow<T>) {
  const form = flow.fields ?? useFieldErrors()
  const saving = ref(false)

  // Opening is where the owner fills the form: a fresh start each time,
  // never after a refusal (the dialog did not close).
  watch(
    flow.visible,
    (open) => {
      if (!open) return
      form.clear()
      flow.opened()
    },
    { immediate: true },
  )

  async function save() {
    if (saving.value) return
    saving.value = true
    let result: T | undefined
    try {
      result = await form.run(flow.submit, flow.take)
    } finally {
      saving.value = false
    }
    if (result === undefined) return
    flow.visible.value = false
    flow.saved(result)
  }
  return { errors: form.errors, saving, save }
}
