import { isCountryAdjective } from './roles.ts';

/**
 * Word lists the ingest rules use. General English news vocabulary only: nothing here names a
 * person, place or sentence of a particular article.
 */

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Verbs that report speech. The subject of the nearest one is a quote's speaker. */
export const SAY_VERBS = words(`
  said says say told tells stated states added adds asked asks noted notes remarked explained replied
  responded wrote writes tweeted posted declared insisted insists warned warns argued argues emphasized
  emphasised stressed mentioned confirmed acknowledged admitted recalled indicated assured continued
  accused welcomed lectured described claimed suggested urged demanded pledged promised vowed announced
  proposed threatened reiterated conceded cautioned predicted complained joked quipped
  fumed raged blasted slammed boasted snapped retorted countered observed commented maintained
  contended asserted alleged lamented protested reminded exclaimed underlined specified repeated
  called calls hailed branded dubbed labelled labeled termed sneered scoffed mocked hinted signalled
  signaled expressed thanked praised condemned denounced criticised criticized recounted shrugged
`);

/** Participles that take the subject of the sentence's main say-verb: "…, adding that …". */
export const SAY_PARTICIPLES = words(`
  adding saying noting referencing referring suggesting warning insisting arguing explaining stressing
  emphasizing emphasising urging calling describing telling asking writing posting declaring stating
  claiming vowing pledging promising admitting acknowledging recalling replying responding conceding
  cautioning predicting complaining
`);

/** Say-verbs that state a position and so make an event of their own (a demand, a pledge…). */
export const POSITION_VERBS: ReadonlyMap<string, 'demand' | 'pledge' | 'announcement' | 'statement'> =
  new Map([
    ['urged', 'demand'],
    ['demanded', 'demand'],
    ['pressed', 'demand'],
    ['pledged', 'pledge'],
    ['promised', 'pledge'],
    ['vowed', 'pledge'],
    ['assured', 'pledge'],
    ['announced', 'announcement'],
    ['proposed', 'statement'],
    ['threatened', 'statement'],
  ]);

/** Auxiliaries and adverbs that may sit between a subject and its say-verb. */
export const VERB_FILLERS = words(`
  also then later has had have once again previously reportedly repeatedly earlier further simply
  publicly privately quickly later later separately had first initially would
`);

export const PASSIVE_AUX = words('was were been being is are be');

export const PREPOSITIONS = words(`
  with to by from of for on at in against about into onto over under between among toward towards
  than via like including after before behind beside besides without within upon
`);

/** Prepositions before a capitalised name that mark it as a place: "in Munich", "at the White House". */
export const PLACE_PREPOSITIONS = words('in at near outside inside from');

export const PRONOUNS_HE = words('he him his himself');
export const PRONOUNS_SHE = words('she her hers herself');

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Titles and offices that precede or replace a name: never a name of their own. */
export const TITLE_WORDS = words(`
  president vice prime minister secretary chancellor foreign defense defence deputy envoy special
  senator sen rep representative governor gov general gen admiral king queen prince princess pope mr
  mrs ms dr chief ambassador spokesman spokeswoman spokesperson speaker leader commander mayor premier
  director chairman chair chairwoman head state affairs interior finance treasury former acting first
  lady sir lord dame official officials officer adviser advisor aide pm premier representative envoy
  pope cardinal sheikh emir treasurer presidential fm commissioner attorney crown sultan ayatollah
  colonel lieutenant captain marshal bishop archbishop sayyid chairperson commodore brigadier sergeant
  corporal superintendent inspector rear cmdr cdr capt col lt sgt adm brig councillor councilor
  counsellor counselor
`);

/** Honorifics: a title that says the name after it is a person's. */
export const HONORIFICS = words('mr mrs ms miss dr sir dame lord lady pope sheikh emir cardinal prof sayyid');

/** Capitalised words that start sentences and are not names. */
export const SENTENCE_WORDS = words(`
  the a an that this these those it its he she they we i you and but or so yet however earlier later
  still some if when while as after before in on at for with by from meanwhile also both neither each
  every many most several there here what who why how where which whose not no yes then now today
  tonight yesterday tomorrow his her their our my your one two three four five six seven eight nine ten
  all any such other another despite although though because since until unless according asked
  instead indeed moreover nevertheless nonetheless overall separately speaking following
`);

/** Words that mark an unknown capitalised name as an organisation. */
export const ORG_WORDS = words(`
  conference council union journal organization organisation ministry party bank fund agency committee
  court parliament congress senate times post news institute university forum group commission
  department company corporation alliance assembly coalition federation network press service
  services association foundation board authority guard army navy force forces front movement
  command summit
`);

/** Words that make a capitalised name an event rather than an actor. */
export const EVENT_NAME_WORDS = words('conference summit forum congress games olympics talks');

