import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { api, artefacts, base, ensureDemo } from './helpers'

// Two village stations (the CLI, each its own data folder) join this
// site's group and put their packages on the stick; this site imports them
// with progress, is cancelled half-way, and a second exchange finishes.
test('U盘同步 with progress: cancel keeps what was imported, the next exchange finishes', async ({ page }) => {
  test.setTimeout(120_000)
  const bin = process.env.ZONGZHI_BIN as string
  const work = mkdtempSync(join(tmpdir(), 'zongzhi-sites-'))
  const stick = join(work, 'stick')
  mkdirSync(stick)

  await ensureDemo(page)
  const status = await api<{ group?: { name: string } }>(page, 'SyncService/Status')
  if (!status.group) await api(page, 'SyncService/CreateGroup', { name: 'e2e同步组' })
  const jf = await api<{ data: string }>(page, 'SyncService/JoinFile')
  const joinFile = join(work, 'group.zzjoin')
  writeFileSync(joinFile, Buffer.from(jf.data, 'base64'))
  for (const seed of ['11', '12']) {
    const data = join(work, `site${seed}`)
    execFileSync(bin, ['sync', 'join', '--data', data, joinFile])
    execFileSync(bin, ['demo', '--scale', 'township', '--seed', seed, '--data', data])
    execFileSync(bin, ['sync', 'export', '--to', 'all', '--out', stick, '--data', data])
  }
  const before = await api<{ total: number }>(page, 'PeopleService/ListPeople', { status: '', limit: 1 })

  await page.goto(base() + '/#/sync')
  await page.getByTestId('stick-dir').fill(stick)
  await page.getByRole('button', { name: '检查U盘' }).click()
  const preview = page.getByTestId('sync-preview')
  await expect(preview.locator('tbody tr')).toHaveCount(2)
  await page.getByRole('button', { name: '确认同步' }).click()
  const progress = page.getByTestId('sync-progress')
  await expect(progress).toContainText('正在导入第')
  await page.screenshot({ path: `${artefacts}/sync-progress.png` })
  await progress.getByRole('button', { name: '取消' }).click()
  await expect(page.locator('.el-message--warning', { hasText: '已取消' })).toBeVisible()
  await expect(page.getByTestId('sync-result')).toHaveCount(0)
  const halfway = await api<{ total: number }>(page, 'PeopleService/ListPeople', { status: '', limit: 1 })

  // What was imported stays; checking again shows what is left.
  await page.getByRole('button', { name: '检查U盘' }).click()
  const left = Number(await preview.locator('tbody tr').first().locator('td').nth(1).innerText()) +
    Number(await preview.locator('tbody tr').nth(1).locator('td').nth(1).innerText())
  expect(left).toBeGreaterThan(0)
  await page.getByRole('button', { name: '确认同步' }).click()
  await expect(page.getByTestId('sync-result')).toContainText('综治同步', { timeout: 60_000 })
  const after = await api<{ total: number }>(page, 'PeopleService/ListPeople', { status: '', limit: 1 })
  expect(halfway.total).toBeLessThan(after.total)
  expect(after.total).toBeGreaterThan(before.total)
  // Our own package joined the two on the stick.
  expect(readdirSync(join(stick, '综治同步')).filter((f) => f.endsWith('.zzpkg')).length).toBeGreaterThanOrEqual(3)
  await page.screenshot({ path: `${artefacts}/sync-done.png` })
})
