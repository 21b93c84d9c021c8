import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
const nlp = winkNLP(model, ['pos']);
const its = nlp.its;
for (const w of process.argv.slice(2)) {
  const d = nlp.readDoc(`the ${w.toLowerCase()} said`);
  const t = d.tokens().itemAt(1);
  console.log(w, t.out(its.pos), t.out(its.lemma), t.out(its.type), (t as any).out(its.stopWordFlag));
}