/** Nationality adjectives that the suffix rule misses. */
export const DEMONYMS = words(`
  french dutch greek swiss thai german israeli arab arabic british irish polish danish swedish finnish
  turkish spanish english scottish welsh czech slovak iraqi kuwaiti saudi yemeni pakistani afghan
  american russian ukrainian european chinese japanese asian african latin nordic baltic balkan western
  eastern soviet korean palestinian lebanese syrian iraqi emirati qatari kazakh uzbek moldovan belarusian
  hungarian slovenian croatian serbian bosnian albanian bulgarian romanian austrian belgian portuguese
  mexican brazilian argentine colombian venezuelan cuban canadian australian indonesian vietnamese
  filipino malaysian cambodian thai indian pakistani bangladeshi nigerian kenyan ethiopian egyptian
  libyan tunisian algerian moroccan sudanese somali georgian armenian azerbaijani kyrgyz turkmen mongolian
`);

/** A nationality adjective. No suffix guessing: "-ian" also ends surnames (Pezeshkian). */
export function isDemonym(lower: string): boolean {
  return DEMONYMS.has(lower) || isCountryAdjective(lower);
}

export type TriggerFamily =
  | 'meeting'
  | 'one-on-one'
  | 'call'
  | 'speech'
  | 'interview'
  | 'summit'
  | 'statement'
  | 'war';
export type TriggerKind =
  | 'meeting'
  | 'call'
  | 'speech'
  | 'interview'
  | 'summit'
  | 'statement'
  | 'military-action';

/** Words that name an event, by word form: nouns and verbs. */
export const TRIGGERS: ReadonlyMap<
  string,
  { family: TriggerFamily; kind: TriggerKind; pos: 'noun' | 'verb' }
> = new Map([
  ['met', { family: 'meeting', kind: 'meeting', pos: 'verb' }],
  ['meet', { family: 'meeting', kind: 'meeting', pos: 'verb' }],
  ['meets', { family: 'meeting', kind: 'meeting', pos: 'verb' }],
  ['meeting', { family: 'meeting', kind: 'meeting', pos: 'noun' }],
  ['meetings', { family: 'meeting', kind: 'meeting', pos: 'noun' }],
  ['talks', { family: 'meeting', kind: 'meeting', pos: 'noun' }],
  ['discussions', { family: 'meeting', kind: 'meeting', pos: 'noun' }],
  ['hosted', { family: 'meeting', kind: 'meeting', pos: 'verb' }],
  ['summit', { family: 'meeting', kind: 'summit', pos: 'noun' }],
  ['one-on-one', { family: 'one-on-one', kind: 'meeting', pos: 'noun' }],
  ['call', { family: 'call', kind: 'call', pos: 'noun' }],
  ['phoned', { family: 'call', kind: 'call', pos: 'verb' }],
  ['speech', { family: 'speech', kind: 'speech', pos: 'noun' }],
  ['address', { family: 'speech', kind: 'speech', pos: 'noun' }],
  ['addressed', { family: 'speech', kind: 'speech', pos: 'verb' }],
  ['interview', { family: 'interview', kind: 'interview', pos: 'noun' }],
  ['interviewed', { family: 'interview', kind: 'interview', pos: 'verb' }],
  ['statement', { family: 'statement', kind: 'statement', pos: 'noun' }],
  ['conference', { family: 'summit', kind: 'summit', pos: 'noun' }],
  ['invasion', { family: 'war', kind: 'military-action', pos: 'noun' }],
  ['invaded', { family: 'war', kind: 'military-action', pos: 'verb' }],
  ['war', { family: 'war', kind: 'military-action', pos: 'noun' }],
  ['conflict', { family: 'war', kind: 'military-action', pos: 'noun' }],
  ['occupation', { family: 'war', kind: 'military-action', pos: 'noun' }],
  ['annexation', { family: 'war', kind: 'military-action', pos: 'noun' }],
]);

/** Words before a trigger that make it hypothetical, planned or negated: no event happened. */
export const HYPOTHETICAL_CUES = words(`
  will would could might may shall should can plans plan planned planning ready open prepared
  proposed possible potential future next not never no any upcoming expected hopes hope wants want
  seeking seek
`);

/** Prepositions that relate a sentence to an event in time rather than report it. */
export const TEMPORAL_CUES: ReadonlyMap<string, 'before' | 'after'> = new Map([
  ['before', 'before'],
  ['ahead', 'before'],
  ['prior', 'before'],
  ['after', 'after'],
  ['following', 'after'],
  ['since', 'after'],
]);

export const DETERMINERS = words('the this that these those their his her its our my your');
export const INDEFINITE = words('a an another one');

export const PART_OF_DAY = new Map<string, 'morning' | 'afternoon' | 'evening' | 'night'>([
  ['morning', 'morning'],
  ['afternoon', 'afternoon'],
  ['evening', 'evening'],
  ['night', 'night'],
  ['tonight', 'night'],
]);

export const NUMBER_WORDS = new Map<string, number>([
  ['a', 1],
  ['an', 1],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['fifteen', 15],
  ['twenty', 20],
  ['thirty', 30],
  ['several', 3],
  ['a few', 3],
  ['a couple of', 2],
  ['a dozen', 12],
]);
