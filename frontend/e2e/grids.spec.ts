import { expect, test, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { api, artefacts, base } from './helpers'

const run = Date.now().toString(36) // unique names per run

async function pick(page: Page, field: string, option: string) {
  await page.locator(`.el-dialog [data-field="${field}"] .el-select`).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

test.describe.serial('grids end to end', () => {
  test('create a grid through the form and find it after reload', async ({ page }) => {
    const divisions = await api<{ code: string; name: string; level: string }[]>(page, 'GridService/Divisions')
    const village = divisions.filter((d) => d.level === 'village')[1]
    const name = `测试网格${run}`
    await page.goto(base() + '/#/grids')
    await page.getByRole('button', { name: '新建网格' }).click()
    await page.locator('[data-field="name"] input').fill(name)
    await pick(page, 'village', village.name)
    await page.getByRole('button', { name: '保存' }).click()
    await expect(page.locator('.el-message--success')).toContainText('网格已创建')

    await page.reload()
    const row = page.getByTestId('grid-table').locator('tr', { hasText: name })
    await expect(row).toHaveCount(1)
    const code = (await row.locator('td').first().innerText()).trim()
    expect(code).toMatch(new RegExp(`^${village.code}\\d{3}$`))
    await expect(page.getByTestId('grid-tree')).toContainText(name)
    await expect(page.locator('.el-loading-mask')).toHaveCount(0)
    await page.screenshot({ path: `${artefacts}/grids-page.png` })
  })

  test('a validation error shows beside its field and keeps what was typed', async ({ page }) => {
    await page.goto(base() + '/#/staff')
    await page.getByRole('button', { name: '新增人员' }).click()
    const form = page.getByTestId('staff-form')
    const name = `王测试${run.slice(-3)}`
    await form.locator('[data-field="name"] input').fill(name)
    await form.locator('[data-field="phone"] input').fill('12345')
    await page.getByRole('button', { name: '保存' }).click()
    const phoneError = form.locator('[data-field="phone"] .el-form-item__error')
    await expect(phoneError).toContainText('联系电话“12345”格式不正确')
    await expect(form.locator('[data-field="name"] .el-form-item__error')).toHaveCount(0)
    await expect(form.locator('[data-field="name"] input')).toHaveValue(name)
    await expect(form.locator('[data-field="phone"] input')).toHaveValue('12345')
    await page.screenshot({ path: `${artefacts}/staff-validation.png` })

    const phone = '139' + String(Date.now()).slice(-8)
    await form.locator('[data-field="phone"] input').fill(phone)
    await page.getByRole('button', { name: '保存' }).click()
    await expect(page.locator('.el-message--success')).toContainText('人员已保存')
    await expect(page.getByTestId('staff-table')).toContainText(phone)
  })

  test('deleting a grid with serving staff is refused with the reason', async ({ page }) => {
    const grids = await api<{ id: string; name: string; primary: string; staffCount: number }[]>(page, 'GridService/ListGrids', {})
    const busy = grids.find((g) => g.staffCount > 0 && g.primary)!
    await page.goto(base() + '/#/grids')
    await page.getByTestId('grid-search').fill(busy.name)
    await page.getByTestId('grid-search').press('Enter')
    await page.getByTestId('grid-table').getByRole('button', { name: busy.name, exact: true }).click()
    const drawer = page.locator('.el-drawer')
    await expect(drawer.getByTestId('active-staff')).toContainText(busy.primary)
    await drawer.getByRole('button', { name: '删除' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
    const alert = page.locator('.el-message-box', { hasText: '不能删除' })
    await expect(alert).toContainText('在岗人员')
    await expect(alert).toContainText(busy.primary)
    await alert.getByRole('button', { name: '知道了' }).click()
    const still = await api<{ id: string }[]>(page, 'GridService/ListGrids', { text: busy.name })
    expect(still.map((g) => g.id)).toContain(busy.id)
  })

  test('the roster prints as a PDF preview', async ({ page }) => {
    await page.goto(base() + '/#/grids')
    await page.getByRole('button', { name: '打印花名册' }).click()
    const preview = page.getByTestId('document-preview')
    await expect(preview.getByTestId('document-pages')).toHaveText(/共 [1-9]\d* 页/)
    // pdf.js draws page 1 into a canvas: it must have ink on it.
    const first = preview.locator('canvas[data-page="1"][data-rendered="1"]')
    await expect(first).toHaveCount(1)
    const ink = await first.evaluate((c: HTMLCanvasElement) => {
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      let dark = 0
      for (let i = 0; i < px.length; i += 4) if (px[i] < 128) dark++
      return dark
    })
    expect(ink).toBeGreaterThan(1000)
    await preview.screenshot({ path: `${artefacts}/roster-preview.png` })
  })
})

test('Excel导入: preview every row with reasons, import, export the list', async ({ page }) => {
  const divisions = await api<{ name: string; level: string }[]>(page, 'GridService/Divisions')
  const villages = divisions.filter((d) => d.level === 'village').map((d) => d.name).slice(0, 3)
  const file = join(mkdtempSync(join(tmpdir(), 'zongzhi-xlsx-')), '网格员花名册.xlsx')
  const said = execFileSync(process.env.ZONGZHI_BIN as string, ['sample', 'roster', '--villages', villages.join(','), '--rows', '80', '--seed', '9', '--out', file]).toString()
  const rows = Number(/数据 (\d+) 行/.exec(said)![1])
  const before = await api<unknown[]>(page, 'GridService/ListGrids', {})

  await page.goto(base() + '/#/grids')
  await page.getByRole('button', { name: '导入Excel' }).click()
  await expect(page).toHaveURL(/#\/import/)
  await page.getByTestId('import-file').setInputFiles(file)
  const summary = page.getByTestId('import-summary')
  await expect(summary).toContainText(`读取 ${rows} 行`)
  // The wrong rows come first, each with its reason in Chinese.
  const lines = page.getByTestId('import-lines')
  await expect(lines.locator('tbody tr').first()).toContainText('未导入')
  await expect(lines).toContainText('团结村')
  await page.screenshot({ path: `${artefacts}/import-preview.png`, fullPage: true })

  await page.getByTestId('import-commit').click()
  const result = page.getByTestId('import-result')
  await expect(result).toContainText(`读取 ${rows} 行`)
  const text = (await result.textContent()) ?? ''
  const [, added, updated, rejected] = /新增 (\d+) 行，更新 (\d+) 行，未导入 (\d+) 行/.exec(text)!.map(Number)
  expect(added + updated + rejected).toBe(rows)
  const after = await api<unknown[]>(page, 'GridService/ListGrids', {})
  expect(after.length).toBeGreaterThan(before.length)

  const download = page.waitForEvent('download')
  await result.getByRole('button', { name: '下载未导入清单' }).click()
  expect((await download).suggestedFilename()).toBe('网格员花名册-未导入.xlsx')

  await page.goto(base() + '/#/grids')
  const listDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出Excel' }).click()
  expect((await listDownload).suggestedFilename()).toMatch(/^网格清单-.*\.xlsx$/)
})

test('U盘同步: create a group, check the stick, write this site\'s package', async ({ page }) => {
  const { mkdtempSync, readdirSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const stick = mkdtempSync(join(tmpdir(), 'zongzhi-stick-'))
  await page.goto(base() + '/#/sync')
  await page.locator('[data-field="name"] input').fill(`e2e同步组${run}`)
  await page.getByRole('button', { name: '创建' }).click()
  const download = page.waitForEvent('download')
  await page.locator('.el-message-box').getByRole('button', { name: '保存加入文件' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.zzjoin$/)
  await expect(page.locator('.el-card__header', { hasText: '同步组：' })).toContainText(`e2e同步组${run}`)

  await page.getByRole('button', { name: '检查U盘' }).click()
  await expect(page.locator('[data-field="dir"] .el-form-item__error')).toContainText('请选择U盘')
  await page.getByTestId('stick-dir').fill(stick)
  await page.getByRole('button', { name: '检查U盘' }).click()
  await expect(page.getByText('U盘上没有本组的数据包')).toBeVisible()
  await page.getByRole('button', { name: '确认同步' }).click()
  await expect(page.getByTestId('sync-result')).toContainText('综治同步')
  expect(readdirSync(join(stick, '综治同步')).filter((f) => f.endsWith('.zzpkg'))).toHaveLength(1)
  await expect(page.getByTestId('no-conflicts')).toBeVisible()
  await page.screenshot({ path: `${artefacts}/sync-page.png` })
})
