import { expect, test, type Locator, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { api, artefacts, base, choose, ensureDemo } from './helpers'

interface Named {
  id: string
  name: string
}
interface Grid extends Named {
  villageName: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const month = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`
const monthName = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`
function lastDay(m: string): string {
  const [y, mm] = m.split('-').map(Number)
  return `${m}-${pad(new Date(y, mm, 0).getDate())}`
}

/** An 18-digit ID number with its ISO 7064 MOD 11-2 check digit. */
function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body17].reduce((s, c, i) => s + Number(c) * w[i], 0)
  return body17 + '10X98765432'[sum % 11]
}

/** Types a value into a month or date picker inside a form item. */
async function typePicker(scope: Locator, field: string, value: string) {
  const input = scope.locator(`[data-field="${field}"] input`).first()
  await input.fill(value)
  await input.press('Enter')
}

/** Runs one step of the flow from the drawer's buttons. */
async function step(page: Page, name: string, fill?: (d: Locator) => Promise<void>) {
  await page.getByTestId(`dispute-step-${name}`).click()
  const dialog = page.getByTestId('step-dialog')
  await expect(dialog).toBeVisible()
  await fill?.(dialog)
  await dialog.getByTestId('step-save').click()
  await expect(dialog).toBeHidden()
}

/** Clicks the radio of a form item whose label is exactly text. */
const radio = (d: Locator, field: string, text: string) => d.locator(`[data-field="${field}"] .el-radio`).filter({ hasText: new RegExp(`^${text}$`) }).click()

