/**
 * Just enough TrueType to read advance widths: the table directory, `head` (units per em), `hhea`
 * (number of horizontal metrics), `hmtx`, and `cmap` formats 4 and 12 (Unicode). Used to generate
 * the chart's font metrics and to check them against the shipped fonts.
 */

export interface FontAdvances {
  unitsPerEm: number;
  /** Advance of glyph 0 (.notdef). */
  fallback: number;
  /** Code point → advance width in font units. */
  advances: Map<number, number>;
}

function tables(font: Buffer): Map<string, { offset: number; length: number }> {
  const count = font.readUInt16BE(4);
  const out = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    out.set(font.toString('latin1', at, at + 4), {
      offset: font.readUInt32BE(at + 8),
      length: font.readUInt32BE(at + 12),
    });
  }
  return out;
}

/** Code point → glyph id from the best Unicode cmap subtable (format 12 preferred, else 4). */
function characterMap(font: Buffer, cmapOffset: number): Map<number, number> {
  const count = font.readUInt16BE(cmapOffset + 2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < count; i++) {
    const at = cmapOffset + 4 + i * 8;
    const platform = font.readUInt16BE(at);
    const encoding = font.readUInt16BE(at + 2);
    const sub = cmapOffset + font.readUInt32BE(at + 4);
    const format = font.readUInt16BE(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) format12 ??= sub;
    if (format === 4) format4 ??= sub;
  }
  const map = new Map<number, number>();
  if (format12 !== undefined) {
    const groups = font.readUInt32BE(format12 + 12);
    for (let g = 0; g < groups; g++) {
      const at = format12 + 16 + g * 12;
      const start = font.readUInt32BE(at);
      const end = font.readUInt32BE(at + 4);
      const glyph = font.readUInt32BE(at + 8);
      for (let cp = start; cp <= end; cp++) map.set(cp, glyph + (cp - start));
    }
    return map;
  }
  if (format4 === undefined) throw new Error('font has no Unicode cmap (format 4 or 12)');
  const segX2 = font.readUInt16BE(format4 + 6);
  const ends = format4 + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2 / 2; s++) {
    const end = font.readUInt16BE(ends + s * 2);
    const start = font.readUInt16BE(starts + s * 2);
    const delta = font.readInt16BE(deltas + s * 2);
    const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const at = rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2;
        glyph = font.readUInt16BE(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(cp, glyph);
    }
  }
  return map;
}

export function fontAdvances(font: Buffer): FontAdvances {
  const t = tables(font);
  const head = t.get('head');
  const hhea = t.get('hhea');
  const hmtx = t.get('hmtx');
  const cmap = t.get('cmap');
  if (!head || !hhea || !hmtx || !cmap) throw new Error('not a TrueType font with head/hhea/hmtx/cmap');
  const unitsPerEm = font.readUInt16BE(head.offset + 18);
  const metrics = font.readUInt16BE(hhea.offset + 34);
  const advanceOf = (glyph: number) => font.readUInt16BE(hmtx.offset + Math.min(glyph, metrics - 1) * 4);
  const advances = new Map<number, number>();
  for (const [cp, glyph] of characterMap(font, cmap.offset)) advances.set(cp, advanceOf(glyph));
  return { unitsPerEm, fallback: advanceOf(0), advances };
}
