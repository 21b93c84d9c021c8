/**
 * Time zone NAMES, PURE: every IANA name a user may pick, spelled as IANA spells it today.
 *
 * Why a table beside Intl: ICU (Node 20) lists and canonicalizes zones under their old names for
 * stability — `Asia/Kathmandu` resolves to `Asia/Katmandu`, `America/Nuuk` to `America/Godthab`,
 * `Europe/Kyiv` to `Europe/Kiev` — and `Intl.supportedValuesOf('timeZone')` has only the old ones.
 * IANA renamed these zones; the current names below are accepted by ICU as aliases, so they work
 * everywhere a zone is used, and they are what users type and expect to see.
 */

/** IANA's current names of zones ICU still lists under an older name (tzdata 2025). */
const CURRENT_IANA_NAMES = [
  'Africa/Asmara',
  'America/Argentina/Buenos_Aires',
  'America/Argentina/Catamarca',
  'America/Argentina/Cordoba',
  'America/Argentina/Jujuy',
  'America/Argentina/Mendoza',
  'America/Atikokan',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'America/Nuuk',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Yangon',
  'Atlantic/Faroe',
  'Europe/Kyiv',
  'Pacific/Chuuk',
  'Pacific/Kanton',
  'Pacific/Pohnpei',
] as const;

