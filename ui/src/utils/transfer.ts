// Excel import and export gestures shared by the list screens: pick a file, run the import
// (all or nothing first, the good rows when the user chooses), map unknown headers once when the
// file is the company's own layout, show the report; pick where to save.
import { ref } from 'vue'
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog'
import { ElLoading, ElMessage } from 'element-plus'
import type { ImportMode, ImportOutcome, ImportReport, Mapping, Preview } from '../api/bindings'
import { messageOf } from '../api/transport'
import { session } from '../session'

const excel = [{ name: 'Excel 文件', extensions: ['xlsx'] }]

export function useExcelImport(
  title: string,
  run: (path: string, mode: ImportMode, mapping: Mapping | null) => Promise<ImportOutcome>,
  imported: () => unknown,
) {
  const report = ref<ImportReport | null>(null)
  const reporting = ref(false)
  /** The file's headers to match with ours, when some are unknown (ImportMappingDialog). */
  const preview = ref<Preview | null>(null)
  const mapping = ref(false)
  let path = ''
  let chosen: Mapping | null = null
  async function importWith(mode: ImportMode) {
    // A register of thousands of rows takes seconds; say so rather than look frozen.
    const busy = ElLoading.service({ fullscreen: true, text: '正在检查并导入,请稍候…' })
    try {
      const outcome = await run(path, mode, chosen)
      if (outcome.outcome === 'needs_mapping') {
        preview.value = outcome.detail
        mapping.value = true
        return
      }
      report.value = outcome.detail
      reporting.value = true
      if (report.value.imported) await imported()
    } catch (e) {
      ElMessage.error(messageOf(e))
    } finally {
      busy.close()
    }
  }
  async function importFile() {
    const picked = await openDialog({ title, filters: excel })
    if (typeof picked !== 'string') return
    path = picked
    chosen = null
    await importWith('all_or_nothing')
  }
  async function applyMapping(m: Mapping) {
    chosen = m
    mapping.value = false
    await importWith('all_or_nothing')
  }
  const importGoodRows = () => importWith('good_rows')
  return { report, reporting, preview, mapping, importFile, importGoodRows, applyMapping }
}

/**
 * Asks where to save, then writes; `run` returns how many records it wrote. End-to-end tests
 * save into SHOUHOU_TEST_SAVE_DIR under the default name instead, since WebDriver cannot see
 * native dialogs (as the PDF saves do).
 */
export async function exportExcel(title: string, defaultPath: string, run: (path: string) => Promise<number>, done: (n: number) => string) {
  const testDir = session.status?.test_save_dir
  const path = testDir ? `${testDir}/${defaultPath}` : await saveDialog({ title, defaultPath, filters: excel })
  if (!path) return
  try {
    ElMessage.success(done(await run(path)))
  } catch (e) {
    ElMessage.error(messageOf(e))
  }
}

/** The extensions the core accepts as attachments (it checks the content, too). */
export const attachmentExtensions = ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'tif', 'tiff', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt']

/**
 * Asks for photos and scans. End-to-end tests set the files a dialog would return
 * (SHOUHOU_TEST_OPEN_FILES), since WebDriver cannot see native dialogs.
 */
export async function pickAttachments(testFiles: string[] | undefined): Promise<string[]> {
  if (testFiles?.length) return testFiles
  const picked = await openDialog({
    title: '选择照片或扫描件',
    multiple: true,
    filters: [
      { name: '照片、扫描件和文档', extensions: attachmentExtensions },
      { name: '所有文件', extensions: ['*'] },
    ],
  })
  if (!picked) return []
  return Array.isArray(picked) ? picked : [picked]
}
