import { stem } from './text.ts';

/**
 * Word lists the support and attribution guards read. General English, not this dataset's
 * vocabulary: function words that carry no claim, qualifiers that change one, number words,
 * reporting verbs, and a small set of paraphrase equivalences common in news writing.
 */

const words = (s: string) => s.trim().split(/\s+/);

/** Function words: never scored. Negations and qualifiers are not here (they change a claim). */
export const STOPWORDS = new Set(
  words(`
  a an the and or but nor so of to in on at by for with from into onto upon about as than then that this
  these those there here it its it's itself he him his himself she her hers herself they them their theirs
  themselves we us our ours ourselves you your yours i me my mine is are was were be been being am do does
  did doing done have has had having will would shall should can could may might must which who whom whose
  what when where why how if while whether because though although since until unless over under between
  among amid after before during through across against toward towards within without out off up down
  per via such own same other another each both either neither any some many much few several one's
  also just too very rather quite s t
  `),
);

/**
 * Words that change what a claim says (time, frequency, degree, certainty, scope, negation): a
 * summary may use one only when its cited text does ("no plan yet", "the annual conference").
 */
export const QUALIFIERS = new Set(
  words(`
  yet still already again anymore annual annually yearly monthly weekly daily biannual
  first second third last final finally latest previous previously former formerly earlier later
  once twice thrice repeatedly often rarely seldom sometimes usually always never ever soon recently
  only sole solely even merely alone entire entirely whole wholly every all none nobody nothing no not
  secret secretly private privately publicly officially emergency surprise unexpected unexpectedly formally informally unofficially personally jointly unilaterally
  reportedly allegedly apparently supposedly clearly definitely certainly surely likely unlikely probably
  possibly undoubtedly immediately instantly quickly rapidly slowly gradually suddenly abruptly sharply
  dramatically significantly substantially largely mostly partly partially fully completely totally
  barely hardly nearly almost exactly precisely unprecedented historic landmark unanimous unanimously
  permanent permanently temporary temporarily indefinitely
  `),
);

/** Number words as digits; magnitudes stay words but count as numbers. */
export const NUMBER_WORDS = new Map<string, string>([
  ['zero', '0'],
  ['one', '1'],
  ['two', '2'],
  ['three', '3'],
  ['four', '4'],
  ['five', '5'],
  ['six', '6'],
  ['seven', '7'],
  ['eight', '8'],
  ['nine', '9'],
  ['ten', '10'],
  ['eleven', '11'],
  ['twelve', '12'],
  ['thirteen', '13'],
  ['fourteen', '14'],
  ['fifteen', '15'],
  ['sixteen', '16'],
  ['seventeen', '17'],
  ['eighteen', '18'],
  ['nineteen', '19'],
  ['twenty', '20'],
  ['thirty', '30'],
  ['forty', '40'],
  ['fifty', '50'],
  ['sixty', '60'],
  ['seventy', '70'],
  ['eighty', '80'],
  ['ninety', '90'],
  ['hundred', 'hundred'],
  ['thousand', 'thousand'],
  ['million', 'million'],
  ['billion', 'billion'],
  ['trillion', 'trillion'],
  ['half', 'half'],
  ['dozen', 'dozen'],
  ['quarter', 'quarter'],
]);

/** Words before a number that say how exact it is; equivalent within a class. */
export const APPROXIMATORS = new Map<string, string>([
  ['about', 'approx'],
  ['around', 'approx'],
  ['roughly', 'approx'],
  ['approximately', 'approx'],
  ['some', 'approx'],
  ['circa', 'approx'],
  ['nearly', 'under'],
  ['almost', 'under'],
  ['under', 'under'],
  ['over', 'over'],
  ['exceeding', 'over'],
]);

