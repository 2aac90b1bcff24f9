import { expect, test, type Locator, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { api, artefacts, base, choose, daysAgo, ensureDemo } from './helpers'

interface Staff {
  id: string
  name: string
}
interface Tracked {
  id: string
  ledger: string
  number: string
  status: string
  statusName: string
}
interface View {
  id: string
  title: string
  seq: number
  decisions: { id: string; text: string; ledger: string }[]
  tracked: Tracked[]
}

/** Picks someone on the staff list in a staff-or-typed-name picker (not the typed-name option). */
async function pickStaff(page: Page, scope: Locator, field: string, name: string) {
  const select = scope.locator(`[data-field="${field}"] .el-select`)
  await expect(async () => {
    await select.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type(name)
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^${name}（`) }).first().click({ timeout: 2000 })
    await expect(select).toContainText(`${name}（`, { timeout: 1000 })
  }).toPass({ timeout: 15_000 })
}

/** Types a name that is not on the staff list into a staff-or-typed-name picker. */
async function typeName(page: Page, scope: Locator, field: string, name: string) {
  const select = scope.locator(`[data-field="${field}"] .el-select`)
  await select.click()
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
  await expect(select).toContainText(name)
  await page.keyboard.press('Escape')
}

/** Fills an Element Plus date picker as a person types a date. */
async function typeDate(scope: Locator, field: string, date: string) {
  const input = scope.locator(`[data-field="${field}"] input`).first()
  await input.fill(date)
  await input.press('Enter')
}

/** A screenshot once the toasts are gone and the tags have stopped fading in. */
async function shot(page: Page, name: string) {
  await expect(page.locator('.el-message')).toHaveCount(0)
  await page.screenshot({ path: `${artefacts}/${name}.png`, fullPage: true, animations: 'disabled' })
}

const attendee = (page: Page, name: string) => page.locator(`[data-testid="attendee"][data-name="${name}"]`)

test('a meeting from the body to the signed minutes: attendance, a vote refused then passed, two decisions tracked in the ledger, one closed; the next meeting opens with the open one to report on', async ({ page }) => {
  test.setTimeout(120_000)
  await ensureDemo(page)
  const all = await api<Staff[]>(page, 'GridService/ListStaff', {})
  // Names unique and no one's name the start of another's, so a pick by name is exact.
  const unique = all.filter((s) => all.filter((x) => x.name.startsWith(s.name) || s.name.startsWith(x.name)).length === 1)
  const [a, b, c, d] = unique
  const tag = String(Date.now() % 100000)
  const bodyName = `共建议事会${tag}`
  const typed = `王老师${tag}`
  const guest = `列席人${tag}`
  const title = `第一次共建议事会${tag}`
  const decisions = [`清理集贸市场消防通道${tag}`, `排查出租屋治安隐患${tag}`]
  const deadline = daysAgo(-14)

  // 会议机构: a body of five (four on the staff list, one typed), a majority rule.
  await page.goto(base() + '/#/meetings')
  await page.getByTestId('meeting-bodies').click()
  const bodies = page.getByTestId('bodies-dialog')
  await bodies.getByTestId('body-new').click()
  const bodyForm = page.getByTestId('body-dialog')
  await bodyForm.getByTestId('body-name').fill(bodyName)
  await choose(page, bodyForm, 'type', '共建议事会')
  await choose(page, bodyForm, 'rule', '过半数出席')
  await pickStaff(page, bodyForm, 'members.0.name', a.name)
  await pickStaff(page, bodyForm, 'members.1.name', b.name)
  for (const [i, s] of [[2, c], [3, d]] as const) {
    await bodyForm.getByTestId('member-add').click()
    await pickStaff(page, bodyForm, `members.${i}.name`, s.name)
  }
  await bodyForm.getByTestId('member-add').click()
  await typeName(page, bodyForm, 'members.4.name', typed)
  await bodyForm.getByTestId('member-unit-4').fill('县司法局')
  await bodyForm.screenshot({ path: `${artefacts}/meeting-body-form.png`, animations: 'disabled' })
  await bodyForm.getByTestId('body-save').click()
  await expect(bodyForm).toBeHidden()
  await expect(bodies.getByTestId('bodies-table')).toContainText(bodyName)
  await bodies.getByRole('button', { name: '关闭', exact: true }).click()

  // 新建会议, held yesterday: the body's members fill the attendance.
  await page.getByTestId('meeting-new').click()
  const form = page.getByTestId('meeting-dialog')
  await choose(page, form, 'body', bodyName, true)
  await expect(form.getByTestId('meeting-title')).toHaveValue(bodyName)
  await form.getByTestId('meeting-title').fill(title)
  await typeDate(form, 'date', daysAgo(1))
  await form.getByTestId('meeting-place').fill('乡综治中心会议室')
  await pickStaff(page, form, 'host', a.name)
  await typeName(page, form, 'recorder', `记录员${tag}`)
  await form.getByTestId('meeting-issuer').fill('勐简乡综治中心')
  await form.getByTestId('meeting-save').click()
  await expect(form).toBeHidden()
  await expect(page).toHaveURL(/#\/meetings\/[^/?]+$/)
  const meetingId = page.url().split('/').pop()!
  await expect(page.getByTestId('meeting-status')).toHaveText('草稿')
  const quorum = page.getByTestId('meeting-quorum')
  await expect(quorum).toContainText('应到5人，实到5人')

  // One click per person: b 请假 (the reason asked), c 缺席, a guest 列席.
  await attendee(page, b.name).getByTestId('attendee-leave').click()
  const box = page.locator('.el-message-box')
  await box.locator('input').fill('外出培训')
  await box.getByRole('button', { name: '确定' }).click()
  await expect(attendee(page, b.name).getByTestId('attendee-reason')).toContainText('外出培训')
  await attendee(page, c.name).getByTestId('attendee-absent').click()
  await expect(quorum).toContainText('应到5人，实到3人，请假1人，缺席1人')
  await expect(attendee(page, a.name).getByTestId('attendee-guest')).toBeDisabled()
  await page.getByTestId('guest-name').fill(guest)
  await page.getByTestId('guest-unit').fill('县综治中心')
  await page.getByTestId('guest-add').click()
  await expect(attendee(page, guest)).toContainText('非成员')
  await expect(attendee(page, guest).getByTestId('attendee-present')).toBeDisabled()
  await expect(quorum).toContainText('列席1人')
  await expect(quorum).toContainText('符合法定人数')

  // 议题 with a vote: four votes with three present is refused beside the votes, the counts kept.
  await page.getByTestId('item-add').click()
  const agenda = page.getByTestId('agenda-dialog')
  await agenda.getByTestId('agenda-topic').fill('审议集贸市场消防整治方案')
  await agenda.getByTestId('agenda-reporter').fill('安监站')
  await agenda.getByTestId('agenda-voted').getByText('表决', { exact: true }).click()
  await agenda.getByTestId('agenda-for').locator('input').fill('3')
  await agenda.getByTestId('agenda-against').locator('input').fill('1')
  await agenda.getByTestId('agenda-against').locator('input').press('Tab')
  await agenda.getByTestId('agenda-save').click()
  await expect(agenda.locator('[data-field="for"] .el-form-item__error')).toContainText('超过实到3人')
  await expect(agenda.getByTestId('agenda-topic')).toHaveValue('审议集贸市场消防整治方案')
  await expect(agenda.getByTestId('agenda-for').locator('input')).toHaveValue('3')
  await agenda.screenshot({ path: `${artefacts}/meeting-vote-refused.png`, animations: 'disabled' })
  await agenda.getByTestId('agenda-for').locator('input').fill('2')
  await agenda.getByTestId('agenda-for').locator('input').press('Tab')
  await agenda.getByTestId('agenda-save').click()
  await expect(agenda).toBeHidden()
  await expect(page.getByTestId('meeting-items').getByTestId('item-result')).toHaveText('通过')

  // Two 议定事项 with a unit, a responsible person and a deadline.
  for (const [i, text] of decisions.entries()) {
    await page.getByTestId('decision-add').click()
    const dec = page.getByTestId('decision-dialog')
    await dec.getByTestId('decision-text').fill(text)
    await choose(page, dec, 'unit', i === 0 ? '安监站' : '派出所')
    await pickStaff(page, dec, 'responsible', b.name)
    await typeDate(dec, 'deadline', deadline)
    await dec.getByTestId('decision-save').click()
    await expect(dec).toBeHidden()
  }
  await expect(page.getByTestId('meeting-decisions')).toContainText(decisions[1])
  await page.getByTestId('minutes-text').fill('会议听取了安监站关于集贸市场消防整治的汇报。\n会议要求各责任单位按期完成整改。')
  await page.getByTestId('minutes-save').click()
  await expect(page.getByTestId('minutes-save')).toBeDisabled()
  await shot(page, 'meeting-draft')

  // 签发: the 期数 is issued, the minutes lock, each decision is a ledger item 待受理.
  await page.getByTestId('meeting-move-sign').click()
  const move = page.getByTestId('move-dialog')
  await move.getByTestId('move-save').click()
  await expect(move).toBeHidden()
  await expect(page.getByTestId('meeting-status')).toHaveText('已签发')
  await expect(page.getByTestId('meeting-seq')).toHaveText(/^〔\d{4}〕第\d+期$/)
  await expect(page.getByTestId('attendee-present')).toHaveCount(0)
  await expect(page.getByTestId('item-add')).toHaveCount(0)
  await expect(page.getByTestId('decision-status')).toHaveText(['待受理', '待受理'])
  const signed = await api<View>(page, 'MeetingService/Get', JSON.stringify(meetingId))
  expect(signed.tracked.map((t) => t.number)).toEqual([expect.stringMatching(/^ZG-/), expect.stringMatching(/^ZG-/)])

  // Both are in the ledger, found by the meeting's title.
  await page.goto(base() + `/#/ledger?text=${encodeURIComponent(title)}`)
  const ledger = page.getByTestId('ledger-table')
  await expect(ledger).toContainText(decisions[0])
  await expect(ledger).toContainText(decisions[1])
  await expect(page.locator('.footer')).toContainText('共 2 件')

  // The first is closed through the loop: a assigns to b, b handles, c verifies.
  const first = signed.tracked[0].ledger
  await api(page, 'LedgerService/Assign', { id: first, date: daysAgo(0), dispatcher: a.id, unit: '05', responsible: b.id, reviewer: c.id,
    project: '消防通道清理', measures: '清理杂物，划定通道标线', deadline })
  await api(page, 'LedgerService/Act', { id: first, action: 'accept', staff: b.id })
  await api(page, 'LedgerService/Act', { id: first, action: 'submit', staff: b.id, done: '通道杂物已清理' })
  await api(page, 'LedgerService/Act', { id: first, action: 'pass', staff: c.id })

  // The meeting shows each decision's live status.
  await page.goto(base() + `/#/meetings/${meetingId}`)
  await expect(page.getByTestId('decision-status')).toHaveText(['已销号', '待受理'])
  await shot(page, 'meeting-signed')

  // The signed sign-in sheet, photographed, joins the signed minutes.
  const photos = page.getByTestId('meeting-photos')
  await photos.getByText('签到表（已签字）').click()
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
  await photos.getByTestId('meeting-photo-input').setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') })
  await photos.getByTestId('meeting-photo-save').click()
  await expect(photos.getByTestId('visit-photos').locator('img')).toHaveCount(1)
  await expect(photos).toContainText('签到表（已签字）')

  // The minutes print from the data: title, 期数, the names on their lines, the decisions numbered.
  const printed = page.waitForResponse((r) => r.url().includes('MeetingService/MinutesPDF'))
  await page.getByTestId('meeting-print-minutes').click()
  const preview = page.getByTestId('document-preview')
  const doc = (await (await printed).json()) as { data: string; fileName: string }
  await expect(preview.getByTestId('document-pages')).toHaveText(/共 [1-9]\d* 页/)
  expect(doc.fileName).toContain(title)
  const file = `${artefacts}/meeting-minutes.pdf`
  writeFileSync(file, Buffer.from(doc.data, 'base64'))
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, '')
  expect(text).toContain(`${title}纪要`)
  expect(text).toMatch(/〔\d{4}〕第\d+期/)
  expect(text).toContain(`${b.name}（外出培训）`)
  expect(text).toContain(guest)
  expect(text).toContain(typed)
  expect(text).toContain(`记录员${tag}`)
  expect(text).toContain('同意2票，反对1票，弃权0票，通过')
  for (const t of decisions) expect(text).toContain(t)
  await expect(preview.locator('canvas[data-page="1"][data-rendered="1"]')).toHaveCount(1)
  await preview.screenshot({ path: `${artefacts}/meeting-minutes-preview.png` })
  await page.keyboard.press('Escape')
  await expect(preview).toBeHidden()

  // The next meeting of the body opens with the open decision to report on, not the closed one.
  await page.goto(base() + '/#/meetings')
  await page.getByTestId('meeting-new').click()
  await choose(page, form, 'body', bodyName, true)
  await form.getByTestId('meeting-title').fill(`第二次共建议事会${tag}`)
  await form.getByTestId('meeting-save').click()
  await expect(form).toBeHidden()
  await expect(page.getByTestId('meeting-status')).toHaveText('草稿')
  const reports = page.getByTestId('meeting-reports')
  await expect(reports).toContainText(decisions[1])
  await expect(reports).not.toContainText(decisions[0])
  await expect(reports.getByTestId('report-status')).toHaveText('待受理')
  await reports.getByTestId('report-progress').fill('派出所已排查出租屋12户，发现隐患3处正在整改')
  await reports.getByTestId('report-progress').blur()
  await expect(page.locator('.el-message', { hasText: '落实情况已保存' })).toBeVisible()
  await page.reload()
  await expect(reports.getByTestId('report-progress')).toHaveValue(/已排查出租屋12户/)
  await shot(page, 'meeting-next')

  // The list: status tabs with counts, the 期数 of signed minutes.
  await page.goto(base() + `/#/meetings?text=${tag}`)
  const table = page.getByTestId('meeting-table')
  await expect(table).toContainText(title)
  await expect(table).toContainText(`第二次共建议事会${tag}`)
  await expect(page.getByTestId('meeting-tab-draft')).toContainText('草稿 1')
  await expect(page.getByTestId('meeting-tab-signed')).toContainText('已签发 1')
  await expect(table).toContainText(/〔\d{4}〕第\d+期/)
  await shot(page, 'meetings-list')

  // A correction of the first minutes is a new version; the signed one stays readable.
  await page.goto(base() + `/#/meetings/${meetingId}`)
  await page.getByTestId('meeting-move-revise').click()
  await move.getByTestId('move-save').click()
  await expect(move.locator('[data-field="reason"] .el-form-item__error')).toContainText('更正原因')
  await move.getByTestId('move-reason').fill('列席人员单位有误')
  await move.getByTestId('move-save').click()
  await expect(move).toBeHidden()
  await expect(page.getByTestId('meeting-status')).toHaveText('草稿')
  await page.getByTestId('meeting-version-1').click()
  await expect(page.getByTestId('meeting-version-banner')).toContainText('第1版')
  await expect(page.getByTestId('meeting-status')).toHaveText('已签发')
  await expect(page.getByTestId('attendee-present')).toHaveCount(0)
  await page.getByRole('button', { name: /现行/ }).first().click()
  await expect(page.getByTestId('meeting-status')).toHaveText('草稿')
  await expect(page.getByTestId('meeting-version-banner')).toHaveCount(0)
  await expect(page.getByTestId('attendee-present').first()).toBeVisible()

  // The dashboard: the open decision's unit, and each body against its frequency (the demo's have one).
  await page.goto(base() + '/#/dashboard')
  await expect(page.getByTestId('meeting-decisions')).toContainText('派出所')
  await expect(page.getByTestId('meeting-cadence')).toContainText('联席会议')
  // …and the demo's volunteering (its hours by team are tested in Go: early in January a year has none yet).
  await expect(page.getByTestId('volunteer-board')).toContainText('在册志愿者')
  await page.getByTestId('meeting-cadence').scrollIntoViewIfNeeded()
  await shot(page, 'dashboard-meetings')
})
