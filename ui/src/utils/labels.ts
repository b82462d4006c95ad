// Chinese labels for the enums that cross IPC (the core has the same labels for forms and CLI).
import type {
  ActionKind,
  Category,
  Channel,
  Command,
  ContactMethod,
  CustomerGrade,
  CustomerKind,
  Remedy,
  Severity,
  State,
} from '../api/bindings'

export const customerKindLabels: Record<CustomerKind, string> = {
  company: '企业客户',
  person: '个人客户',
  dealer: '经销商',
}

export const customerGradeLabels: Record<CustomerGrade, string> = {
  key: '重点客户',
  normal: '普通客户',
}


export const stateLabels: Record<State, string> = {
  registered: '已登记',
  analysing: '分析核实',
  explained: '已解释',
  filed: '备案',
  approval: '方案会签',
  implementing: '落实跟踪',
  verifying: '效果验证',
  closed: '结案',
  cancelled: '撤销',
}

export const stateTagType: Record<State, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  registered: 'info',
  analysing: 'primary',
  explained: 'primary',
  filed: 'primary',
  approval: 'warning',
  implementing: 'warning',
  verifying: 'warning',
  closed: 'success',
  cancelled: 'info',
}

export const categoryLabels: Record<Category, string> = {
  quality: '质量异常',
  non_quality: '非质量异常(人为)',
  other: '其他',
}

export const severityLabels: Record<Severity, string> = { minor: '轻微', serious: '严重', major: '重大' }

export const channelLabels: Record<Channel, string> = {
  hotline: '热线',
  website: '网站',
  email: '邮箱',
  store: '直销店',
  visit: '来访',
  other: '其他',
}

export const remedyLabels: Record<Remedy, string> = {
  return: '退货',
  exchange: '换货',
  repair: '返修',
  compensation: '补偿',
  discount: '折让',
  apology: '道歉',
  technical_support: '技术支持',
  other: '其他',
}

export const actionKindLabels: Record<ActionKind, string> = {
  containment: '围堵措施',
  occurrence_cause: '发生原因对策',
  escape_cause: '流出原因对策',
  corrective: '纠正措施',
  preventive: '预防措施',
}

export const contactMethodLabels: Record<ContactMethod, string> = {
  phone: '电话',
  visit: '上门',
  email: '邮件',
  wechat: '微信',
  letter: '函件',
  other: '其他',
}

export const commandLabels: Record<Command, string> = {
  start_analysis: '开始分析核实',
  explain_not_our_fault: '判定非我方原因',
  file: '登记备案',
  submit_for_approval: '提交会签',
  start_implementation: '开始落实',
  start_verification: '进入效果验证',
  close: '结案',
  cancel: '撤销',
  reopen: '重新打开',
}
