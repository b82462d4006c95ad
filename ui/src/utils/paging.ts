// Keyset paging for list screens: the core returns `next_before_id`; the screen keeps the
// cursors of the pages before the current one so 上一页 works without deep OFFSETs.
import { ref, type Ref } from 'vue'

export interface KeysetPage<T> {
  items: T[]
  total: number
  total_capped: boolean
  next_before_id: number | null
}

export function useKeysetPager<T>(load: (beforeId: number | undefined) => Promise<KeysetPage<T>>, onError: (e: unknown) => void) {
  const page = ref({ items: [], total: 0, total_capped: false, next_before_id: null }) as Ref<KeysetPage<T>>
  const cursors = ref<(number | undefined)[]>([])
  const loading = ref(false)
  let current: number | undefined

  async function fetch(beforeId: number | undefined) {
    loading.value = true
    try {
      page.value = await load(beforeId)
    } catch (e) {
      onError(e)
    } finally {
      loading.value = false
    }
  }
  /** From the first page, e.g. after a filter changed. */
  function search() {
    cursors.value = []
    current = undefined
    return fetch(undefined)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  /** Search once typing pauses. */
  function searchSoon() {
    clearTimeout(timer)
    timer = setTimeout(search, 250)
  }
  function next() {
    cursors.value.push(current)
    current = page.value.next_before_id ?? undefined
    return fetch(current)
  }
  function previous() {
    current = cursors.value.pop()
    return fetch(current)
  }
  const reload = () => fetch(current)
  return { page, cursors, loading, search, searchSoon, next, previous, reload }
}
