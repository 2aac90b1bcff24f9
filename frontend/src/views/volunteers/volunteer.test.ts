import { describe, expect, it } from 'vitest'
import type { Volunteer, VolunteerActivity } from '../../api/types'
import { changed, countedHours, duration, halfHoursBetween, hoursRows, hoursText, hoursTyped, maskPhone, normalizeTime, rowInput, stars } from './volunteer'

const member = (id: string, name: string, team = 't1', joined = '2026-01-01', left = ''): Volunteer =>
  ({ id, name, memberships: [{ id: 'm' + id, team, teamName: '平安志愿队', joined, left }] }) as Volunteer
const activity = (hours: VolunteerActivity['hours'] = [], corrections: VolunteerActivity['corrections'] = []) =>
  ({ id: 'a1', teams: ['t1'], date: '2026-05-01', start: '08:00', end: '11:00', hours, corrections }) as unknown as VolunteerActivity

describe('times typed from a paper sign-in sheet', () => {
  it('reads the ways a secretary types a time', () => {
    expect(normalizeTime('8:30')).toBe('08:30')
    expect(normalizeTime('0830')).toBe('08:30')
    expect(normalizeTime('830')).toBe('08:30')
    expect(normalizeTime('8.30')).toBe('08:30')
    expect(normalizeTime('8点30')).toBe('08:30')
    expect(normalizeTime('14：05')).toBe('14:05')
    expect(normalizeTime('8')).toBe('08:00')
    expect(normalizeTime('17')).toBe('17:00')
    expect(normalizeTime('')).toBe('')
  })

  it('leaves what is no time as typed, for the service to refuse', () => {
    expect(normalizeTime('25:00')).toBe('25:00')
    expect(normalizeTime('0875')).toBe('0875')
    expect(normalizeTime('上午')).toBe('上午')
  })

  it('counts whole half hours between the times, as the service does', () => {
    expect(halfHoursBetween('08:00', '11:00')).toBe(3)
    expect(halfHoursBetween('08:10', '11:00')).toBe(2.5)
    expect(halfHoursBetween('08:00', '08:29')).toBe(0)
    expect(halfHoursBetween('11:00', '08:00')).toBeUndefined()
    expect(halfHoursBetween('08:00', '')).toBeUndefined()
  })

  it('reads typed hours, NaN when they are no number', () => {
    expect(hoursTyped('')).toBe(0)
    expect(hoursTyped('2.5')).toBe(2.5)
    expect(hoursTyped('3小时')).toBe(3)
    expect(hoursTyped('两小时')).toBeNaN()
  })
})

describe('the hours grid rows', () => {
  it('has a row per member, then anyone entered who is no member, with what the service holds', () => {
    const a = activity([
      { volunteer: 'v1', name: '张三', signIn: '08:00', signOut: '11:00', hours: 3 },
      { volunteer: 'v9', name: '王五', signIn: '', signOut: '', hours: 2 },
    ])
    const rows = hoursRows(a, [member('v1', '张三'), member('v2', '李四')])
    expect(rows.map((r) => r.name)).toEqual(['张三', '李四', '王五'])
    expect(rows[0]).toMatchObject({ signIn: '08:00', signOut: '11:00', hours: '', state: 'saved', counted: 3, teams: '平安志愿队' })
    expect(rows[1]).toMatchObject({ signIn: '', state: 'blank' })
    expect(rows[2]).toMatchObject({ hours: '2', state: 'saved' })
    expect(rows.map(changed)).toEqual([false, false, false])
    rows[1].signIn = '08:00'
    rows[0].hours = '2.5'
    expect(rows.map(changed)).toEqual([true, true, false])
  })

  it('sends typed hours, 0 to have them worked out from the times, and refuses words', () => {
    const [r] = hoursRows(activity(), [member('v1', '张三')])
    Object.assign(r, { signIn: '08:00', signOut: '10:00' })
    expect(rowInput('a1', r)).toEqual({ activity: 'a1', volunteer: 'v1', signIn: '08:00', signOut: '10:00', hours: 0, onDuty: false })
    r.hours = '两小时'
    expect(rowInput('a1', r)).toEqual({ errors: { hours: expect.stringContaining('应为小时数') } })
  })

  it('counts the last correction over the entry', () => {
    const a = activity([{ volunteer: 'v1', name: '张三', signIn: '', signOut: '', hours: 3 }], [
      { id: 'c1', volunteer: 'v1', hours: 2, was: 3, reason: '早退', by: '', at: '1' },
      { id: 'c2', volunteer: 'v1', hours: 2.5, was: 2, reason: '核实', by: '', at: '2' },
    ])
    expect(countedHours(a)).toEqual({ v1: 2.5 })
  })
})

describe('hours, stars and phones as shown', () => {
  it('writes them as the office does', () => {
    expect(hoursText(3.5)).toBe('3.5')
    expect(hoursText(100)).toBe('100')
    expect(stars(2)).toBe('★★')
    expect(stars(0)).toBe('—')
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(duration({ start: '08:00', end: '11:30' })).toBe(3.5)
  })
})
