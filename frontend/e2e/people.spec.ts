import { expect, test } from '@playwright/test'
import { statSync } from 'node:fs'
import { api, artefacts, base, choose, daysAgo, ensureDemo } from './helpers'

/** A valid 18-digit ID number (GB 11643, check digit by ISO 7064 MOD 11-2). */
function idNumber(birth: string, order: string): string {
  const body = `110105${birth}${order}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return body + '10X98765432'[sum % 11]
}

test('enroll a person with an invalid ID (clear message, typed data kept), fix it, record a visit, watch the person leave the overdue board', async ({ page }) => {
  await ensureDemo(page)
  const grids = await api<{ id: string; name: string }[]>(page, 'GridService/ListGrids', {})
  const staff = await api<{ id: string; name: string }[]>(page, 'GridService/ListStaff', {})
  const grid = grids[3]
  const keeper = staff[0]

  const order = String(100 + Math.floor(Math.random() * 900))
  const valid = idNumber('19800101', order)
  const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')
  const name = `王试${order}`
  const phone = '139' + String(Date.now()).slice(-8)

  // 特殊人群 → 登记人员 with a mistyped ID number
  await page.goto(base() + '/#/people')
  await page.getByRole('button', { name: '登记人员' }).click()
  const form = page.getByTestId('person-form')
  await form.locator('[data-field="name"] input').fill(name)
  await form.locator('[data-field="idNumber"] input').fill(wrong)
  await form.locator('[data-field="phone"] input').fill(phone)
  await choose(page, form, 'grid', grid.name, true)
  const dialog = page.getByTestId('person-dialog')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(form.locator('[data-field="idNumber"] .el-form-item__error')).toContainText('校验码')
  await expect(form.locator('[data-field="name"] input')).toHaveValue(name)
  await expect(form.locator('[data-field="phone"] input')).toHaveValue(phone)
  await expect(form.locator('[data-field="idNumber"] input')).toHaveValue(wrong)
  // Sex and birth date come from the number: no noise about them meanwhile.
  await expect(form.locator('[data-field="birth"] .el-form-item__error')).toHaveCount(0)
  await page.screenshot({ path: `${artefacts}/person-form-error.png` })

  // Fixed: saved, the person opens
  await form.locator('[data-field="idNumber"] input').fill(valid)
  await dialog.getByRole('button', { name: '保存' }).click()
  const drawer = page.locator('.el-drawer', { hasText: '列管情况' })
  await expect(drawer.getByTestId('person-name')).toHaveText(name)
  await expect(drawer).toContainText('1980-01-01') // birth date from the ID number
  await expect(drawer.getByTestId('person-id')).toContainText('********')

  // 新增列管: 刑满释放人员, 重点帮教, enrolled ~3 months ago → the first visit is overdue
  await drawer.getByRole('button', { name: '新增列管' }).click()
  const enroll = page.getByTestId('enroll-form')
  await choose(page, enroll, 'category', '刑满释放人员')
  await choose(page, enroll, 'responsible', keeper.name, true)
  await page.getByTestId('enroll-dialog').locator('.el-dialog__title').click() // close the dropdown
  const enrolled = enroll.locator('[data-field="enrolled"] input')
  await enrolled.fill(daysAgo(92))
  await enrolled.press('Enter')
  await choose(page, enroll, 'details.assessment', '重点帮教')
  await page.getByTestId('enroll-dialog').getByRole('button', { name: '保存' }).click()
  await expect(page.locator('.el-message--success', { hasText: '已列管为刑满释放人员' })).toBeVisible()
  const card = drawer.getByTestId('enrollment-card')
  await expect(card).toContainText('重点帮教')
  await expect(card).toContainText('逾期')
  await expect(card).toContainText(keeper.name)

  // 我的走访: in 逾期; one click to the visit form
  await page.goto(base() + '/#/visits')
  const overdue = page.getByTestId('board-overdue')
  const row = overdue.locator('tr', { hasText: name })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(keeper.name)
  await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0)
  await page.screenshot({ path: `${artefacts}/board.png` })
  await row.getByRole('button', { name: '走访', exact: true }).click()
  const visit = page.getByTestId('visit-dialog')
  await expect(visit.getByTestId('visit-who')).toContainText(name)
  await expect(visit.locator('[data-field="visitors"]')).toContainText(keeper.name)
  await visit.locator('[data-field="behaviour"] textarea').fill('在家务农，情绪稳定，按时报到')
  await visit.locator('[data-field="measures"] textarea').fill('讲解政策，联系就业培训')
  // A photo of the visit (a tiny PNG): scaled to JPEG in the page, shown before saving.
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
  await visit.getByTestId('visit-photo-input').setInputFiles({ name: '入户.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') })
  await expect(visit.locator('.thumb img')).toHaveCount(1)
  await visit.getByRole('button', { name: '保存' }).click()
  await expect(page.locator('.el-message--success', { hasText: '走访已记录' })).toBeVisible()
  await expect(overdue.locator('tr', { hasText: name })).toHaveCount(0)

  // The person's page shows the visit
  await page.goto(base() + '/#/people')
  await page.getByTestId('people-search').fill(name)
  await page.getByTestId('people-search').press('Enter')
  await page.getByTestId('people-table').getByRole('button', { name, exact: true }).click()
  await expect(page.getByTestId('visit-timeline')).toContainText('在家务农')
  await expect(page.getByTestId('visit-timeline')).toContainText('危险性评估类型：重点帮教')
  await expect(page.getByTestId('visit-photos').locator('img')).toHaveCount(1)
  await page.waitForTimeout(500) // the drawer slides in: let the screenshot show it settled
  await page.screenshot({ path: `${artefacts}/person.png` })

  // A problem found on the visit becomes a 整改事项 (走访发现), linked both ways.
  await page.getByTestId('visit-raise').first().click()
  const item = page.getByTestId('item-dialog')
  await choose(page, item, 'category', '治安隐患')
  await item.getByTestId('item-place').fill(`${name}家出租屋`)
  await item.getByTestId('item-description').fill('出租屋未登记流动人口')
  await item.getByTestId('item-save').click()
  await expect(item).toBeHidden()
  await page.getByTestId('visit-item').first().click()
  await expect(page).toHaveURL(/#\/ledger\?item=/)
  const opened = page.getByTestId('item-drawer')
  await expect(opened).toContainText('走访发现')
  await expect(opened).toContainText(`${name}家出租屋`)
  await page.keyboard.press('Escape')
  await page.goto(base() + '/#/people')

  // The list, as on screen, to Excel.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('people-export').click()])
  expect(download.suggestedFilename()).toMatch(/^特殊人群清单-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const saved = `${artefacts}/${download.suggestedFilename()}`
  await download.saveAs(saved)
  expect(statSync(saved).size).toBeGreaterThan(4000)
})
