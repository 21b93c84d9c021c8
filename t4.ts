import { readFileSync } from 'node:fs';
import { loadDatasetFromDir } from './src/dataset/read-data-dir.ts';
import { ingestArticle } from './src/ingest/ingest.ts';
const loaded = await loadDatasetFromDir('data'); if (!loaded.ok) throw 0;
for (const [f, d] of [['000_996a58533b3a84ba.txt','2025-02-14'],['004_4c1e35c44782ae3f.txt','2025-08-18']]) {
const r = ingestArticle(readFileSync('../shared/articles/'+f, 'utf8'), { published: d, dataset: loaded.dataset });
console.log(f, r.draft.records.sources[0]?.furniture, loaded.dataset.sources.find(s=>s.file===f)?.furniture, r.draft.review.paragraphs.filter(p=>p.flags.length).map(p=>p.paragraph+':'+p.flags.join('+')).join(' '));
}
