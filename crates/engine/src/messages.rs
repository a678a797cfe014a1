//! The message catalogue: every sentence a verdict, a reason or a computed
//! fact says, in Russian, English and Armenian. A check names a message by
//! its [`Msg`] key and gives its parameters; [`render`] writes it in the
//! audit's language (the standard's `report_language`, or the one the
//! audit was asked for). The parts messages share — who spoke, which part
//! of the call, which event, a count with its noun — are rendered here too,
//! in the grammatical form each template needs («5 слов», «3 раза»).

use callqa_model::Lang;

macro_rules! catalogue {
    ($($key:ident ( $($param:ident),* ) { ru: $ru:expr, en: $en:expr, hy: $hy:expr $(,)? })*) => {
        /// One message kind of the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Msg {
            $(#[doc = $en] $key,)*
        }

        impl Msg {
            /// Every message kind.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            /// The parameters the message takes, by name.
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $(Msg::$key => &[$(stringify!($param)),*],)*
                }
            }

            /// The message's template in `lang`; `{name}` marks a parameter.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Ru) => $ru,
                      (Msg::$key, Lang::En) => $en,
                      (Msg::$key, Lang::Hy) => $hy,)*
                }
            }
        }
    };
}

catalogue! {
    NoTranscript() {
        ru: "нет расшифровки",
        en: "no transcript",
        hy: "տեքստ չկա",
    }
    WhenInboundOnly() {
        ru: "исходящий звонок; правило для входящих",
        en: "outbound call; the rule is for inbound calls",
        hy: "ելքային զանգ. կանոնը մուտքային զանգերի համար է",
    }
    WhenOutboundOnly() {
        ru: "входящий звонок; правило для исходящих",
        en: "inbound call; the rule is for outbound calls",
        hy: "մուտքային զանգ. կանոնը ելքային զանգերի համար է",
    }
    WhenAnswered() {
        ru: "на звонок ответили",
        en: "the call was answered",
        hy: "զանգին պատասխանել են",
    }
    WhenMissed() {
        ru: "пропущенный звонок",
        en: "missed call",
        hy: "բաց թողնված զանգ",
    }
    WhenLanguage(lang, langs) {
        ru: "звонок на языке {lang}, а правило для {langs}",
        en: "the call is in {lang}; the rule is for {langs}",
        hy: "զանգը {lang} լեզվով է, իսկ կանոնը՝ {langs}-ի համար",
    }
    WhenTag(tag) {
        ru: "у звонка нет метки {tag}",
        en: "the call is not tagged {tag}",
        hy: "զանգը չունի {tag} պիտակը",
    }
    WhenDebtor() {
        ru: "клиент — сам должник, а не третье лицо",
        en: "the client is the debtor, not a third party",
        hy: "հաճախորդը պարտապանն է, ոչ թե երրորդ անձ",
    }
    WhenThirdParty() {
        ru: "клиент — третье лицо",
        en: "the client is a third party",
        hy: "հաճախորդը երրորդ անձ է",
    }
    WhenDropped() {
        ru: "связь оборвалась: завершить разговор было некому",
        en: "the line dropped: nobody could close the call",
        hy: "կապը խզվեց. զրույցն ավարտող չկար",
    }
    ToBeMarked() {
        ru: "отмечает супервизор",
        en: "to be marked by a supervisor",
        hy: "նշում է վերահսկողը",
    }
    StillOpen() {
        ru: "окно правила ещё не закрылось, а входные данные закончились",
        en: "window still open at the end of the input",
        hy: "կանոնի պատուհանը դեռ բաց է, իսկ մուտքային տվյալներն ավարտվել են",
    }
    UnlessApplied(rule) {
        ru: "к звонку применяется правило {rule}",
        en: "{rule} applies to this call",
        hy: "զանգի նկատմամբ կիրառվում է {rule} կանոնը",
    }
    UnlessPassed(rule) {
        ru: "правило {rule} на этом звонке выполнено",
        en: "{rule} passed on this call",
        hy: "{rule} կանոնն այս զանգում կատարված է",
    }
    NoPhrasesInLang(lang, sets) {
        ru: "в стандарте нет фраз на языке звонка ({lang}): {sets}",
        en: "the standard has no phrases in the call's language ({lang}): {sets}",
        hy: "ստանդարտում զանգի լեզվով ({lang}) արտահայտություններ չկան՝ {sets}",
    }
    CompanyUnknown() {
        ru: "название компании неизвестно: укажите `company` в записи звонка или [company] в стандарте",
        en: "the company name is not known: give `company` in the call record or [company] names in the standard",
        hy: "ընկերության անունը հայտնի չէ. նշեք `company` զանգի գրառման մեջ կամ [company] ստանդարտում",
    }
    ClientNameUnknown() {
        ru: "имя клиента неизвестно",
        en: "the client's name is not known",
        hy: "հաճախորդի անունը հայտնի չէ",
    }
    NoValue(key) {
        ru: "для этого звонка нет значения {key}",
        en: "no value for {key} on this call",
        hy: "այս զանգի համար {key}-ի արժեք չկա",
    }
    NoSpeechFrom(whose) {
        ru: "в расшифровке нет речи {whose}",
        en: "no speech from {whose} in the transcript",
        hy: "տեքստում {whose} խոսք չկա",
    }
    HoldUnknown() {
        ru: "источник не записывает удержания (import.hold = unknown)",
        en: "the source does not record holds (import.hold = unknown)",
        hy: "աղբյուրը չի գրանցում սպասման դնելը (import.hold = unknown)",
    }
    HoldTotalOnly(tag) {
        ru: "источник даёт только общее время удержания, но не когда оно было ({tag})",
        en: "the source gives only the total hold time, not when it happened ({tag})",
        hy: "աղբյուրը տալիս է միայն սպասման ընդհանուր տևողությունը, ոչ թե երբ է այն եղել ({tag})",
    }
    HangupUnknown() {
        ru: "источник не сообщает, кто положил трубку (import.hangup_by = unknown)",
        en: "the source does not say who hung up (import.hangup_by = unknown)",
        hy: "աղբյուրը չի նշում, թե ով է անջատել (import.hangup_by = unknown)",
    }
    NoEvent(event, event_rel) {
        ru: "в этом звонке не было {event_rel}",
        en: "no {event} on this call",
        hy: "այս զանգում {event} չի եղել",
    }
    MissingChannel(tag) {
        ru: "нет канала одной из сторон (import.missing_channel = {tag})",
        en: "one party's channel is missing (import.missing_channel = {tag})",
        hy: "կողմերից մեկի ալիքը բացակայում է (import.missing_channel = {tag})",
    }
    OneSided(whose) {
        ru: "в расшифровке нет речи {whose}: одного канала нет",
        en: "no speech from {whose} in the transcript: one channel is missing",
        hy: "տեքստում {whose} խոսք չկա. ալիքներից մեկը բացակայում է",
    }
    NoProfanity() {
        ru: "клиент не ругался",
        en: "the client used no profanity",
        hy: "հաճախորդը չի հայհոյել",
    }
    SworeNoWarning(at) {
        ru: "клиент выругался в {at}, но оператор завершил звонок, не предупредив его",
        en: "the client swore at {at} but the operator never warned before ending the call",
        hy: "հաճախորդը հայհոյեց {at}-ին, բայց օպերատորն ավարտեց զանգը՝ առանց զգուշացնելու",
    }
    WarnedNoRepeat(at, quote) {
        ru: "оператор предупредил в {at} («{quote}»), но клиент больше не ругался, а оператор завершил звонок",
        en: "the operator warned at {at} («{quote}») but the client did not swear again before the operator ended the call",
        hy: "օպերատորը զգուշացրեց {at}-ին («{quote}»), բայց հաճախորդն այլևս չհայհոյեց, իսկ օպերատորն ավարտեց զանգը",
    }
    EventAt(event, at) {
        ru: "{event} в {at}",
        en: "{event} at {at}",
        hy: "{event}՝ {at}",
    }
    AfterLate(event, event_rel, at, who, secs, said, sets) {
        ru: "после {event_rel} в {at} {who} заговорил только через {secs} с: «{said}» — не прозвучало: {sets}",
        en: "after the {event} at {at} {who} first spoke only {secs} s later: «{said}» — not heard: {sets}",
        hy: "{event_rel} հետո ({at}) {who} խոսեց միայն {secs} վ անց՝ «{said}». չհնչեց՝ {sets}",
    }
    AfterFirstWords(event, event_rel, at, whose, said, sets) {
        ru: "после {event_rel} в {at} первые слова {whose}: «{said}» — не прозвучало: {sets}",
        en: "after the {event} at {at} the first words of {whose} were «{said}» — not heard: {sets}",
        hy: "{event_rel} հետո ({at}) {whose} առաջին խոսքերն էին՝ «{said}». չհնչեց՝ {sets}",
    }
    DidNotSpeakAfter(who, event, event_rel) {
        ru: "{who} ничего не сказал после {event_rel}",
        en: "{who} did not speak after the {event}",
        hy: "{who} ոչինչ չասաց {event_rel} հետո",
    }
    RingUnknown() {
        ru: "источник не записывает гудки (import.ring = unknown)",
        en: "the source does not record ringing (import.ring = unknown)",
        hy: "աղբյուրը չի գրանցում զանգի ազդանշանները (import.ring = unknown)",
    }
    NoRing() {
        ru: "в записи нет гудков: их нельзя сосчитать",
        en: "no ring in the record: the rings cannot be counted",
        hy: "գրառման մեջ ազդանշան չկա. դրանք հնարավոր չէ հաշվել",
    }
    NoRingBeforeAnswer(at) {
        ru: "до ответа в {at} гудков не было: их нельзя сосчитать",
        en: "no ringing before the answer at {at}: the rings cannot be counted",
        hy: "մինչև պատասխանը ({at}) ազդանշան չի եղել. դրանք հնարավոր չէ հաշվել",
    }
    AnsweredOnRing(ring, secs) {
        ru: "ответ на {ring}-м гудке ({secs} с)",
        en: "answered on ring {ring} ({secs} s)",
        hy: "պատասխանել են {ring}-րդ ազդանշանին ({secs} վ)",
    }
    AnsweredLate(ring, secs, max) {
        ru: "ответ на {ring}-м гудке ({secs} с), а отвечать нужно не позже {max}-го",
        en: "answered on ring {ring} ({secs} s); the limit is ring {max}",
        hy: "պատասխանել են {ring}-րդ ազդանշանին ({secs} վ), իսկ պետք է ոչ ուշ, քան {max}-րդին",
    }
    NotAnsweredRang(secs, max) {
        ru: "на звонок не ответили: он звонил {secs} с, дольше {max}-го гудка",
        en: "not answered: it rang {secs} s, past ring {max}",
        hy: "զանգին չեն պատասխանել. այն հնչել է {secs} վ, {max}-րդ ազդանշանից ավելի",
    }
    MissedShort(secs, rings) {
        ru: "пропущенный звонок: звонил {secs} с, меньше чем {rings}",
        en: "missed call that rang {secs} s, less than {rings}",
        hy: "բաց թողնված զանգ. հնչել է {secs} վ, պակաս, քան {rings}",
    }
    EndOfRinging() {
        ru: "конец гудков",
        en: "end of ringing",
        hy: "ազդանշանների ավարտ",
    }
    NameKnown() {
        ru: "имя клиента известно из записи звонка",
        en: "the client's name is known from the record",
        hy: "հաճախորդի անունը հայտնի է զանգի գրառումից",
    }
    ClientIntroduced(quote) {
        ru: "клиент представился сам: «{quote}»",
        en: "the client introduced themself: «{quote}»",
        hy: "հաճախորդն ինքն է ներկայացել՝ «{quote}»",
    }
    NameNotAsked() {
        ru: "имя клиента было неизвестно, а оператор так и не спросил его",
        en: "the client's name was unknown and the operator never asked for it",
        hy: "հաճախորդի անունն անհայտ էր, և օպերատորն այդպես էլ չհարցրեց այն",
    }
    SaidNothingBefore(who, secs) {
        ru: "{who} ничего не сказал за {secs} с до этого",
        en: "{who} said nothing in the {secs} s before it",
        hy: "{who} ոչինչ չասաց դրանից առաջ {secs} վ-ում",
    }
    Said(who, said) {
        ru: "{who} сказал: «{said}»",
        en: "{who} said «{said}»",
        hy: "{who} ասաց՝ «{said}»",
    }
    SaidNothing(who) {
        ru: "{who} ничего не сказал",
        en: "{who} said nothing",
        hy: "{who} ոչինչ չասաց",
    }
    NotHeardBefore(event, event_rel, at, sets, said) {
        ru: "до {event_rel} в {at} не прозвучало: {sets}; {said}",
        en: "not heard before the {event} at {at}: {sets}; {said}",
        hy: "{event_rel} առաջ ({at}) չհնչեց՝ {sets}. {said}",
    }
    NoStartTime() {
        ru: "у звонка нет времени начала",
        en: "the call has no start time",
        hy: "զանգի սկզբի ժամը հայտնի չէ",
    }
    LocalTime(day, time) {
        ru: "{day} в {time} по местному времени",
        en: "on {day} at {time} local time",
        hy: "{day}, ժամը {time}-ին (տեղական ժամանակով)",
    }
    CallStarted(when) {
        ru: "звонок начат {when}",
        en: "started {when}",
        hy: "զանգը սկսվել է {when}",
    }
    NoCallsOnDays(when, days) {
        ru: "звонок начат {when}, а {days} звонить нельзя",
        en: "the call started {when}; no calls are allowed {days}",
        hy: "զանգը սկսվել է {when}, իսկ {days} զանգել չի թույլատրվում",
    }
    Weekends() {
        ru: "в выходные",
        en: "at weekends",
        hy: "հանգստյան օրերին",
    }
    Weekdays() {
        ru: "в будни",
        en: "on weekdays",
        hy: "աշխատանքային օրերին",
    }
    OutsideHours(when, from, to) {
        ru: "звонок начат {when}, вне часов {from}–{to}",
        en: "the call started {when}, outside {from}–{to}",
        hy: "զանգը սկսվել է {when}, {from}–{to} ժամերից դուրս",
    }
    NotAnswered() {
        ru: "на звонок не ответили",
        en: "the call was not answered",
        hy: "զանգին չեն պատասխանել",
    }
    SilenceFact(from, to) {
        ru: "тишина {from}–{to}",
        en: "silence {from}–{to}",
        hy: "լռություն {from}–{to}",
    }
    Silence(secs, from, max) {
        ru: "тишина {secs} с начиная с {from} (допустимо {max} с)",
        en: "{secs} s of silence from {from} (limit {max} s)",
        hy: "{secs} վ լռություն՝ սկսած {from}-ից (թույլատրելի է {max} վ)",
    }
    TooManyEvents(event, times, max) {
        ru: "{event}: {times} (допустимо не больше {max})",
        en: "{event}: {times} (at most {max})",
        hy: "{event}՝ {times} (առավելագույնը {max})",
    }
    HoldTooLong(at, secs, max) {
        ru: "удержание с {at} длилось {secs} с (допустимо {max} с)",
        en: "a hold from {at} lasted {secs} s (limit {max} s)",
        hy: "{at}-ից սկսված սպասումը տևեց {secs} վ (թույլատրելի է {max} վ)",
    }
    LongestHold(secs) {
        ru: "самое долгое удержание — {secs} с",
        en: "longest hold {secs} s",
        hy: "ամենաերկար սպասումը՝ {secs} վ",
    }
    NoEvents() {
        ru: "в записи нет событий телефонии",
        en: "no telephony events in the record",
        hy: "հեռախոսային իրադարձություններ չկան",
    }
    LineDropped() {
        ru: "связь оборвалась; трубку никто не клал",
        en: "the line dropped; nobody hung up",
        hy: "կապը խզվեց. ոչ ոք չի անջատել",
    }
    EnderUnknown() {
        ru: "в записи не сказано, кто завершил звонок",
        en: "the record does not say who ended the call",
        hy: "գրառման մեջ նշված չէ, թե ով է ավարտել զանգը",
    }
    HungUp(who, at) {
        ru: "{who} положил трубку в {at}",
        en: "{who} hung up at {at}",
        hy: "{who} անջատեց {at}-ին",
    }
    OutboundNotCovered() {
        ru: "исходящий звонок; правило касается входящих",
        en: "outbound call; the policy covers inbound calls",
        hy: "ելքային զանգ. կանոնը վերաբերում է մուտքային զանգերին",
    }
    OperatorHungUpInbound(at) {
        ru: "во входящем звонке оператор первым положил трубку, в {at}",
        en: "the operator hung up first on an inbound call, at {at}",
        hy: "մուտքային զանգում օպերատորն առաջինն անջատեց՝ {at}-ին",
    }
    WrongEnder(who, expected, direction) {
        ru: "трубку положил {who}, а {direction} звонок должен завершать {expected}",
        en: "{who} hung up; {expected} should end this {direction} call",
        hy: "անջատեց {who}, իսկ {direction} զանգը պետք է ավարտի {expected}",
    }
    TalkedOver(times, max, list) {
        ru: "оператор перебил клиента {times} (допустимо не больше {max}): в {list}",
        en: "the operator talked over the client {times} (at most {max}): at {list}",
        hy: "օպերատորն ընդհատեց հաճախորդին {times} (առավելագույնը {max})՝ {list}",
    }
    AndMore(last, n) {
        ru: "{last} и ещё {n}",
        en: "{last} and {n} more",
        hy: "{last} և ևս {n}",
    }
    NeverUsedName(name) {
        ru: "оператор ни разу не обратился к клиенту по имени ({name})",
        en: "the operator never addressed the client by name ({name})",
        hy: "օպերատորը ոչ մի անգամ հաճախորդին անունով չդիմեց ({name})",
    }
    IntroducedNameUnused(name, at) {
        ru: "клиент представился как {name} в {at}, но оператор ни разу не назвал его по имени",
        en: "the client introduced themself as {name} at {at} but the operator never used the name",
        hy: "հաճախորդը ներկայացավ որպես {name} {at}-ին, բայց օպերատորը չօգտագործեց անունը",
    }
    NoTurnOf(whose) {
        ru: "нет ни одной реплики {whose}",
        en: "no turn of {whose}",
        hy: "{whose} ոչ մի ռեպլիկ չկա",
    }
    BareAnswer(who, said) {
        ru: "{who} ответил просто «{said}» вместо приветствия",
        en: "{who} answered with a bare «{said}» instead of a greeting",
        hy: "{who} պատասխանեց պարզապես «{said}»՝ ողջույնի փոխարեն",
    }
    Forbidden(sets, times, whose, limit, list) {
        ru: "{sets} — {times} у {whose}{limit}: {list}",
        en: "{sets} — {times} from {whose}{limit}: {list}",
        hy: "{sets}՝ {times} {whose} կողմից{limit}. {list}",
    }
    AtMostAllowed(max) {
        ru: " (допустимо не больше {max})",
        en: " (at most {max} allowed)",
        hy: " (թույլատրելի է առավելագույնը {max})",
    }
    NotBothSaid(window, first, then) {
        ru: "{window} прозвучало не всё: {first}; {then}",
        en: "{window} not both were said: {first}; {then}",
        hy: "{window} երկուսն էլ չհնչեցին՝ {first}; {then}",
    }
    WrongOrder(early, early_sets, late, late_sets) {
        ru: "не в том порядке: сначала «{early}» ({early_sets}), потом «{late}» ({late_sets})",
        en: "in the wrong order: first «{early}» ({early_sets}), then «{late}» ({late_sets})",
        hy: "սխալ հերթականությամբ՝ նախ «{early}» ({early_sets}), հետո «{late}» ({late_sets})",
    }
    NoWordsFrom(whose) {
        ru: "нет ни одного слова {whose}",
        en: "no words from {whose}",
        hy: "{whose} ոչ մի բառ չկա",
    }
    RatePer100(rate, max) {
        ru: "{rate} на 100 слов, допустимо {max}",
        en: "{rate} per 100 words, limit {max}",
        hy: "{rate} 100 բառի վրա, թույլատրելի է {max}",
    }
    RatePerMinute(rate, max) {
        ru: "{rate} в минуту, допустимо {max}",
        en: "{rate} per minute, limit {max}",
        hy: "{rate} րոպեում, թույլատրելի է {max}",
    }
    RateOver(sets, times, words, limit, list) {
        ru: "{sets}: {times} на {words} ({limit}): {list}",
        en: "{sets}: {times} in {words} ({limit}): {list}",
        hy: "{sets}՝ {times} {words}ում ({limit}). {list}",
    }
    SaidNothingIn(who, window) {
        ru: "{who} ничего не сказал {window}",
        en: "{who} said nothing {window}",
        hy: "{who} ոչինչ չասաց {window}",
    }
    OnlyNegative(window, who, quote, sets) {
        ru: "{window} {who} сказал это только с отрицанием («{quote}»): {sets}",
        en: "{window} {who} said it only in the negative («{quote}»): {sets}",
        hy: "{window} {who} դա ասաց միայն ժխտական ձևով («{quote}»)՝ {sets}",
    }
    NotHeardIn(window, sets, said) {
        ru: "{window} не прозвучало: {sets}; {said}",
        en: "not heard {window}: {sets}; {said}",
        hy: "{window} չհնչեց՝ {sets}. {said}",
    }
    NoLongUtterance(whose, secs) {
        ru: "нет ни одной реплики {whose} длиной {secs} с и более",
        en: "no utterance of {whose} lasting {secs} s or more",
        hy: "{whose} {secs} վ կամ ավելի տևողությամբ ռեպլիկ չկա",
    }
    PaceFact(words, secs) {
        ru: "{words} в минуту за {secs} с",
        en: "{words} per minute over {secs} s",
        hy: "{words} րոպեում՝ {secs} վ ընթացքում",
    }
    PaceSlow(who, words, min) {
        ru: "{who} говорил {words} в минуту — слишком медленно (нужно не меньше {min})",
        en: "{who} spoke {words} per minute — dragging (at least {min})",
        hy: "{who} խոսում էր {words} րոպեում՝ չափազանց դանդաղ (պետք է առնվազն {min})",
    }
    PaceFast(who, words, max) {
        ru: "{who} говорил {words} в минуту — слишком быстро (не больше {max})",
        en: "{who} spoke {words} per minute — rushed (at most {max})",
        hy: "{who} խոսում էր {words} րոպեում՝ չափազանց արագ (առավելագույնը {max})",
    }
    GreetingWrongTime(quote, at, sets, from, to) {
        ru: "«{quote}» в {at} по местному времени, а это приветствие для {from}–{to} ({sets})",
        en: "«{quote}» at {at} local time, but that greeting is for {from}–{to} ({sets})",
        hy: "«{quote}»՝ տեղական ժամանակով {at}-ին, իսկ այդ ողջույնը {from}–{to}-ի համար է ({sets})",
    }
    NoTimedGreeting() {
        ru: "приветствие по времени суток не прозвучало",
        en: "no time-specific greeting was said",
        hy: "օրվա ժամին համապատասխան ողջույն չհնչեց",
    }
    NoTrigger(whose, sets) {
        ru: "у {whose} не прозвучало: {sets}",
        en: "not heard from {whose}: {sets}",
        hy: "{whose} կողմից չհնչեց՝ {sets}",
    }
    NoResponse(who, quote, at, other, sets) {
        ru: "{who} сказал «{quote}» в {at}, но {other} не ответил: {sets}",
        en: "{who} said «{quote}» at {at} but {other} did not follow with: {sets}",
        hy: "{who} ասաց «{quote}» {at}-ին, բայց {other} չպատասխանեց՝ {sets}",
    }
    OfCall(what, id) {
        ru: "{what}: звонок {id}",
        en: "{what}: call {id}",
        hy: "{what}՝ զանգ {id}",
    }
    CalledBackAfterDrop(after) {
        ru: "перезвонили через {after} после обрыва",
        en: "called back {after} after the drop",
        hy: "հետ են զանգել խզումից {after} անց",
    }
    NoCallbackAfterDrop(at, within) {
        ru: "связь оборвалась в {at}, и никто не перезвонил клиенту в течение {within}",
        en: "the line dropped at {at} and nobody called the client back within {within}",
        hy: "կապը խզվեց {at}-ին, և {within}-ի ընթացքում ոչ ոք հետ չզանգեց հաճախորդին",
    }
    LineDidNotDrop() {
        ru: "связь не обрывалась",
        en: "the line did not drop",
        hy: "կապը չի խզվել",
    }
    PlacedAndRedials(who) {
        ru: "звонок сделал {who}, он и перезванивает после обрыва",
        en: "{who} placed the call and redials after a drop",
        hy: "զանգը կատարել է {who}, և խզումից հետո նա է նորից զանգում",
    }
    NoEventsForMissed() {
        ru: "нет событий телефонии, чтобы распознать пропущенный звонок",
        en: "no telephony events to tell a missed call",
        hy: "հեռախոսային իրադարձություններ չկան՝ բաց թողնված զանգը որոշելու համար",
    }
    NotMissedInbound() {
        ru: "это не пропущенный входящий звонок",
        en: "not a missed inbound call",
        hy: "սա բաց թողնված մուտքային զանգ չէ",
    }
    Ping(secs) {
        ru: "сброс: звонил {secs} с, меньше одного гудка",
        en: "a ping: it rang {secs} s, less than one ring",
        hy: "կարճ զանգ. հնչել է {secs} վ, մեկ ազդանշանից պակաս",
    }
    CalledBackAfterMissed(after) {
        ru: "перезвонили через {after} после пропущенного звонка",
        en: "called back {after} after the missed call",
        hy: "հետ են զանգել բաց թողնված զանգից {after} անց",
    }
    MissedNotCalledBack(within) {
        ru: "на пропущенный звонок не перезвонили в течение {within}",
        en: "missed call not called back within {within}",
        hy: "բաց թողնված զանգին {within}-ի ընթացքում հետ չեն զանգել",
    }
    NotOutbound() {
        ru: "это не исходящий звонок",
        en: "not an outbound call",
        hy: "սա ելքային զանգ չէ",
    }
    RepeatCalls(calls, hours, list, max) {
        ru: "{calls} этому клиенту за {hours} ч до этого ({list}); допустимо не больше {max}",
        en: "{calls} to this client in the {hours} h before this one ({list}); at most {max} allowed",
        hy: "{calls} այս հաճախորդին՝ սրանից առաջ {hours} ժամում ({list}). թույլատրելի է առավելագույնը {max}",
    }
    ContactFrequency(calls, within, limit) {
        ru: "{calls} этому должнику за {within}; допустимо {limit}",
        en: "{calls} to this debtor within {within}; the limit is {limit}",
        hy: "{calls} այս պարտապանին {within}-ի ընթացքում. թույլատրելի է {limit}",
    }
    NoClientLink() {
        ru: "в записи нет ни id клиента, ни номера, чтобы связать звонки",
        en: "the record has no client id or number to link calls",
        hy: "գրառման մեջ չկա հաճախորդի id կամ համար՝ զանգերը կապելու համար",
    }
}

#[path = "messages_render.rs"]
mod render_impl;
pub use render_impl::render;

/// `m!(lang, Msg::X, name = value, …)`: [`render`] with the values
/// formatted by `Display`.
macro_rules! m {
    ($lang:expr, $msg:expr $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::messages::render($lang, $msg, &[$((stringify!($k), &$v.to_string())),*])
    };
}
pub(crate) use m;

#[path = "messages_parts.rs"]
mod parts;
pub use parts::*;

#[cfg(test)]
#[path = "messages_tests.rs"]
mod tests;
