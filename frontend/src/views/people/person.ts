// What only the people screens need: a category's detail item as shown.

/** A detail value as shown: labels for codes, 是/否 for bools. */
export function detailText(kind: string, value: string | undefined, names: Record<string, string> | undefined, key: string): string {
  if (!value) return ''
  if (kind === 'bool') return value === 'true' ? '是' : value === 'false' ? '否' : value
  if (kind === 'code' || kind === 'codes') return names?.[key] || value
  return value
}
