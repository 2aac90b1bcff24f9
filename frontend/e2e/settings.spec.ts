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

test('节假日与调休: enter 2027 (a make-up day on a Wednesday is named, the typed dates kept), fix it, save, see it listed', async ({ page }) => {
  await ensureDemo(page)
  await api(page, 'SettingsService/ResetWorkdayYear', 2027) // a rerun on the same data starts without 2027

  await page.goto(base() + '/#/settings')
  await page.getByTestId('settings-tabs').getByRole('tab', { name: '节假日与调休' }).click()
  await expect(page.getByText('截止日期按工作日计算时使用本日历；未录入的年份按周一至周五推算并提示')).toBeVisible()
  const years = page.getByTestId('workday-years')
  await expect(years.locator('tr', { hasText: '2026年' })).toContainText('程序预置')

  await page.getByTestId('workday-add').click()
  const dialog = page.getByTestId('workday-dialog')
  const form = page.getByTestId('workday-form')
  await form.locator('[data-field="year"] input').fill('2027')
  await form.locator('[data-field="year"] input').blur()
  const holidays = '2027-01-01~2027-01-03\n2027-02-06 至 2027-02-12'
  await form.locator('[data-field="holidays"] textarea').fill(holidays)
  await form.locator('[data-field="workdays"] textarea').fill('2027-03-03')
  await form.locator('[data-field="note"] input').fill('国务院办公厅关于2027年部分节假日安排的通知')
  await expect(form.locator('[data-field="holidays"]')).toContainText('共 10 天')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(form.locator('[data-field="workdays"] .el-form-item__error')).toContainText('调休上班日应为周六或周日：2027-03-03 是周三')
  await expect(form.locator('[data-field="holidays"] textarea')).toHaveValue(holidays)

  await form.locator('[data-field="workdays"] textarea').fill('2027-02-20')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(page.locator('.el-message--success', { hasText: '已保存2027年节假日安排' })).toBeVisible()
  const row = years.locator('tr', { hasText: '2027年' })
  await expect(row).toContainText('本单位录入')
  await expect(row).toContainText('10天')
  await expect(row).toContainText('1月1日–3日、2月6日–12日')
  await expect(row).toContainText('调休上班：2月20日')
  await page.screenshot({ path: `${artefacts}/settings-workdays.png` })

  const saved = await api<{ year: number; holidays: string[]; workdays: string[] }[]>(page, 'SettingsService/WorkdayYears')
  const y = saved.find((x) => x.year === 2027)
  expect(y?.holidays).toHaveLength(10)
  expect(y?.workdays).toEqual(['2027-02-20'])
})
