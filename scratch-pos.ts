import { analyzeParagraph } from './src/ingest/nlp.ts';
for (const t of process.argv.slice(2)) {
  const a = analyzeParagraph(t);
  console.log(a.tokens.map((x) => `${t.slice(x.start, x.end)}/${x.pos}`).join(' '));
}
