import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import AccidentClock from './AccidentClock.vue'
import { clockView } from './clock'
import type { ReportClock } from '../../api/bindings'

// Occurred 10:00 Shanghai (02:00Z); the server read the clock at `now`.
function clock(now: string, over: Partial<ReportClock> = {}): ReportClock {
  return {
    state: 'running',
    deadline: '2026-11-27T03:00:00.000Z',
    now,
    limit_minutes: 60,
    remaining_minutes: 0,
    used_minutes: 0,
    overdue_minutes: 0,
    text: '',
    ...over,
  }
}

describe('clockView', () => {
  it('counts down from the server now plus the time elapsed here', () => {
    const c = clock('2026-11-27T02:30:00.000Z')
    expect(clockView(c, 0)).toMatchObject({ big: '30:00', danger: false, running: true })
    expect(clockView(c, 20 * 60_000 + 1_000)).toMatchObject({ big: '09:59', danger: true })
  })

  it('is red and overdue one second after the limit, not at it', () => {
    const c = clock('2026-11-27T03:00:00.000Z')
    expect(clockView(c, 0)).toMatchObject({ big: '00:00', running: true })
    expect(clockView(c, 1_000)).toMatchObject({ big: '超时 1 分钟', danger: true, caption: '已超过上报时限,尚未上报' })
    expect(clockView(c, 25 * 60_000)).toMatchObject({ big: '超时 25 分钟' })
  })

  it('stops when reported and says how', () => {
    const inTime = clock('2026-11-27T05:00:00.000Z', { state: 'reported_in_time', text: '已于 11:00 上报(用时 60 分钟)' })
    expect(clockView(inTime, 99_000)).toEqual({ big: '已于 11:00 上报(用时 60 分钟)', caption: '已按时上报', danger: false, running: false })
    const late = clock('2026-11-27T05:00:00.000Z', { state: 'reported_late', text: '超时 1 分钟上报' })
    expect(clockView(late, 0)).toMatchObject({ big: '超时 1 分钟上报', danger: true })
  })
})

describe('AccidentClock', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-30T12:00:00Z') }))
  afterEach(() => vi.useRealTimers())

  it('ticks every second and turns red under ten minutes', async () => {
    // The desk's own clock (12:00 on another day) does not matter: only the time elapsed does.
    const wrapper = mount(AccidentClock, { props: { clock: clock('2026-11-27T02:49:58.000Z') } })
    expect(wrapper.get('[data-test="clock-figure"]').text()).toBe('10:02')
    expect(wrapper.classes()).not.toContain('danger')
    await vi.advanceTimersByTimeAsync(3_000)
    expect(wrapper.get('[data-test="clock-figure"]').text()).toBe('09:59')
    expect(wrapper.classes()).toContain('danger')
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(wrapper.get('[data-test="clock-figure"]').text()).toBe('超时 1 分钟')
    wrapper.unmount()
  })
})
