import { expect, test } from '@playwright/test'
import { api, artefacts, base, ensureDemo } from './helpers'

test('系统设置: add a local category (a wrong code is named, the typed name kept), change a visit cadence and restore it', async ({ page }) => {
  await ensureDemo(page)
  const code = String(60 + Math.floor(Math.random() * 40))
  const label = `涉诈重点${code}`

  await page.goto(base() + '/#/settings')
  await expect(page.getByTestId('dict-entries')).toContainText('刑满释放人员')
  await page.getByTestId('dict-add').click()
  const form = page.getByTestId('entry-form')
  await form.locator('[data-field="code"] input').fill('5')
  await form.locator('[data-field="label"] input').fill(label)
  await form.locator('[data-field="private"] .el-checkbox').click()
  await page.getByTestId('entry-dialog').getByRole('button', { name: '保存' }).click()
  await expect(form.locator('[data-field="code"] .el-form-item__error')).toContainText('两位数字')
  await expect(form.locator('[data-field="label"] input')).toHaveValue(label)
  await form.locator('[data-field="code"] input').fill(code)
  await page.getByTestId('entry-dialog').getByRole('button', { name: '保存' }).click()
  const row = page.getByTestId('dict-entries').locator('tr', { hasText: label })
  await expect(row).toContainText('本地添加')
  await expect(row).toContainText('不上公开名册')
  const codes = await api<{ categories: { code: string; label: string }[] }>(page, 'PeopleService/Codes')
  expect(codes.categories.find((c) => c.code === code)?.label).toBe(label)

  // 走访频次: 重点帮教 every 2 weeks instead of monthly, then back.
  await page.getByTestId('settings-tabs').getByRole('tab', { name: '走访频次' }).click()
  const rule = page.getByTestId('cadence-rules').locator('tr', { hasText: '刑满释放人员（重点帮教）' })
  await rule.getByRole('button', { name: '修改' }).click()
  const dialog = page.getByTestId('rule-dialog')
  await dialog.locator('[data-field="every"] .el-input-number input').fill('2')
  await dialog.locator('[data-field="every"] .el-select').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '周' }).click()
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(page.locator('.el-message--success', { hasText: '每2周至少1次' })).toBeVisible()
  await expect(rule).toContainText('每2周')
  await expect(rule).toContainText('已修改')
  await page.screenshot({ path: `${artefacts}/settings-cadence.png` })
  await rule.getByRole('button', { name: '恢复默认' }).click()
  await expect(rule).toContainText('每月')
  await expect(rule).not.toContainText('已修改')
})
