// Chinese labels for the enums that cross IPC come from the core (generated into bindings.ts,
// the same labels the core prints on forms and parses in imports); only the colours are the UI's.
import type { State } from '../api/bindings'

export {
  actionKindLabels,
  auditActionLabels as actionLabels,
  categoryLabels,
  channelLabels,
  commandLabels,
  contactMethodLabels,
  customerGradeLabels,
  customerKindLabels,
  entityLabels,
  ownerKindLabels,
  remedyLabels,
  seatLabels,
  severityLabels,
  stateLabels,
} from '../api/bindings'

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
