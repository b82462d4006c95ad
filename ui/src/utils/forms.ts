// Shared pieces of the admin forms: server-side validation errors shown on the field they name.
import { reactive } from 'vue'
import { BackendError, messageOf } from '../api/transport'
import { ElMessage } from 'element-plus'

export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  /** Shows a validation error on its field and as a message; returns nothing, never throws. */
  function report(e: unknown) {
    clear()
    if (e instanceof BackendError && e.field) errors[e.field] = e.message
    ElMessage.error(messageOf(e))
  }
  return { errors, clear, report }
}

export const required = (label: string) => ({ required: true, message: `${label}不能为空`, trigger: 'blur' })

export const passwordRules = [
  { required: true, message: '密码不能为空', trigger: 'blur' },
  { min: 8, message: '密码至少需要8位', trigger: 'blur' },
  {
    validator: (_: unknown, value: string, cb: (e?: Error) => void) =>
      /[A-Za-z\u4e00-\u9fa5]/.test(value ?? '') && /\d/.test(value ?? '')
        ? cb()
        : cb(new Error('密码需同时包含字母和数字')),
    trigger: 'blur',
  },
]
