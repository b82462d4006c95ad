// Times in the company's time zone, whatever zone the computer is set to: instants are stored in
// UTC and shown as 2026-11-27 15:19 in the company's zone; a date or time a user picks is a wall
// time in that zone too. The zone comes from the core (the status's setup.time_zone) at startup.
let zone = 'Asia/Shanghai'

/** Set from the core once the status is loaded (and after the settings change). */
export function setCompanyZone(name: string | null | undefined): void {
  if (name) zone = name
}

export function companyZone(): string {
  return zone
}

function parts(instant: string | number | Date, tz: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
  return Object.fromEntries(fmt.formatToParts(new Date(instant)).map((p) => [p.type, p.value]))
}

export function formatDateTime(iso: string | null | undefined, tz = zone): string {
  if (!iso) return ''
  const p = parts(iso, tz)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

export function formatDate(iso: string | null | undefined, tz = zone): string {
  if (!iso) return ''
  const p = parts(iso, tz)
  return `${p.year}-${p.month}-${p.day}`
}

/** Money is stored in fen; shown in yuan with two decimals. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100).toLocaleString('zh-CN')
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')} 元`
}

/** Today's date in the company's zone (YYYY-MM-DD). */
export function todayLocal(now: Date = new Date(), tz = zone): string {
  return formatDate(now.toISOString(), tz)
}

/** The value format of the date-time pickers: a wall time in the company's zone. */
export const WALL_TIME_FORMAT = 'YYYY-MM-DD HH:mm'

/** An instant as a wall time in the company's zone, '2026-11-30 23:30' (for date-time pickers). */
export function toWallTime(iso: string | Date, tz = zone): string {
  const p = parts(iso, tz)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** A wall time ('2026-11-30 23:30' or a date '2026-11-30') in the company's zone as a UTC instant. */
export function fromWallTime(wall: string, tz = zone): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(wall.trim())
  if (!m) throw new Error(`not a wall time: ${wall}`)
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number)
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s)
  // The zone's offset at that instant, found from how the zone shows it; a second pass settles
  // the days a zone changes its offset.
  const offset = (at: number) => {
    const p = parts(at, tz)
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - at
  }
  let at = asUtc - offset(asUtc)
  at = asUtc - offset(at)
  return new Date(at).toISOString()
}

/** The calendar day a date picker cell stands for (pickers build cells at the computer's midnight). */
export function pickerDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** For pickers' disabled-date: a day after today in the company's zone. */
export function isFutureDay(d: Date, now: Date = new Date()): boolean {
  return pickerDay(d) > todayLocal(now)
}

/** [from 00:00, the day after `to` 00:00) of a picked date range, as UTC instants. */
export function dayRangeBounds(range: [string, string] | null | undefined): { from?: string; to?: string } {
  if (!range) return {}
  const [from, to] = range
  const [y, m, d] = to.split('-').map(Number)
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
  return { from: fromWallTime(from), to: fromWallTime(next) }
}
