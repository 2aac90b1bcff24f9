// Files in and out: the desktop window saves through a native dialog, a
// browser downloads. Data travels as base64 (Go []byte in JSON).
import { ElMessage } from 'element-plus'
import { base64ToBlob, callDesktop, toApiError } from './client'
import type { Document } from './types'

const mimeOf = (name: string) =>
  name.endsWith('.pdf')
    ? 'application/pdf'
    : name.endsWith('.xlsx')
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'application/octet-stream'

/**
 * Saves a file: the native save dialog in the window (then, if open is
 * set, the system viewer), a download in a browser. Returns the saved path
 * in the window, '' if the user cancelled, undefined in a browser.
 */
export async function saveFile(fileName: string, data: string, open = false): Promise<string | undefined> {
  const path = await callDesktop<string>('SaveFile', fileName, data)
  if (path === undefined) {
    const a = document.createElement('a')
    a.href = URL.createObjectURL(base64ToBlob(data, mimeOf(fileName)))
    a.download = fileName
    a.click()
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000)
    return undefined
  }
  if (path) {
    ElMessage.success(`已保存到 ${path}`)
    if (open) await callDesktop('OpenPath', path)
  }
  return path
}

export const saveDocument = (doc: Document, open = false) => saveFile(doc.fileName, doc.data, open)

/** Renders a document (a list export) and saves it; a refusal shows as a message. */
export async function exportDocument(render: () => Promise<Document>) {
  try {
    await saveDocument(await render())
  } catch (e) {
    ElMessage.error(toApiError(e).message)
  }
}

/** Reads a chosen file as base64 for the API. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}
