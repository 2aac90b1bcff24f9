import { describe, expect, it, vi } from 'vitest'
import { localDate, monthName, monthStart, periodKey, previousMonth, span, today } from './dates'

describe('dates', () => {
  it('writes the local date, not the UTC one', () => {
    expect(localDate(new Date(2026, 0, 5, 0, 30))).toBe('2026-01-05')
    vi.useFakeTimers({ now: new Date(2026, 2, 9, 7, 0) })
    expect(today()).toBe('2026-03-09')
    expect(monthStart()).toBe('2026-03-01')
    vi.useRealTimers()
  })
  it('finds the month before across a year', () => {
    expect(previousMonth('2026-01-15')).toBe('2025-12')
    expect(previousMonth('2026-10')).toBe('2026-09')
    expect(monthName('2026-03')).toBe('2026年3月')
  })
  it('spans a month, a quarter and a year', () => {
    expect(span('month', '2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(span('quarter', '2026-05')).toEqual({ from: '2026-04-01', to: '2026-06-30' })
    expect(span('year', '2026-05')).toEqual({ from: '2026-01-01', to: '2026-12-31' })
  })
  it('names the period as the report services do', () => {
    expect(periodKey('month', '2026-05')).toBe('2026-05')
    expect(periodKey('quarter', '2026-05')).toBe('2026-Q2')
    expect(periodKey('year', '2026-05')).toBe('2026')
  })
})
