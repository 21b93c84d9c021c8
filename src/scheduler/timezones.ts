/** IANA time zones: resolving what a user typed, suggestions, autocomplete, formatting in a zone. PURE. */
import { editDistance } from '../domain/text.ts';

/** Offered first by autocomplete (and when nothing matches). */
const COMMON_TIMEZONES = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Brussels',
  'Europe/Warsaw',
  'Europe/Kyiv',
  'Europe/Moscow',
  'Europe/Istanbul',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Sao_Paulo',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Africa/Johannesburg',
] as const;

function isUsable(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

let zones: string[] | undefined;
/** Every zone name this runtime knows (Intl.supportedValuesOf), plus UTC and the common list. */
function allTimezones(): readonly string[] {
  if (!zones) {
    const set = new Set<string>(['UTC', ...Intl.supportedValuesOf('timeZone')]);
    for (const z of COMMON_TIMEZONES) if (isUsable(z)) set.add(z);
    zones = [...set].sort();
  }
  return zones;
}

export type TimezoneResult =
  | { ok: true; zone: string }
  | { ok: false; message: string; suggestions: string[] };

const normalize = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Suggestions for a misspelt zone: same city part, then small edit distance. */
function suggestTimezones(input: string, limit = 3): string[] {
  const q = normalize(input);
  if (!q) return [...COMMON_TIMEZONES].slice(0, limit);
  const city = q.split('/').at(-1) ?? q;
  const scored = allTimezones().map((zone) => {
    const z = zone.toLowerCase();
    const zCity = z.split('/').at(-1) ?? z;
    let score = editDistance(q, z, 6);
    score = Math.min(score, editDistance(city, zCity, 4) + 1);
    if (zCity.startsWith(city) || z.includes(q)) score = Math.min(score, 1);
    return { zone, score };
  });
  return scored
    .filter((s) => s.score <= 4)
    .sort((a, b) => a.score - b.score || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map((s) => s.zone);
}

/** Case-insensitive; accepts aliases the runtime knows (US/Eastern, Europe/Kiev). Empty means UTC. */
export function resolveTimezone(input: string | undefined): TimezoneResult {
  const text = (input ?? '').trim();
  if (text === '') return { ok: true, zone: 'UTC' };
  const wanted = normalize(text);
  const exact = allTimezones().find((z) => z.toLowerCase() === wanted);
  if (exact) return { ok: true, zone: exact };
  if (/^[A-Za-z0-9_+\-/]+$/.test(text)) {
    const resolved = isUsable(text);
    if (resolved)
      return { ok: true, zone: resolved === 'Etc/UTC' || resolved === 'Etc/GMT' ? 'UTC' : resolved };
  }
  const suggestions = suggestTimezones(text);
  return {
    ok: false,
    suggestions,
    message:
      `\`${text}\` is not a time zone I know.` +
      (suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(', ')}?` : '') +
      ' Use an IANA name such as `Europe/London`, `America/New_York` or `UTC` (the option autocompletes).',
  };
}

/** Up to `limit` zone names for autocomplete: common ones first when the input is empty. */
export function autocompleteTimezones(input: string, limit = 25): string[] {
  const q = normalize(input);
  if (!q) return COMMON_TIMEZONES.filter((z) => isUsable(z)).slice(0, limit);
  const all = allTimezones();
  const rank = (zone: string): number => {
    const z = zone.toLowerCase();
    const parts = z.split('/');
    if (z === q) return 0;
    if (z.startsWith(q)) return 1;
    if (parts.some((p) => p.startsWith(q))) return 2;
    if (z.includes(q)) return 3;
    return 9;
  };
  const common = new Set<string>(COMMON_TIMEZONES);
  const hits = all
    .map((zone) => ({ zone, r: rank(zone) }))
    .filter((h) => h.r < 9)
    .sort(
      (a, b) =>
        a.r - b.r || Number(common.has(b.zone)) - Number(common.has(a.zone)) || a.zone.localeCompare(b.zone),
    );
  const out = hits.slice(0, limit).map((h) => h.zone);
  return out.length ? out : suggestTimezones(input, Math.min(limit, 5));
}

/** One Intl formatter per zone (building one costs far more than using it). */
function formatterPerZone(locale: string, options: Intl.DateTimeFormatOptions) {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (zone: string): Intl.DateTimeFormat => {
    let f = byZone.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
      byZone.set(zone, f);
    }
    return f;
  };
}

const dayFormatter = formatterPerZone('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function dayInZone(ms: number, zone: string): string {
  const parts = dayFormatter(zone).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const timeFormatter = formatterPerZone('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});
/** "Mon 3 Mar 2025, 09:00 GMT" in the zone. */
export function formatInZone(ms: number, zone: string): string {
  return timeFormatter(zone).format(new Date(ms));
}
