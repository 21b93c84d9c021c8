/** Ukrainian (українська). Same keys and placeholders as en.ts; plurals: one, few, many, other. */
// Registers cronstrue's Ukrainian wording (schedule descriptions).
import 'cronstrue/locales/uk.js';
import type { Catalog, CommandLocalization, Language } from '../catalog.ts';

const messages: Catalog = {
  'date.approximate': 'бл. {date}',
  'date.by': 'до {date}',
  'date.underWay': 'триває {date}',
  'date.multiDay': '{period}, кілька днів',
  'date.underWayOn': 'тривало {date}',
  'date.startingNoEarlier': 'почалося не раніше {date}',
  'date.endingNoLater': 'завершилося не пізніше {date}',
  'date.noFirstLast': 'перший і останній дні не вказано',
  'date.noLaterOnly': 'не пізніше {latest} ({period}; ранішої дати не вказано)',
  'date.between': '{date} (між {from} і {to})',
  'date.noLaterThan': '{date} (не пізніше {latest})',
  'date.noEarlierThan': '{date} (не раніше {earliest})',
  'date.range': '{from} → {to}',
  'date.open': '…',
  'cron.empty':
    'Розкладу потрібен вираз cron, наприклад `0 9 * * *` (щодня о 09:00) або `30 8 * * 1-5` (о 08:30 у будні).',
  'cron.invalid':
    '`{text}` — неправильний вираз cron ({detail}). Вкажіть пʼять полів — хвилина година день-місяця місяць день-тижня — за потреби з секундами попереду, наприклад `0 9 * * *` (щодня о 09:00) або `30 8 * * 1-5` (о 08:30 у будні).',
  'cron.unsupportedDay':
    '`{text}`: форма дня місяця `{form}` для брифінгів не підтримується. Вкажіть `L` для останнього дня місяця або конкретні дні, наприклад `1,15`.',
  'cron.unschedulable':
    '`{text}` — правильний cron, але його не можна запланувати ({detail}). Запишіть без цієї конструкції, наприклад `0 9 * * *` (щодня о 09:00) або `30 8 * * 1-5` (о 08:30 у будні).',
  'cron.never':
    '`{text}` ніколи не спрацює (жодна дата не відповідає всім полям). Спробуйте `0 9 * * *` (щодня о 09:00) або `30 8 * * 1-5` (о 08:30 у будні).',
  'cron.bothDays': '{description} (лише коли збігаються і число місяця, і день тижня)',
  'partOfDay.morning': 'ранок',
  'partOfDay.afternoon': 'день',
  'partOfDay.evening': 'вечір',
  'partOfDay.night': 'ніч',

  'text.lines': '{first}\n{second}',
  'text.verbatim': '{text}',
  'count.events': {
    one: '{count} подія',
    few: '{count} події',
    many: '{count} подій',
    other: '{count} події',
  },
  'count.quotes': {
    one: '{count} цитата',
    few: '{count} цитати',
    many: '{count} цитат',
    other: '{count} цитати',
  },
  'count.results': {
    one: '{count} результат',
    few: '{count} результати',
    many: '{count} результатів',
    other: '{count} результату',
  },
  'count.sources': {
    one: '{count} джерело',
    few: '{count} джерела',
    many: '{count} джерел',
    other: '{count} джерела',
  },
  'count.actors': {
    one: '{count} учасник',
    few: '{count} учасники',
    many: '{count} учасників',
    other: '{count} учасника',
  },
  'count.topics': { one: '{count} тема', few: '{count} теми', many: '{count} тем', other: '{count} теми' },
  'count.commitments': {
    one: '{count} зобовʼязання',
    few: '{count} зобовʼязання',
    many: '{count} зобовʼязань',
    other: '{count} зобовʼязання',
  },
  'count.threads': {
    one: '{count} тематична лінія',
    few: '{count} тематичні лінії',
    many: '{count} тематичних ліній',
    other: '{count} тематичної лінії',
  },
  'list.more': { one: '…і ще {count}', few: '…і ще {count}', many: '…і ще {count}', other: '…і ще {count}' },
  'list.morePointer': {
    one: '…і ще {count}: {pointer}',
    few: '…і ще {count}: {pointer}',
    many: '…і ще {count}: {pointer}',
    other: '…і ще {count}: {pointer}',
  },

  'content.attributed': 'За словами {name}: {text}',
  'content.untranslated': '[англ.] {text}',
  'actorKind.person': 'особа',
  'actorKind.state': 'держава',
  'actorKind.organization': 'організація',
  'actorKind.group': 'група',

  'pager.previous': '◀ Назад',
  'pager.next': 'Далі ▶',
  'pager.page': 'Сторінка {page} з {pages}',
  'pager.footerPage': 'сторінка {page} з {pages}',

  'error.generic.title': 'Вибачте',
  'error.generic': 'Під час відповіді в нас щось пішло не так. Ми це записали; спробуйте ще раз за хвилину.',
  'error.draining': 'Бот перезапускається. Спробуйте ще раз за кілька секунд.',
  'error.oldComponent': 'Це меню чи форма з попередньої версії бота. Виконайте команду ще раз.',
  'error.oldButton': 'Ця кнопка з попередньої версії бота. Виконайте команду ще раз.',
  'error.oldButtonOrForm': 'Ця кнопка чи форма з попередньої версії бота. Виконайте команду ще раз.',
  'error.expiredList':
    'Цей список уже не зберігається (його запит мав обмежений строк). Виконайте команду ще раз.',
  'error.outOfDate.title': 'Застаріло',
  'error.notACommand': '/{command} не є (вже) командою цього бота.',
  'error.serverOnly': '/{command} працює лише на сервері.',
  'error.needsManageServer':
    '/{command} потребує дозволу **Керувати сервером**. Зверніться до адміністратора сервера.',
  'error.notAllowed.title': 'Недостатньо прав',
  'error.staleFilters':
    'Цей список посилається на імʼя чи тему, яких уже немає в даних. Виконайте /{command} ще раз.',

  'option.notANumber': '`{option}` має бути числом.',
  'option.required': '`{option}` обовʼязковий параметр: {description}.',
  'option.notAChoice': '`{option}` має бути одним із: {choices} (ви ввели {typed}).',
  'option.useSubcommand': 'Скористайтеся /{command} {subcommands}.',
  'option.badDate':
    '`{option}` має мати вигляд 2025-02-14 або 2025-02 (справжня дата, спочатку рік); ви ввели {typed}.',
  'option.badDate.title': 'Дату не розпізнано',
  'option.rangeReversed': '`від` ({from}) пізніше за `до` ({to}): поміняйте їх місцями.',
  'option.rangeReversed.title': 'Порожній проміжок дат',
  'option.noWords':
    '`текст` шукається за словами, а в {typed} немає слів (літер чи цифр). Введіть слова з цитати, наприклад `security guarantees`, або залиште порожнім.',
  'option.noWords.title': 'Немає слів для пошуку',

  'unresolved.actor.ambiguous.title': 'Кого саме?',
  'unresolved.topic.ambiguous.title': 'Яку тему?',
  'unresolved.event.ambiguous.title': 'Яку подію?',
  'unresolved.actor.notFound.title': 'Учасника не знайдено',
  'unresolved.topic.notFound.title': 'Тему не знайдено',
  'unresolved.event.notFound.title': 'Подію не знайдено',
  'unresolved.actor.ambiguous':
    'Запиту {typed} відповідає кілька учасників: виберіть одного зі списку під час введення або вкажіть його id.\n{list}',
  'unresolved.topic.ambiguous':
    'Запиту {typed} відповідає кілька тем: виберіть одну зі списку під час введення або вкажіть її id.\n{list}',
  'unresolved.event.ambiguous':
    'Запиту {typed} відповідає кілька подій: виберіть одну зі списку під час введення або вкажіть її id.\n{list}',
  'unresolved.actor.notFound':
    'Жоден учасник не відповідає {typed}{understood}. Виберіть із підказок під час введення або спробуйте /пошук.',
  'unresolved.topic.notFound':
    'Жодна тема не відповідає {typed}{understood}. Залиште параметр порожнім для всіх тем або виберіть тему під час введення.',
  'unresolved.event.notFound':
    'Жодна подія не відповідає {typed}{understood}. Виберіть із підказок під час введення або знайдіть її через /хронологія чи /пошук.',
  'unresolved.understood': ' (розпізнано як {country}, якої немає в даних)',
  'unresolved.actor.offer': 'Найближчі:\n{list}',
  'unresolved.topic.offer': 'Серед тем:\n{list}',
  'unresolved.event.offer': 'Найближчі:\n{list}',

  'briefing.title': 'Брифінг — {scope}',
  'briefing.titleAll': 'Брифінг — мирна дипломатія щодо війни Росії проти України',
  'briefing.allTopics': 'усі теми',
  'briefing.description': 'Стан справ на **{date}** ({scope}; {coverage}).',
  'briefing.coverage': '{events}, від {first} до {last}',
  'briefing.noEvents': 'подій ще немає',
  'briefing.newSince': '🆕 Нове з {date}',
  'briefing.newSinceLast': '🆕 Нове з попереднього допису',
  'briefing.nothingNewSince': 'З {date} нових подій немає.',
  'briefing.nothingNewSinceLast': 'З попереднього допису нових подій немає.',
  'briefing.seeTimeline': '/хронологія',
  'briefing.stateOfPlay': 'Стан справ',
  'briefing.nothingRecorded': 'Щодо теми «{scope}» до {date} нічого не записано.',
  'briefing.latest': 'Останні події',
  'briefing.keyQuote': 'Ключова цитата',
  'briefing.commitments': 'Відкриті зобовʼязання та вимоги',
  'briefing.footer':
    'Посилання на зразок [S1 ¶3] вказують на абзаци джерел: їх перелічує /джерела · більше в /хронологія · дані {version}',
  'commitmentKind.pledge': 'обіцянка',
  'commitmentKind.guarantee': 'гарантія',
  'commitmentKind.intention': 'намір',
  'commitmentKind.demand': 'вимога',
  'commitmentKind.condition': 'умова',
  'commitmentKind.expectation': 'очікування',
  'eventKind.meeting': 'зустріч',
  'eventKind.call': 'телефонна розмова',
  'eventKind.speech': 'промова',
  'eventKind.interview': 'інтервʼю',
  'eventKind.summit': 'саміт',
  'eventKind.statement': 'заява',
  'eventKind.demand': 'вимога',
  'eventKind.pledge': 'обіцянка',
  'eventKind.announcement': 'оголошення',
  'eventKind.military-action': 'військові дії',
  'participantRole.participant': 'учасник',
  'participantRole.host': 'господар',
  'participantRole.speaker': 'промовець',
  'participantRole.interviewee': 'співрозмовник',
  'participantRole.interviewer': 'інтервʼюер',
  'participantRole.audience': 'слухачі',
  'participantRole.attendee': 'присутній',
  'participantRole.subject': 'предмет обговорення',
  'participantRole.addressee': 'адресат',
  'participantRole.supporter': 'прихильник',
  'relation.follows': 'слідує за',
  'relation.part-of': 'частина',
  'relation.responds-to': 'відповідь на',
  'relation.related': 'повʼязана',
  'commitment.fulfilled': 'виконано',
  'commitment.broken': 'порушено',
  'commitment.withdrawn': 'відкликано',
  'commitment.noDeadline': 'строк не вказано',
  'commitment.due': 'строк {window}',
  'commitment.dueNow': 'строк настав ({window})',
  'commitment.windowPassed': 'строк був {window}; жодне джерело в даних не повідомляє про результат',

  'timeline.title': 'Хронологія',
  'timeline.titleFiltered': 'Хронологія — {filters}',
  'timeline.empty':
    'Жодна подія не відповідає цим фільтрам. Розширте проміжок дат або приберіть фільтр учасника чи теми.',
  'timeline.footer': '{events} · {page} · /подія <id> — подробиці · /джерела — посилання',
  'quote.title': 'Цитати',
  'quote.titleFiltered': 'Цитати — {filters}',
  'quote.empty':
    'Жодна цитата не відповідає. Спробуйте іншого мовця чи менше слів, або /пошук для ширшого збігу.',
  'quote.footer': '{quotes}, дослівно · {page} · /джерела — посилання',
  'quote.original': '*(оригінал, {language})*',

  'actor.alsoWritten': '*Також пишуть:* {aliases}',
  'actor.kind': 'Тип',
  'actor.roles': 'Посада на той час',
  'actor.roleAsOf': '{title} (станом на {date})',
  'actor.events': 'Події ({count})',
  'actor.noEvents': 'Подій не записано.',
  'actor.quotes': 'Цитати ({count})',
  'actor.footer': 'id: {id} · /хронологія учасник:{id} — усі події · /цитата мовець:{id}',

  'event.when': 'Коли',
  'event.where': 'Де',
  'event.kind': 'Тип',
  'event.participants': 'Учасники',
  'event.topics': 'Теми',
  'event.quotes': 'Цитати',
  'event.commitments': 'Зобовʼязання та вимоги',
  'event.related': 'Повʼязані події',
  'event.relatedFrom': '{relation} (зворотний звʼязок)',
  'event.sources': 'Джерела',
  'event.curated': 'Додано через перевірку',
  'event.reviewedBy': 'Перевірив(-ла) {name}, {date}',
  'event.publishedBy': 'опублікував(-ла) {name}, {date}',
  'event.footer': 'id: {id} · посилання [S# ¶n] → /джерела',

  'search.title': 'Результати пошуку',
  'search.intro': 'Результати для {query}, найкращі спершу.',
  'search.empty':
    'Нічого не знайдено. Спробуйте менше чи інші слова, імʼя або тему, наприклад «security guarantees».',
  'search.kind.event': '📅 Подія',
  'search.kind.quote': '💬 Цитата',
  'search.kind.actor': '👤 Учасник',
  'search.kind.topic': '🏷️ Тема',
  'search.more': 'понад {count} результатів, показано найкращі {count}',
  'search.footer': '{results} · {page} · /джерела — посилання',

  'sources.title': 'Джерела',
  'sources.description':
    'Кожне твердження посилається на абзац джерела у вигляді [S# ¶n]: мітка джерела нижче й номер абзацу (непорожні рядки, рахуючи від 1). Підсумки — нашими словами; цитати — дослівні.',
  'sources.noPublisher': 'Видавця в тексті не названо',
  'sources.citedBy': 'Посилаються: {events}, {quotes}, {commitments}, {threads}; абзаци {paragraphs}',

  'about.title': 'Про briefbot',
  'about.description':
    'Брифінги з посиланнями на джерела про мирну дипломатію 2025 року щодо війни Росії проти України. Кожне твердження посилається на абзац джерела; цитати дослівні. Спробуйте /брифінг, /хронологія, /пошук.',
  'about.coverage': 'Охоплення',
  'about.noEvents': 'подій немає',
  'about.dataset': 'Дані',
  'about.datasetVersion': 'Версія даних',
  'about.loaded': '{version} (завантажено {at} UTC)',
  'about.botVersion': 'Версія бота',
  'about.uptime': 'Час роботи',
  'about.language': 'Мова',
  'about.languageValue': 'українська (інші мови: {others})',

  'schedule.unavailable': 'Розклад брифінгів тут недоступний (планувальник у цьому режимі не працює).',
  'schedule.mode.newOnly': 'лише коли є щось нове',
  'schedule.mode.always': 'щоразу (повідомляє, коли нового немає)',
  'schedule.scope.topic': 'тема **{topic}**',
  'schedule.scope.all': 'усі теми',
  'schedule.words': '{description} ({timezone})',
  'schedule.noRuns': 'немає',
  'schedule.added.title': 'Розклад брифінгу {id} додано',
  'schedule.added':
    '**{schedule}** у {channel}: {scope}, публікується {mode}, мова: {language}.\nCron {cron} · id {id}',
  'schedule.postsAs': 'Як публікується',
  'schedule.postsAsLine': 'Як публікується: {how}',
  'schedule.nextRuns': 'Наступні запуски',
  'schedule.manage': 'Керування',
  'schedule.manageValue':
    '`/розклад перегляд id:{id}` показує, що саме буде опубліковано зараз · `/розклад пауза id:{id}` · `/розклад видалити id:{id}`',
  'schedule.status.disabled': '⛔ **Вимкнено**: {reason}',
  'schedule.status.disabledDefault': 'Discord відхилив допис',
  'schedule.status.paused': '⏸️ Призупинено',
  'schedule.status.noFuture': 'Активний (майбутніх запусків немає)',
  'schedule.status.next': 'Наступний: {time} ({relative})',
  'schedule.failure.when': '{at}, запуск {run}',
  'schedule.failure.retrying': '⚠️ Остання помилка {when}: {reason} — повторюємо.',
  'schedule.failure.retryingAt':
    '⚠️ Остання помилка {when}: {reason} — повторюємо (наступна спроба {retryAt}).',
  'schedule.failure.recovered': 'Остання помилка {when}: {reason} — опубліковано після повтору.',
  'schedule.failure.missed': '⚠️ Пропущений запуск ({when}): {reason}.',
  'schedule.failure.failed': '⚠️ Остання помилка {when}: {reason} — без повтору.',
  'schedule.list.title': 'Розклади брифінгів',
  'schedule.list.titleCount': 'Розклади брифінгів ({count}/{max})',
  'schedule.list.empty':
    'На цьому сервері ще немає розкладів. Додайте, наприклад, `/розклад додати канал:#news cron:0 9 * * * часовий_пояс:Europe/Kyiv`.',
  'schedule.list.line': '{channel} · **{schedule}** · {scope} · {mode} · {language}',
  'schedule.list.lastPost': 'Останній допис: {at}',
  'schedule.list.noPost': 'Дописів ще не було',
  'schedule.list.fixChannel': 'Виправте канал, потім `/розклад відновити id:{id}`.',
  'schedule.list.ids': 'Id вказуються в `/розклад пауза|відновити|перегляд|видалити id:…`.',
  'schedule.list.fromMemory':
    '⚠️ Сховище розкладів не відповідає, тож список узято з памʼяті: лише активні розклади, без часу останнього допису.',
  'schedule.statusName.active': 'активний',
  'schedule.statusName.paused': 'призупинений',
  'schedule.statusName.disabled': 'вимкнений',
  'schedule.modeName.always': 'завжди',
  'schedule.modeName.new-only': 'лише нове',
  'schedule.removed.title': 'Розклад {id} видалено',
  'schedule.removed': 'Брифінгів із {id} більше не буде ({schedule} у {channel}).',
  'schedule.paused.title': 'Розклад {id} призупинено',
  'schedule.paused':
    '{schedule} у {channel} призупинено; нічого не публікується до `/розклад відновити id:{id}`. Пропущені під час паузи запуски потім не публікуються.',
  'schedule.resumed.title': 'Розклад {id} активний',
  'schedule.resumed': '**{schedule}** у {channel}: {scope}, публікується {mode}, мова: {language}.',
  'schedule.preview.postsAs': 'Як публікується: {how} (цей перегляд нікого не згадує):',
  'schedule.preview.titled': 'із заголовком **{title}**',
  'schedule.preview.title': 'Перегляд розкладу {id}',
  'schedule.preview.notActive': ' (розклад {status}: ось що він опублікував би, якби працював)',
  'schedule.preview.firstRun': 'а його перший запуск лише позначає точку відліку',
  'schedule.preview.nothingNew': 'а нічого нового не додано',
  'schedule.preview.nothingNewSince': 'а з {date} нічого нового не додано',
  'schedule.preview.nothing':
    'Зараз нічого не було б опубліковано: цей розклад публікує лише нове, {why}.{paused}',
  'schedule.preview.header':
    'Перегляд розкладу `{id}` — саме це він опублікував би в {channel} зараз{paused}:',
  'schedule.storeDown':
    'Сховище розкладів зараз не відповідає. Спробуйте за хвилину (`/розклад список` показує збережене); уже налаштовані розклади працюють далі.',
  'schedule.tryAgain.title': 'Спробуйте трохи згодом',
  'schedule.invalidCron.title': 'Неправильний розклад',
  'schedule.unknownZone.title': 'Невідомий часовий пояс',
  'schedule.tooFrequent.title': 'Надто часто',
  'schedule.tooFrequent':
    '`{expression}` іноді публікував би кожні {gap}; розклад публікує щонайбільше раз на {min}. Спробуйте `0 * * * *` (щогодини), `0 9 * * *` (щодня о 09:00) або `0 9,17 * * 1-5` (о 09:00 і 17:00 у будні).',
  'schedule.unknownTopic.title': 'Невідома тема',
  'schedule.unknownTopic':
    'У даних немає теми `{topic}`. Виберіть тему під час введення або залиште параметр порожнім для всіх тем.',
  'schedule.permissionCheck':
    'Мені не вдалося перевірити свої дозволи в {channel}. Спробуйте за хвилину або виберіть інший канал.',
  'schedule.channelUnusable.title': 'Канал не підходить',
  'schedule.channelUnusable':
    'Я не можу публікувати в {channel}: {reason}. Виберіть текстовий канал або канал оголошень, який я бачу.',
  'schedule.missingPermissions.title': 'Бракує дозволу',
  'schedule.missingPermissions':
    'Я не можу публікувати брифінги в {channel}: мені там бракує {missing}. Надайте боту дозволи «Переглядати канал», «Надсилати повідомлення» та «Вбудовувати посилання» в цьому каналі (Редагувати канал → Дозволи) або виберіть інший канал.',
  'schedule.alreadyScheduled.title': 'Вже заплановано',
  'schedule.alreadyScheduled':
    'Розклад `{id}` уже публікує цей брифінг у {channel}. Скористайтеся `/розклад відновити id:{id}`, якщо його призупинено, або спершу `/розклад видалити id:{id}`.',
  'schedule.limit.title': 'Досягнуто ліміту розкладів',
  'schedule.limit':
    'На цьому сервері вже {max} розкладів — це максимум. `/розклад список` показує їх; `/розклад видалити id:…` звільняє місце.',
  'schedule.noSuch.title': 'Такого розкладу немає',
  'schedule.noSuch':
    'На цьому сервері немає розкладу {typed}. `/розклад список` показує id (6 літер і цифр, наприклад `k3m9xq`).',
  'schedule.justRemoved.title': 'Розклад видалено',
  'schedule.justRemoved': 'Розклад `{id}` щойно видалено.',
  'schedule.unknownLanguage.title': 'Невідома мова',
  'schedule.unknownLanguage': 'Мови {typed} немає. Виберіть одну з: {languages}.',
  'curate.urlAndFile': 'Вкажіть або `url`, або `файл`, але не обидва.',
  'curate.urlOrFile': 'Вкажіть `url` чи `файл` або нічого, щоб вставити текст у форму.',
  'curate.chooseSpeaker': 'Виберіть мовця зі списку.',
  'curate.unavailable': 'Курування тут недоступне (бот не працює в цьому режимі).',
  'permission.viewChannel': 'Переглядати канал',
  'permission.sendMessages': 'Надсилати повідомлення',
  'permission.embedLinks': 'Вбудовувати посилання',
  'permission.createPosts': 'Створювати дописи',
  'permission.sendMessagesInThreads': 'Надсилати повідомлення в гілках',
  'permission.createPublicThreads': 'Створювати публічні гілки',
  'permission.manageServer': 'Керувати сервером',
  'permission.manageMessages': 'Керувати повідомленнями',
  'permission.mentionEveryone': 'Згадувати @everyone, @here і всі ролі',
  'permission.attachFiles': 'Прикріплювати файли',
  'zone.abbreviation':
    '{typed} — це скорочення, а не часовий пояс: воно не каже, де діє літній час, і його мають кілька поясів. Вкажіть назву пояса за IANA: {zones}.',
  'zone.abbreviationNoHint': '{typed} схоже на скорочення, а не на часовий пояс. {examples}',
  'zone.examples':
    'Вкажіть назву за IANA, наприклад `Europe/Kyiv`, `Europe/London` або `UTC` (параметр має підказки).',
  'zone.offset': '{typed} — це зсув від UTC, а не часовий пояс. {fixed}',
  'zone.offsetPlaces':
    '{typed} — це зсув від UTC, а не часовий пояс. {fixed}; щоб враховувати літній час певного місця, вкажіть його пояс, наприклад {zones}.',
  'zone.fixed': 'Для {offset} цілий рік вкажіть `{zone}`',
  'zone.fixedEtc': 'Для {offset} цілий рік вкажіть `{zone}` (у назвах Etc знак обернений)',
  'zone.noFixed': 'Жоден пояс не тримає {offset} цілий рік',
  'zone.unknown': '{typed} — невідомий мені часовий пояс. {examples}',
  'zone.unknownSuggest':
    '{typed} — невідомий мені часовий пояс. Можливо, ви мали на увазі {zones}? {examples}',
  'zone.allYear': '{zone} · {offset} цілий рік',
  'zone.now': '{zone} · {offset} зараз',
  'follow.digest.title': 'Нове з того, за чим ви стежите',
  'follow.digest.intro': {
    one: '{count} новий запис від попереднього дайджесту:',
    few: '{count} нові записи від попереднього дайджесту:',
    many: '{count} нових записів від попереднього дайджесту:',
    other: '{count} нового запису від попереднього дайджесту:',
  },
  'follow.digest.quote': '“{text}” — **{speaker}** {cite}',
  'follow.digest.more': {
    one: '…і ще {count}: `{command}` показує все.',
    few: '…і ще {count}: `{command}` показує все.',
    many: '…і ще {count}: `{command}` показує все.',
    other: '…і ще {count}: `{command}` показує все.',
  },
  'follow.digest.footer': 'Ви стежите за: {follows} · /стежити список · /відписатися, щоб припинити',
  'follow.added.title': 'Стежите за: {name}',
  'follow.added':
    'Ви отримуватимете особисте повідомлення про нове щодо **{name}** ({schedule}) — усе, що зʼявиться відтепер.',
  'follow.already': 'Ви вже стежите за **{name}**. Дайджест: {schedule}.',
  'follow.schedule.instant': 'щойно зʼявиться',
  'follow.schedule.daily': 'щодня о {time} ({timezone})',
  'follow.schedule.weekly': 'щотижня, {weekday}, о {time} ({timezone})',
  'follow.list.title': {
    one: 'Ви стежите за {count} записом',
    few: 'Ви стежите за {count} записами',
    many: 'Ви стежите за {count} записами',
    other: 'Ви стежите за {count} запису',
  },
  'follow.list.empty':
    'Ви ще ні за чим не стежите. `/стежити учасник учасник:Зеленський` або `/стежити тема тема:…` вмикає дайджест в особисті повідомлення.',
  'follow.list.schedule': 'Дайджест: {schedule}.',
  'follow.list.paused':
    'Призупинено: я не зміг надіслати вам особисте повідомлення. Дозвольте особисті повідомлення від учасників сервера (Налаштування приватності), потім знову скористайтеся `/стежити`.',
  'follow.list.actor': 'учасник **{name}** · від {since}',
  'follow.list.topic': 'тема **{name}** · від {since}',
  'follow.removed.title': 'Більше не стежите: {name}',
  'follow.removed': {
    one: 'Ви більше не стежите за **{name}**. Лишилася {count} підписка.',
    few: 'Ви більше не стежите за **{name}**. Лишилося {count} підписки.',
    many: 'Ви більше не стежите за **{name}**. Лишилося {count} підписок.',
    other: 'Ви більше не стежите за **{name}**. Лишилося {count} підписки.',
  },
  'follow.notFollowing': 'Ви не стежите за **{name}**. `/стежити список` показує, за чим ви стежите.',
  'follow.limit.title': 'Забагато підписок',
  'follow.limit':
    'Ви стежите за {max} записами — це найбільше для учасника. Спершу скористайтеся `/відписатися` (`/стежити список` їх показує).',
  'follow.badTime.title': 'Не зрозумів час',
  'follow.badTime': '`{typed}` — не час доби. Вкажіть 24-годинний `ГГ:ХХ`, напр. `08:30` або `18:00`.',
  'follow.instantNoTime':
    '`time` і `weekday` стосуються лише щоденних і щотижневих дайджестів: із `frequency:instant` їх не вказуйте.',
  'follow.unavailable': 'Стеження зараз недоступне (сховище не відповіло). Спробуйте за хвилину.',
  'follow.dmPaused.title': 'Ваші дайджести призупинено',
  'follow.dmPaused':
    'Я не зміг надіслати вам особисте повідомлення, тож дайджести призупинено. Дозвольте особисті повідомлення (Налаштування приватності → Особисті повідомлення), потім скористайтеся `/стежити`, щоб відновити.',
  'follow.resumed': 'Дайджести знову увімкнено.',
  // Запланові дописи: куди і як, відмови, назви дописів форуму
  'post.whereForum': 'новий допис у {channel}',
  'post.whereMessage': 'повідомлення в {channel}',
  'post.tagged': 'теги: {tags}',
  'post.taggedCount': {
    one: 'з {count} тегом',
    few: 'з {count} тегами',
    many: 'з {count} тегами',
    other: 'з {count} тега',
  },
  'post.archivedAfter': 'архівується через {idle} бездіяльності',
  'post.withThread': 'з гілкою для обговорення (архівується через {idle} бездіяльності)',
  'post.idleHours': {
    one: '{count} годину',
    few: '{count} години',
    many: '{count} годин',
    other: '{count} години',
  },
  'post.idleDays': { one: '{count} день', few: '{count} дні', many: '{count} днів', other: '{count} дня' },
  'post.idleWeeks': {
    one: '{count} тиждень',
    few: '{count} тижні',
    many: '{count} тижнів',
    other: '{count} тижня',
  },
  'post.published': 'публікується на сервери-підписники',
  'post.withPicture': 'з картинкою хронології',
  'post.pings': 'згадує {role}',
  'post.noPing': 'без згадок',
  'post.title': 'Огляд',
  'post.titleTopic': 'Огляд · {topic}',
  'channelKind.text': 'текстовий канал',
  'channelKind.announcement': 'канал оголошень',
  'channelKind.forum': 'канал-форум',
  'channelKind.media': 'медіаканал',
  'post.notHere.title': 'Тут без {option}',
  'post.notHere': '{channel} — {kind}: {why}. Приберіть `{option}` або виберіть інший канал.',
  'post.notHere.thread': 'допис форуму чи медіаканалу вже є гілкою (`{archive}` задає, коли її архівувати)',
  'post.notHere.publish': 'публікувати на сервери-підписники може лише канал оголошень',
  'post.notHere.tag': 'теги мають лише канали-форуми та медіаканали',
  'post.unknownTag.title': 'Невідомий тег',
  'post.unknownTag': 'У {channel} немає тегу {typed}. Його теги: {tags}.',
  'post.noTags': 'У {channel} немає тегів. Приберіть `{option}` або спершу додайте теги до форуму.',
  'post.unknownRole.title': 'Невідома роль',
  'post.unknownRole': 'Не можу знайти роль {role} на цьому сервері. Виберіть роль зі списку.',
  'post.everyone.title': 'Не @everyone',
  'post.everyone':
    'Заплановані огляди ніколи не згадують @everyone чи @here. Створіть роль, яку учасники беруть за бажанням (напр. «Огляди»), і виберіть її.',
  'post.roleNotMentionable.title': 'Роль не можна згадати',
  'post.roleNotMentionable':
    'Роль **{role}** не можна згадувати, а в мене немає дозволу **{permission}** у {channel}, тож згадка нікого не досягне. Увімкніть «Дозволити всім @згадувати цю роль» (Налаштування сервера → Ролі) або дайте боту дозвіл {permission} у цьому каналі.',

  // Діаграма хронології
  'chart.title': 'Хронологія — {filter}',
  'chart.titleAll': 'Хронологія — усі події',
  'chart.subtitle': '{period} · {events} · {lanes}',
  'chart.lanes.topic': 'доріжки за темами',
  'chart.lanes.actor': 'доріжки за учасниками',
  'chart.noEvents': 'Жодна подія не відповідає цим фільтрам.',
  'chart.noTopic': 'Без теми',
  'chart.otherTopics': 'Інші теми ({count})',
  'chart.otherActors': 'Інші учасники ({count})',
  'chart.legendDay': 'день',
  'chart.legendSpan': 'місяць чи довше',
  'chart.legendApproximate': 'приблизно',
  'chart.labelsShown': 'підписи для {shown} з {total}; /хронологія показує всі',
  'chart.alt': 'Діаграма хронології: {events} з {from} до {to}',
  'chart.altFiltered': 'Діаграма хронології ({filter}): {events} з {from} до {to}',
  'chart.message.title': 'Діаграма хронології',
  'chart.message.titleFiltered': 'Діаграма хронології — {filters}',
  'chart.message.range': '{events} з {from} до {to}, {lanes}.',
  'chart.message.noRange': '{events}, {lanes}.',
  'chart.message.legend':
    'Крапка — подія з точною датою, смуга — подія, датована лише місяцем чи довшим проміжком (або між межами), штрихування позначає приблизну дату.',
  'chart.message.labelled': 'Підписи вмістилися для {shown} з них.',
  'chart.message.footer':
    '/хронологія без вигляд:діаграма перелічує події з посиланнями · /подія <id> — подробиці',
  // Відмови /curate
  'curateError.urlInvalid.title': 'Це посилання бот не може завантажити',
  'curateError.urlScheme': 'Опрацьовувати можна лише посилання http:// та https:// (ви дали {url}).',
  'curateError.urlCredentials':
    'Посилання з іменем користувача чи паролем не завантажуються. Вставте публічне посилання на статтю.',
  'curateError.urlSyntax': '{url} — не вебадреса. Вставте повне посилання, що починається з https://.',
  'curateError.urlRefused.title': 'Адресу відхилено',
  'curateError.urlRefused':
    '{host} вказує на {address}, адресу типу «{range}». Бот ніколи не завантажує приватні, внутрішні чи службові (metadata) адреси. Якщо це ваш власний сервер, оператор може дозволити його через CURATE_ALLOW_HOSTS; інакше прикріпіть статтю файлом або вставте текст.',
  'curateError.urlUnresolved.title': 'Невідомий хост',
  'curateError.urlUnresolved': '{host} не знаходиться в DNS. Перевірте посилання.',
  'curateError.timeout.title': 'Сайт не відповів',
  'curateError.timeout':
    'Повної відповіді не було за {seconds} с. Спробуйте пізніше або прикріпіть статтю файлом.',
  'curateError.pageTooLarge.title': 'Сторінка завелика',
  'curateError.pageTooLarge':
    'Сторінка більша за {size}. Збережіть текст статті й прикріпіть його як файл .txt.',
  'curateError.type.title': 'Це не сторінка статті',
  'curateError.type':
    'За посиланням — {type}; прочитати можна лише {expected}. Дайте посилання на саму сторінку статті або прикріпіть її текст.',
  'curateError.status.title': 'Сайт відмовив',
  'curateError.status': 'Сайт відповів HTTP {status}. Прикріпіть статтю файлом або вставте текст.',
  'curateError.statusBlocked':
    'Сайт відповів HTTP {status} (платний доступ або блокування). Прикріпіть статтю файлом або вставте текст.',
  'curateError.statusNotFound':
    'Сайт відповів HTTP {status} (не знайдено). Прикріпіть статтю файлом або вставте текст.',
  'curateError.redirects.title': 'Забагато переспрямувань',
  'curateError.redirects': 'Посилання переспрямувало понад {max} разів. Дайте кінцеве посилання на статтю.',
  'curateError.fetchFailed.title': 'Не вдалося завантажити',
  'curateError.fetchFailed': 'Завантаження не вдалося ({reason}). Спробуйте ще раз або прикріпіть статтю.',
  'curateError.fileType.title': 'Непідтримуваний файл',
  'curateError.fileType': '{name} — не {allowed}. Збережіть статтю як текст, HTML або Markdown.',
  'curateError.fileTooLarge.title': 'Файл завеликий',
  'curateError.fileTooLarge': '{name} має {size}; межа — {limit}.',
  'curateError.noText.title': 'Тексту статті не знайдено',
  'curateError.noText':
    'Не вдалося прочитати текст статті з {from} (платний доступ чи сторінка, яку будують скрипти?). Прикріпіть текст файлом або вставте його.',
  'curateError.from.paste': 'вставленого тексту',
  'curateError.from.page': 'сторінки',
  'curateError.from.file': 'файлу {name}',
  'curateError.tooShort.title': 'Закоротко для опрацювання',
  'curateError.tooShort': {
    one: 'Лише {count} слово, а стаття потребує щонайменше {min}. Перевірте, чи дійшов увесь текст.',
    few: 'Лише {count} слова, а стаття потребує щонайменше {min}. Перевірте, чи дійшов увесь текст.',
    many: 'Лише {count} слів, а стаття потребує щонайменше {min}. Перевірте, чи дійшов увесь текст.',
    other: 'Лише {count} слова, а стаття потребує щонайменше {min}. Перевірте, чи дійшов увесь текст.',
  },
  'curateError.publishedMissing.title': 'Коли це опубліковано?',
  'curateError.publishedMissing':
    'Сторінка не каже, коли її опубліковано, а дати на кшталт «у вівторок» відлічуються від того дня. Запустіть команду ще раз із `{option}:` (РРРР-ММ-ДД, день виходу статті).',
  'curateError.publishedInvalid.title': 'Дату не зрозуміло',
  'curateError.publishedInvalid':
    '`{option}` має бути справжнім днем у форматі РРРР-ММ-ДД (ви ввели {typed}).',
  'curateError.ingested.title': 'Уже в наборі даних',
  'curateError.ingested': 'Ця стаття вже є джерелом {label} ({id}).',
  'curateError.drafted.title': 'Уже на перевірці',
  'curateError.drafted': 'Ця стаття вже на перевірці {id} (/курування черга).',
  'curateError.notCurator.title': 'Лише для кураторів',
  'curateError.notCuratorRole':
    'Для опрацювання потрібен дозвіл **{permission}** або роль куратора цього сервера. Зверніться до модератора.',
  'curateError.notCurator': 'Для опрацювання потрібен дозвіл **{permission}**. Зверніться до модератора.',
  'curateError.noDraft.title': 'Такої перевірки немає',
  'curateError.noDraft': 'На цьому сервері немає перевірки {typed}. /курування черга показує відкриті.',
  'curateError.closed.title': 'Перевірку закрито',
  'curateError.closed': 'Перевірка {id} має стан «{status}»: у ній уже нічого не змінити.',
  'curateError.noItem.title': 'Такого пункту немає',
  'curateError.noItem': 'У перевірці {id} немає пункту {item}.',
  'curateError.conflict.title': 'Тим часом змінено',
  'curateError.conflict':
    '{by} змінив(-ла) {item} після того, як ви відкрили форму, тож вашу правку не застосовано (нічого не перезаписано). Ваш текст нижче: відкрийте редагування знову й повторіть, що ще потрібно.',
  'curateError.invalid.title': 'Не збережено',
  'curateError.invalid': '**{field}**: {detail}. Нічого не змінено; спробуйте ще раз.',
  'curateError.busy.title': 'Уже публікується',
  'curateError.busy':
    'Перевірка {id} (чи інша) саме публікується. Зачекайте трохи й подивіться на перевірку.',
  'curateError.feedInvalid.title': 'Це не стрічка',
  'curateError.feedInvalid': '{url} не вдалося прочитати як стрічку RSS, Atom чи JSON ({reason}).',
  'curateError.feedExists.title': 'Уже відстежується',
  'curateError.feedExists': 'Цей сервер уже відстежує цю стрічку як {id}.',
  'curateError.feedLimit.title': 'Забагато стрічок',
  'curateError.feedLimit':
    'Сервер може відстежувати щонайбільше {max} стрічок. Спершу приберіть одну (/курування стрічка видалити).',
  'curateError.noFeed.title': 'Такої стрічки немає',
  'curateError.noFeed': 'Тут немає стрічки {typed}. /курування стрічка список показує їх.',
  'curateError.offTopic.title': 'Не про цю хронологію',
  'curateError.offTopic': 'Стаття не згадує жодного учасника чи теми набору даних, тож чернетку не створено.',
  'curateError.store.title': 'Сховище не відповідає',
  'curateError.store': 'Сховище бота не відповіло вчасно; нічого не змінено. Спробуйте ще раз за мить.',
  'curateError.size': '{mb} МБ',
  // Відповіді /curate feed
  'curateFeed.paused': '⏸ призупинено: {reason} — /курування стрічка відновити {id}',
  'curateFeed.failing': {
    one: '⚠ збій ({count}×: {error}); наступна спроба {next}',
    few: '⚠ збій ({count}×: {error}); наступна спроба {next}',
    many: '⚠ збій ({count}×: {error}); наступна спроба {next}',
    other: '⚠ збій ({count}×: {error}); наступна спроба {next}',
  },
  'curateFeed.next': '✅ наступна перевірка {next}',
  'curateFeed.skip.off-topic': {
    one: '{count} не на тему',
    few: '{count} не на тему',
    many: '{count} не на тему',
    other: '{count} не на тему',
  },
  'curateFeed.skip.duplicate': {
    one: '{count} дублікат',
    few: '{count} дублікати',
    many: '{count} дублікатів',
    other: '{count} дубліката',
  },
  'curateFeed.skip.unreadable': {
    one: '{count} нечитабельний',
    few: '{count} нечитабельні',
    many: '{count} нечитабельних',
    other: '{count} нечитабельного',
  },
  'curateFeed.skip.existing': {
    one: '{count} уже в наборі даних',
    few: '{count} уже в наборі даних',
    many: '{count} уже в наборі даних',
    other: '{count} уже в наборі даних',
  },
  'curateFeed.skip.none': 'жодного',
  'curateFeed.added.title': 'Стрічку додано',
  'curateFeed.added.channel': 'Перевірки надходять у {channel}.',
  'curateFeed.added.marked': {
    one: '{count} запис, уже наявний у стрічці, позначено як переглянутий; нові записи стають чернетками для перевірки, щойно з’являються (записи, що не згадують жодного учасника чи теми набору даних, пропускаються й підраховуються).',
    few: '{count} записи, уже наявні у стрічці, позначено як переглянуті; нові записи стають чернетками для перевірки, щойно з’являються (записи, що не згадують жодного учасника чи теми набору даних, пропускаються й підраховуються).',
    many: '{count} записів, уже наявних у стрічці, позначено як переглянуті; нові записи стають чернетками для перевірки, щойно з’являються (записи, що не згадують жодного учасника чи теми набору даних, пропускаються й підраховуються).',
    other:
      '{count} записи, уже наявні у стрічці, позначено як переглянуті; нові записи стають чернетками для перевірки, щойно з’являються (записи, що не згадують жодного учасника чи теми набору даних, пропускаються й підраховуються).',
  },
  'curateFeed.added.backfill': {
    one: '{count} запис, уже наявний у стрічці, позначено як переглянутий; найновіші ({backfill}) саме стають чернетками; нові записи стають чернетками, щойно з’являються (записи не на тему пропускаються й підраховуються).',
    few: '{count} записи, уже наявні у стрічці, позначено як переглянуті; найновіші ({backfill}) саме стають чернетками; нові записи стають чернетками, щойно з’являються (записи не на тему пропускаються й підраховуються).',
    many: '{count} записів, уже наявних у стрічці, позначено як переглянуті; найновіші ({backfill}) саме стають чернетками; нові записи стають чернетками, щойно з’являються (записи не на тему пропускаються й підраховуються).',
    other:
      '{count} записи, уже наявні у стрічці, позначено як переглянуті; найновіші ({backfill}) саме стають чернетками; нові записи стають чернетками, щойно з’являються (записи не на тему пропускаються й підраховуються).',
  },
  'curateFeed.none.title': 'Стрічок немає',
  'curateFeed.none': 'Додайте стрічку: `/курування стрічка додати url:…`.',
  'curateFeed.line': '• {feed} → {channel}\n  {state} · {drafted} · пропущено: {skipped}',
  'curateFeed.drafted': {
    one: '{count} чернетка',
    few: '{count} чернетки',
    many: '{count} чернеток',
    other: '{count} чернетки',
  },
  'curateFeed.list.title': 'Стрічки ({count})',
  'curateFeed.removed.title': 'Стрічку видалено',
  'curateFeed.removed': '{feed} більше не перевіряється. Створені нею перевірки лишаються відкритими.',
  'curateFeed.resumed.title': 'Стрічку відновлено',
  'curateFeed.resumed': '{feed} знову перевірятиметься відтепер.',
};

