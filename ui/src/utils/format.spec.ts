import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatYuan } from './format'

describe('format', () => {
  it('shows UTC instants in Beijing time', () => {
    expect(formatDateTime('2026-11-27T07:19:19.123Z')).toBe('2026-11-27 15:19')
    expect(formatDate('2026-11-27T16:30:00Z')).toBe('2026-11-28')
    expect(formatDateTime(null)).toBe('')
  })
  it('shows fen as yuan with two decimals', () => {
    expect(formatYuan(123456)).toBe('1,234.56 元')
    expect(formatYuan(5)).toBe('0.05 元')
    expect(formatYuan(-100)).toBe('-1.00 元')
  })
})
