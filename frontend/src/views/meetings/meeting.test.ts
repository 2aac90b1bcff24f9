import { describe, expect, it } from 'vitest'
import { MeetingRole, MeetingStatus } from '../../api/constants'
import type { Meeting, MeetingAttendee } from '../../api/types'
import { editable, headerOf, namesOf, roleRefused, seqText } from './meeting'

const line = (name: string, member: boolean, role: string, reason = ''): MeetingAttendee => ({
  key: name, name, unit: '', isUnit: false, member, role, roleName: '', reason,
})

describe('meeting helpers', () => {
  it('writes the 期数 only once the minutes were signed', () => {
    expect(seqText(2026, 3)).toBe('〔2026〕第3期')
    expect(seqText(2026, 0)).toBe('')
  })

  it('lets a member be 出席/请假/缺席 and a guest only 列席', () => {
    const member = line('张三', true, MeetingRole.Present)
    const guest = line('李四', false, MeetingRole.Guest)
    expect(roleRefused(member, MeetingRole.Present)).toBe('')
    expect(roleRefused(member, MeetingRole.Leave)).toBe('')
    expect(roleRefused(member, MeetingRole.Guest)).toContain('成员')
    expect(roleRefused(guest, MeetingRole.Guest)).toBe('')
    expect(roleRefused(guest, MeetingRole.Present)).toContain('只能列席')
  })

  it('names the people of a mark as the minutes print them, 请假 with its reason', () => {
    const att = [line('张三', true, MeetingRole.Present), line('王五', true, MeetingRole.Leave, '外出学习'), line('赵六', true, MeetingRole.Present)]
    expect(namesOf(att, MeetingRole.Present)).toBe('张三、赵六')
    expect(namesOf(att, MeetingRole.Leave)).toBe('王五（外出学习）')
    expect(namesOf(att, MeetingRole.Absent)).toBe('')
  })

  it('sends the header back as it is, with the fields changed', () => {
    const m = { id: 'm1', body: 'b1', title: '联席会议', date: '2026-03-05', start: '14:30', end: '', place: '会议室', host: 's1', hostName: '张三',
      hostPost: '', recorder: '', recorderName: '李四', issuer: '综治中心', copyTo: '', minutes: '旧', status: MeetingStatus.Draft } as Meeting
    expect(headerOf(m, { minutes: '新' })).toMatchObject({ id: 'm1', body: 'b1', host: 's1', hostName: '张三', recorderName: '李四', minutes: '新' })
    expect(editable(m)).toBe(true)
    expect(editable({ status: MeetingStatus.Signed })).toBe(false)
  })
})
