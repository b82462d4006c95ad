// Display helpers: instants are stored in UTC and shown in the company's zone as 2026-11-27 15:19.
const ZONE = 'Asia/Shanghai'

function parts(iso: string, zone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
  return Object.fromEntries(fmt.formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
}

export function formatDateTime(iso: string | null | undefined, zone = ZONE): string {
  if (!iso) return ''
  const p = parts(iso, zone)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

export function formatDate(iso: string | null | undefined, zone = ZONE): string {
  if (!iso) return ''
  const p = parts(iso, zone)
  return `${p.year}-${p.month}-${p.day}`
}

/** Money is stored in fen; shown in yuan with two decimals. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100).toLocaleString('zh-CN')
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')} 元`
}

/** Today's date in Beijing, for date pickers' upper bound. */
export function todayLocal(): string {
  return formatDate(new Date().toISOString())
}
