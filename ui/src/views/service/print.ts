// Printing a service form: open it in the system PDF viewer (where it is printed); end-to-end
// tests save it into SHOUHOU_TEST_SAVE_DIR instead, since WebDriver cannot see the viewer.
import { ElMessage } from 'element-plus'
import { messageOf } from '../../api/transport'
import { session } from '../../session'

export async function printPdf(name: string, open: () => Promise<unknown>, save: (path: string) => Promise<string>): Promise<void> {
  try {
    const testDir = session.status?.test_save_dir
    if (testDir) {
      ElMessage.success(`已保存:${await save(`${testDir}/${name}`)}`)
      return
    }
    await open()
    ElMessage.success('已在 PDF 查看器中打开,请从查看器打印')
  } catch (e) {
    ElMessage.error(messageOf(e))
  }
}
