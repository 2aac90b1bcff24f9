// What the meeting screens share: tag colours, the 期数 line, which
// attendance marks a line may take, and the header a save sends back.
import { MeetingResult, MeetingRole, MeetingStatus } from '../../api/constants'
import type { Meeting, MeetingAttendee, MeetingHeader } from '../../api/types'
import type { TagType } from '../../components/caseTypes'

/** Tag colours of the minutes' statuses. */
export function statusType(status: string): TagType {
  return ({ [MeetingStatus.Draft]: 'warning', [MeetingStatus.Signed]: 'success', [MeetingStatus.Archived]: 'info' } as Record<string, TagType>)[status] ?? 'info'
}

/** Tag colours of an agenda item's computed result. */
export function resultType(result: string): TagType {
  return (
    ({ [MeetingResult.Passed]: 'success', [MeetingResult.Rejected]: 'danger', [MeetingResult.NoQuorum]: 'warning' } as Record<string, TagType>)[result] ??
    'info'
  )
}

/** 〔2026〕第3期 once the minutes were signed; '' before. */
export const seqText = (year: number, seq: number) => (seq > 0 ? `〔${year}〕第${seq}期` : '')

/** The marks in the order a click row shows them. */
export const roles = [
  { code: MeetingRole.Present, label: '出席' },
  { code: MeetingRole.Guest, label: '列席' },
  { code: MeetingRole.Leave, label: '请假' },
  { code: MeetingRole.Absent, label: '缺席' },
] as const

/**
 * Why a line may not take a mark, or '' when it may: a member of the body
 * counts in 应到 and is 出席, 请假 or 缺席; anyone else is 列席.
 */
export function roleRefused(a: MeetingAttendee, role: string): string {
  if (a.member && role === MeetingRole.Guest) return '本机构成员计入应到人数，请标为出席、请假或缺席'
  if (!a.member && role !== MeetingRole.Guest) return '不是本机构成员，不计入应到人数，只能列席'
  return ''
}

/** Names of the lines with a mark, as the minutes print them: 张三、李四（事由）. */
export function namesOf(att: MeetingAttendee[], role: string): string {
  return att
    .filter((a) => a.role === role)
    .map((a) => (role === MeetingRole.Leave && a.reason ? `${a.name}（${a.reason}）` : a.name))
    .join('、')
}

/** Minutes in a draft may change; signed and archived ones are locked. */
export const editable = (m?: Pick<Meeting, 'status'>) => m?.status === MeetingStatus.Draft

/** The header of a meeting as a save sends it, with some fields changed. */
export function headerOf(m: Meeting, change: Partial<MeetingHeader> = {}): MeetingHeader {
  return {
    id: m.id, body: m.body, title: m.title, date: m.date, start: m.start, end: m.end, place: m.place, host: m.host, hostName: m.hostName,
    hostPost: m.hostPost, recorder: m.recorder, recorderName: m.recorderName, issuer: m.issuer, copyTo: m.copyTo, minutes: m.minutes, ...change,
  }
}
