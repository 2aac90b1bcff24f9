import { describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { useFieldErrors } from '../composables/fieldErrors'
import { useList } from '../composables/list'
import { renderHTML, textsOf } from '../test/ssr'
import CaseDrawer from './CaseDrawer.vue'
import type { CaseAction, CaseStatus, TimelineEntry } from './caseTypes'
import FormDialog from './FormDialog.vue'
import ListPage from './ListPage.vue'

vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn(), success: vi.fn() }, ElMessageBox: { alert: vi.fn() } }))
vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }), useRoute: () => ({ query: {}, fullPath: '/' }) }))

describe('FormDialog', () => {
  const dialog = (props: Record<string, unknown>, fields = useFieldErrors()) =>
    renderHTML(() =>
      h(
        FormDialog,
        { title: '新增人员', submit: async () => ({}), fields, testid: 'staff-dialog', saveTestid: 'staff-save', formTestid: 'staff-form', modelValue: false, ...props },
        { default: ({ errors }: { errors: Record<string, string> }) => h('el-form-item', { 'data-field': 'phone', error: errors.phone }, '联系电话') },
      ),
    )

  it('frames the form: title, body, 取消 and 保存', async () => {
    const html = await dialog({ modelValue: true })
    expect(html).toContain('data-testid="staff-dialog"')
    expect(html).toContain('title="新增人员"')
    expect(html).toContain('data-testid="staff-form"')
    expect(textsOf(html, 'el-button')).toEqual(['取消', '保存'])
    expect(html).toMatch(/<el-button[^>]*type="primary"[^>]*data-testid="staff-save"/)
  })

  it('names and colours the save button as the move it makes', async () => {
    const html = await dialog({ modelValue: true, saveText: '不予受理', saveType: 'danger' })
    expect(textsOf(html, 'el-button')).toEqual(['取消', '不予受理'])
    expect(html).toMatch(/<el-button[^>]*type="danger"/)
  })

  it('hands the body the form\'s own errors object, for el-form-item :error', async () => {
    const fields = useFieldErrors()
    let given: Record<string, string> | undefined
    await renderHTML(() =>
      h(FormDialog, { title: 't', submit: async () => ({}), fields, modelValue: true }, {
        default: ({ errors }: { errors: Record<string, string> }) => ((given = errors), h('el-form-item', { error: errors.phone })),
      }),
    )
    // The same reactive object: a refusal filling it shows beside the field.
    expect(given).toBe(fields.errors)
    fields.errors.phone = '联系电话“12345”格式不正确'
    expect(given?.phone).toBe('联系电话“12345”格式不正确')
  })

  it('shows nothing but the frame while closed', async () => {
    const html = await dialog({ modelValue: false })
    expect(html).toContain('<el-dialog')
    expect(textsOf(html, 'el-button')).toEqual([])
  })
})

