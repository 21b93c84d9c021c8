/** IANA time zones: resolving what a user typed, suggestions, autocomplete, formatting in a zone. PURE. */
import { editDistance } from '../domain/text.ts';
import {
  abbreviationCandidates,
  etcZoneFor,
  ianaSpelling,
  icuZone,
  offeredZones,
  offsetAt,
  parseOffset,
} from './zone-names.ts';

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

/** Why a typed zone was refused, and what to pick instead (worded in render/schedule.ts). */
export interface ZoneProblem {
  /** `abbreviation`: "est", "CET", "BST"; `offset`: "GMT+3", "+05:45"; `unknown`: anything else. */
  kind: 'unknown' | 'abbreviation' | 'offset';
  typed: string;
  /** For an offset: minutes east of UTC. */
  offsetMinutes?: number;
  /** Zone names to pick instead, best first. */
  suggestions: string[];
}

export type TimezoneResult = { ok: true; zone: string } | { ok: false; problem: ZoneProblem };

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
  const scored = offeredZones().map((zone) => {
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

const common = new Set<string>(COMMON_TIMEZONES);
const commonFirst = (a: string, b: string) =>
  Number(common.has(b)) - Number(common.has(a)) || a.localeCompare(b);

/** Zones at `offsetMinutes` at `nowMs`: the fixed Etc zone first, then places (common ones first). */
function zonesAtOffset(offsetMinutes: number, nowMs: number, limit: number): string[] {
  const etc = etcZoneFor(offsetMinutes);
  const places = offeredZones()
    .filter((z) => z.includes('/') && !z.startsWith('Etc/') && offsetAt(z, nowMs) === offsetMinutes)
    .sort(commonFirst);
  return [...(etc ? [etc] : []), ...places].slice(0, limit);
}

/**
 * What the user typed, as the IANA zone they chose: any case, spaces for underscores; a current name
 * (Asia/Kathmandu) is kept even where the runtime's ICU calls the zone by an older one
 * (Asia/Katmandu). Empty means UTC. Abbreviations ("est") and offsets ("GMT+3") are refused with the
 * zones they may mean: an abbreviation never silently becomes a zone.
 */
export function resolveTimezone(input: string | undefined, nowMs = 0): TimezoneResult {
  const text = (input ?? '').trim();
  if (text === '') return { ok: true, zone: 'UTC' };
  const offset = parseOffset(text);
  if (offset !== undefined) {
    return {
      ok: false,
      problem: {
        kind: 'offset',
        typed: text,
        offsetMinutes: offset,
        suggestions: zonesAtOffset(offset, nowMs, 4),
      },
    };
  }
  const abbreviation = abbreviationCandidates(text);
  if (abbreviation && !/^(utc|uct|zulu)$/i.test(text)) {
    const suggestions = abbreviation.length ? [...abbreviation] : suggestTimezones(text);
    return { ok: false, problem: { kind: 'abbreviation', typed: text, suggestions } };
  }
  const spelled = ianaSpelling(text.replace(/\s+/g, '_'));
  if (spelled) return { ok: true, zone: spelled };
  return { ok: false, problem: { kind: 'unknown', typed: text, suggestions: suggestTimezones(text) } };
}

/**
 * Up to `limit` zone names for autocomplete: common ones first when the input is empty; for an
 * abbreviation the zones it may mean, for an offset the zones at that offset now.
 */
export function autocompleteTimezones(input: string, limit = 25, nowMs = 0): string[] {
  const q = normalize(input);
  if (!q) return COMMON_TIMEZONES.filter((z) => icuZone(z) !== undefined).slice(0, limit);
  const offset = parseOffset(input);
  if (offset !== undefined) return zonesAtOffset(offset, nowMs, limit);
  const rank = (zone: string): number => {
    const z = zone.toLowerCase();
    const parts = z.split('/');
    if (z === q) return 0;
    if (z.startsWith(q)) return 1;
    if (parts.some((p) => p.startsWith(q))) return 2;
    if (z.includes(q)) return 3;
    return 9;
  };
  const hits = offeredZones()
    .map((zone) => ({ zone, r: rank(zone) }))
    .filter((h) => h.r < 9)
    .sort((a, b) => a.r - b.r || commonFirst(a.zone, b.zone))
    .map((h) => h.zone);
  const meant = abbreviationCandidates(input) ?? [];
  const out = [...new Set([...meant, ...hits])].slice(0, limit);
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
