import { normalizeName } from '../domain/text.ts';

/**
 * Roles and titles: "the US president", "Turkey's foreign minister", "Kremlin spokesman", "the
 * Conservative leader". A role phrase is read as an office (president, foreign minister…) and an
 * affiliation (a country or an organisation), so the same role written differently still matches:
 * "Turkish Foreign Minister" = "Turkey's foreign minister", "the top U.S. diplomat" = "US Secretary
 * of State". General news vocabulary only.
 */

export type Office =
  | 'head-of-state'
  | 'head-of-government'
  | 'leader'
  | 'vice-president'
  | 'foreign-minister'
  | 'defence-minister'
  | 'finance-minister'
  | 'trade-minister'
  | 'minister'
  | 'spokesperson'
  | 'aide'
  | 'envoy'
  | 'security-adviser'
  | 'secretary-general'
  | 'chief-of-staff'
  | 'ambassador'
  | 'mayor'
  | 'monarch'
  | 'pope'
  | 'commission-president';

export interface RoleSense {
  office: Office;
  /** Lower-case key of the country or organisation ("united states", "russia", "nato"). */
  affiliation?: string;
  /** The words as printed. */
  text: string;
  /** "president-elect", "former prime minister": not the office's holder today. */
  qualifier?: 'elect' | 'former';
  /**
   * Other words that narrow the role and are no country or organisation we know: "the
   * Conservative leader", "the bloc's top diplomat", "Brazil's environment minister". A holder
   * whose own title lacks them is not known to fit.
   */
  modifiers?: string[];
}