export const MONTHS = new Map<string, number>([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sep', 9],
  ['sept', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * Verbs that report someone's account, and the nouns that classify a speech act ("statement",
 * "pledge", "demand": our event kinds, not claims of the text).
 * In a source sentence, "NAME said …" makes what follows NAME's account; in our own sentence,
 * "NAME says …" attributes it. They carry no content of their own, so support scoring ignores them.
 */
export const REPORTING_VERBS = new Set(
  words(`
  say says said saying tell tells told telling state states stated stating add adds added adding
  note notes noted noting mention mentions mentioned mentioning claim claims claimed claiming
  insist insists insisted insisting stress stresses stressed stressing emphasize emphasizes emphasized
  emphasizing emphasise emphasises emphasised emphasising assert asserts asserted asserting argue
  argues argued arguing explain explains explained explaining recount recounts recounted recounting
  maintain maintains maintained acknowledge acknowledges acknowledged indicate indicates indicated
  indicating assure assures assured assuring report reports reported reporting according
  statement statements remark remarks comment comments pledge pledges demand demands announcement
  `),
);

/**
 * Verbs that, in our own sentence after an actor's name, present what follows as that actor's
 * account or act of speech (broader than REPORTING_VERBS: "Zelensky calls the talks…").
 */
export const ATTRIBUTING_VERBS = new Set([
  ...REPORTING_VERBS,
  ...words(`
  suggest suggests suggested suggesting signal signals signaled signalled signalling describe describes
  described call calls called hail hails hailed welcome welcomes welcomed confirm confirms confirmed
  announce announces announced warn warns warned accuse accuses accused expect expects expected
  predict predicts predicted promise promises promised pledge pledges pledged vow vows vowed
  deny denies denied concede concedes conceded recall recalls recalled write writes wrote
  `),
]);

/** Possessive nouns that attribute: "in Zelensky's account", "Macron's view". */
export const ACCOUNT_NOUNS = new Set(
  words('account accounts view views words version telling reading description claim assessment'),
);

/**
 * Paraphrase equivalences common in diplomatic and conflict reporting; each line is one class.
 * Matching compares stems, so listing one form of a word covers its inflections.
 */
const SYNONYM_CLASSES = `
  war conflict fighting hostilities combat
  talks negotiations negotiate discussions summit meeting meet met conversation
  speech address remarks
  relinquish cede surrender abandon renounce forgo drop concede concession
  help assist assistance aid support backing
  buy purchase acquire procure
  weapons arms weaponry munitions armaments
  urge press push
  criticize rebuke berate scold chide castigate
  ready prepared willing open
  stop halt end
  land territory territorial ground
  agreement deal accord pact settlement
  plan intend intention
  aim goal objective
  tough tougher robust firm hardline
  warm warmer cordial friendly
  tense contentious acrimonious heated fraught
  lasting durable enduring
  country nation state
  phone telephone call
  begin start launch
  invade invasion incursion
  readmit readmission return rejoin reinstate restore
  trust confidence faith
  keep continue remain
  mounting growing increasing rising
  formalize codify finalize
  crucial vital essential important
  coordinate coordination cooperate cooperation
  uncertain unclear doubtful
  overshadow eclipse dominate
  industrialized industrial advanced wealthy
  leverage pressure
`;

const canonical = new Map<string, string>();
for (const line of SYNONYM_CLASSES.trim().split('\n')) {
  const members = words(line).map(stem);
  const head = members[0];
  if (!head) continue;
  for (const m of members) if (!canonical.has(m)) canonical.set(m, head);
}

/** The class a stem belongs to ("relinquish", "cede", "give up" → one key). */
export function synonymKey(stemmed: string): string {
  return canonical.get(stemmed) ?? stemmed;
}

/** Two-word verbs read as one ("give up" → relinquish). */
export const PHRASAL = new Map<string, string>([
  ['give up', 'relinquish'],
  ['gave up', 'relinquish'],
  ['giving up', 'relinquish'],
  ['given up', 'relinquish'],
  ['hand over', 'relinquish'],
  ['set out', 'outline'],
  ['lay out', 'outline'],
  ['laid out', 'outline'],
  ['spell out', 'outline'],
  ['back down', 'concede'],
]);
