import { readFileSync } from 'node:fs';
import { loadDatasetFromDir } from './src/dataset/read-data-dir.ts';
import { ingestArticle } from './src/ingest/ingest.ts';
const loaded = await loadDatasetFromDir('data'); if (!loaded.ok) throw 0;
const r = ingestArticle(readFileSync(process.argv[2]!, 'utf8'), { published: process.argv[3]!, dataset: loaded.dataset });
for (const s of r.doc.sentences) if (s.paragraph === Number(process.argv[4])) console.log(s.text, '\n', s.says.map(v => `${v.verb}:${v.subject?.party}:${v.subject?.via}:${v.subject?.evidence}`), s.mentions.map(m=>m.text+':'+m.kind));
