// A small admin list edited in a dialog (departments, stores): load the rows, open the dialog
// blank or from a row, validate, create or update (with the row's version), reload.
import { reactive, ref, type Ref } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import { messageOf } from '../api/transport'
import { useFieldErrors } from './forms'

export function useDialogEditedList<Row extends { id: number; version: number }, Input extends object>(options: {
  fetch: () => Promise<Row[]>
  /** The form for a new row (given the rows, e.g. to number it) or for editing `row`. */
  form: (rows: Row[], row?: Row) => Input
  create: (input: Input) => Promise<unknown>
  update: (row: Row, input: Input) => Promise<unknown>
  /** The dialog's form (a template ref declared by the view). */
  formRef: Ref<FormInstance | undefined>
}) {
  const rows = ref([]) as Ref<Row[]>
  const loading = ref(false)
  const editing = ref(false)
  const saving = ref(false)
  const editRow = ref(null) as Ref<Row | null>
  const formRef = options.formRef
  const form = reactive(options.form([])) as Input
  const { errors, clear, report } = useFieldErrors()

  async function load() {
    loading.value = true
    try {
      rows.value = await options.fetch()
    } catch (e) {
      ElMessage.error(messageOf(e))
    } finally {
      loading.value = false
    }
  }

  function open(row?: Row) {
    editRow.value = row ?? null
    Object.assign(form, options.form(rows.value, row))
    editing.value = true
  }

  async function save() {
    clear()
    if (!(await formRef.value?.validate().catch(() => false))) return
    saving.value = true
    const input = { ...form } as Input
    try {
      if (editRow.value) await options.update(editRow.value, input)
      else await options.create(input)
      ElMessage.success('保存成功')
      editing.value = false
      await load()
    } catch (e) {
      report(e)
    } finally {
      saving.value = false
    }
  }

  return { rows, loading, editing, saving, editRow, form, errors, clear, load, open, save }
}