/** Countries with the names, short forms and adjectives news text uses for them. */
const COUNTRIES: [string, string[]][] = [
  [
    'united states',
    [
      'us',
      'u s',
      'usa',
      'america',
      'american',
      'washington',
      'white house',
      'united states',
      'state department',
      'pentagon',
    ],
  ],
  ['russia', ['russia', 'russian', 'kremlin', 'moscow', 'russian federation']],
  ['ukraine', ['ukraine', 'ukrainian', 'kyiv', 'kiev']],
  ['united kingdom', ['uk', 'u k', 'britain', 'british', 'united kingdom', 'downing street', 'london']],
  ['france', ['france', 'french', 'elysee', 'paris']],
  ['germany', ['germany', 'german', 'berlin']],
  ['china', ['china', 'chinese', 'beijing']],
  ['turkey', ['turkey', 'turkish', 'turkiye', 'ankara']],
  ['italy', ['italy', 'italian', 'rome']],
  ['poland', ['poland', 'polish', 'warsaw']],
  ['spain', ['spain', 'spanish', 'madrid']],
  ['india', ['india', 'indian', 'delhi', 'new delhi']],
  ['pakistan', ['pakistan', 'pakistani', 'islamabad']],
  ['israel', ['israel', 'israeli', 'jerusalem']],
  ['iran', ['iran', 'iranian', 'tehran']],
  ['japan', ['japan', 'japanese', 'tokyo']],
  ['canada', ['canada', 'canadian', 'ottawa']],
  ['saudi arabia', ['saudi', 'saudi arabia', 'riyadh']],
  ['armenia', ['armenia', 'armenian', 'yerevan']],
  ['azerbaijan', ['azerbaijan', 'azerbaijani', 'baku']],
  ['thailand', ['thailand', 'thai', 'bangkok']],
  ['cambodia', ['cambodia', 'cambodian', 'phnom penh']],
  ['malaysia', ['malaysia', 'malaysian', 'kuala lumpur']],
  ['belarus', ['belarus', 'belarusian', 'minsk']],
  ['hungary', ['hungary', 'hungarian', 'budapest']],
  ['finland', ['finland', 'finnish', 'helsinki']],
  ['sweden', ['sweden', 'swedish', 'stockholm']],
  ['norway', ['norway', 'norwegian', 'oslo']],
  ['denmark', ['denmark', 'danish', 'copenhagen']],
  ['netherlands', ['netherlands', 'dutch', 'the hague']],
  ['switzerland', ['switzerland', 'swiss', 'bern']],
  ['qatar', ['qatar', 'qatari', 'doha']],
  ['egypt', ['egypt', 'egyptian', 'cairo']],
  ['brazil', ['brazil', 'brazilian', 'brasilia']],
  ['south africa', ['south africa', 'south african', 'pretoria']],
  ['south korea', ['south korea', 'south korean', 'seoul']],
  ['north korea', ['north korea', 'north korean', 'pyongyang']],
  ['mexico', ['mexico', 'mexican']],
  ['australia', ['australia', 'australian', 'canberra']],
  ['greece', ['greece', 'greek', 'athens']],
  ['romania', ['romania', 'romanian', 'bucharest']],
  ['estonia', ['estonia', 'estonian', 'tallinn']],
  ['latvia', ['latvia', 'latvian', 'riga']],
  ['lithuania', ['lithuania', 'lithuanian', 'vilnius']],
  ['georgia', ['georgia', 'georgian', 'tbilisi']],
  ['syria', ['syria', 'syrian', 'damascus']],
  ['lebanon', ['lebanon', 'lebanese', 'beirut']],
  ['iraq', ['iraq', 'iraqi', 'baghdad']],
  ['afghanistan', ['afghanistan', 'afghan', 'kabul']],
  ['vatican', ['vatican', 'holy see']],
  ['albania', ['albania', 'albanian', 'tirana']],
  ['algeria', ['algeria', 'algerian', 'algiers']],
  ['angola', ['angola', 'angolan', 'luanda']],
  ['argentina', ['argentina', 'argentine', 'argentinian', 'buenos aires']],
  ['austria', ['austria', 'austrian', 'vienna']],
  ['bangladesh', ['bangladesh', 'bangladeshi', 'dhaka']],
  ['belgium', ['belgium', 'belgian']],
  ['bolivia', ['bolivia', 'bolivian']],
  ['bosnia and herzegovina', ['bosnia', 'bosnian', 'sarajevo', 'bosnia and herzegovina']],
  ['bulgaria', ['bulgaria', 'bulgarian', 'sofia']],
  ['chile', ['chile', 'chilean', 'santiago']],
  ['colombia', ['colombia', 'colombian', 'bogota']],
  ['croatia', ['croatia', 'croatian', 'zagreb']],
  ['cuba', ['cuba', 'cuban', 'havana']],
  ['cyprus', ['cyprus', 'cypriot', 'nicosia']],
  ['czech republic', ['czech republic', 'czechia', 'czech', 'prague']],
  [
    'democratic republic of the congo',
    ['democratic republic of the congo', 'drc', 'congolese', 'kinshasa', 'congo'],
  ],
  ['ecuador', ['ecuador', 'ecuadorian', 'quito']],
  ['ethiopia', ['ethiopia', 'ethiopian', 'addis ababa']],
  ['ghana', ['ghana', 'ghanaian', 'accra']],
  ['indonesia', ['indonesia', 'indonesian', 'jakarta']],
  ['ireland', ['ireland', 'irish', 'dublin']],
  ['jordan', ['jordan', 'jordanian', 'amman']],
  ['kazakhstan', ['kazakhstan', 'kazakh', 'astana']],
  ['kenya', ['kenya', 'kenyan', 'nairobi']],
  ['kosovo', ['kosovo', 'pristina']],
  ['kuwait', ['kuwait', 'kuwaiti']],
  ['kyrgyzstan', ['kyrgyzstan', 'kyrgyz', 'bishkek']],
  ['libya', ['libya', 'libyan', 'tripoli']],
  ['luxembourg', ['luxembourg']],
  ['moldova', ['moldova', 'moldovan', 'chisinau']],
  ['mongolia', ['mongolia', 'mongolian', 'ulaanbaatar']],
  ['montenegro', ['montenegro', 'montenegrin', 'podgorica']],
  ['morocco', ['morocco', 'moroccan', 'rabat']],
  ['myanmar', ['myanmar', 'burma', 'burmese']],
  ['new zealand', ['new zealand', 'wellington']],
  ['nigeria', ['nigeria', 'nigerian', 'abuja']],
  ['north macedonia', ['north macedonia', 'macedonian', 'skopje']],
  ['oman', ['oman', 'omani', 'muscat']],
  ['palestine', ['palestine', 'palestinian', 'ramallah']],
  ['panama', ['panama', 'panamanian']],
  ['peru', ['peru', 'peruvian', 'lima']],
  ['philippines', ['philippines', 'philippine', 'filipino', 'manila']],
  ['portugal', ['portugal', 'portuguese', 'lisbon']],
  ['rwanda', ['rwanda', 'rwandan', 'kigali']],
  ['serbia', ['serbia', 'serbian', 'belgrade']],
  ['singapore', ['singapore', 'singaporean']],
  ['slovakia', ['slovakia', 'slovak', 'bratislava']],
  ['slovenia', ['slovenia', 'slovenian', 'ljubljana']],
  ['somalia', ['somalia', 'somali', 'mogadishu']],
  ['sudan', ['sudan', 'sudanese', 'khartoum']],
  ['south sudan', ['south sudan', 'juba']],
  ['sri lanka', ['sri lanka', 'sri lankan', 'colombo']],
  ['taiwan', ['taiwan', 'taiwanese', 'taipei']],
  ['tajikistan', ['tajikistan', 'tajik', 'dushanbe']],
  ['tunisia', ['tunisia', 'tunisian', 'tunis']],
  ['turkmenistan', ['turkmenistan', 'turkmen', 'ashgabat']],
  ['uganda', ['uganda', 'ugandan', 'kampala']],
  ['united arab emirates', ['united arab emirates', 'uae', 'emirati', 'abu dhabi']],
  ['uruguay', ['uruguay', 'uruguayan', 'montevideo']],
  ['uzbekistan', ['uzbekistan', 'uzbek', 'tashkent']],
  ['venezuela', ['venezuela', 'venezuelan', 'caracas']],
  ['vietnam', ['vietnam', 'viet nam', 'vietnamese', 'hanoi']],
  ['timor-leste', ['timor-leste', 'timor leste', 'east timor', 'timorese', 'dili']],
  ['tonga', ['tonga', 'tongan']],
  ['djibouti', ['djibouti', 'djiboutian']],
  ['mauritania', ['mauritania', 'mauritanian', 'nouakchott']],
  ['senegal', ['senegal', 'senegalese', 'dakar']],
  ['mali', ['mali', 'malian', 'bamako']],
  ['niger', ['niger', 'nigerien', 'niamey']],
  ['chad', ['chad', 'chadian', "n'djamena"]],
  ['eritrea', ['eritrea', 'eritrean', 'asmara']],
  ['tanzania', ['tanzania', 'tanzanian', 'dodoma']],
  ['mozambique', ['mozambique', 'mozambican', 'maputo']],
  ['zambia', ['zambia', 'zambian', 'lusaka']],
  ['namibia', ['namibia', 'namibian', 'windhoek']],
  ['botswana', ['botswana', 'gaborone']],
  ['cameroon', ['cameroon', 'cameroonian', 'yaounde']],
  ['ivory coast', ['ivory coast', "cote d'ivoire", 'ivorian', 'abidjan']],
  ['burundi', ['burundi', 'burundian', 'gitega']],
  ['laos', ['laos', 'lao', 'laotian', 'vientiane']],
  ['nepal', ['nepal', 'nepalese', 'kathmandu']],
  ['paraguay', ['paraguay', 'paraguayan', 'asuncion']],
  ['guatemala', ['guatemala', 'guatemalan']],
  ['honduras', ['honduras', 'honduran', 'tegucigalpa']],
  ['nicaragua', ['nicaragua', 'nicaraguan', 'managua']],
  ['el salvador', ['el salvador', 'salvadoran', 'san salvador']],
  ['costa rica', ['costa rica', 'costa rican', 'san jose']],
  ['dominican republic', ['dominican republic', 'santo domingo']],
  ['haiti', ['haiti', 'haitian', 'port-au-prince']],
  ['jamaica', ['jamaica', 'jamaican', 'kingston']],
  ['malta', ['malta', 'maltese', 'valletta']],
  ['yemen', ['yemen', 'yemeni', 'sanaa']],
  ['zimbabwe', ['zimbabwe', 'zimbabwean', 'harare']],
  ['iceland', ['iceland', 'icelandic', 'reykjavik']],
  ['bahrain', ['bahrain', 'bahraini', 'manama']],
  ['samoa', ['samoa', 'samoan']],
  ['fiji', ['fiji', 'fijian', 'suva']],
];

