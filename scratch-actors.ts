import { readKeyedFolder, TRAINING_DIRS } from './src/cli/keyed-folders.ts';
import { loadDatasetFromDir } from './src/dataset/read-data-dir.ts';
import { evaluateKeyed } from './src/ingest/corpus.ts';
import { ingestArticle } from './src/ingest/ingest.ts';
const loaded = await loadDatasetFromDir('data');
if (!loaded.ok) throw new Error('data');
const ds = loaded.dataset;
for (const dir of TRAINING_DIRS) {
  for (const a of await readKeyedFolder(dir)) {
    const ev = evaluateKeyed(a.name, a.text, a.key, ds);
    const { draft } = ingestArticle(a.text, { published: a.key.published, dataset: ds });
    for (const m of ev.misses) {
      const x = /^proposed actor "(.*)" \((\w+)\)/.exec(m);
      if (!x) continue;
      const act = draft.records.actors.find((y) => y.name === x[1]);
      const r = act ? draft.review.actors[act.id] : undefined;
      const paras = a.text.split('\n').filter((l) => l.trim());
      const p = r?.paragraphs[0] ?? 1;
      const line = paras[p - 1] ?? '';
      const at = line.indexOf(x[1]);
      console.log(`${dir.split('/').pop()}/${a.name} "${x[1]}" ${x[2]} :: ${r?.basis} :: ¶${p}: …${line.slice(Math.max(0, at - 80), at + 80)}…`);
    }
  }
}
