import { describe, expect, it } from 'vitest'
import { lastMonth } from './months'

describe('lastMonth', () => {
  it('is the month before, across a year boundary too', () => {
    expect(lastMonth('2026-11-03')).toBe('2026-10')
    expect(lastMonth('2026-10-31')).toBe('2026-09')
    expect(lastMonth('2027-01-01')).toBe('2026-12')
  })
})