test('a dispute from registration to archive: a wrong check digit is refused beside the party, the flow shows as a timeline, the monthly table counts it', async ({ page }) => {
  await ensureDemo(page)
  const grids = await api<Grid[]>(page, 'GridService/ListGrids', {})
  const staff = await api<Named[]>(page, 'GridService/ListStaff', {})
  const mediator = staff.find((s) => staff.filter((x) => x.name === s.name).length === 1)!
  const name = `测试宅基地纠纷${Date.now() % 100000}`
  const first = idNumber('53052119800101123')
  const second = idNumber('53052119851212456')
  const wrong = second.slice(0, 17) + (second[17] === '1' ? '2' : '1')

  await page.goto(base() + '/#/disputes')
  await page.getByTestId('dispute-new').click()
  const form = page.getByTestId('dispute-dialog')
  await form.getByTestId('dispute-name').fill(name)
  await choose(page, form, 'category', '房屋宅基地')
  await choose(page, form, 'grid', grids[3].name, true)
  await form.getByTestId('dispute-place').fill('三组张某家与李某家之间')
  await form.getByTestId('party-name-0').fill('张测甲')
  await form.getByTestId('party-id-0').fill(first)
  await form.getByTestId('party-phone-0').fill('13800001234')
  await form.getByTestId('party-name-1').fill('李测乙')
  await form.getByTestId('party-id-1').fill(wrong)
  await form.getByTestId('dispute-description').fill('两户建房时对宅基地界址认定不一，发生口角')
  await form.getByTestId('dispute-save').click()
  // Refused: the message names the second party's ID number, beside that row; all typed stays.
  await expect(form.getByTestId('party-errors-1')).toContainText('当事人“李测乙”的身份证号码有误')
  await expect(form.locator('[data-field="parties.1.idNumber"]')).toHaveClass(/is-error/)
  await expect(form.locator('[data-field="parties.0.idNumber"]')).not.toHaveClass(/is-error/)
  await expect(form.getByTestId('party-id-1')).toHaveValue(wrong)
  await expect(form.getByTestId('party-name-0')).toHaveValue('张测甲')
  await expect(form.getByTestId('party-id-0')).toHaveValue(first)
  await expect(form.getByTestId('dispute-name')).toHaveValue(name)
  await form.screenshot({ path: `${artefacts}/dispute-form-refused.png` })
  await form.getByTestId('party-id-1').fill(second)
  await form.getByTestId('dispute-save').click()
  await expect(form).toBeHidden()

  const drawer = page.getByTestId('dispute-drawer')
  const status = drawer.getByTestId('dispute-status')
  await expect(status).toHaveText('已登记')
  const number = ((await drawer.locator('.el-drawer__title, header').first().textContent()) ?? '').trim().split(/\s+/)[0]
  expect(number).toMatch(/^JF-\d{4}-[A-Z0-9]+-\d{4}$/)
  // Parties are masked once saved.
  const parties = drawer.getByTestId('dispute-parties')
  await expect(parties).toContainText(`${first.slice(0, 6)}********${first.slice(14)}`)
  await expect(parties).toContainText('138****1234')
  await expect(parties).not.toContainText(first)

  // 受理: the mediator from the staff list
  await step(page, 'accept', async (d) => {
    await choose(page, d, 'mediator', mediator.name, true)
  })
  await expect(status).toHaveText('已受理')
  // 调解记录: refused without what happened, then the first session moves it to 调处中
  await page.getByTestId('dispute-step-record').click()
  const rec = page.getByTestId('step-dialog')
  await rec.getByTestId('step-save').click()
  await expect(rec.locator('[data-field="content"] .el-form-item__error')).toContainText('调解情况')
  await rec.getByTestId('step-content').fill('到现场丈量界址，分别听取双方陈述，双方同意以原界桩为准')
  await rec.getByTestId('step-save').click()
  await expect(rec).toBeHidden()
  await expect(status).toHaveText('调处中')
  await expect(drawer.getByTestId('dispute-records')).toContainText('双方同意以原界桩为准')
  await expect(drawer.getByTestId('dispute-records')).toContainText(mediator.name)
  // 调处结果: 成功 needs the agreement's form
  await page.getByTestId('dispute-step-conclude').click()
  const res = page.getByTestId('step-dialog')
  await res.getByTestId('step-save').click()
  await expect(res.locator('[data-field="agreement"] .el-form-item__error')).toContainText('协议形式')
  await radio(res, 'agreement', '书面协议')
  await res.getByTestId('step-amount').locator('input').fill('2000')
  await res.getByTestId('step-save').click()
  await expect(res).toBeHidden()
  await expect(status).toHaveText('调处成功')
  await expect(drawer.getByTestId('dispute-result')).toContainText('书面协议')
  await expect(drawer.getByTestId('dispute-result')).toContainText('2000 元')
  // 回访 满意, then 归档
  await step(page, 'visit', async (d) => {
    await choose(page, d, 'by', mediator.name, true)
    await radio(d, 'satisfaction', '满意')
    await d.getByTestId('step-note').fill('界桩已恢复，双方关系缓和')
  })
  await expect(status).toHaveText('已回访')
  await expect(drawer.getByTestId('dispute-visit')).toContainText('满意')
  await step(page, 'archive')
  await expect(status).toHaveText('已归档')
  await expect(drawer.locator('[data-testid^="dispute-step-"]')).toHaveCount(0)
  await expect(drawer.getByTestId('dispute-edit')).toHaveCount(0)
  const timeline = drawer.getByTestId('dispute-timeline')
  for (const s of ['已登记', '已受理', '调处中', '调处成功', '已回访', '已归档']) await expect(timeline).toContainText(s)
  await expect(timeline).toContainText('调处成功（书面协议）')
  await expect(timeline).toContainText('已回访（满意）')
  await expect(timeline).toContainText('界桩已恢复，双方关系缓和')
  await timeline.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${artefacts}/dispute-archived.png` })
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()

  // The list finds it by number, masked parties and all.
  await page.getByTestId('dispute-search').fill(number)
  await page.getByTestId('dispute-search').press('Enter')
  const table = page.getByTestId('dispute-table')
  await expect(table.locator('.el-table__row')).toHaveCount(1)
  await expect(table).toContainText('已归档')
  await expect(table).toContainText(`${first.slice(0, 6)}********${first.slice(14)}`)
  await page.screenshot({ path: `${artefacts}/disputes-list.png` })

  // 月度统计表 of this month: its 房屋宅基地 row counts what the service counts.
  const now = month(new Date())
  const stats = await api<{ rows: { categoryName: string; registered: number; succeeded: number }[]; successRate: { text: string } }>(
    page, 'DisputeService/Monthly', { month: now })
  const row = stats.rows.find((r) => r.categoryName === '房屋宅基地')!
  expect(row.registered).toBeGreaterThanOrEqual(1)
  await page.getByTestId('dispute-monthly').click()
  const preview = page.getByTestId('document-preview')
  const printed = page.waitForResponse((r) => r.url().includes('DisputeMonthly') && r.ok() && JSON.parse(r.request().postData() ?? '{}').month === now)
  await typePicker(preview, 'month', now)
  const doc = (await (await printed).json()) as { data: string }
  await expect(preview.getByTestId('document-pages')).toHaveText(/共 [1-9]\d* 页/)
  const file = `${artefacts}/dispute-monthly.pdf`
  writeFileSync(file, Buffer.from(doc.data, 'base64'))
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString()
  expect(text.replace(/\s+/g, '')).toContain('矛盾纠纷排查化解月度统计表')
  const line = text.split('\n').find((l) => l.includes('房屋宅基地'))!
  const figures = line.trim().split(/\s+/).slice(2).map(Number)
  expect(figures[0]).toBe(row.registered)
  expect(figures[2]).toBe(row.succeeded)
  expect(text.replace(/\s+/g, '')).toContain(`调处成功率：${stats.successRate.text}`)
  await expect(preview.locator('canvas[data-rendered="1"]').first()).toBeVisible()
  await preview.screenshot({ path: `${artefacts}/dispute-monthly-preview.png` })
})

test('零报告: an empty past month in one grid is filed and listed; this month, which has disputes, is refused beside the month', async ({ page }) => {
  await ensureDemo(page)
  const grids = await api<Grid[]>(page, 'GridService/ListGrids', {})
  // A grid and a past month with no dispute and no zero report yet.
  let target: { grid: Grid; month: string } | undefined
  for (let back = 5; back <= 10 && !target; back++) {
    const d = new Date()
    const m = month(new Date(d.getFullYear(), d.getMonth() - back, 1))
    const filed = await api<{ period: string; scope: string }[]>(page, 'ZeroReportService/List', { area: 'dispute', year: Number(m.slice(0, 4)) })
    for (const g of grids.slice(0, 15)) {
      const page1 = await api<{ total: number }>(page, 'DisputeService/List', { grid: g.id, from: `${m}-01`, to: lastDay(m), limit: 1 })
      if (page1.total === 0 && !filed.some((z) => z.period === m && z.scope === g.id) && grids.filter((x) => x.name === g.name).length === 1) {
        target = { grid: g, month: m }
        break
      }
    }
  }
  expect(target, 'a grid-month without disputes').toBeTruthy()
  const { grid, month: empty } = target!
  // This month must have a dispute (early in a month the demo may have none yet).
  const now = month(new Date())
  const current = await api<{ total: number }>(page, 'DisputeService/List', { from: `${now}-01`, to: lastDay(now), limit: 1 })
  if (current.total === 0) {
    const d = new Date()
    await api(page, 'DisputeService/Save', {
      name: '测试邻里纠纷', date: `${now}-${pad(d.getDate())}`, grid: grids[0].id, category: '02', description: '排水沟堵塞',
      parties: [{ name: '甲某', role: '1' }],
    })
  }

  await page.goto(base() + '/#/disputes')
  await page.getByTestId('dispute-zero').click()
  const dialog = page.getByTestId('zero-dialog')
  await expect(dialog).toBeVisible()
  await typePicker(dialog, 'period', empty)
  await dialog.locator('[data-field="scope"] .el-cascader').click()
  await dialog.locator('[data-field="scope"] .el-cascader input').fill(grid.name)
  await page.locator('.el-cascader__suggestion-item:visible', { hasText: grid.name }).first().click()
  await dialog.getByTestId('zero-reporter').fill('王测试')
  await dialog.getByTestId('zero-note').fill('经入户走访排查，本网格本月未发现矛盾纠纷')
  await dialog.getByTestId('zero-year').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: `${empty.slice(0, 4)}年` }).click()
  await dialog.getByTestId('zero-save').click()
  const listed = dialog.getByTestId('zero-table').locator('.el-table__row', { hasText: grid.name }).filter({ hasText: monthName(empty) })
  await expect(listed).toHaveCount(1)
  await expect(listed).toContainText('王测试')
  await expect(dialog.locator('[data-field="period"] .el-form-item__error')).toHaveCount(0)

  // This month has disputes in the township: refused, the reason beside the month.
  await typePicker(dialog, 'period', now)
  await dialog.locator('[data-field="scope"] .el-cascader').hover()
  await dialog.locator('[data-field="scope"] .el-cascader .icon-circle-close').click()
  await dialog.getByTestId('zero-save').click()
  const refusal = dialog.locator('[data-field="period"] .el-form-item__error')
  await expect(refusal).toContainText(`全乡（镇）${monthName(now)}已有“矛盾纠纷排查化解”事项`)
  await expect(refusal).toContainText('不能报零')
  await expect(dialog.getByTestId('zero-reporter')).toHaveValue('王测试')
  await dialog.screenshot({ path: `${artefacts}/dispute-zero-report.png` })

  // The printed monthly table of that grid and month is a 零报告 naming the reporter.
  const doc = await api<{ data: string }>(page, 'DisputeService/DisputeMonthly', { month: empty, grid: grid.id })
  const file = `${artefacts}/dispute-monthly-zero.pdf`
  writeFileSync(file, Buffer.from(doc.data, 'base64'))
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, '')
  expect(text).toContain('（零报告）')
  expect(text).toContain('报告人：王测试')
})

test('the dashboard\'s link opens the list with its period, area and status', async ({ page }) => {
  await ensureDemo(page)
  const grids = await api<Grid[]>(page, 'GridService/ListGrids', {})
  const d = new Date()
  const from = `${month(new Date(d.getFullYear() - 1, d.getMonth(), 1))}-01`
  const to = `${month(d)}-${pad(d.getDate())}`
  const want = await api<{ total: number; counts: Record<string, number> }>(page, 'DisputeService/List', { from, to, grid: grids[0].id, status: 'archived', limit: 1 })
  await page.goto(`${base()}/#/disputes?from=${from}&to=${to}&grid=${grids[0].id}&status=archived`)
  await expect(page.locator('.footer')).toContainText(`共 ${want.total} 件`)
  await expect(page.getByTestId('dispute-tabs').locator('.is-active')).toContainText(`已归档 ${want.counts.archived ?? 0}`)
  await expect(page.getByPlaceholder('登记日期起')).toHaveValue(from)
  await expect(page.locator('.toolbar .el-cascader input')).toHaveValue(grids[0].name)
  await page.screenshot({ path: `${artefacts}/disputes-from-dashboard.png` })
})
