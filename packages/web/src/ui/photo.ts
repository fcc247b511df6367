// Photos are made small on the phone before they travel (issue 13 item 3): a 4 MB camera photo
// took over a minute at 400 kbps; at 1600 px on its long edge and JPEG quality 0.8 it is a few
// hundred kilobytes and still shows a KTP's text or a house clearly.

const PHOTO_LONG_EDGE = 1600;
const QUALITY = 0.8;
/** Below this a photo within the long edge is sent as it is: re-encoding would gain little. */
const SMALL_ENOUGH = 400 * 1024;

/**
 * The photo to send: downscaled to `PHOTO_LONG_EDGE` on its long edge and re-encoded as JPEG, turned
 * upright by its EXIF orientation first (`imageOrientation: 'from-image'`; the new file has no EXIF,
 * so no location leaves the phone either). PDFs, photos already small, and what the browser
 * cannot decode are returned unchanged: the server checks them as before.
 */
export async function preparePhoto(file: File): Promise<File> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type) || typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, PHOTO_LONG_EDGE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= SMALL_ENOUGH) return file;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const blob = await encode(bitmap, width, height);
    if (!blob || (scale === 1 && blob.size >= file.size)) return file;
    const name = `${file.name.replace(/\.[^.]*$/, '') || 'foto'}.jpg`;
    return new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified });
  } finally {
    bitmap.close();
  }
}

async function encode(bitmap: ImageBitmap, width: number, height: number): Promise<Blob | null> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    draw(context, bitmap, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  draw(context, bitmap, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
}

function draw(context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D, bitmap: ImageBitmap, width: number, height: number): void {
  // white under a transparent PNG (a scanned form), not JPEG's black
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
}
