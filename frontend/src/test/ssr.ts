// Renders components to HTML in vitest's node environment, where .vue
// files are compiled for server rendering: Element Plus is replaced by
// stubs that print a tag named after the component with its attributes
// and slots, so a test reads the markup a scaffold builds around what it
// is given (texts, data-testid, which slots show).
import { createSSRApp, defineComponent, h, type VNode } from 'vue'
import { renderToString } from 'vue/server-renderer'

/** An Element Plus stand-in; a dialog or drawer prints its slots only while open. */
function stub(name: string, slots: string[] = ['default'], shown = (_: Record<string, unknown>) => true) {
  return defineComponent({
    name,
    inheritAttrs: false,
    setup(_, { attrs, slots: given }) {
      return () => h(name, { ...attrs }, shown(attrs) ? slots.flatMap((s) => given[s]?.() ?? []) : [])
    },
  })
}
const open = (a: Record<string, unknown>) => a.modelValue === true

const stubs = {
  ElDialog: stub('el-dialog', ['default', 'footer'], open),
  ElDrawer: stub('el-drawer', ['default'], open),
  ElForm: stub('el-form'),
  ElFormItem: stub('el-form-item'),
  ElButton: stub('el-button'),
  ElTag: stub('el-tag'),
  ElTimeline: stub('el-timeline'),
  ElTimelineItem: stub('el-timeline-item'),
  ElRadioGroup: stub('el-radio-group'),
  ElRadioButton: stub('el-radio-button'),
  ElTable: stub('el-table'),
  ElPagination: stub('el-pagination'),
}

/** The HTML of what render returns, with Element Plus stubbed. */
export async function renderHTML(render: () => VNode): Promise<string> {
  const app = createSSRApp(defineComponent({ setup: () => render }))
  for (const [name, c] of Object.entries(stubs)) app.component(name, c)
  app.directive('loading', {})
  return renderToString(app)
}

/** The text of every element of a tag, in order (tags stripped). */
export function textsOf(html: string, tag: string): string[] {
  const out: string[] = []
  const re = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g')
  for (let m = re.exec(html); m; m = re.exec(html)) out.push(m[1].replace(/<[^>]*>/g, '').replace(/<!--[\s\S]*?-->/g, '').trim())
  return out
}
