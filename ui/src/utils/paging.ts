// Keyset paging for list screens: the core returns `next`, an opaque cursor; the screen keeps the
// cursors of the pages before the current one so 上一页 works without deep OFFSETs. A column
// sort (from the table's sort-change) starts again from the first page.
import { ref, type Ref } from 'vue'
import type { Page } from '../api/bindings'

export type KeysetPage<T> = Page<T>

/** A table's sort as Element Plus reports it; `order` null means the list's default order. */
export interface TableSort {
  prop: string | null
  order: 'ascending' | 'descending' | null
}

export function useKeysetPager<T>(load: (after: string | undefined) => Promise<Page<T>>, onError: (e: unknown) => void) {
  const page = ref({ items: [], total: 0, total_capped: false, next: null }) as Ref<Page<T>>
  const cursors = ref<(string | undefined)[]>([])
  const loading = ref(false)
  const sort = ref<TableSort>({ prop: null, order: null })
  let current: string | undefined

  async function fetch(after: string | undefined) {
    loading.value = true
    try {
      page.value = await load(after)
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
    current = page.value.next ?? undefined
    return fetch(current)
  }
  function previous() {
    current = cursors.value.pop()
    return fetch(current)
  }
  /** The table's sort changed: the first page in the new order. */
  function sortBy(s: TableSort) {
    sort.value = { prop: s.order ? s.prop : null, order: s.order }
    return search()
  }
  const reload = () => fetch(current)
  return { page, cursors, loading, sort, search, searchSoon, next, previous, sortBy, reload }
}

/** The query's sort fields from the table's sort, given the column props the list sorts by. */
export function sortQuery<S extends string>(s: TableSort, columns: Record<string, S>): { sort?: S; ascending?: boolean } {
  const key = s.prop ? columns[s.prop] : undefined
  if (!key || !s.order) return {}
  return s.order === 'ascending' ? { sort: key, ascending: true } : { sort: key }
}
