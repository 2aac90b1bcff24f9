// What every spec shares: the server the global setup started, where
// screenshots go, the API as the UI calls it, demo data when empty.
import { expect, type Locator, type Page } from '@playwright/test'
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

export function daysAgo(n: number): string {
  const d = new Date(Date.now() - n * 86_400_000)
  const pad = (x: number) => String(x).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/**
 * Opens a select in scope, types text to filter when asked, clicks the
 * option showing it, and checks the select took it (a click that lands
 * while the filtered list re-renders is tried again).
 */
export async function choose(page: Page, scope: Locator, field: string, text: string, type = false) {
  const select = scope.locator(`[data-field="${field}"] .el-select`)
  await expect(async () => {
    await select.click()
    if (type) {
      // A retry replaces what the last try typed instead of adding to it.
      await page.keyboard.press('Control+A')
      await page.keyboard.type(text)
    }
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click({ timeout: 2000 })
    await expect(select).toContainText(text, { timeout: 1000 })
  }).toPass({ timeout: 15_000 })
}

