// Files dragged onto the window from the file manager: Tauri hands over their paths (the web
// page itself never sees them). A page that accepts files registers while it is shown.
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { getCurrentWebview } from '@tauri-apps/api/webview'

export function useFileDrop(accept: () => boolean, dropped: (paths: string[]) => unknown) {
  const dragging = ref(false)
  let unlisten: (() => void) | null = null
  let gone = false
  onMounted(async () => {
    try {
      const stop = await getCurrentWebview().onDragDropEvent((event) => {
        const payload = event.payload
        if (payload.type === 'enter') dragging.value = accept() && payload.paths.length > 0
        else if (payload.type === 'leave') dragging.value = false
        else if (payload.type === 'drop') {
          const wanted = dragging.value
          dragging.value = false
          if (wanted && payload.paths.length) dropped(payload.paths)
        }
      })
      if (gone) stop()
      else unlisten = stop
    } catch {
      // Not in the desktop shell (component tests): no drag and drop.
    }
  })
  onBeforeUnmount(() => {
    gone = true
    unlisten?.()
  })
  return { dragging }
}