/** Fixed offsets: `Etc/GMT-3` is UTC+3 all year (POSIX-style names invert the sign). */
export function etcZoneFor(offsetMinutes: number): string | undefined {
  if (offsetMinutes % 60 !== 0) return undefined;
  const hours = offsetMinutes / 60;
  if (hours < -12 || hours > 14) return undefined;
  if (hours === 0) return 'UTC';
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

const ETC_ZONES = Array.from({ length: 27 }, (_, i) => etcZoneFor((i - 12) * 60)).filter(
  (z): z is string => z !== undefined && z !== 'UTC',
);

/** Names that mean UTC itself: stored as `UTC`. */
const UTC_NAMES = new Set([
  'utc',
  'etc/utc',
  'etc/universal',
  'universal',
  'etc/zulu',
  'zulu',
  'etc/uct',
  'uct',
]);

/** The zone ICU resolves a name to (its canonical, often older, name), or undefined if unknown. */
export function icuZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

interface ZoneIndex {
  /** Every name offered by autocomplete: current names, no superseded spelling of the same zone. */
  offered: readonly string[];
  /** Lower-cased name → the name as IANA spells it (superseded spellings included). */
  byLowerCase: ReadonlyMap<string, string>;
}

let index: ZoneIndex | undefined;
function zoneIndex(): ZoneIndex {
  if (index) return index;
  const icu = Intl.supportedValuesOf('timeZone');
  const current = CURRENT_IANA_NAMES.filter((name) => icuZone(name) !== undefined);
  const superseded = new Set<string>();
  for (const name of current) {
    const old = icuZone(name);
    if (old && old !== name) superseded.add(old);
  }
  const all = ['UTC', ...icu, ...current, ...ETC_ZONES.filter((z) => icuZone(z) !== undefined)];
  const byLowerCase = new Map<string, string>();
  for (const name of all) byLowerCase.set(name.toLowerCase(), name);
  const offered = [...new Set(all)].filter((name) => !superseded.has(name)).sort();
  index = { offered, byLowerCase };
  return index;
}

/** Every zone name autocomplete offers (sorted). */
export function offeredZones(): readonly string[] {
  return zoneIndex().offered;
}

/**
 * The IANA spelling of a zone name typed in any case, keeping the name the user chose: a current
 * name stays current, an older one stays older (both valid IANA). Undefined when it is no zone.
 */
export function ianaSpelling(typed: string): string | undefined {
  const lower = typed.toLowerCase();
  if (UTC_NAMES.has(lower)) return 'UTC';
  const known = zoneIndex().byLowerCase.get(lower);
  if (known) return known;
  // Another alias ICU knows (US/Eastern, Europe/Belfast, Japan): as typed when typed with
  // capitals, else capitalised the way IANA writes such names.
  if (icuZone(typed) === undefined) return undefined;
  if (typed !== lower) return typed;
  return lower
    .split('/')
    .map((part) =>
      part.length <= 3
        ? part.toUpperCase()
        : part.replace(/(^|[_-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase()),
    )
    .join('/');
}

/**
 * Abbreviations people type for a zone, with the zones they usually mean. An abbreviation never
 * becomes a zone by itself: "EST" is both New York's winter time and a fixed UTC−5 (ICU maps it to
 * America/Panama), "IST" is India, Ireland or Israel, "CST" the US or China.
 */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  est: ['America/New_York', 'America/Toronto', 'Etc/GMT+5'],
  edt: ['America/New_York', 'America/Toronto'],
  cst: ['America/Chicago', 'Asia/Shanghai', 'America/Mexico_City'],
  cdt: ['America/Chicago'],
  mst: ['America/Denver', 'America/Phoenix'],
  mdt: ['America/Denver'],
  pst: ['America/Los_Angeles', 'America/Vancouver'],
  pdt: ['America/Los_Angeles'],
  akst: ['America/Anchorage'],
  hst: ['Pacific/Honolulu'],
  ast: ['America/Halifax', 'Asia/Riyadh'],
  nst: ['America/St_Johns'],
  gmt: ['UTC', 'Europe/London'],
  bst: ['Europe/London'],
  ist: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
  wet: ['Europe/Lisbon'],
  cet: ['Europe/Paris', 'Europe/Berlin', 'Europe/Warsaw'],
  cest: ['Europe/Paris', 'Europe/Berlin', 'Europe/Warsaw'],
  eet: ['Europe/Kyiv', 'Europe/Athens', 'Europe/Bucharest'],
  eest: ['Europe/Kyiv', 'Europe/Athens', 'Europe/Bucharest'],
  msk: ['Europe/Moscow'],
  sast: ['Africa/Johannesburg'],
  wat: ['Africa/Lagos'],
  cat: ['Africa/Maputo'],
  eat: ['Africa/Nairobi'],
  pkt: ['Asia/Karachi'],
  npt: ['Asia/Kathmandu'],
  ict: ['Asia/Bangkok'],
  wib: ['Asia/Jakarta'],
  sgt: ['Asia/Singapore'],
  hkt: ['Asia/Hong_Kong'],
  jst: ['Asia/Tokyo'],
  kst: ['Asia/Seoul'],
  aest: ['Australia/Sydney', 'Australia/Brisbane'],
  aedt: ['Australia/Sydney'],
  acst: ['Australia/Adelaide'],
  awst: ['Australia/Perth'],
  nzst: ['Pacific/Auckland'],
  nzdt: ['Pacific/Auckland'],
  brt: ['America/Sao_Paulo'],
  art: ['America/Argentina/Buenos_Aires'],
};

/**
 * The zones an abbreviation usually means, or undefined when the input is not abbreviation-like.
 * Covers the table above, IANA's legacy names (`EST5EDT`, `CET`, `MST7MDT`) and any other short
 * all-letter word, which is never a zone name (those have a region and a slash).
 */
export function abbreviationCandidates(typed: string): readonly string[] | undefined {
  const lower = typed.trim().toLowerCase();
  const known = ABBREVIATIONS[lower];
  if (known) return known;
  const posix = /^([a-z]{3,4})\d{1,2}([a-z]{3,4})?$/.exec(lower); // EST5EDT, PST8PDT
  if (posix?.[1]) return ABBREVIATIONS[posix[1]] ?? [];
  if (/^[a-z]{2,5}$/.test(lower) && lower !== 'utc') return [];
  return undefined;
}

/** A UTC offset typed as a zone ("GMT+3", "UTC-05:00", "+5:45"): minutes east of UTC. */
export function parseOffset(typed: string): number | undefined {
  const m = /^(?:utc|gmt|z)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(typed.trim());
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes >= 60) return undefined;
  const sign = m[1] === '+' ? 1 : -1;
  return sign * (hours * 60 + minutes);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
/** Minutes east of UTC of `zone` at `ms`. */
export function offsetAt(zone: string, ms: number): number {
  let f = offsetFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormatters.set(zone, f);
  }
  const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return parseOffset(name === 'GMT' ? 'GMT+0' : name) ?? 0;
}
