import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import { formatProblem } from '../../src/domain/validate.ts';
import { brokenDataDir, REPO } from '../support/fixtures.ts';

async function problemsFor(edit: Parameters<typeof brokenDataDir>[0]): Promise<string[]> {
  const dir = brokenDataDir(edit);
  const result = await loadDatasetFromDir(dir);
  expect(result.ok).toBe(false);
  return result.ok
    ? []
    : result.problems.map((p) => formatProblem({ ...p, file: p.file.replace(/^.*\//, 'data/') }));
}

type Obj = Record<string, unknown>;
const at = (files: Record<string, Record<string, unknown[]>>, file: string, i: number) =>
  files[`${file}.json`]?.[file]?.[i] as Obj;

describe('dataset integrity', () => {
  it('accepts the curated dataset', async () => {
    const result = await loadDatasetFromDir(`${REPO}/data`);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('reports an unknown reference with the closest id', async () => {
    const problems = await problemsFor((f) => {
      (at(f, 'events', 0).actors as Obj[])[0] = { actor: 'volodymyr-zelenski', role: 'speaker' };
    });
    expect(problems).toContain(
      'data/events.json: events[0].actors[0].actor: unknown actor "volodymyr-zelenski": did you mean "volodymyr-zelensky"?',
    );
  });

  it('reports duplicate ids', async () => {
    const problems = await problemsFor((f) => {
      at(f, 'quotes', 1).id = at(f, 'quotes', 0).id;
    });
    expect(
      problems.some((p) =>
        /^data\/quotes\.json: quotes\[1\]\.id: duplicate id ".+" \(also quotes\[0\]\)/.test(p),
      ),
    ).toBe(true);
  });

  it('reports impossible dates and dishonest precision', async () => {
    const problems = await problemsFor((f) => {
      at(f, 'events', 1).date = { value: '2025-02-30', precision: 'day', basis: 'typo' };
      at(f, 'events', 2).date = { value: '2025-02', precision: 'day', basis: 'wrong precision' };
    });
    expect(problems).toContain('data/events.json: events[1].date: "2025-02-30" is not a real calendar day');
    expect(problems).toContain(
      'data/events.json: events[2].date: precision "day" needs a value like 2025-02-14, got "2025-02"',
    );
  });

  it('reports an event without citations and a citation of a missing paragraph', async () => {
    const problems = await problemsFor((f) => {
      at(f, 'events', 0).citations = [];
      at(f, 'events', 1).citations = [{ source: 'munich-vance-zelensky', paragraph: 99 }];
    });
    expect(problems).toContain(
      'data/events.json: events[0].citations: every event cites at least one source paragraph',
    );
    expect(problems).toContain(
      'data/events.json: events[1].citations[0].paragraph: paragraph 99 does not exist: S1 has 26 paragraphs',
    );
  });

  it('refuses citations of page furniture', async () => {
    const problems = await problemsFor((f) => {
      at(f, 'events', 0).citations = [{ source: 'white-house-zelensky-trump-europeans', paragraph: 1 }];
    });
    expect(problems).toContain(
      'data/events.json: events[0].citations[0].paragraph: paragraph 1 of S2 is page furniture and cannot be cited',
    );
  });

  it('reports bad quotes: wrapped in quote marks, wrong speaker for the event', async () => {
    const problems = await problemsFor((f) => {
      at(f, 'quotes', 1).text = '‘We want, really’';
      at(f, 'quotes', 2).speaker = 'emmanuel-macron';
    });
    expect(
      problems.some((p) =>
        p.startsWith('data/quotes.json: quotes[1].text: quote text starts or ends with a quote mark'),
      ),
    ).toBe(true);
    expect(
      problems.some((p) =>
        p.startsWith('data/quotes.json: quotes[2].speaker: "emmanuel-macron" is not among the actors'),
      ),
    ).toBe(true);
  });

  it('reports schema errors with their JSON path and unknown fields', async () => {
    const problems = await problemsFor((f) => {
      at(f, 'events', 0).kind = 'party';
      at(f, 'actors', 0).nickname = 'Z';
    });
    expect(problems.some((p) => p.startsWith('data/events.json: events[0].kind:'))).toBe(true);
    expect(problems).toContain(
      'data/actors.json: actors[0]: unknown field(s) "nickname": remove or rename them',
    );
  });

  it('data:check prints every problem as file: path: message and exits non-zero', () => {
    const dir = brokenDataDir((f) => {
      at(f, 'events', 0).citations = [];
      at(f, 'quotes', 0).event = 'no-such-event';
    });
    let stderr = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/data-check.ts', dir], {
        cwd: REPO,
        stdio: 'pipe',
      });
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /events\.json: events\[0\]\.citations: every event cites at least one source paragraph/,
    );
    expect(stderr).toMatch(/quotes\.json: quotes\[0\]\.event: unknown event "no-such-event"/);
    expect(stderr).toMatch(/2 problem\(s\)/);
  });

  it('checks attributions and topic overrides', async () => {
    const problems = await problemsFor((f) => {
      at(f, 'events', 1).attributedTo = 'emmanuel-macron';
      at(f, 'events', 2).attributedTo = 'nobody-known';
      at(f, 'events', 3).topicOverrides = [{ topic: 'nato-membership', reason: 'a reason long enough' }];
      at(f, 'commitments', 0).attributedTo = 'volodymyr-zelenski';
    });
    expect(problems).toContain(
      'data/events.json: events[1].attributedTo: "emmanuel-macron" is not among the event\'s actors: add them (e.g. as "speaker") or fix attributedTo',
    );
    expect(problems).toContain(
      'data/events.json: events[2].attributedTo: unknown actor "nobody-known": add it to actors.json',
    );
    expect(problems).toContain(
      'data/events.json: events[3].topicOverrides[0].topic: "nato-membership" is not among the record\'s topics: an override only keeps a topic the record has',
    );
    expect(problems).toContain(
      'data/commitments.json: commitments[0].attributedTo: unknown actor "volodymyr-zelenski": did you mean "volodymyr-zelensky"?',
    );
  });

  it('reports malformed JSON with the file name', async () => {
    const dir = brokenDataDir(() => undefined);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/topics.json`, '{ "topics": [ }');
    const result = await loadDatasetFromDir(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.file.endsWith('topics.json')).toBe(true);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/not valid JSON/);
  });
});
