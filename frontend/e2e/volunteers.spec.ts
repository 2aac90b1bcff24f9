import { expect, test, type Locator, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { api, artefacts, base, choose, ensureDemo } from './helpers'

interface Staff {
  id: string
  name: string
}
interface Team {
  id: string
  name: string
}
interface Activity {
  id: string
  number: string
}

/** A valid 18-digit ID number (GB 11643, check digit by ISO 7064 MOD 11-2). */
function idNumber(birth: string, order: string): string {
  const body = `110105${birth}${order}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return body + '10X98765432'[sum % 11]
}

function localToday(): string {
  const d = new Date()
  const pad = (x: number) => String(x).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
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

/** A screenshot once the toasts are gone. */
async function shot(page: Page, name: string) {
  await expect(page.locator('.el-message')).toHaveCount(0, { timeout: 15_000 })
  await page.screenshot({ path: `${artefacts}/${name}.png`, fullPage: true, animations: 'disabled' })
}

/** Opens a print preview by clicking open, saves the PDF the service rendered and gives its text without spaces. */
async function pdfText(page: Page, method: string, open: () => Promise<void>, file: string): Promise<string> {
  const printed = page.waitForResponse((r) => r.url().includes(`VolunteerService/${method}`))
  await open()
  const resp = await printed
  expect(resp.ok(), await resp.text()).toBeTruthy()
  const doc = (await resp.json()) as { data: string }
  const preview = page.getByTestId('document-preview')
  await expect(preview.getByTestId('document-pages')).toHaveText(/共 [1-9]\d* 页/)
  writeFileSync(`${artefacts}/${file}`, Buffer.from(doc.data, 'base64'))
  const text = execFileSync('pdftotext', ['-layout', `${artefacts}/${file}`, '-']).toString().replace(/\s+/g, '')
  await page.keyboard.press('Escape')
  await expect(preview).toBeHidden()
  return text
}

test('volunteers: a team, three volunteers, an activity planned, its sign-in sheet printed, hours typed from the keyboard (two refused on their rows), approved by someone other than the recorder, a star reached and a certificate with the hours', async ({ page }) => {
  test.setTimeout(240_000)
  await ensureDemo(page)
  const today = localToday()
  const all = await api<Staff[]>(page, 'GridService/ListStaff', {})
  // Names unique and no one's name the start of another's, so a pick by name is exact.
  const unique = all.filter((s) => all.filter((x) => x.name.startsWith(s.name) || s.name.startsWith(x.name)).length === 1)
  const [recorder, approver] = unique
  const grids = await api<{ id: string; name: string }[]>(page, 'GridService/ListGrids', {})
  const grid = grids[2]

  const tag = String(Date.now() % 100000).padStart(5, '0')
  const teamName = `平安志愿巡逻队${tag}`
  const title = `集贸市场周边治安巡逻${tag}`
  // v1 reaches a star, v2 types too long a stay, v3 is already in the people registry and on duty.
  const [v1, v2, v3] = [`赵志愿${tag}`, `钱志愿${tag}`, `孙志愿${tag}`]
  const order = (n: number) => String((Number(tag) + n) % 1000).padStart(3, '0')
  const ids = [idNumber('19800312', order(1)), idNumber('19920705', order(2)), idNumber('19751120', order(3))]
  const phones = ['139' + tag + '001', '139' + tag + '002', '139' + tag + '003']

  // 志愿服务队: a new team.
  await page.goto(base() + '/#/volunteer-teams')
  await page.getByTestId('team-new').click()
  const teamForm = page.getByTestId('team-dialog')
  await teamForm.getByTestId('team-name').fill(teamName)
  await choose(page, teamForm, 'type', '平安巡逻')
  await teamForm.getByTestId('team-leader').fill('张队长')
  await teamForm.getByTestId('team-save').click()
  await expect(teamForm).toBeHidden()
  await expect(page.getByTestId('team-table')).toContainText(teamName)
  const team = (await api<Team[]>(page, 'VolunteerService/Teams')).find((t) => t.name === teamName)!

  // 登记志愿者 with a mistyped ID number: refused beside the field, what was typed kept; fixed, saved.
  const volunteerIds: string[] = []
  const register = async (i: number, name: string, id: string) => {
    await page.goto(base() + '/#/volunteers')
    await page.getByTestId('volunteer-new').click()
    const form = page.getByTestId('volunteer-form')
    await form.getByTestId('volunteer-id').fill(id)
    await form.getByTestId('volunteer-name').fill(name)
    await choose(page, form, 'grid', grid.name, true)
    await form.getByTestId('volunteer-phone').fill(phones[i])
    await choose(page, form, 'politics', '群众')
    const skills = form.getByTestId('volunteer-skills')
    await skills.click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '治安巡逻' }).first().click()
    await page.getByTestId('volunteer-dialog').locator('.el-dialog__title').click() // close the dropdown
    return form
  }
  const joinTeam = async () => {
    await page.getByTestId('membership-join').click()
    const dlg = page.getByTestId('membership-dialog')
    await choose(page, dlg, 'team', teamName, true)
    await dlg.getByTestId('membership-save').click()
    await expect(dlg).toBeHidden()
    await expect(page.getByTestId('volunteer-memberships')).toContainText(teamName)
    volunteerIds.push(page.url().split('/').pop()!)
  }

  const wrong = ids[0].slice(0, 17) + (ids[0][17] === '0' ? '1' : '0')
  let form = await register(0, v1, wrong)
  await page.getByTestId('volunteer-save').click()
  await expect(form.locator('[data-field="idNumber"] .el-form-item__error')).toContainText('校验码')
  await expect(form.getByTestId('volunteer-id')).toHaveValue(wrong)
  await expect(form.getByTestId('volunteer-name')).toHaveValue(v1)
  await expect(form.getByTestId('volunteer-phone')).toHaveValue(phones[0])
  await expect(form.locator('[data-field="grid"] .el-select')).toContainText(grid.name)
  await page.getByTestId('volunteer-dialog').screenshot({ path: `${artefacts}/volunteer-form-refused.png`, animations: 'disabled' })
  await form.getByTestId('volunteer-id').fill(ids[0])
  await page.getByTestId('volunteer-save').click()
  await expect(page).toHaveURL(/#\/volunteers\/[^/?]+$/)
  await expect(page.getByTestId('volunteer-name')).toHaveText(v1)
  await joinTeam()

  form = await register(1, v2, ids[1])
  await page.getByTestId('volunteer-save').click()
  await expect(page.getByTestId('volunteer-name')).toHaveText(v2)
  await joinTeam()

  // v3 is in the people registry already: the refusal offers to register that person instead.
  await api(page, 'PeopleService/SavePerson', { id: '', idType: '111', idNumber: ids[2], name: v3, sex: '', birth: '', grid: grid.id, status: '1' })
  form = await register(2, v3, ids[2])
  await page.getByTestId('volunteer-save').click()
  const existing = page.getByTestId('volunteer-existing')
  await expect(existing).toContainText(v3)
  await expect(form.locator('[data-field="idNumber"] .el-form-item__error')).toContainText('已登记')
  await existing.getByTestId('volunteer-use-existing').click()
  await expect(page.getByTestId('volunteer-name')).toHaveText(v3)
  await joinTeam()
  const [v1Id, v2Id, v3Id] = volunteerIds

  // Earlier service of v1, through the API: 8 × 12 h + 1 h = 97 h, three short of 一星.
  const serve = async (i: number, start: string, end: string, hours: number) => {
    const a = await api<Activity>(page, 'VolunteerService/PlanActivity', {
      teams: [team.id], title: `夜间联防${tag}-${i}`, type: '01', date: today, start, end, place: '集镇', grid: '', content: '',
      served: { elderly: 0, children: 0, disabled: 0, poor: 0, others: 0 }, organizer: approver.id, travel: 0,
    })
    await api(page, 'VolunteerService/HoldActivity', { id: a.id, start: '', end: '', content: '巡逻', served: { elderly: 0, children: 0, disabled: 0, poor: 0, others: 0 },
      recorder: recorder.id })
    await api(page, 'VolunteerService/SetHours', { activity: a.id, volunteer: v1Id, signIn: '', signOut: '', hours, onDuty: false })
    await api(page, 'VolunteerService/ApproveActivity', { id: a.id, date: today, approver: approver.id })
  }
  for (let i = 1; i <= 8; i++) await serve(i, '08:00', '20:00', 12)
  await serve(9, '08:00', '09:00', 1)
  await page.goto(base() + `/#/volunteers/${v1Id}`)
  await expect(page.getByTestId('volunteer-total')).toHaveText('97')
  await expect(page.getByTestId('volunteer-star')).toHaveText('未达星级')
  await expect(page.getByTestId('volunteer-to-next')).toContainText('距一星还差 3 小时')

  // 计划活动: 08:00–11:00 with half an hour of travel: no one may get more than 3.5 h.
  await page.goto(base() + '/#/volunteer-activities')
  await page.getByTestId('activity-new').click()
  const plan = page.getByTestId('activity-dialog')
  await choose(page, plan, 'teams', teamName, true)
  await plan.locator('.el-dialog__title').click() // close the dropdown
  await plan.getByTestId('activity-title').fill(title)
  await choose(page, plan, 'type', '治安巡逻')
  await plan.getByTestId('activity-start').fill('0800')
  await plan.getByTestId('activity-end').fill('1100')
  await plan.getByTestId('activity-place').fill('勐简集贸市场')
  await expect(plan.getByTestId('activity-start')).toHaveValue('08:00')
  await pickStaff(page, plan, 'organizer', approver.name)
  const travel = plan.getByTestId('activity-travel').locator('input')
  await travel.fill('0.5')
  await travel.press('Tab')
  await plan.getByTestId('activity-content').fill('集贸市场周边治安巡逻，防范盗窃')
  await plan.getByTestId('activity-save').click()
  await expect(plan).toBeHidden()
  await expect(page).toHaveURL(/#\/volunteer-activities\/[^/?]+$/)
  const activityId = page.url().split('/').pop()!
  await expect(page.getByTestId('activity-status')).toHaveText('计划')

  // 打印签到表: every member by name.
  const sheet = await pdfText(page, 'SignInPDF', () => page.getByTestId('activity-sign-in').click(), 'volunteer-sign-in.pdf')
  expect(sheet).toContain('志愿服务活动签到表')
  expect(sheet).toContain(title)
  for (const n of [v1, v2, v3]) expect(sheet).toContain(n)

  // 登记开展情况 by the recorder.
  await page.getByTestId('activity-hold').click()
  const hold = page.getByTestId('hold-dialog')
  await pickStaff(page, hold, 'recorder', recorder.name)
  await hold.getByTestId('hold-content').fill('巡查集贸市场周边，劝离占道经营2处')
  await hold.getByTestId('hold-save').click()
  await expect(hold).toBeHidden()
  await expect(page.getByTestId('activity-status')).toHaveText('已开展')

  // The hours from the paper sheet, keyboard only: the cursor waits in the first row.
  const names = [v1, v2, v3].sort() // the grid lists members by name
  expect(names).toEqual([v3, v1, v2])
  const row = (n: string) => page.locator(`[data-testid="hours-row"][data-name="${n}"]`)
  await expect(page.getByTestId('hours-row')).toHaveCount(3)
  await expect(row(names[0]).getByTestId('hours-signin')).toBeFocused()
  const type = async (keys: string[]) => {
    for (const k of keys) {
      if (/^[0-9.:]+$/.test(k)) await page.keyboard.type(k)
      else await page.keyboard.press(k)
    }
  }
  const rowKeys: Record<string, string[]> = {
    // on their own duty: 本职工作 ticked with Space
    [v3]: ['0800', 'Tab', '1000', 'Tab', 'Tab', 'Space', 'Tab'],
    // times, Enter from 签退 to the next person
    [v1]: ['0800', 'Enter', '1100', 'Enter'],
    // 07:30–12:00 is 4.5 h, more than the activity allows
    [v2]: ['730', 'Tab', '1200', 'Enter'],
  }
  for (const n of names) await type(rowKeys[n])
  await expect(row(v1)).toHaveAttribute('data-state', 'saved')
  await expect(row(v1).getByTestId('hours-status')).toContainText('3 小时')
  await expect(row(v3).getByTestId('hours-message')).toContainText('本职工作时间不计入志愿服务时长')
  await expect(row(v3).getByTestId('hours-onduty')).toBeChecked()
  await expect(row(v3).getByTestId('hours-signin')).toHaveValue('08:00')
  await expect(row(v2).getByTestId('hours-message')).toContainText('超过活动时长')
  await expect(row(v2).getByTestId('hours-signin')).toHaveValue('07:30')
  await expect(row(v2).getByTestId('hours-signout')).toHaveValue('12:00')
  await shot(page, 'volunteer-hours-refused')

  // Fixed from the keyboard: v2 signed out at 11:00 (3.5 h), saved in place (the last row);
  // ↑↑ to v3's 签退, Tab Tab to 本职工作, Space unticks it, ↓ leaves the row (2 h).
  await expect(row(v2).getByTestId('hours-signout')).toBeFocused()
  await type(['Control+A', '1100', 'Enter'])
  await type(['ArrowUp', 'ArrowUp'])
  await expect(row(v3).getByTestId('hours-signout')).toBeFocused()
  await type(['Tab', 'Tab', 'Space', 'ArrowDown'])
  await expect(row(v2)).toHaveAttribute('data-state', 'saved')
  await expect(row(v3)).toHaveAttribute('data-state', 'saved')
  await expect(row(v2).getByTestId('hours-status')).toContainText('3.5 小时')
  await expect(row(v3).getByTestId('hours-status')).toContainText('2 小时')
  await expect(page.getByTestId('hours-summary')).toContainText('已登记 3 人，共 8.5 小时')
  await shot(page, 'volunteer-hours-grid')
  const held = await api<{ activity: { hours: { name: string; hours: number }[] } }>(page, 'VolunteerService/GetActivity', JSON.stringify(activityId))
  expect(Object.fromEntries(held.activity.hours.map((h) => [h.name, h.hours]))).toEqual({ [v1]: 3, [v2]: 3.5, [v3]: 2 })

  // 审核时长: the recorder may not; the organiser may.
  await page.getByTestId('activity-move-approve').click()
  const approve = page.getByTestId('activity-move-dialog')
  await pickStaff(page, approve, 'approver', recorder.name)
  await approve.getByTestId('activity-move-save').click()
  await expect(approve.locator('[data-field="approver"] .el-form-item__error')).toContainText('记录人')
  await pickStaff(page, approve, 'approver', approver.name)
  await approve.getByTestId('activity-move-save').click()
  await expect(approve).toBeHidden()
  await expect(page.getByTestId('activity-status')).toHaveText('时长已审核')
  await expect(row(v1).getByTestId('hours-counted')).toHaveText('3')
  await expect(page.getByTestId('activity-timeline')).toContainText('审核时长')

  // 更正时长 after approval: a reason is required; the approved entry stays beside the correction.
  await row(v2).getByTestId('hours-correct').click()
  const correct = page.getByTestId('correct-dialog')
  const corrected = correct.getByTestId('correct-hours').locator('input')
  await corrected.fill('3')
  await corrected.press('Tab')
  await correct.getByTestId('correct-save').click()
  await expect(correct.locator('[data-field="reason"] .el-form-item__error')).toContainText('更正原因')
  await correct.getByTestId('correct-reason').fill('签到表核实为08:00到')
  await correct.getByTestId('correct-save').click()
  await expect(correct).toBeHidden()
  await expect(row(v2).getByTestId('hours-counted')).toContainText('3已更正')
  await expect(page.getByTestId('activity-corrections')).toContainText('3.5 → 3 小时')
  await expect(page.getByTestId('activity-corrections')).toContainText('签到表核实为08:00到')
  await shot(page, 'volunteer-activity-approved')

  // v1's page: exactly 100 h, 一星 reached today.
  await page.goto(base() + `/#/volunteers/${v1Id}`)
  await expect(page.getByTestId('volunteer-total')).toHaveText('100')
  await expect(page.getByTestId('volunteer-star')).toContainText('一星')
  await expect(page.locator('[data-testid="star-level"][data-level="1"]').getByTestId('star-reached')).toHaveText(`${today} 达到`)
  await expect(page.getByTestId('volunteer-to-next')).toContainText('距二星还差 200 小时')
  await expect(page.getByTestId('volunteer-record')).toContainText(title)

  // 出具证明: numbered, the hours and the activities in the PDF; re-printed by number, the same.
  await page.getByTestId('certificate-issue').click()
  const cert = page.getByTestId('certificate-dialog')
  await cert.getByTestId('certificate-organisation').fill('勐简乡综治中心')
  await cert.getByTestId('certificate-responsible').fill('李主任')
  await cert.getByTestId('certificate-handler').fill('王干事')
  await cert.getByTestId('certificate-contact').fill('0877-1234567')
  const issuedResp = page.waitForResponse((r) => r.url().includes('VolunteerService/IssueCertificate'))
  const text = await pdfText(page, 'CertificatePDF', () => cert.getByTestId('certificate-save').click(), 'volunteer-certificate.pdf')
  const issued = (await (await issuedResp).json()) as { number: string }
  expect(issued.number).toMatch(/^ZM-/)
  expect(text).toContain('志愿服务证明')
  expect(text).toContain(issued.number)
  expect(text).toContain(v1)
  expect(text).toContain('累计志愿服务时长100小时')
  expect(text).toContain(title)
  expect(text).toContain('3小时')
  expect(text).toContain('负责人：李主任')
  expect(text).toContain('经办人：王干事')
  const certificates = page.getByTestId('volunteer-certificates')
  await expect(certificates).toContainText(issued.number)
  const again = await pdfText(page, 'CertificatePDF', () => certificates.getByTestId(`certificate-print-${issued.number}`).click(), 'volunteer-certificate-again.pdf')
  expect(again).toBe(text)
  await shot(page, 'volunteer-page')

  // The list: masked numbers, hours and the star; filtered by the team.
  await page.goto(base() + `/#/volunteers?team=${team.id}`)
  const table = page.getByTestId('volunteer-table')
  for (const n of [v1, v2, v3]) await expect(table).toContainText(n)
  await expect(page.locator('.footer')).toContainText('共 3 名志愿者')
  const line = table.locator('.el-table__row', { hasText: v1 })
  await expect(line).toContainText('100')
  await expect(line).toContainText('一星')
  await expect(line).toContainText('********')
  await expect(table).not.toContainText(ids[0])
  await expect(table).not.toContainText(phones[0])
  await shot(page, 'volunteers-list')
  expect([v2Id, v3Id].every(Boolean)).toBeTruthy()

  // The activities of the run by status, and the 时长统计表 of the year: v1's hours by team, with the star.
  await page.goto(base() + `/#/volunteer-activities?text=${tag}`)
  await expect(page.getByTestId('activity-table')).toContainText(title)
  await expect(page.getByTestId('activity-tab-approved')).toContainText('时长已审核 10')
  await shot(page, 'volunteer-activities')
  const hoursTable = await pdfText(page, 'HoursTablePDF', () => page.getByTestId('hours-table').click(), 'volunteer-hours-table.pdf')
  expect(hoursTable).toContain('志愿服务时长统计表')
  expect(hoursTable).toContain(`${teamName}${v1}10100100一星`)

  // The team counts its three members.
  await page.goto(base() + '/#/volunteer-teams')
  await expect(page.getByTestId(`team-members-${teamName}`)).toHaveText('3')
})
