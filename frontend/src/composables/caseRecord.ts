// The record a drawer shows, fetched when the drawer opens or is pointed
// at another record, fetched again after a move changed it.
import { reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { attempt } from './errors'

export function useCaseRecord<T>(fetch: (id: string) => Promise<T>, id: Ref<string>, visible: Ref<boolean>) {
  const record = shallowRef<T>()
  async function load() {
    if (!id.value) return
    const r = await attempt(() => fetch(id.value))
    if (r !== undefined) record.value = r
  }
  watch([visible, id], ([open]) => open && load())
  return { record, load }
}

/** Which record a page's drawer shows and whether it is open: `<XDrawer v-model="d.visible" v-model:id="d.id">`. */
export function useDrawer() {
  const visible = ref(false)
  const id = ref('')
  function show(record: string) {
    id.value = record
    visible.value = true
  }
  return reactive({ visible, id, show })
}
