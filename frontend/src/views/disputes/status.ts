// What the dispute screens share: the flow's steps and tag colours.
import { DisputeStatus } from '../../api/constants'
import type { TagType } from '../../components/caseTypes'

/** The flow's steps, each one dialog (StepForm). */
export type Step = 'accept' | 'decline' | 'record' | 'conclude' | 'visit' | 'archive'

/** What each step is called, on its button and its dialog. */
export const stepLabels: Record<Step, string> = { accept: '受理', decline: '不予受理', record: '添加调解记录', conclude: '调处结果', visit: '回访', archive: '归档' }

/** The steps a status allows: 调解记录 while mediating too, one 调处结果 for 成功 and 不成功. */
export function stepsFrom(status: string, transitions: Record<string, string[]> | undefined): Step[] {
  const of: Record<string, Step> = {
    [DisputeStatus.Accepted]: 'accept', [DisputeStatus.Declined]: 'decline', [DisputeStatus.Mediating]: 'record', [DisputeStatus.Succeeded]: 'conclude',
    [DisputeStatus.Failed]: 'conclude', [DisputeStatus.Visited]: 'visit', [DisputeStatus.Archived]: 'archive',
  }
  const steps: Step[] = status === DisputeStatus.Mediating ? ['record'] : []
  for (const to of transitions?.[status] ?? []) if (of[to] && !steps.includes(of[to])) steps.push(of[to])
  return steps
}

const tones: Record<string, TagType> = {
  [DisputeStatus.Registered]: 'warning', [DisputeStatus.Accepted]: 'primary', [DisputeStatus.Mediating]: 'primary',
  [DisputeStatus.Succeeded]: 'success', [DisputeStatus.Failed]: 'danger', [DisputeStatus.Visited]: 'success',
}

/** Tag colours of the flow's statuses. */
export const statusType = (status: string): TagType => tones[status] ?? 'info'

/** Statuses whose registration may still be corrected. */
export const editable = (status: string) => status !== DisputeStatus.Declined && status !== DisputeStatus.Archived

/** Statuses of a dispute not yet settled (未办结). */
export const openStatuses: string[] = [DisputeStatus.Registered, DisputeStatus.Accepted, DisputeStatus.Mediating]
