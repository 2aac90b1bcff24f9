import { expect, test } from '@playwright/test'
import { base } from './helpers'

// Runs before every other spec (a project of its own in
// playwright.config.ts): it needs the empty store the server starts with.
test('first start offers demo data and loads it', async ({ page }) => {
  await page.goto(base())
  const dialog = page.locator('.el-dialog', { hasText: '首次使用' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: '载入演示数据' }).click()
  // A year of a township's work, meetings and volunteers included: seconds, more on a busy machine.
  await expect(dialog).toContainText('演示数据已载入', { timeout: 60_000 })
  await expect(dialog).toContainText('整改事项')
  await expect(dialog).toContainText('矛盾纠纷')
  await expect(dialog).toContainText('会议机构')
  await expect(dialog).toContainText('志愿者')
  await dialog.getByRole('button', { name: '开始使用' }).click()
  await expect(page.getByTestId('grid-table')).toContainText('一组')
})