/** Organisations whose name doubles as an affiliation. */
const ORGANISATIONS: [string, string[]][] = [
  ['nato', ['nato', 'alliance', 'north atlantic treaty organization']],
  ['european union', ['eu', 'e u', 'european union', 'brussels']],
  ['european commission', ['commission', 'european commission']],
  ['european council', ['european council']],
  ['united nations', ['un', 'u n', 'united nations']],
  ['g7', ['g7', 'g 7', 'group of seven']],
];

const AFFILIATION = new Map<string, string>();
for (const [key, forms] of [...COUNTRIES, ...ORGANISATIONS]) for (const f of forms) AFFILIATION.set(f, key);

/** Names of countries themselves (not adjectives, capitals or seats of government): kind "state". */
const SHORT_NAMES: Record<string, string> = {
  us: 'united states',
  usa: 'united states',
  america: 'united states',
  uk: 'united kingdom',
  britain: 'united kingdom',
  'great britain': 'united kingdom',
  turkiye: 'turkey',
  holland: 'netherlands',
  'russian federation': 'russia',
  'republic of korea': 'south korea',
  rok: 'south korea',
  dprk: 'north korea',
  'democratic peoples republic of korea': 'north korea',
  'peoples republic of china': 'china',
  prc: 'china',
  'islamic republic of iran': 'iran',
  'united states of america': 'united states',
  'kingdom of saudi arabia': 'saudi arabia',
  uae: 'united arab emirates',
  drc: 'democratic republic of the congo',
  'dr congo': 'democratic republic of the congo',
  czechia: 'czech republic',
  burma: 'myanmar',
  'east timor': 'timor-leste',
  'timor leste': 'timor-leste',
  'cote divoire': 'ivory coast',
  'viet nam': 'vietnam',
  'holy see': 'vatican',
  bosnia: 'bosnia and herzegovina',
  'bosnia herzegovina': 'bosnia and herzegovina',
  'republic of ireland': 'ireland',
  'state of palestine': 'palestine',
  'state of israel': 'israel',
  'republic of turkiye': 'turkey',
};
const COUNTRY_KEYS = new Set(COUNTRIES.map(([k]) => k));

