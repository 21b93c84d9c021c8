import { describe, expect, it } from 'vitest';
import { checkTruth, type GuardName } from '../../../src/domain/truth/index.ts';
import { synonymKey } from '../../../src/domain/truth/lexicon.ts';
import { stem } from '../../../src/domain/truth/text.ts';
import { formatProblem } from '../../../src/domain/validate.ts';
import { cleanDataset, one, type RawDatasetEdit, TEXTS } from './fixture.ts';

/** Every truth problem of a broken copy of the clean fixture, as data:check prints it. */
function broken(edit: RawDatasetEdit, guards?: GuardName[]): string[] {
  const data = cleanDataset();
  edit(data);
  return checkTruth(data, TEXTS, guards ? { guards: new Set(guards) } : {}).problems.map(formatProblem);
}

describe('the clean fixture', () => {
  it('passes every guard, with nothing skipped', () => {
    const report = checkTruth(cleanDataset(), TEXTS);
    expect(report.problems).toEqual([]);
    expect(report.skipped).toEqual([]);
  });
});

describe('own words', () => {
  it('names the field, the run of words and the paragraph', () => {
    expect(
      broken((d) => {
        one(d.events[0]).summary =
          'Ministers of Norland and Estmark met in Kellby on Tuesday to discuss things.';
      }),
    ).toEqual([
      'data/events.json: events[0].summary: shares 12 consecutive words with S1 ¶1: "Ministers of Norland and Estmark met in Kellby on Tuesday to discuss": write it in our own words (only quotes are copied, into quotes.json)',
    ]);
  });

  it('folds case, quote marks and dashes before comparing', () => {
    const problems = broken((d) => {
      one(d.commitments[0]).text = 'ESTMARK’S MINISTER JONAS VIK TOLD REPORTERS THAT A—DRAFT treaty is due.';
    });
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^data\/commitments\.json: commitments\[0\]\.text: shares 10 consecutive words with S1 ¶4: /,
      ),
    );
  });

  it('checks titles, thread statuses, quote contexts and descriptions too', () => {
    const copied = 'The talks lasted three hours, according to Norland’s foreign minister';
    const problems = broken(
      (d) => {
        one(d.events[1]).title = copied;
        one(d.topics[0]).description = copied;
        one(d.actors[0]).description = copied;
      },
      ['own-words'],
    );
    expect(problems.map((p) => p.split(': ').slice(0, 2).join(': '))).toEqual([
      'data/actors.json: actors[0].description',
      'data/topics.json: topics[0].description',
      'data/events.json: events[1].title',
    ]);
  });

  it('allows seven shared words, and any number inside quote marks', () => {
    expect(
      broken(
        (d) => {
          one(d.events[0]).summary =
            'Ministers met in Kellby on Tuesday to discuss, in their words, the border.';
          one(d.events[2]).summary = 'Vik says ‘a draft treaty would be ready within 30 days’.';
        },
        ['own-words'],
      ),
    ).toEqual([]);
  });
});

describe('support', () => {
  it('reports a claim cited to the wrong paragraph, with the missing words', () => {
    expect(
      broken(
        (d) => {
          one(d.events[0]).citations = [{ source: 'kellby-report', paragraph: 7 }];
        },
        ['support'],
      ),
    ).toEqual([
      'data/events.json: events[0].title: "Norland and Estmark ministers meet in Kellby" is not supported by S1 ¶7: support 0.00 < 0.35, missing "ministers", "meet", "Kellby"',
      'data/events.json: events[0].summary: "The foreign ministers of Norland and Estmark hold talks in Kellby about a treaty on their…" is not supported by S1 ¶7: support 0.13 < 0.35, missing "foreign", "ministers", "hold", "talks", "Kellby", "border"',
    ]);
  });

  it('reads "met" as a meeting and "addressed" as a speech', () => {
    const same = (a: string, b: string) => synonymKey(stem(a)) === synonymKey(stem(b));
    expect(same('met', 'meeting')).toBe(true);
    expect(same('addressed', 'speech')).toBe(true);
    expect(same('remarks', 'speech')).toBe(true);
    expect(same('wedding', 'meeting')).toBe(false);
  });

  it('reports a changed number even when the rest is supported', () => {
    expect(
      broken(
        (d) => {
          one(d.commitments[0]).text = 'A draft treaty is to be ready within 60 days.';
        },
        ['support'],
      ),
    ).toEqual([
      'data/commitments.json: commitments[0].text: "A draft treaty is to be ready within 60 days." is not supported by S1 ¶4: "60" is not there',
    ]);
  });

  it('reports an added qualifier such as "yet" or "annual"', () => {
    const problems = broken(
      (d) => {
        one(d.events[3]).summary =
          'Vik urges Norland yet again to pull its troops out of the disputed valley.';
        one(d.events[0]).summary =
          'The foreign ministers of Norland and Estmark hold annual talks in Kellby about their border.';
      },
      ['support'],
    );
    expect(problems).toEqual([
      'data/events.json: events[0].summary: "The foreign ministers of Norland and Estmark hold annual talks in Kellby about their bord…" is not supported by S1 ¶1: "annual" is not there; also missing "hold"',
      'data/events.json: events[3].summary: "Vik urges Norland yet again to pull its troops out of the disputed valley." is not supported by S1 ¶5: "yet", "again" are not there; also missing "pull"',
    ]);
  });

  it('reports a person the cited text and the record do not name', () => {
    expect(
      broken(
        (d) => {
          one(d.events[2]).summary =
            'Berg tells reporters that a draft of the treaty will be ready within 30 days.';
        },
        ['support'],
      ),
    ).toEqual([
      'data/events.json: events[2].summary: "Berg tells reporters that a draft of the treaty will be ready within 30 days." is not supported by S1 ¶4: "Berg" is not there',
    ]);
  });

  it('finds names and dates among the record’s own actors and dates', () => {
    // "Tuesday" is not in ¶4, but the event is dated 13 May 2025, a Tuesday; Vik is its actor.
    expect(
      broken(
        (d) => {
          one(d.events[2]).summary =
            'On Tuesday, Vik tells reporters a draft treaty will be ready within 30 days.';
        },
        ['support'],
      ),
    ).toEqual([]);
  });

  it('requires quoted words to be verbatim in a cited paragraph', () => {
    expect(
      broken(
        (d) => {
          one(d.events[2]).summary = 'Vik says a draft will be ready ‘within a month’.';
        },
        ['support'],
      ),
    ).toEqual([
      'data/events.json: events[2].summary: "Vik says a draft will be ready ‘within a month’." is not supported by S1 ¶4: quoted "within a month" is not verbatim there; also missing "month"',
    ]);
  });
});

