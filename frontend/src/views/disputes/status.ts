// What the dispute screens share: the flow's steps and tag colours.

/** The flow's steps, each one dialog (StepForm). */
export type Step = 'accept' | 'decline' | 'record' | 'conclude' | 'visit' | 'archive'

/** What each step is called, on its button and its dialog. */
export const stepLabels: Record<Step, string> = { accept: '受理', decline: '不予受理', record: '添加调解记录', conclude: '调处结果', visit: '回访', archive: '归档' }

/** The steps a status allows: 调解记录 while mediating too, one 调处结果 for 成功 and 不成功. */
export function stepsFrom(status: string, transitions: Record<string, string[]> | undefined): Step[] {
  const of: Record<string, Step> = { accepted: 'accept', declined: 'decline', mediating: 'record', succeeded: 'conclude', failed: 'conclude', visited: 'visit', archived: 'archive' }
  const steps: Step[] = status === 'mediating' ? ['record'] : []
  for (const to of transitions?.[status] ?? []) if (of[to] && !steps.includes(of[to])) steps.push(of[to])
  return steps
}

/** Tag colours of the flow's statuses. */
export function statusType(status: string): 'info' | 'warning' | 'primary' | 'success' | 'danger' {
  return (
    ({ registered: 'warning', accepted: 'primary', mediating: 'primary', succeeded: 'success', failed: 'danger', visited: 'success' } as const)[status] ??
    'info'
  )
}

/** Statuses whose registration may still be corrected. */
export const editable = (status: string) => status !== 'declined' && status !== 'archived'
