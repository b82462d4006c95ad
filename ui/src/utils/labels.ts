// Chinese labels for the enums that cross IPC (the core has the same labels for forms and CLI).
import type { CustomerGrade, CustomerKind } from '../api/bindings'

export const customerKindLabels: Record<CustomerKind, string> = {
  company: '企业客户',
  person: '个人客户',
  dealer: '经销商',
}

export const customerGradeLabels: Record<CustomerGrade, string> = {
  key: '重点客户',
  normal: '普通客户',
}