const lookup = (description: string) => ({ description });

/** Slash commands as Ukrainian Discord clients show them (names: lowercase, Discord's name rules). */
/** The digest options of /follow actor and /follow topic. */
const followScheduleOptions: Record<string, CommandLocalization> = {
  frequency: {
    name: 'частота',
    description: 'Коли надходить дайджест в особисті (типово щодня; для всіх ваших підписок)',
    choices: { instant: 'одразу (щойно зʼявиться)', daily: 'щодня', weekly: 'щотижня' },
  },
  time: { name: 'час', description: 'Час доби для щоденного й щотижневого дайджесту, ГГ:ХХ (типово 08:00)' },
  timezone: {
    name: 'часовий_пояс',
    description: 'Часовий пояс IANA для цього часу, напр. Europe/Kyiv (типово UTC)',
  },
  weekday: {
    name: 'день_тижня',
    description: 'День щотижневого дайджесту (типово понеділок)',
    choices: {
      '1': 'понеділок',
      '2': 'вівторок',
      '3': 'середа',
      '4': 'четвер',
      '5': 'пʼятниця',
      '6': 'субота',
      '0': 'неділя',
    },
  },
};

const commands: Record<string, CommandLocalization> = {
  follow: {
    name: 'стежити',
    description: 'Отримувати особисте повідомлення про нове щодо учасника чи теми',
    options: {
      actor: {
        name: 'учасник',
        description: 'Стежити за учасником, напр. Зеленським (до 25 підписок)',
        options: {
          actor: { name: 'учасник', description: 'Хто, напр. Зеленський' },
          ...followScheduleOptions,
        },
      },
      topic: {
        name: 'тема',
        description: 'Стежити за темою, напр. гарантіями безпеки (до 25 підписок)',
        options: {
          topic: { name: 'тема', description: 'Тема, напр. гарантії безпеки' },
          ...followScheduleOptions,
        },
      },
      list: { name: 'список', description: 'За чим ви стежите і коли надходить дайджест' },
    },
  },
  unfollow: {
    name: 'відписатися',
    description: 'Більше не стежити за учасником чи темою',
    options: {
      follow: { name: 'підписка', description: 'Від чого відписатися (одна з ваших; див. /стежити список)' },
    },
  },
  briefing: {
    name: 'брифінг',
    description: 'Стан справ загалом чи з однієї теми на певну дату (типово сьогодні), з посиланнями',
    options: {
      topic: { name: 'тема', ...lookup('Одна тематична лінія, напр. гарантії безпеки (типово: усі)') },
      as_of: { name: 'на_дату', ...lookup('Дата у вигляді РРРР-ММ-ДД або РРРР-ММ (типово: сьогодні)') },
    },
  },
  timeline: {
    name: 'хронологія',
    description: 'Події за датою з фільтрами за учасником, темою й датами; гортайте кнопками',
    options: {
      actor: { name: 'учасник', ...lookup('Хтось із причетних, напр. Зеленський') },
      topic: { name: 'тема', ...lookup('Тема, напр. гарантії безпеки') },
      from: { name: 'від', ...lookup('Від дати: РРРР-ММ-ДД або РРРР-ММ') },
      to: { name: 'до', ...lookup('До дати: РРРР-ММ-ДД або РРРР-ММ') },
      view: {
        name: 'вигляд',
        description: 'Список із посиланнями (типово) або діаграма (зображення)',
        choices: { list: 'список', chart: 'діаграма' },
      },
      lanes: {
        name: 'доріжки',
        description: 'Доріжки діаграми: за темами чи за учасниками (типово: учасники, коли вибрано тему)',
        choices: { topic: 'теми', actor: 'учасники' },
      },
      theme: {
        name: 'тема_оформлення',
        description: 'Кольори діаграми: темні (типово) або світлі',
        choices: { dark: 'темна', light: 'світла' },
      },
    },
  },
  event: {
    name: 'подія',
    description: 'Одна подія повністю: дата, місце, учасники, підсумок, цитати, джерела',
    options: { event: { name: 'подія', ...lookup('Почніть вводити: слово з назви, імʼя чи місце') } },
  },
  quote: {
    name: 'цитата',
    description: 'Дослівні цитати з мовцем, датою, подією та посиланням',
    options: {
      speaker: { name: 'мовець', ...lookup('Хто сказав, напр. Венс') },
      topic: { name: 'тема', ...lookup('Тема, напр. гарантії безпеки') },
      text: { name: 'текст', ...lookup('Слова з цитати') },
    },
  },
  actor: {
    name: 'учасник',
    description: 'Хто це, їхня посада на той час, їхні події та цитати',
    options: { name: { name: 'хто', ...lookup('Імʼя чи варіант написання, напр. Зеленський, JD Vance') } },
  },
  search: {
    name: 'пошук',
    description: 'Пошук подій, цитат, учасників і тем, найкращі збіги спершу',
    options: {
      query: { name: 'запит', ...lookup('Слова для пошуку; помилки в написанні допускаються') },
      kind: {
        name: 'вид',
        description: 'Лише один вид результатів',
        choices: { event: 'події', quote: 'цитати', actor: 'учасники', topic: 'теми' },
      },
    },
  },
  sources: {
    name: 'джерела',
    description: 'Бібліографія: кожне джерело, його дата й що на нього посилається',
  },
  about: { name: 'про-бота', description: 'Охоплення й обсяг даних, версії та час роботи' },
  schedule: {
    name: 'розклад',
    description: 'Публікувати брифінг у канал за розкладом (Керувати сервером)',
    options: {
      add: {
        name: 'додати',
        description: 'Запланувати брифінг у каналі (до 10 на сервер, не частіше ніж раз на 15 хвилин)',
        options: {
          channel: { name: 'канал', description: 'Куди публікувати' },
          cron: {
            name: 'cron',
            description:
              'Коли, у форматі cron: "0 9 * * *" = щодня о 09:00, "30 8 * * 1-5" = о 08:30 у будні',
          },
          timezone: {
            name: 'часовий_пояс',
            description: 'Часовий пояс IANA для часу cron, напр. Europe/Kyiv (типово UTC)',
          },
          topic: { name: 'тема', description: 'Лише ця тематична лінія (типово: усі теми)' },
          mode: {
            name: 'режим',
            description: 'Публікувати щоразу (типово) чи лише коли додано щось нове',
            choices: {
              always: 'завжди (повідомляє, коли нового немає)',
              'new-only': 'лише нове (пропускати запуски без нового)',
            },
          },
          mention_role: {
            name: 'згадати_роль',
            description: 'Згадувати цю роль у кожному дописі (ніколи @everyone); роль має дозволяти згадки',
          },
          thread: {
            name: 'гілка',
            description:
              'Відкривати гілку обговорення до кожного допису (текстові канали й канали оголошень)',
          },
          archive: {
            name: 'архів',
            description: 'Архівувати гілку чи допис форуму після такої бездіяльності (типово 24 години)',
            choices: { '60': '1 година', '1440': '24 години', '4320': '3 дні', '10080': '1 тиждень' },
          },
          publish: {
            name: 'публікувати',
            description: 'Поширювати кожен допис на сервери, що стежать за цим каналом оголошень',
          },
          image: {
            name: 'зображення',
            description: 'Додавати до кожного допису діаграму хронології (тема, до дня допису)',
          },
          tag: {
            name: 'теги',
            description: 'Теги форуму для кожного допису, через кому, напр. "News, Daily"',
          },
          language: {
            name: 'мова',
            description: 'Мова дописів (типово: мова сервера, якщо бот її підтримує)',
          },
        },
      },
      list: { name: 'список', description: 'Розклади цього сервера' },
      remove: {
        name: 'видалити',
        description: 'Видалити розклад',
        options: { id: { name: 'id', description: 'Розклад, який видалити (див. /розклад список)' } },
      },
      pause: {
        name: 'пауза',
        description: 'Не публікувати до відновлення',
        options: { id: { name: 'id', description: 'Розклад, який призупинити (див. /розклад список)' } },
      },
      resume: {
        name: 'відновити',
        description: 'Знову публікувати (дозволи каналу перевіряються заново)',
        options: { id: { name: 'id', description: 'Розклад, який відновити (див. /розклад список)' } },
      },
      preview: {
        name: 'перегляд',
        description: 'Показати (лише вам), що саме розклад опублікував би зараз',
        options: { id: { name: 'id', description: 'Розклад, який переглянути (див. /розклад список)' } },
      },
    },
  },
  curate: {
    name: 'курування',
    description: 'Перетворювати нові статті на перевірені записи з посиланнями (куратори)',
    options: {
      article: {
        name: 'стаття',
        description: 'Подати статтю на перевірку: посилання, файл або без параметрів, щоб вставити текст',
        options: {
          url: { name: 'url', description: 'Посилання на статтю (http або https)' },
          file: { name: 'файл', description: 'Стаття у файлі .txt, .html або .md' },
          published: {
            name: 'опубліковано',
            description: 'День публікації, РРРР-ММ-ДД (типово: дата зі сторінки)',
          },
          title: { name: 'заголовок', description: 'Заголовок статті (типово: зі сторінки)' },
          publisher: { name: 'видавець', description: 'Хто опублікував (типово: назва сайту)' },
        },
      },
      queue: { name: 'черга', description: 'Відкриті перевірки на цьому сервері' },
      discard: {
        name: 'відхилити',
        description: 'Відкинути перевірку (до даних нічого не додається)',
        options: {
          draft: { name: 'чернетка', description: 'Перевірка, яку відкинути (див. /курування черга)' },
        },
      },
      feed: {
        name: 'стрічка',
        description: 'Стрічки RSS, Atom чи JSON, нові статті яких готуються до перевірки',
        options: {
          add: {
            name: 'додати',
            description:
              'Стежити за стрічкою (опитується кожні кілька хвилин; нові статті стають перевірками)',
            options: {
              url: { name: 'url', description: 'Посилання на стрічку RSS, Atom чи JSON' },
              channel: {
                name: 'канал',
                description: 'Куди йдуть її перевірки (типово: канал курування або цей)',
              },
              backfill: {
                name: 'наздогнати',
                description: 'Скільки найновіших статей підготувати зараз (типово 0: лише нові)',
              },
            },
          },
          list: { name: 'список', description: 'Стрічки цього сервера' },
          remove: {
            name: 'видалити',
            description: 'Перестати стежити за стрічкою',
            options: {
              id: { name: 'id', description: 'Стрічка, яку видалити (див. /курування стрічка список)' },
            },
          },
          resume: {
            name: 'відновити',
            description: 'Знову опитувати призупинену стрічку',
            options: {
              id: { name: 'id', description: 'Стрічка, яку відновити (див. /курування стрічка список)' },
            },
          },
        },
      },
    },
  },
};

export const uk: Language = {
  code: 'uk',
  name: 'Українська',
  intl: 'uk',
  cron: 'uk',
  discordLocales: ['uk'],
  messages,
  commands,
};