/** The country a name denotes ("Britain" → "united kingdom"); capitals and adjectives excluded. */
export function countryOf(name: string): string | undefined {
  const n = normalizeName(name);
  if (COUNTRY_KEYS.has(n)) return n;
  return SHORT_NAMES[n];
}

/** How a country is written as an actor's name: "United Kingdom", "Timor-Leste". */
export function countryName(key: string): string {
  return key.replace(/(^|[\s-])(\p{L}+)/gu, (_, sep: string, w: string) =>
    sep && /^(?:of|the|and)$/u.test(w) ? `${sep}${w}` : `${sep}${w.charAt(0).toUpperCase()}${w.slice(1)}`,
  );
}

/** Continents and regions: places, never actors ("Africa", "the Middle East", "EUROPE" in a tabloid). */
const REGIONS = new Set(
  [
    'africa',
    'europe',
    'asia',
    'america',
    'latin america',
    'south america',
    'north america',
    'central america',
    'middle east',
    'near east',
    'far east',
    'gulf',
    'persian gulf',
    'balkans',
    'caucasus',
    'south caucasus',
    'central asia',
    'southeast asia',
    'south asia',
    'east asia',
    'arctic',
    'antarctica',
    'pacific',
    'atlantic',
    'indo-pacific',
    'sahel',
    'horn of africa',
    'west africa',
    'east africa',
    'north africa',
    'scandinavia',
    'eurasia',
    'caribbean',
    'mediterranean',
    'black sea',
    'baltic',
    'baltics',
    'donbas',
    'great lakes',
    'darfur',
  ].filter((r) => r !== 'america'),
);

