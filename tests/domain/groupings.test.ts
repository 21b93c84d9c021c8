/**
 * The groupings buildDataset leaves to their first use (events by actor and topic, quotes by speaker,
 * commitments by event, events naming an event as related): the same maps on every read, with
 * what a direct grouping of the records gives.
 */
import { describe, expect, it } from 'vitest';
import { buildDataset, type Dataset, groupingSteps } from '../../src/domain/model.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { rawDataset } from '../support/fixtures.ts';

function dataset() {
  const raw = rawDataset();
  const files = Object.fromEntries(Object.entries(raw).map(([k, list]) => [`${k}.json`, { [k]: list }]));
  const checked = validateDataset(files);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
  return buildDataset(checked.data);
}

function push(lists: Record<string, string[]>, key: string, id: string): void {
  const list = lists[key];
  if (list) list.push(id);
  else lists[key] = [id];
}

/** What LiveDataset does one turn at a time after a load, here at once. */
function runSteps(d: Dataset): void {
  for (const step of groupingSteps(d)) step();
}

const idsOf = (map: ReadonlyMap<string, readonly { id: string }[]>) =>
  Object.fromEntries([...map].map(([key, items]) => [key, items.map((i) => i.id)]));

describe('groupings made on first use', () => {
  it('list every record under each of its keys, once, in dataset order', () => {
    const d = dataset();
    const byActor: Record<string, string[]> = {};
    const byTopic: Record<string, string[]> = {};
    for (const e of d.events) {
      for (const actor of new Set(e.actors.map((a) => a.actor))) push(byActor, actor, e.id);
      for (const topic of new Set(e.topics)) push(byTopic, topic, e.id);
    }
    expect(idsOf(d.eventsByActor)).toEqual(byActor);
    expect(idsOf(d.eventsByTopic)).toEqual(byTopic);
    const bySpeaker: Record<string, string[]> = {};
    for (const q of d.quotes) push(bySpeaker, q.speaker, q.id);
    expect(idsOf(d.quotesBySpeaker)).toEqual(bySpeaker);
    const byEvent: Record<string, string[]> = {};
    for (const c of d.commitments) push(byEvent, c.event, c.id);
    expect(idsOf(d.commitmentsByEvent)).toEqual(byEvent);
    const related = d.events.flatMap((e) => e.related.map((r) => [r.event, e.id, r.relation]));
    expect(
      [...d.relatedFrom].flatMap(([target, from]) => from.map((f) => [target, f.event, f.relation])),
    ).toEqual(expect.arrayContaining(related));
    expect([...d.relatedFrom.values()].flat()).toHaveLength(related.length);
    expect([...d.eventOrder]).toEqual(d.events.map((e, i) => [e.id, i]));
    expect([...d.eventDay.keys()]).toEqual(d.events.map((e) => e.id));
  });

  it('are made once: every read, before or after the grouping steps ran, gives the same map', () => {
    const d = dataset();
    const read = () => [
      d.eventsByActor,
      d.eventsByTopic,
      d.quotesBySpeaker,
      d.commitmentsByEvent,
      d.relatedFrom,
    ];
    const first = read();
    runSteps(d);
    read().forEach((map, i) => expect(map).toBe(first[i]));
    const prepared = dataset();
    runSteps(prepared);
    expect(prepared.eventsByActor).toBe(prepared.eventsByActor);
    expect(Object.isFrozen(prepared)).toBe(true);
  });
});
