import { readFileSync } from 'node:fs';
import { loadDatasetFromDir } from './src/dataset/read-data-dir.ts';
import { ingestArticle } from './src/ingest/ingest.ts';
const [file, published, ...paras] = process.argv.slice(2);
const loaded = await loadDatasetFromDir('data');
if (!loaded.ok) throw new Error('data');
const r = ingestArticle(readFileSync(file!, 'utf8'), { published: published!, dataset: loaded.dataset });
const want = new Set(paras.map(Number));
for (const q of r.quotes) {
  if (want.size && !want.has(q.sentence.paragraph)) continue;
  console.log(`¶${q.sentence.paragraph} “${q.quote.text.slice(0, 40)}” → ${q.speaker} ${q.rule} ${q.confidence} | ${q.cue}`);
  for (const c of q.candidates) console.log(`     ${c.party} ${c.rule} ${c.confidence} ${c.evidence}`);
  console.log('     says:', q.sentence.says.map(v => `${v.verb}:${v.subject?.party ?? v.unnamed ?? '-'}:${v.subject?.via ?? ''}`).join(' '), '| mentions:', q.sentence.mentions.map(m=>`${m.text}[${m.kind}${m.actor? '='+m.actor:''}${m.unknown?'~'+m.unknown:''}]`).join(', '));
}
if (process.env.EV) for (const e of r.draft.records.events) console.log(e.id, e.date.value, e.date.precision, e.citations.map(c=>c.paragraph).join(','), r.draft.review.events[e.id]?.datedBy, e.date.basis);
if (process.env.AC) { for (const a of r.draft.records.actors) console.log('NEW', a.name, a.kind, JSON.stringify(a.roles.map(x=>x.title)), r.draft.review.actors[a.id]?.basis); console.log('OTHER', r.draft.review.otherNames.map(n=>n.name+':'+n.kind).join(', ')); }
if (process.env.SE) for (const s of r.doc.sentences) console.log(s.paragraph, '|', s.text.slice(0,100), '|', s.tokens.slice(0,8).map(t=>t.raw+'/'+t.pos).join(' '));