export function isRegion(name: string): boolean {
  return REGIONS.has(normalizeName(name));
}

/** "Turkish", "Ukrainian": the adjective of a country in the list. */
export function isCountryAdjective(lower: string): boolean {
  const key = AFFILIATION.get(lower);
  return (
    key !== undefined && COUNTRY_KEYS.has(key) && !countryOf(lower) && /(?:an|ish|ese|i|ch|ic)$/.test(lower)
  );
}

/** How the text's institutions of a country are named: "Chinese", "French"; "US" for the United States. */
const DEMONYM_OVERRIDES: Record<string, string> = { 'united states': 'US', 'united kingdom': 'British' };
export function demonymOf(country: string): string | undefined {
  const override = DEMONYM_OVERRIDES[country];
  if (override) return override;
  const forms = COUNTRIES.find(([k]) => k === country)?.[1] ?? [];
  const adjective = forms.find((f) => !f.includes(' ') && isCountryAdjective(f));
  return adjective ? adjective.charAt(0).toUpperCase() + adjective.slice(1) : undefined;
}

export function affiliationOf(words: string): string | undefined {
  return AFFILIATION.get(normalizeName(words));
}

/** Head nouns of roles, longest first, with the office they denote. Matched on folded words. */
const OFFICES: [string, Office][] = [
  ['secretary of state', 'foreign-minister'],
  ['foreign secretary', 'foreign-minister'],
  ['foreign minister', 'foreign-minister'],
  ['minister of foreign affairs', 'foreign-minister'],
  ['top diplomat', 'foreign-minister'],
  ['fm', 'foreign-minister'],
  ['foreign ministry spokeswoman', 'spokesperson'],
  ['foreign ministry spokesman', 'spokesperson'],
  ['defence minister', 'defence-minister'],
  ['defense minister', 'defence-minister'],
  ['defence secretary', 'defence-minister'],
  ['defense secretary', 'defence-minister'],
  ['secretary of defense', 'defence-minister'],
  ['finance minister', 'finance-minister'],
  ['treasury secretary', 'finance-minister'],
  ['chancellor of the exchequer', 'finance-minister'],
  ['trade representative', 'trade-minister'],
  ['trade minister', 'trade-minister'],
  ['commerce minister', 'trade-minister'],
  ['trade chief', 'trade-minister'],
  ['national security adviser', 'security-adviser'],
  ['national security advisor', 'security-adviser'],
  ['secretary general', 'secretary-general'],
  ['secretary-general', 'secretary-general'],
  ['chief of staff', 'chief-of-staff'],
  ['vice president', 'vice-president'],
  ['vice-president', 'vice-president'],
  ['prime minister', 'head-of-government'],
  ['premier', 'head-of-government'],
  ['pm', 'head-of-government'],
  ['chancellor', 'head-of-government'],
  ['taoiseach', 'head-of-government'],
  ['head of state', 'head-of-state'],
  ['president', 'head-of-state'],
  ['leader', 'leader'],
  ['chief', 'leader'],
  ['spokesman', 'spokesperson'],
  ['spokeswoman', 'spokesperson'],
  ['spokesperson', 'spokesperson'],
  ['press secretary', 'spokesperson'],
  ['aide', 'aide'],
  ['adviser', 'aide'],
  ['advisor', 'aide'],
  ['envoy', 'envoy'],
  ['negotiator', 'envoy'],
  ['ambassador', 'ambassador'],
  ['minister', 'minister'],
  ['secretary', 'minister'],
  ['head of the delegation', 'envoy'],
  ['delegation head', 'envoy'],
  ['head', 'leader'],
  ['mayor', 'mayor'],
  ['king', 'monarch'],
  ['queen', 'monarch'],
  ['pope', 'pope'],
];

const OFFICE_WORDS = OFFICES.map(([w, o]) => [w.split(' '), o] as const).sort(
  (a, b) => b[0].length - a[0].length,
);

