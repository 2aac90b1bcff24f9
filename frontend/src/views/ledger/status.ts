// Tag colours of the loop's statuses.
import { LedgerStatus } from '../../api/constants'
import type { TagType } from '../../components/caseTypes'

const tones: Record<string, TagType> = {
  [LedgerStatus.New]: 'warning', [LedgerStatus.Assigned]: 'primary', [LedgerStatus.Handling]: 'primary', [LedgerStatus.Verifying]: 'warning',
  [LedgerStatus.Closed]: 'success',
}

export const statusType = (status: string): TagType => tones[status] ?? 'info'