describe('attribution', () => {
  it('reports a claim stated as fact that the source gives as someone’s account', () => {
    expect(
      broken(
        (d) => {
          delete one(d.events[1]).attributedTo;
        },
        ['attribution'],
      ),
    ).toEqual([
      'data/events.json: events[1].summary: "The talks last three hours." states as fact what S1 ¶2 reports as Anna Berg\'s account ("according to Norland\'s foreign minister Anna Berg"): write "Berg says …" or set attributedTo: "anna-berg"',
    ]);
  });

  it('accepts the attribution written out instead ("Berg says", "according to Berg")', () => {
    for (const summary of [
      'Berg says the talks last three hours.',
      'According to Berg, the talks last three hours.',
    ])
      expect(
        broken(
          (d) => {
            delete one(d.events[1]).attributedTo;
            one(d.events[1]).summary = summary;
          },
          ['attribution'],
        ),
      ).toEqual([]);
  });

  it('resolves "he said" to the person named before it', () => {
    expect(
      broken(
        (d) => {
          one(d.events[2]).summary = 'A draft of the treaty will be ready within 30 days.';
        },
        ['attribution'],
      ),
    ).toEqual([
      'data/events.json: events[2].summary: "A draft of the treaty will be ready within 30 days." states as fact what S1 ¶4 reports as Jonas Vik\'s account ("Jonas Vik told"): write "Vik says …" or set attributedTo: "jonas-vik"',
    ]);
  });

  it('wants an attributed event’s title to name whose account it is', () => {
    expect(
      broken(
        (d) => {
          one(d.events[1]).title = 'The talks last three hours';
        },
        ['attribution'],
      ),
    ).toEqual([
      'data/events.json: events[1].title: the event is Anna Berg\'s account (attributedTo) but the title states it as fact: name them in it ("Berg says …")',
    ]);
  });
});

