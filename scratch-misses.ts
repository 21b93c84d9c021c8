import { readKeyedFolder, TRAINING_DIRS } from './src/cli/keyed-folders.ts';
import { loadDatasetFromDir } from './src/dataset/read-data-dir.ts';
import { evaluateKeyed } from './src/ingest/corpus.ts';
import { ingestArticle } from './src/ingest/ingest.ts';
const loaded = await loadDatasetFromDir('data');
if (!loaded.ok) throw new Error('data');
const ds = loaded.dataset;
const only = process.argv[2];
const kind = process.argv[3] ?? 'speaker';
for (const dir of TRAINING_DIRS) {
  for (const a of await readKeyedFolder(dir)) {
    if (only && only !== 'all' && !a.name.includes(only) && !dir.endsWith(only)) continue;
    const ev = evaluateKeyed(a.name, a.text, a.key, ds);
    const { draft } = ingestArticle(a.text, { published: a.key.published, dataset: ds });
    const paras = a.text.split('\n').filter((l) => l.trim());
    for (const m of ev.misses) {
      if (kind === 'speaker' && !m.startsWith('quote')) continue;
      if (kind === 'date' && !m.startsWith('event')) continue;
      if (kind === 'actor' && !(m.startsWith('proposed') || m.startsWith('person'))) continue;
      console.log(`\n### ${dir.split('/').pop()}/${a.name}: ${m}`);
      const p = Number(/¶(\d+)/.exec(m)?.[1]);
      if (p && kind !== 'actor') {
        if (kind === 'speaker') console.log(`  ¶${p - 1}: ${paras[p - 2]?.slice(0, 300)}`);
        console.log(`  ¶${p}: ${paras[p - 1]?.slice(0, 600)}`);
        if (kind === 'speaker') {
          const q = draft.records.quotes.filter((x) => x.citation.paragraph === p);
          for (const x of q) {
            const r = draft.review.quotes[x.id];
            console.log(`   - “${x.text.slice(0, 40)}” ${x.speaker} ${r?.speakerRule} ${r?.confidence} :: ${r?.candidates.map((c) => `${c.speaker}/${c.rule}/${c.confidence}`).join('; ')} :: ${r?.speakerCue}`);
          }
        }
      }
    }
  }
}
