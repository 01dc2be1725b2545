/**
 * A phone photo made fit to upload, in the browser: decoded (turned upright by its EXIF
 * orientation), scaled so its longest side is at most MAX_SIDE px, and re-encoded through a canvas
 * as WebP (JPEG where the browser cannot write WebP). Re-encoding writes only pixels: the EXIF
 * block with the camera's GPS position, date and serial number is never copied, whatever the
 * original held. A 4000×3000 camera JPEG of ~2–4 MB becomes ~150–300 kB.
 */
export const MAX_SIDE = 1600;
const QUALITY = 0.82;

export interface PreparedImage {
  blob: Blob;
  type: 'image/webp' | 'image/jpeg';
  width: number;
  height: number;
}

/** The browser could not read the file as a picture (a HEIC photo on a browser without HEIC). */
export class UnreadableImageError extends Error {
  constructor() {
    super('The browser could not read this picture');
    this.name = 'UnreadableImageError';
  }
}

/** The size to draw at: the same when it already fits, else scaled to MAX_SIDE on the long side. */
export function fitWithin(width: number, height: number, maxSide = MAX_SIDE) {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const scale = maxSide / longest;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

export async function prepareImage(file: Blob, maxSide = MAX_SIDE): Promise<PreparedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new UnreadableImageError();
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height, maxSide);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new UnreadableImageError();
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    const webp = await toBlob(canvas, 'image/webp', QUALITY);
    // Browsers that cannot write WebP hand back PNG instead: use JPEG there, on white (no alpha).
    if (webp && webp.type === 'image/webp') return { blob: webp, type: 'image/webp', ...size };
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size.width, size.height);
    const jpeg = await toBlob(canvas, 'image/jpeg', QUALITY);
    if (!jpeg) throw new UnreadableImageError();
    return { blob: jpeg, type: 'image/jpeg', ...size };
  } finally {
    bitmap.close();
  }
}