describe('dates', () => {
  it('refuses day precision when the basis says the day is not given', () => {
    expect(
      broken(
        (d) => {
          one(d.events[2]).date = {
            value: '2025-05-14',
            precision: 'day',
            basis: 'Reported in S1; the day is not given.',
          };
        },
        ['dates'],
      ),
    ).toEqual([
      'data/events.json: events[2].date: precision "day" but the basis says the day is not given: use the month or year, with the earliest/latest bounds the text gives',
    ]);
  });

  it('gives "before the talks" an upper bound, not a month', () => {
    expect(
      broken(
        (d) => {
          one(d.events[3]).date = { value: '2025-05', precision: 'month', basis: "'Before the talks' (S1)." };
        },
        ['dates'],
      ),
    ).toEqual([
      'data/events.json: events[3].date: the basis places it relative to something later ("Before"): add "latest", the last day it can have happened',
    ]);
    expect(
      broken(
        (d) => {
          one(d.events[3]).date = {
            value: '2025-05',
            precision: 'month',
            latest: '2025-05-13',
            basis: "'Before the talks' (S1).",
          };
        },
        ['dates'],
      ),
    ).toEqual([
      'data/events.json: events[3].date: precision "month" is finer than a one-sided bound supports (only latest 2025-05-13): the event may fall in another month; use precision "year" with the bound, or add the other bound the text gives',
    ]);
  });

  it('gives a multi-day event bounds instead of a day', () => {
    const forum = (date: Record<string, unknown>) =>
      broken(
        (d) => {
          d.events.push({
            ...one(d.events[0]),
            id: 'kellby-forum',
            kind: 'summit',
            title: 'Kellby Forum',
            summary: 'The Kellby Forum, where both ministers spoke.',
            date: date as never,
            citations: [{ source: 'kellby-report', paragraph: 6 }],
            topics: [],
          });
        },
        ['dates'],
      );
    expect(forum({ value: '2025-05-13', precision: 'day', basis: "'on Tuesday' (S1)." })).toEqual([
      'data/events.json: events[4].date: "Forum" describes an event over several days: set "multiDay": true with the period it falls in (precision month or year) and the bounds the text gives (earliest, latest, underWay)',
    ]);
    expect(
      forum({
        value: '2025-05',
        precision: 'month',
        multiDay: true,
        basis: "'continues until Saturday' (S1).",
      }),
    ).toEqual([
      'data/events.json: events[4].date: a multi-day event needs bounds: earliest/latest for its first and last days, or underWay for a day the text shows it under way',
    ]);
    expect(
      forum({
        value: '2025-05',
        precision: 'month',
        multiDay: true,
        underWay: '2025-05-13',
        latest: '2025-05-17',
        basis: "Under way on Tuesday 13 May 2025; 'continues until Saturday', 17 May (S1).",
      }),
    ).toEqual([]);
  });

  it('warns about a day the basis does not name', () => {
    expect(
      broken(
        (d) => {
          one(d.events[2]).date = { value: '2025-05-13', precision: 'day', basis: 'From the article.' };
        },
        ['dates'],
      ),
    ).toEqual([
      'data/events.json: events[2].date: warning: precision "day" but the basis names no day (a weekday, a date, "the same day"): say how the day was determined',
    ]);
  });
});

describe('tags', () => {
  it('reports a topic the cited text does not support', () => {
    expect(
      broken(
        (d) => {
          one(d.events[2]).topics = ['border-treaty', 'troops'];
        },
        ['tags'],
      ),
    ).toEqual([
      'data/events.json: events[2].topics[1]: topic "troops" is not supported by S1 ¶4: none of its keywords ("troops", "withdraw", "Troops in the valley") is there; drop the topic, cite the paragraph that supports it, or add a topicOverrides entry with a reason',
    ]);
  });

  it('accepts a curator override with a reason, and warns when it is not needed', () => {
    expect(
      broken(
        (d) => {
          one(d.events[2]).topics = ['border-treaty', 'troops'];
          one(d.events[2]).topicOverrides = [
            { topic: 'troops', reason: 'The draft treaty would settle the valley too.' },
          ];
        },
        ['tags'],
      ),
    ).toEqual([]);
    expect(
      broken(
        (d) => {
          one(d.events[3]).topicOverrides = [{ topic: 'troops', reason: 'Kept by the curator on purpose.' }];
        },
        ['tags'],
      ),
    ).toEqual([
      'data/events.json: events[3].topicOverrides[0]: warning: override of "troops" is not needed: the cited text has its keyword "troops"',
    ]);
  });

  it('checks the topics of commitments too', () => {
    expect(
      broken(
        (d) => {
          one(d.commitments[0]).topics = ['troops'];
        },
        ['tags'],
      ),
    ).toEqual([
      expect.stringMatching(
        /^data\/commitments\.json: commitments\[0\]\.topics\[0\]: topic "troops" is not supported by S1 ¶4/,
      ),
    ]);
  });
});

describe('citations', () => {
  it('warns about a cited paragraph that supports nothing the record says', () => {
    expect(
      broken(
        (d) => {
          one(d.events[2]).citations.push({ source: 'kellby-report', paragraph: 7 });
        },
        ['citations'],
      ),
    ).toEqual([
      "data/events.json: events[2].citations[1]: warning: S1 ¶7 is cited but supports none of the record's sentences: drop it, or write what it supports",
    ]);
  });
});

describe('without source text', () => {
  it('runs the date guard and says which guards were skipped', () => {
    const data = cleanDataset();
    one(data.events[2]).date = {
      value: '2025-05-14',
      precision: 'day',
      basis: 'Reported in S1; the day is not given.',
    };
    one(data.events[0]).summary =
      'Ministers of Norland and Estmark met in Kellby on Tuesday to discuss things.';
    const report = checkTruth(data, new Map());
    expect(report.problems.map((p) => p.guard)).toEqual(['dates']);
    expect(report.skipped.map((s) => s.guard)).toEqual([
      'own-words',
      'support',
      'attribution',
      'tags',
      'citations',
    ]);
    expect(report.skipped[0]?.reason).toBe('no text for S1: not compared with any source');
  });

  it('finds a stored text by source id as well as by file name', () => {
    const report = checkTruth(cleanDataset(), new Map([['kellby-report', TEXTS.get('kellby.txt') ?? '']]));
    expect(report.skipped).toEqual([]);
  });
});