describe('ListPage', () => {
  const list = () => useList<{ id: string }>(async () => ({ lines: [], total: 128 }))

  it('shows status tabs with their counts, the selected one checked', async () => {
    const l = list()
    const tabs = [
      { value: '', label: '全部' },
      { value: 'open', label: '在办', count: 12 },
      { value: 'overdue', label: '逾期', count: 3, testid: 'ledger-overdue-tab' },
    ]
    const html = await renderHTML(() => h(ListPage, { list: l, tabs, tabsTestid: 'ledger-tabs', tab: 'overdue' }))
    expect(textsOf(html, 'el-radio-button')).toEqual(['全部', '在办 12', '逾期 3'])
    expect(html).toMatch(/<el-radio-group model-value="overdue"[^>]*data-testid="ledger-tabs"/)
    expect(html).toContain('data-testid="ledger-overdue-tab"')
  })

  it('puts the filters, 导入/导出 and the page\'s own buttons in the toolbar', async () => {
    const html = await renderHTML(() =>
      h(
        ListPage,
        { list: list(), importArea: 'people', exportList: async () => ({}) as never, exportTestid: 'people-export', tableTestid: 'people-table' },
        { filters: () => h('input', { placeholder: '姓名' }), actions: () => h('button', '登记人员') },
      ),
    )
    expect(html).not.toContain('el-radio-group')
    expect(textsOf(html, 'el-button')).toEqual(['导入Excel', '导出Excel'])
    expect(html).toContain('data-testid="people-export"')
    expect(html.indexOf('placeholder="姓名"')).toBeLessThan(html.indexOf('导入Excel'))
    expect(html.indexOf('导出Excel')).toBeLessThan(html.indexOf('登记人员'))
    expect(html).toContain('data-testid="people-table"')
  })

  it('leaves out 导入/导出 where the page has none', async () => {
    const html = await renderHTML(() => h(ListPage, { list: list() }))
    expect(textsOf(html, 'el-button')).toEqual([])
  })

  it('counts under the table, and pages only a paged list', async () => {
    const paged = list()
    await paged.refresh()
    const html = await renderHTML(() => h(ListPage, { list: paged }, { summary: ({ total }: { total: number }) => `共 ${total} 件；逾期按整改时限推算。` }))
    expect(html).toMatch(/class="footer[^"]*"[\s\S]*共 128 件；逾期按整改时限推算。/)
    expect(html).toContain('<el-pagination')

    const whole = useList<{ id: string }>(async () => [{ id: 'a' }, { id: 'b' }], 0)
    await whole.refresh()
    const all = await renderHTML(() => h(ListPage, { list: whole }))
    expect(all).toContain('共 2 条')
    expect(all).not.toContain('<el-pagination')
  })
})

describe('CaseDrawer', () => {
  const props = {
    modelValue: true,
    title: 'ABCD-2026-0001　平场子村砖厂',
    testid: 'item-drawer',
    statusTestid: 'item-status',
    timelineTestid: 'item-timeline',
    status: { label: '待核查', type: 'warning' } as CaseStatus,
    actions: [
      { code: 'pass', label: '核查通过并销号', type: 'success', testid: 'item-act-pass' },
      { code: 'fail', label: '核查不通过', type: 'danger', testid: 'item-act-fail' },
    ] as CaseAction[],
    timeline: [
      { id: '2', at: '2026-03-05　王五（核查人）', title: '核查不通过', asides: ['待核查 → 处置中'], note: '灭火器未更换' },
      { id: '1', at: '2026-03-01　张三', title: '登记' },
    ] as TimelineEntry[],
  }

  it('heads the record with its number, status and the moves its state allows', async () => {
    const html = await renderHTML(() => h(CaseDrawer, { ...props, loaded: true }, { tags: () => h('el-tag', '逾期 3 天'), actions: () => h('el-button', '修改登记信息') }))
    expect(html).toContain('title="ABCD-2026-0001　平场子村砖厂"')
    expect(html).toMatch(/<el-tag[^>]*type="warning"[^>]*data-testid="item-status"[^>]*>待核查<\/el-tag>/)
    expect(textsOf(html, 'el-tag')).toEqual(['待核查', '逾期 3 天'])
    expect(textsOf(html, 'el-button')).toEqual(['核查通过并销号', '核查不通过', '修改登记信息'])
    expect(html).toMatch(/<el-button[^>]*type="success"[^>]*data-testid="item-act-pass"/)
    expect(html).toMatch(/<el-button[^>]*type="danger"[^>]*data-testid="item-act-fail"/)
  })

  it('shows the log as a timeline under 办理过程, newest as given', async () => {
    const html = await renderHTML(() => h(CaseDrawer, { ...props, loaded: true }, { default: () => h('section', '六定') }))
    expect(html.indexOf('六定')).toBeLessThan(html.indexOf('办理过程'))
    expect(html).toContain('data-testid="item-timeline"')
    const items = textsOf(html, 'el-timeline-item')
    expect(items[0]).toContain('核查不通过')
    expect(items[0]).toContain('　待核查 → 处置中')
    expect(items[0]).toContain('灭火器未更换')
    expect(items[1]).toBe('登记')
    expect(html).toContain('timestamp="2026-03-05　王五（核查人）"')
  })

  it('opens empty while the record loads', async () => {
    const html = await renderHTML(() => h(CaseDrawer, { ...props, loaded: false }))
    expect(html).toContain('data-testid="item-drawer"')
    expect(html).not.toContain('el-button')
    expect(html).not.toContain('办理过程')
  })
})
