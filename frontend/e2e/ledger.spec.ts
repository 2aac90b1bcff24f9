import { expect, test, type Locator, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { api, artefacts, base, choose, daysAgo, ensureDemo } from './helpers'

interface Staff {
  id: string
  name: string
}

/** Fills an Element Plus date picker as a person types a date. */
async function typeDate(scope: Locator, field: string, date: string) {
  const input = scope.locator(`[data-field="${field}"] input`).first()
  await input.fill(date)
  await input.press('Enter')
}

async function overdueCount(page: Page): Promise<number> {
  return (await api<{ overdue: number }>(page, 'LedgerService/Count', '')).overdue
}

/** Runs one move of the loop from the drawer's buttons. */
async function act(page: Page, action: string, fill?: (d: Locator) => Promise<void>) {
  await page.getByTestId(`item-act-${action}`).click()
  const dialog = page.getByTestId('act-dialog')
  await expect(dialog).toBeVisible()
  await fill?.(dialog)
  await dialog.getByTestId('act-save').click()
  await expect(dialog).toBeHidden()
}

test('an item through the loop: register, assign, handle, fail verification, handle again, pass; it leaves the overdue count and prints in the ledger', async ({ page }) => {
  await ensureDemo(page)
  const grids = await api<{ id: string; name: string }[]>(page, 'GridService/ListGrids', {})
  const all = await api<Staff[]>(page, 'GridService/ListStaff', {})
  // Four people whose names are unique, so a pick by name is exact.
  const unique = all.filter((s) => all.filter((x) => x.name === s.name).length === 1)
  const [handler, verifier, dispatcher] = unique
  const place = `测试砖厂${Date.now() % 100000}`
  const before = await overdueCount(page)

  // 登记问题, found a month ago
  await page.goto(base() + '/#/ledger')
  await page.getByTestId('ledger-new').click()
  const form = page.getByTestId('item-dialog')
  await choose(page, form, 'category', '消防隐患')
  await choose(page, form, 'grid', grids[5].name, true)
  await typeDate(form, 'found', daysAgo(30))
  await form.getByTestId('item-place').fill(place)
  await form.getByTestId('item-save').click()
  // Refused without a description: the message names it, the place stays typed.
  await expect(form.locator('[data-field="description"] .el-form-item__error')).toContainText('问题描述不能为空')
  await expect(form.getByTestId('item-place')).toHaveValue(place)
  await form.getByTestId('item-description').fill('消防通道被杂物堵塞，灭火器过期')
  await form.getByTestId('item-save').click()
  await expect(form).toBeHidden()
  const drawer = page.getByTestId('item-drawer')
  await expect(drawer.getByTestId('item-status')).toHaveText('待受理')
  const number = ((await drawer.locator('.el-drawer__title, header').first().textContent()) ?? '').trim().split(/\s+/)[0]
  expect(number).toMatch(/^ZG-\d{4}-[A-Z0-9]+-\d{4}$/)

  // 受理并指派: 5 working days from a month ago — already overdue
  await page.getByTestId('item-act-assign').click()
  const assign = page.getByTestId('assign-dialog')
  await choose(page, assign, 'unit', '安监站')
  await assign.getByTestId('assign-measures').fill('清理通道杂物，更换灭火器')
  await choose(page, assign, 'responsible', handler.name, true)
  await choose(page, assign, 'reviewer', handler.name, true)
  await choose(page, assign, 'dispatcher', dispatcher.name, true)
  await typeDate(assign, 'date', daysAgo(30))
  await assign.getByTestId('assign-save').click()
  await expect(assign.locator('[data-field="reviewer"] .el-form-item__error')).toContainText('复查人不能是整改责任人本人')
  await choose(page, assign, 'reviewer', verifier.name, true)
  await assign.getByTestId('assign-save').click()
  await expect(assign).toBeHidden()
  await expect(drawer.getByTestId('item-status')).toHaveText('已指派')
  await expect(drawer.getByTestId('item-overdue')).toContainText('逾期')
  expect(await overdueCount(page)).toBe(before + 1)

  // 接收处置, 反馈整改结果
  await act(page, 'accept')
  await expect(drawer.getByTestId('item-status')).toHaveText('处置中')
  await act(page, 'submit', (d) => d.getByTestId('act-done').fill('杂物已清理'))
  await expect(drawer.getByTestId('item-status')).toHaveText('待核查')

  // 核查不通过: the handler may not verify, a reason is required
  await page.getByTestId('item-act-fail').click()
  const check = page.getByTestId('act-dialog')
  await choose(page, check, 'staff', handler.name, true)
  await check.getByTestId('act-save').click()
  await expect(check.locator('[data-field="staff"] .el-form-item__error')).toContainText('核查人不能是整改责任人')
  await expect(check.locator('[data-field="note"] .el-form-item__error')).toContainText('请填写核查不通过的原因')
  await choose(page, check, 'staff', verifier.name, true)
  await check.getByTestId('act-note').fill('灭火器未更换')
  await check.getByTestId('act-save').click()
  await expect(check).toBeHidden()
  await expect(drawer.getByTestId('item-status')).toHaveText('处置中')

  // Handled again, verified, 销号
  await act(page, 'submit', (d) => d.getByTestId('act-done').fill('灭火器已更换'))
  await act(page, 'pass')
  await expect(drawer.getByTestId('item-status')).toHaveText('已销号')
  await expect(drawer.getByTestId('item-overdue')).toHaveText('逾期办结')
  const timeline = drawer.getByTestId('item-timeline')
  await expect(timeline).toContainText('核查不通过')
  await expect(timeline).toContainText('灭火器未更换')
  await expect(timeline).toContainText('核查通过并销号')
  await page.screenshot({ path: `${artefacts}/ledger-item-closed.png` })
  expect(await overdueCount(page)).toBe(before)

  // The page's 逾期 tab agrees after a reload.
  await page.reload()
  await expect(page.getByTestId('ledger-overdue-tab')).toContainText(`逾期 ${before}`)

  // 打印台账 for the month it was found: the item is in the PDF's text.
  await page.getByTestId('ledger-print').click()
  const preview = page.getByTestId('document-preview')
  const month = daysAgo(30).slice(0, 7)
  const printed = page.waitForResponse((r) => r.url().includes('RectificationLedger') && (r.request().postData() ?? '').includes(`"period":"${month}"`))
  const picker = preview.locator('input[placeholder], .el-date-editor input').last()
  await picker.fill(month)
  await picker.press('Enter')
  const doc = (await (await printed).json()) as { data: string }
  await expect(preview.getByTestId('document-pages')).toHaveText(/共 [1-9]\d* 页/)
  const file = `${artefacts}/ledger-year.pdf`
  writeFileSync(file, Buffer.from(doc.data, 'base64'))
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, '')
  expect(text).toContain('隐患排查整改台账')
  expect(text).toContain(number)
  expect(text).toContain(place)
  await preview.screenshot({ path: `${artefacts}/ledger-preview.png` })
})

test('the dashboard shows the director the rates and opens the items behind a figure', async ({ page }) => {
  await ensureDemo(page)
  await page.goto(base() + '/#/dashboard')
  const overdue = page.getByTestId('kpi-overdue')
  await expect(page.getByTestId('kpi-closed-rate')).toContainText('%')
  const n = Number(((await overdue.locator('.value').textContent()) ?? '').trim())
  await page.screenshot({ path: `${artefacts}/dashboard.png` })
  await overdue.click()
  await expect(page).toHaveURL(/#\/ledger\?.*status=overdue/)
  await expect(page.getByTestId('ledger-table')).toBeVisible()
  await expect(page.locator('.footer')).toContainText(`共 ${n} 件`)
})
