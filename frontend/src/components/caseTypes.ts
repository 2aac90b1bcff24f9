// The shapes a CaseDrawer shows: the status tag, the moves the record's
// state allows (the service says which: a ledger item's `next`, a
// dispute's transitions) and the log as a timeline.

export type TagType = 'info' | 'warning' | 'primary' | 'success' | 'danger'

export interface CaseStatus {
  label: string
  type: TagType
}

/** A move the record's state allows; the drawer emits act(code) on a click. */
export interface CaseAction {
  code: string
  label: string
  type?: 'primary' | 'success' | 'danger' | 'info' | 'warning'
  testid?: string
}

/** One log entry: title in bold, asides in grey after it, the note below. */
export interface TimelineEntry {
  id: string
  /** When and by whom, above the entry. */
  at: string
  title: string
  asides?: string[]
  note?: string
}
