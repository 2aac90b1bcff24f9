// Tag colours of the loop's statuses.
export function statusType(status: string): 'info' | 'warning' | 'primary' | 'success' | 'danger' {
  return ({ '1': 'warning', '2': 'primary', '3': 'primary', '4': 'warning', '5': 'success' } as const)[status] ?? 'info'
}
