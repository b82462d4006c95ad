// Labels come from the core (bindings.ts); only the colours are the UI's.
import type { ChecklistState, EngagementCategory, EngagementState } from '../../api/bindings'

export {
  certificateKindLabels,
  checklistItemKindLabels,
  checklistStateLabels,
  engagementCategoryLabels,
  engagementCommandLabels,
  engagementDocumentLabels,
  engagementStateLabels,
} from '../../api/bindings'

type Tag = 'primary' | 'success' | 'warning' | 'info' | 'danger'

export const engagementStateTag: Record<EngagementState, Tag> = {
  preparing: 'info',
  submitted: 'warning',
  returned: 'danger',
  approved: 'success',
  active: 'primary',
  completed: 'info',
  terminated: 'info',
}

export const checklistStateTag: Record<ChecklistState, Tag> = {
  missing: 'danger',
  submitted: 'warning',
  accepted: 'success',
  returned: 'danger',
  expired: 'danger',
}

export const categoryTag: Record<EngagementCategory, Tag> = {
  temporary: 'warning',
  outsourced: 'primary',
  after_sales: 'success',
}

/** Days from `today` (YYYY-MM-DD) to `date`; negative when past. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400000)
}
