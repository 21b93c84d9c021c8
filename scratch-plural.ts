import { isPluralNoun } from './src/ingest/nlp.ts';
for (const w of process.argv.slice(2)) console.log(w, isPluralNoun(w));
