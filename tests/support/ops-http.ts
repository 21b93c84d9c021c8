/**
 * The operator's view of a running bot process, from outside over HTTP: /healthz, /readyz and
 * /metrics on the port it logged, and a small reader for the Prometheus text format.
 */
import type { BotProcess } from './bot-process.ts';

export interface HttpAnswer {
  status: number;
  body: string;
  contentType: string;
}

export async function httpGet(port: number, path: string): Promise<HttpAnswer> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

/** The port of the health and metrics listener, from the line the bot logs when it starts it. */
export async function metricsPortOf(bot: BotProcess, timeoutMs = 30_000): Promise<number> {
  const line = await bot.waitForLog(
    (l) => typeof l.port === 'number' && /^health and metrics on/.test(String(l.msg)),
    timeoutMs,
  );
  return line.port as number;
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Samples of a Prometheus text exposition (comments skipped). */
export function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1] as string] = l[2] as string;
    out.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return out;
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function metricSum(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

export async function scrape(port: number): Promise<Sample[]> {
  const res = await httpGet(port, '/metrics');
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${res.body}`);
  return parsePrometheus(res.body);
}
