// Months as the report names them ("2026-10"), in the company's time zone.
import { todayLocal } from '../../utils/format'

/** The month before `today`'s ("2026-11-03" → "2026-10"; January → last December). */
export function lastMonth(today: string = todayLocal()): string {
  const [y, m] = today.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}
