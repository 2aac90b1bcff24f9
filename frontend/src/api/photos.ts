// Photos from a phone are 3–8 MB; a township's visits over years would
// fill a desk PC and a USB stick. They are scaled to at most 1600 px on
// the long side and re-encoded as JPEG before they leave the browser.
import { photoApi } from './services'
import type { PhotoUpload } from './types'

const maxSide = 1600

/** Reads an image file, scaled down, as an upload (base64 JPEG). */
export async function scalePhoto(file: File): Promise<PhotoUpload> {
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('照片无法转换'))), 'image/jpeg', 0.85),
  )
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return { name: file.name.replace(/\.[^.]+$/, '') + '.jpg', data: btoa(bin) }
}

const urls = new Map<string, Promise<string>>()

/** A data URL for an attachment ('' while its bytes have not arrived). */
export function photoURL(id: string): Promise<string> {
  let u = urls.get(id)
  if (!u) {
    u = photoApi.get(id).then((p) => (p.data ? `data:${p.mime};base64,${p.data}` : ''))
    u.catch(() => urls.delete(id))
    urls.set(id, u)
  }
  return u
}
