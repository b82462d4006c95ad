// Education and the person's certificates: labels come from the core (bindings.ts); the
// colours, the 学时 text and the worker search are the UI's.
import type { CertificateStatus, ClassLevel, DueKind } from '../../api/bindings'

export {
  certificateStatusLabels,
  classLevelLabels,
  dueKindLabels,
  personCertificateKindLabels,
} from '../../api/bindings'

type Tag = 'primary' | 'success' | 'warning' | 'info' | 'danger'

export const classLevelTag: Record<ClassLevel, Tag> = {
  company: 'primary',
  workshop: 'success',
  team: 'warning',
  annual: 'info',
}

export const certificateStatusTag: Record<CertificateStatus, Tag> = {
  valid: 'success',
  expiring_soon: 'warning',
  review_window: 'warning',
  expired: 'danger',
  review_overdue: 'danger',
}

export const dueKindTag: Record<DueKind, Tag> = {
  certificate_expiring: 'warning',
  certificate_expired: 'danger',
  review_due: 'warning',
  review_overdue: 'danger',
  education_incomplete: 'danger',
  retraining_due: 'warning',
  reeducation_due: 'warning',
}

/** 学时 from tenths: 80 → "8", 75 → "7.5". */
export function hoursText(tenths: number): string {
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1)
}

/** The classes of 特种作业 the form offers (any other text is accepted). */
export const specialOperationClasses = [
  '电工作业',
  '焊接与热切割作业',
  '高处作业',
  '制冷与空调作业',
  '冶金(有色)生产安全作业',
  '危险化学品安全作业',
  '煤气作业',
]

export type { WorkerSummary as PickedWorker } from '../../api/bindings'
