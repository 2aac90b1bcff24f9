// What every spec shares: the server the global setup started, where
// screenshots go, the API as the UI calls it, demo data when empty.
import { expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'

export const base = () => process.env.ZONGZHI_E2E_URL as string

export const artefacts = process.env.ZONGZHI_ARTEFACTS ?? 'test-results'
mkdirSync(artefacts, { recursive: true })

/** Calls a service method over HTTP and fails the test on an error. */
export async function api<T>(page: Page, method: string, arg: unknown = null): Promise<T> {
  const resp = await page.request.post(`${base()}/api/${method}`, { data: arg })
  expect(resp.ok(), `${method}: ${await resp.text()}`).toBeTruthy()
  return (await resp.json()) as T
}

/** Loads the township demo when the store is empty (a spec run alone). */
export async function ensureDemo(page: Page) {
  const info = await api<{ empty: boolean }>(page, 'SystemService/Info')
  if (info.empty) await api(page, 'SystemService/LoadDemo', { scale: 'township', seed: 1 })
}