/** Words that may sit inside a role phrase without changing it. */
const ROLE_FILLER = new Set(
  'the a an its his her their of to for and acting former deputy first top senior special chief foreign policy presidential state affairs general'.split(
    ' ',
  ),
);

/**
 * Words a label naming a speaker may hold besides the name: office words, their fillers, affiliations
 * ("US PRESIDENT JOE BIDEN", "Kaja Kallas, EU foreign policy chief") and the offices that speak as
 * institutions ("Ukraine's foreign ministry").
 */
const LABEL_WORDS = new Set([
  ...OFFICE_WORDS.flatMap(([ws]) => ws),
  ...ROLE_FILLER,
  ...[...AFFILIATION.keys()].flatMap((k) => k.split(' ')),
  ...'ministry government office presidency embassy mission delegation cabinet department administration commission council spokesperson parliament kremlin s'.split(
    ' ',
  ),
]);

/** Whether a (normalized) word may stand beside a name in a label naming who speaks. */
export function isLabelWord(word: string): boolean {
  return LABEL_WORDS.has(word);
}

function findOffice(
  words: string[],
): { office: Office; at: number; len: number; words: string[] } | undefined {
  for (let i = 0; i < words.length; i++)
    for (const [w, o] of OFFICE_WORDS)
      if (w.every((x, k) => words[i + k] === x)) return { office: o, at: i, len: w.length, words };
  return undefined;
}

/**
 * Reads a role phrase ("Turkey's foreign minister", "the US president", "Kremlin spokesman",
 * "President of the United States") into an office and an affiliation. Undefined when no office
 * word is in it.
 */
