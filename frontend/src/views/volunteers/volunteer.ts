// What the volunteer screens share: tag colours, hours and stars as the
// office writes them, times typed from a paper sign-in sheet, and the
// rows of the hours entry grid (HoursGrid.vue) apart from their markup.
import { VolunteerStatus } from '../../api/constants'
import type { Volunteer, VolunteerActivity, VolunteerHoursInput, VolunteerMembership } from '../../api/types'
import type { TagType } from '../../components/caseTypes'

/** Tag colours of an activity's statuses. */
export function statusType(status: string): TagType {
  return (
    ({
      [VolunteerStatus.Planned]: 'info',
      [VolunteerStatus.Held]: 'warning',
      [VolunteerStatus.Approved]: 'success',
      [VolunteerStatus.Archived]: 'primary',
      [VolunteerStatus.Cancelled]: 'danger',
    }) as Record<string, TagType>
  )[status] ?? 'info'
}

/** 3.5, 100 — hours as the printed ledgers write them. */
export const hoursText = (h: number) => String(Math.round(h * 10) / 10)

/** ★★ for two stars, — below one. */
export const stars = (n: number) => (n > 0 ? '★'.repeat(n) : '—')

/** 138****5678: a phone shown on a page, the full number is the registry's. */
export function maskPhone(phone: string): string {
  const p = phone.trim()
  return p.length >= 11 ? p.slice(0, 3) + '****' + p.slice(-4) : p
}

/**
 * A time as typed from paper into HH:MM: 8:30, 0830, 830, 8.30, 8点30, 8
 * → 08:30 / 08:00. Anything else comes back as typed, for the service to
 * refuse with its reason.
 */
export function normalizeTime(text: string): string {
  const t = text.trim().replace(/[：.。点时]/g, ':').replace(/分$/, '')
  if (!t) return ''
  let h: number
  let m: number
  const parts = /^(\d{1,2}):(\d{1,2})?$/.exec(t)
  if (parts) {
    h = Number(parts[1])
    m = Number(parts[2] ?? 0)
  } else if (/^\d{1,4}$/.test(t)) {
    if (t.length <= 2) {
      h = Number(t)
      m = 0
    } else {
      h = Number(t.slice(0, t.length - 2))
      m = Number(t.slice(-2))
    }
  } else {
    return text.trim()
  }
  if (h > 23 || m > 59) return text.trim()
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

const minutesOf = (hhmm: string) => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm)
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined
}

/** Whole half hours between sign-in and sign-out, as the service counts them; undefined when not both valid and in order. */
export function halfHoursBetween(signIn: string, signOut: string): number | undefined {
  const a = minutesOf(signIn)
  const b = minutesOf(signOut)
  if (a === undefined || b === undefined || b <= a) return undefined
  return Math.floor((b - a) / 30) / 2
}

/** The hours typed in the 时长 cell: '' → 0 (worked out from the times), NaN when not a number. */
export function hoursTyped(text: string): number {
  const t = text.trim().replace(/(小时|h|H)$/, '')
  if (!t) return 0
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN
}

/** The teams of a volunteer among ids, as serving on a day. */
export function teamsOn(v: Volunteer, ids: string[], day: string): string {
  return v.memberships
    .filter((m) => ids.includes(m.team) && m.joined <= day && (!m.left || m.left >= day))
    .map((m) => m.teamName)
    .join('、')
}

/** Memberships still running. */
export const serving = (ms: VolunteerMembership[]) => ms.filter((m) => !m.left)

/** A row of the hours grid: what was typed, what the service holds, how the last save went. */
export interface HoursRow {
  volunteer: string
  name: string
  teams: string
  signIn: string
  signOut: string
  hours: string
  onDuty: boolean
  /** what the service holds for the row, as typed values; undefined before any save */
  saved?: { signIn: string; signOut: string; hours: string; onDuty: boolean }
  /** the hours the service counted for the row */
  counted?: number
  state: 'blank' | 'saving' | 'saved' | 'refused'
  /** field (signIn, signOut, hours, onDuty, volunteer) → reason */
  errors: Record<string, string>
  message: string
}

/**
 * One row per member of the activity's teams on its date, then anyone
 * whose hours are entered but is no member (left since, say), with what
 * the service holds for each.
 */
export function hoursRows(a: VolunteerActivity, members: Volunteer[]): HoursRow[] {
  const held = new Map(a.hours.map((h) => [h.volunteer, h]))
  const row = (volunteer: string, name: string, teams: string): HoursRow => {
    const h = held.get(volunteer)
    // Hours the times account for stay blank, as the secretary left them.
    const fromTimes = h && halfHoursBetween(h.signIn, h.signOut) === h.hours
    const typed = h ? { signIn: h.signIn, signOut: h.signOut, hours: fromTimes ? '' : hoursText(h.hours), onDuty: false } : undefined
    return {
      volunteer, name, teams, signIn: typed?.signIn ?? '', signOut: typed?.signOut ?? '', hours: typed?.hours ?? '', onDuty: false,
      saved: typed, counted: h?.hours, state: h ? 'saved' : 'blank', errors: {}, message: '',
    }
  }
  const rows = members.map((m) => row(m.id, m.name, teamsOn(m, a.teams, a.date)))
  for (const h of a.hours) if (!members.some((m) => m.id === h.volunteer)) rows.push(row(h.volunteer, h.name, ''))
  return rows
}

/** Nothing typed in the row. */
export const blankRow = (r: HoursRow) => !r.signIn.trim() && !r.signOut.trim() && !r.hours.trim() && !r.onDuty

/** The row differs from what the service holds (a blank row never saved is not a change). */
export function changed(r: HoursRow): boolean {
  if (!r.saved) return !blankRow(r)
  return r.signIn !== r.saved.signIn || r.signOut !== r.saved.signOut || r.hours !== r.saved.hours || r.onDuty !== r.saved.onDuty
}

/** What a save of the row sends, or the reasons the row cannot be sent as typed. */
export function rowInput(activity: string, r: HoursRow): VolunteerHoursInput | { errors: Record<string, string> } {
  const hours = hoursTyped(r.hours)
  if (Number.isNaN(hours)) return { errors: { hours: `服务时长“${r.hours.trim()}”应为小时数，如 2.5` } }
  return { activity, volunteer: r.volunteer, signIn: r.signIn.trim(), signOut: r.signOut.trim(), hours, onDuty: r.onDuty }
}

/** The hours that count for each person: the last correction, else the entry. */
export function countedHours(a: VolunteerActivity): Record<string, number> {
  const out: Record<string, number> = {}
  for (const h of a.hours) out[h.volunteer] = h.hours
  for (const c of a.corrections) out[c.volunteer] = c.hours
  return out
}

/** The activity's own length in hours from its times (0 when unknown). */
export function duration(a: Pick<VolunteerActivity, 'start' | 'end'>): number {
  const s = minutesOf(a.start)
  const e = minutesOf(a.end)
  return s === undefined || e === undefined || e <= s ? 0 : (e - s) / 60
}
