import { afterEach, describe, expect, it } from 'vitest'
import {
  companyZone,
  dayRangeBounds,
  formatDate,
  formatDateTime,
  formatYuan,
  fromWallTime,
  isFutureDay,
  setCompanyZone,
  toWallTime,
  todayLocal,
} from './format'

// `npm run test:ui` runs with TZ=UTC (see ui/vite.config.ts): the computer's zone differs from
// the company's, as on a test machine or a laptop brought back from abroad.
describe('format', () => {
  afterEach(() => setCompanyZone('Asia/Shanghai'))

  it('runs in a UTC process', () => {
    expect(new Date('2026-10-31T15:30:00Z').getHours()).toBe(15)
    expect(companyZone()).toBe('Asia/Shanghai')
  })

  it('shows UTC instants in the company’s time zone', () => {
    expect(formatDateTime('2026-11-27T07:19:19.123Z')).toBe('2026-11-27 15:19')
    expect(formatDate('2026-11-27T16:30:00Z')).toBe('2026-11-28')
    expect(formatDateTime(null)).toBe('')
  })

  it('shows fen as yuan with two decimals', () => {
    expect(formatYuan(123456)).toBe('1,234.56 元')
    expect(formatYuan(5)).toBe('0.05 元')
    expect(formatYuan(-100)).toBe('-1.00 元')
  })

  // A complaint received at 23:30 company time on the last day of a month is shown, picked and
  // filtered on that day, in a zone east of UTC and in one west of it.
  for (const [zone, instant] of [
    ['Asia/Shanghai', '2026-10-31T15:30:00.000Z'],
    ['America/Los_Angeles', '2026-11-01T06:30:00.000Z'],
  ] as const) {
    it(`keeps 23:30 on 31 October on that day in ${zone}`, () => {
      setCompanyZone(zone)
      expect(formatDateTime(instant)).toBe('2026-10-31 23:30')
      expect(formatDate(instant)).toBe('2026-10-31')
      // The date-time picker shows and returns the company's wall time.
      expect(toWallTime(instant)).toBe('2026-10-31 23:30')
      expect(fromWallTime('2026-10-31 23:30')).toBe(instant)
      // A date range picked as 31 October covers it; November does not.
      const october = dayRangeBounds(['2026-10-31', '2026-10-31'])
      expect(october.from! <= instant && instant < october.to!).toBe(true)
      const november = dayRangeBounds(['2026-11-01', '2026-11-30'])
      expect(november.from! <= instant).toBe(false)
      // "Today" and the pickers' disabled future days follow the company's calendar.
      const now = new Date(instant)
      expect(todayLocal(now)).toBe('2026-10-31')
      expect(isFutureDay(new Date(2026, 9, 31), now)).toBe(false)
      expect(isFutureDay(new Date(2026, 10, 1), now)).toBe(true)
    })
  }

  it('converts wall times on the days a zone changes its offset', () => {
    setCompanyZone('America/Los_Angeles')
    expect(fromWallTime('2026-03-08 12:00')).toBe('2026-03-08T19:00:00.000Z') // PDT, UTC-7
    expect(fromWallTime('2026-03-07 12:00')).toBe('2026-03-07T20:00:00.000Z') // PST, UTC-8
    expect(dayRangeBounds(['2026-11-01', '2026-11-01'])).toEqual({ from: '2026-11-01T07:00:00.000Z', to: '2026-11-02T08:00:00.000Z' })
  })
})