export function parseRole(text: string): RoleSense | undefined {
  const all = normalizeName(text.replace(/['’]s\b/g, ''))
    .split(' ')
    .filter(Boolean);
  // "the top U.S. diplomat": the office words may have an affiliation between them.
  const found = findOffice(all) ?? findOffice(all.filter((w) => !AFFILIATION.has(w)));
  if (!found) return undefined;
  let { office } = found;
  const { at, len, words } = found;
  // "president of the European Commission": an office of an organisation, not a country.
  const rest = [
    ...words.slice(0, at),
    ...words.slice(at + len),
    ...all.filter((w) => !words.includes(w)),
  ].filter((w) => !ROLE_FILLER.has(w));
  let affiliation: string | undefined;
  let used: string[] = [];
  for (let size = 3; size >= 1 && !affiliation; size--) {
    for (let i = 0; i + size <= rest.length; i++) {
      const a = AFFILIATION.get(rest.slice(i, i + size).join(' '));
      if (a) {
        affiliation = a;
        used = rest.slice(i, i + size);
        break;
      }
    }
  }
  if ((office === 'head-of-state' || office === 'leader') && affiliation === 'european commission')
    office = 'commission-president';
  if (office === 'leader' && affiliation === 'nato') office = 'secretary-general';
  const modifiers = rest.filter(
    (w) => !used.includes(w) && !QUALIFIER_WORDS.has(w) && !AFFILIATION.has(w) && /^\p{L}{3,}$/u.test(w),
  );
  const qualifier = /[-\s]elect\b|\bdesignate\b/iu.test(text)
    ? 'elect'
    : /\b(?:former|ex|outgoing|late|then)\b/iu.test(text)
      ? 'former'
      : undefined;
  return {
    office,
    ...(affiliation ? { affiliation } : {}),
    ...(qualifier ? { qualifier } : {}),
    ...(modifiers.length > 0 ? { modifiers } : {}),
    text,
  };
}

/** Words that say when a role was held, not which role: handled as the qualifier. */
const QUALIFIER_WORDS = new Set([
  'elect',
  'designate',
  'former',
  'outgoing',
  'late',
  'then',
  'interim',
  'incoming',
]);

/** The role's narrowing words all appear in the holder's title ("Conservative Leader X" for "the Conservative leader"). */
export function modifiersFit(asked: RoleSense, held: RoleSense): boolean {
  if (!asked.modifiers) return true;
  const words = new Set(normalizeName(held.text.replace(/['’]s\b/g, '')).split(' '));
  return asked.modifiers.every((w) => words.has(w));
}

/** Offices that name the same post: "leader" is a president or a prime minister. */
function officeMatches(asked: Office, held: Office): boolean {
  if (asked === held) return true;
  if (asked === 'leader' || held === 'leader')
    return [
      'head-of-state',
      'head-of-government',
      'leader',
      'secretary-general',
      'commission-president',
    ].includes(asked === 'leader' ? held : asked);
  if (asked === 'aide' && (held === 'security-adviser' || held === 'spokesperson')) return false;
  if (asked === 'minister') return held.endsWith('-minister') || held === 'minister';
  return false;
}

/**
 * How well a role held matches a role asked about: 2 when office and affiliation agree, 1 when the
 * office agrees and one side names no affiliation, 0 otherwise.
 */
export function roleMatch(asked: RoleSense, held: RoleSense): number {
  if (!officeMatches(asked.office, held.office)) return 0;
  if (asked.qualifier !== held.qualifier) return 0;
  if (asked.affiliation && held.affiliation) return asked.affiliation === held.affiliation ? 2 : 0;
  return 1;
}

/** Words that head a role phrase used in place of a name ("the chancellor said"). */
export function isOfficeWord(word: string): boolean {
  const w = normalizeName(word);
  return OFFICE_WORDS.some(([ws]) => ws[ws.length - 1] === w);
}

/** Seats of government that speak for an office ("Downing Street said"), under the name a curator would file. */
const SEATS: { name: RegExp; canonical: string; country: string; offices: string[] }[] = [
  {
    name: /^(?:the )?white house$/u,
    canonical: 'White House',
    country: 'united states',
    offices: ['head-of-state'],
  },
  {
    name: /^(?:downing street|number 10|no 10|number ten|10 downing street)$/u,
    canonical: 'Downing Street',
    country: 'united kingdom',
    offices: ['head-of-government'],
  },
  {
    name: /^(?:the )?elysee(?: palace)?$/u,
    canonical: 'Élysée Palace',
    country: 'france',
    offices: ['head-of-state'],
  },
  {
    name: /^(?:the )?kremlin$/u,
    canonical: 'Kremlin',
    country: 'russia',
    offices: ['head-of-state', 'spokesperson'],
  },
  {
    name: /^(?:the )?(?:us |u s )?state department$/u,
    canonical: 'State Department',
    country: 'united states',
    offices: ['foreign-minister'],
  },
  {
    name: /^(?:the )?pentagon$/u,
    canonical: 'Pentagon',
    country: 'united states',
    offices: ['defence-minister'],
  },
  {
    name: /^(?:the )?(?:british )?foreign office$/u,
    canonical: 'Foreign Office',
    country: 'united kingdom',
    offices: ['foreign-minister'],
  },
  {
    name: /^(?:the )?quai d ?orsay$/u,
    canonical: "Quai d'Orsay",
    country: 'france',
    offices: ['foreign-minister'],
  },
  {
    name: /^(?:the )?(?:german )?chancellery$/u,
    canonical: 'Chancellery',
    country: 'germany',
    offices: ['head-of-government'],
  },
  {
    name: /^(?:the )?(?:office of the president of ukraine|ukrainian presidential office|bankova)$/u,
    canonical: 'Office of the President of Ukraine',
    country: 'ukraine',
    offices: ['head-of-state'],
  },
  {
    name: /^(?:the )?blue house$/u,
    canonical: 'Blue House',
    country: 'south korea',
    offices: ['head-of-state'],
  },
];

export interface Seat {
  canonical: string;
  country: string;
  offices: string[];
}

/** The seat of government a name denotes ("No 10" → Downing Street), if any. */
export function seatOf(name: string): Seat | undefined {
  const n = normalizeName(name);
  return SEATS.find((x) => x.name.test(n));
}

/** Every seat of government, for finding the ones a text names. */
export function seats(): readonly (Seat & { name: RegExp })[] {
  return SEATS;
}
