/**
 * SVG → PNG with resvg (a Rust renderer in a prebuilt N-API binary: no system libraries, no
 * downloads) and only the fonts shipped in src/render/fonts, so the picture is the same everywhere.
 * Rendered at 2× for phones and high-density screens.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';

/**
 * The native renderer, loaded on the first picture rather than at start: most processes never draw
 * one, and loading it costs start-up time (its platform probe) and resident memory.
 */
let resvgClass: typeof ResvgClass | undefined;
function Resvg(): typeof ResvgClass {
  resvgClass ??= (createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js'))
    .Resvg;
  return resvgClass;
}

/**
 * The shipped fonts, by path (resvg-js 2.6 takes options as JSON, so font buffers cannot be passed).
 * From the sources: src/render/fonts; from the production bundle (dist/): dist/fonts, copied by the build.
 */
export const FONT_FILES: readonly string[] = (() => {
  const names = ['NotoSans-Regular.subset.ttf', 'NotoSans-Bold.subset.ttf'];
  for (const dir of ['../render/fonts/', './fonts/']) {
    const files = names.map((n) => fileURLToPath(new URL(`${dir}${n}`, import.meta.url)));
    if (files.every((f) => existsSync(f))) return files;
  }
  throw new Error('the chart fonts (NotoSans-*.subset.ttf) are missing next to the code: reinstall briefbot');
})();

export interface Png {
  data: Buffer;
  width: number;
  height: number;
}

export function svgToPng(svg: string, scale = 2): Png {
  const resvg = new (Resvg())(svg, {
    fitTo: { mode: 'width', value: Math.round(svgWidth(svg) * scale) },
    font: {
      fontFiles: [...FONT_FILES],
      loadSystemFonts: false,
      defaultFontFamily: 'Noto Sans',
      sansSerifFamily: 'Noto Sans',
    },
    shapeRendering: 2,
    textRendering: 1,
  });
  const image = resvg.render();
  const { width, height } = image;
  return { data: encodeOpaquePng(image.pixels, width, height) ?? image.asPng(), width, height };
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** zlib's crc32 is Node ≥ 20.15 only; the bot supports 20.6. */
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * PNG of fully opaque RGBA pixels, rows unfiltered, deflate level 3: a flat-colour chart compresses
 * nearly as well as at level 6 (about a quarter larger) in a third of the time, and this is much faster
 * than resvg's encoder (most of its time went into filtering). undefined when a pixel is not opaque
 * (resvg's pixels are premultiplied: its own encoder handles those).
 */
function encodeOpaquePng(pixels: Buffer, width: number, height: number): Buffer | undefined {
  const stride = width * 4;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) return undefined;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 3 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The root element's width attribute (what the SVG is laid out for). */
function svgWidth(svg: string): number {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
  if (!Number.isFinite(width) || width <= 0) throw new Error('the SVG root has no width');
  return width;
}
