//! Morphology of names: short forms, case endings in any script, and a
//! phonetic key across Latin, Cyrillic and Armenian letters.
//!
//! Owns the tables of usual short forms (Александр/Саша, Екатерина/Катя,
//! William/Bill, Լիլիթ/Լիլի), the Armenian article and case endings
//! (Լիլիթը, Լիլիթի, Աննային), the Russian patronymic endings, and
//! [`loose_key`]: a transliterated, devoiced skeleton of a word that
//! compares `Olga` with «Ольга» and «Օլգա» and ASR spellings («сервиз» /
//! «сервис»). How placeholder values use them is `slots.rs`.

/// Usual short forms: (full name, short forms), normalised.
const SHORT_FORMS: &[(&str, &[&str])] = &[
    ("александр", &["саша", "саня", "шура", "сашенька"]),
    ("александра", &["саша", "шура", "сашенька"]),
    ("алексей", &["леша", "алеша", "леха"]),
    ("анастасия", &["настя", "стася"]),
    ("анатолий", &["толя"]),
    ("андрей", &["андрюша"]),
    ("анна", &["аня", "анечка", "анюта"]),
    ("антон", &["тоша"]),
    ("борис", &["боря"]),
    ("валентина", &["валя"]),
    ("валерий", &["валера"]),
    ("василий", &["вася"]),
    ("виктор", &["витя"]),
    ("виктория", &["вика"]),
    ("владимир", &["володя", "вова"]),
    ("владислав", &["влад", "слава"]),
    ("вячеслав", &["слава"]),
    ("галина", &["галя"]),
    ("геннадий", &["гена"]),
    ("георгий", &["жора", "гоша"]),
    ("григорий", &["гриша"]),
    ("дарья", &["даша"]),
    ("дмитрий", &["дима", "митя"]),
    ("евгений", &["женя"]),
    ("евгения", &["женя"]),
    ("екатерина", &["катя", "катерина", "катюша", "катенька"]),
    ("елена", &["лена", "леночка"]),
    ("елизавета", &["лиза"]),
    ("иван", &["ваня"]),
    ("илья", &["илюша"]),
    ("ирина", &["ира", "ирочка"]),
    ("константин", &["костя"]),
    ("ксения", &["ксюша"]),
    ("леонид", &["леня"]),
    ("любовь", &["люба"]),
    ("людмила", &["люда"]),
    ("маргарита", &["рита"]),
    ("мария", &["маша", "маруся", "машенька"]),
    ("михаил", &["миша"]),
    ("надежда", &["надя"]),
    ("наталья", &["наташа", "ната", "наташенька"]),
    ("наталия", &["наташа"]),
    ("николай", &["коля"]),
    ("ольга", &["оля", "оленька"]),
    ("павел", &["паша"]),
    ("петр", &["петя"]),
    ("полина", &["поля"]),
    ("роман", &["рома"]),
    ("светлана", &["света", "светочка"]),
    ("сергей", &["сережа", "серега"]),
    ("софья", &["соня"]),
    ("софия", &["соня"]),
    ("станислав", &["стас"]),
    ("татьяна", &["таня", "танечка"]),
    ("юлия", &["юля", "юленька"]),
    ("юрий", &["юра"]),
    ("ярослав", &["слава"]),
    ("аркадий", &["аркаша"]),
    ("валерия", &["лера"]),
    ("вадим", &["вадик"]),
    ("всеволод", &["сева"]),
    ("даниил", &["даня"]),
    ("данила", &["даня"]),
    ("кирилл", &["кирюша"]),
    ("лидия", &["лида"]),
    ("максим", &["макс"]),
    ("семен", &["сема"]),
    ("степан", &["степа"]),
    ("федор", &["федя"]),
    ("эдуард", &["эдик"]),
    ("яков", &["яша"]),
    ("зинаида", &["зина"]),
    ("антонина", &["тоня"]),
    ("ульяна", &["уля"]),
    ("олеся", &["леся"]),
    ("ангелина", &["геля"]),
    ("лариса", &["лара"]),
    ("abigail", &["abby", "abbie"]),
    // more English short forms said to clients (own test sentences, round 5)
    ("nicola", &["nicky", "nikki"]),
    ("nicole", &["nicky", "nikki"]),
    ("jacqueline", &["jackie"]),
    ("kimberly", &["kim"]),
    ("pamela", &["pam"]),
    ("sandra", &["sandy"]),
    ("stephanie", &["steph"]),
    ("natalie", &["nat"]),
    ("natasha", &["tash", "tasha"]),
    ("amanda", &["mandy"]),
    ("barbara", &["barb", "babs"]),
    ("frances", &["fran"]),
    ("francesca", &["fran"]),
    ("gillian", &["gill", "jill"]),
    ("judith", &["judy"]),
    ("megan", &["meg"]),
    ("philip", &["phil"]),
    ("phillip", &["phil"]),
    ("russell", &["russ"]),
    ("terence", &["terry"]),
    ("vincent", &["vince"]),
    ("gerald", &["gerry"]),
    ("geoffrey", &["geoff"]),
    ("jeffrey", &["jeff"]),
    ("douglas", &["doug"]),
    ("alfred", &["alf", "alfie"]),
    ("oliver", &["ollie"]),
    ("charlotte", &["charlie", "lottie"]),
    ("penelope", &["penny"]),
    ("isabel", &["izzy", "bella"]),
    ("isabella", &["izzy", "bella"]),
    ("nathan", &["nate"]),
    ("dominic", &["dom"]),
    ("sebastian", &["seb"]),
    ("tobias", &["toby"]),
    ("bradley", &["brad"]),
    ("devendra", &["dev"]),
    ("mohammed", &["mo"]),
    ("muhammad", &["mo"]),
    // round 10: the Polish short form heard on English calls ("Kasia speaking")
    ("katarzyna", &["kasia", "kasha"]),
    ("siddharth", &["sid"]),
    ("krishna", &["krish"]),
    ("alexander", &["alex"]),
    // round 11: Russian and Spanish short forms said in English ("Sasha, I've sent you the link")
    ("alexander", &["sasha", "sacha"]),
    ("ekaterina", &["katya", "katia", "kate"]),
    ("yekaterina", &["katya", "katia", "kate"]),
    ("alejandro", &["alex", "alejo"]),
    ("nikolai", &["nick", "kolya", "niko"]),
    ("nikolay", &["nick", "kolya", "niko"]),
    ("alexandra", &["alex", "sandra"]),
    ("andrew", &["andy", "drew"]),
    ("anthony", &["tony"]),
    ("benjamin", &["ben"]),
    ("catherine", &["kate", "katie", "cathy", "cath"]),
    ("katherine", &["kate", "katie", "kathy"]),
    ("kathryn", &["kate", "katie", "kathy"]),
    ("charles", &["charlie", "chuck"]),
    ("christopher", &["chris"]),
    ("christine", &["chris", "tina"]),
    ("christina", &["chris", "tina"]),
    ("daniel", &["dan", "danny"]),
    ("david", &["dave"]),
    ("deborah", &["debbie", "deb", "debs"]),
    ("donald", &["don"]),
    ("edward", &["ed", "eddie", "ted"]),
    ("eleanor", &["ellie", "nell"]),
    ("elizabeth", &["liz", "beth", "betty", "lizzie", "libby"]),
    ("frederick", &["fred", "freddie"]),
    ("gregory", &["greg"]),
    ("henry", &["harry", "hank"]),
    ("jacob", &["jake"]),
    ("james", &["jim", "jimmy", "jamie"]),
    ("jennifer", &["jen", "jenny"]),
    ("jessica", &["jess", "jessie"]),
    ("john", &["johnny", "jack"]),
    ("joanne", &["jo"]),
    ("joanna", &["jo"]),
    ("josephine", &["jo", "josie"]),
    ("jonathan", &["jon"]),
    ("joseph", &["joe", "joey"]),
    ("joshua", &["josh"]),
    ("kenneth", &["ken", "kenny"]),
    ("lawrence", &["larry"]),
    ("margaret", &["maggie", "meg", "peggy"]),
    ("matthew", &["matt", "matty"]),
    ("michael", &["mike", "mick", "mikey"]),
    ("nathaniel", &["nate"]),
    ("nicholas", &["nick", "nicky"]),
    ("patricia", &["pat", "patty", "trish"]),
    ("patrick", &["pat"]),
    ("peter", &["pete"]),
    ("rebecca", &["becky", "becca", "bex", "bec"]),
    ("richard", &["rick", "rich", "dick", "richie"]),
    ("robert", &["bob", "rob", "bobby", "robbie"]),
    ("ronald", &["ron"]),
    ("samantha", &["sam", "sammy"]),
    ("samuel", &["sam"]),
    ("stephen", &["steve"]),
    ("steven", &["steve"]),
    ("susan", &["sue"]),
    ("theodore", &["ted", "teddy", "theo"]),
    ("thomas", &["tom", "tommy"]),
    ("timothy", &["tim", "timmy"]),
    ("victoria", &["vicky", "tori"]),
    ("william", &["bill", "will", "billy", "liam"]),
    ("zachary", &["zach"]),
    ("ալեքսանդր", &["սաշա"]),
    ("գրիգոր", &["գրիշա"]),
    ("հովհաննես", &["հովո", "հովիկ", "օնիկ", "վանո"]),
    // «սարգս», «մկրտչ»: the stem the case endings take, without its «ի» (Սարգսին, Մկրտչի)
    ("սարգիս", &["սաքո", "սարգս"]),
    ("լիլիթ", &["լիլի"]),
    ("մարիամ", &["մարո"]),
    ("արտաշես", &["արտո"]),
    ("վարդան", &["վարդո"]),
    ("խաչատուր", &["խաչիկ"]),
    ("գեւորգ", &["գեւո", "գոգա", "ժորա"]),
    ("հակոբ", &["հակո", "ակոփ"]),
    ("կարապետ", &["կարո"]),
    ("մկրտիչ", &["մկո", "մկրտչ"]),
    ("տիգրան", &["տիկո"]),
    ("արթուր", &["արթո"]),
    ("սամվել", &["սամո"]),
    ("ռուբեն", &["ռուբո"]),
    ("ստեփան", &["ստեփո", "ստյոպա"]),
    ("պետրոս", &["պետո"]),
    ("գագիկ", &["գագո"]),
    ("էդուարդ", &["էդիկ"]),
    ("ռոբերտ", &["ռոբո", "ռոբիկ"]),
    ("վահագն", &["վահո"]),
    ("հռիփսիմե", &["ռիփսիմե", "ռիփ"]),
    ("սուսաննա", &["սուսան"]),
    // Russian names as Armenians write them
    ("եկատերինա", &["կատյա"]),
    ("ալեքսանդրա", &["սաշա"]),
    ("ելենա", &["լենա"]),
    ("նատալյա", &["նատաշա"]),
    ("վլադիմիր", &["վոլոդյա", "վովա"]),
    ("դմիտրի", &["դիմա"]),
    ("սերգեյ", &["սերյոժա"]),
    ("օլգա", &["օլյա"]),
    ("տատյանա", &["տանյա"]),
    ("իրինա", &["իրա"]),
    ("սվետլանա", &["սվետա"]),
    ("միխայիլ", &["միշա"]),
    ("անաստասիա", &["նաստյա"]),
    // more usual Armenian short forms
    ("արմեն", &["արմո"]),
    ("դավիթ", &["դավո", "դատո"]),
    ("աշոտ", &["աշո"]),
    ("սուրեն", &["սուրո"]),
    ("արսեն", &["արսո"]),
    ("վարուժան", &["վարո"]),
    ("միքայել", &["միքո", "միշա"]),
    ("լեւոն", &["լեւո", "լյովա"]),
    ("գայանե", &["գայա"]),
    ("նարեկ", &["նարո"]),
    ("վահան", &["վահո"]),
    ("աբրահամ", &["աբո"]),
    ("էլիզաբեթ", &["լիզա", "էլիզա"]),
    ("ելիզավետա", &["լիզա"]),
    ("եղիշե", &["եղո"]),
    ("համլետ", &["համո"]),
    ("ռաֆայել", &["ռաֆո", "ռաֆիկ"]),
    ("վազգեն", &["վազո"]),
    ("գարեգին", &["գարո"]),
    ("սեդրակ", &["սեդո"]),
    ("արշակ", &["արշո"]),
    ("մհեր", &["մհո"]),
    ("շուշան", &["շուշո"]),
    ("զարուհի", &["զարո"]),
    ("լուսինե", &["լուսո"]),
    ("հրաչյա", &["հրաչ", "հրաչո"]),
    ("արտավազդ", &["արտո"]),
    ("անդրանիկ", &["անդո"]),
    ("ալբերտ", &["ալիկ"]),
    ("երվանդ", &["երո"]),
    ("սմբատ", &["սմբո"]),
    ("մարիա", &["մաշա"]),
    ("ալեքսեյ", &["ալյոշա"]),
    ("նիկոլայ", &["կոլյա"]),
    ("եւգենի", &["ժենյա"]),
    ("վիկտորիա", &["վիկա"]),
    ("անժելա", &["անժել"]),
    ("մարգարիտա", &["մարգո"]),
    // round 8: «Սաքո» is also Սահակ's usual short form (as Սարգիս's)
    ("սահակ", &["սաքո", "սահո"]),
    ("հայկ", &["հայկո"]),
    ("մանվել", &["մանո"]),
    ("վաչագան", &["վաչո"]),
    ("ժիրայր", &["ժիրո"]),
    ("սերոբ", &["սերո"]),
];

/// How Armenians spell out the capital letters of an acronym («ՄՏՍ» said
/// «էմ տե էս», «ՀԷՑ» said «հա է ցա»): the usual reading of each letter, and
/// a second one where speakers differ («մե», «սե», «ցե»).
const HY_LETTER_NAMES: &[(char, &str, &str)] = &[
    ('Ա', "ա", "ա"),
    ('Բ', "բե", "բե"),
    ('Գ', "գե", "գե"),
    ('Դ', "դե", "դե"),
    ('Ե', "ե", "ե"),
    ('Զ', "զե", "զե"),
    ('Է', "է", "է"),
    ('Ը', "ը", "ը"),
    ('Թ', "թե", "թե"),
    ('Ժ', "ժե", "ժե"),
    ('Ի', "ի", "ի"),
    ('Լ', "էլ", "լե"),
    ('Խ', "խե", "խա"),
    ('Ծ', "ծե", "ծա"),
    ('Կ', "կա", "կե"),
    ('Հ', "հա", "հե"),
    ('Ձ', "ձե", "ձա"),
    ('Ղ', "ղե", "ղա"),
    ('Ճ', "ճե", "ճա"),
    ('Մ', "էմ", "մե"),
    ('Յ', "յե", "յա"),
    ('Ն', "էն", "նե"),
    ('Շ', "շա", "շե"),
    ('Ո', "օ", "վո"),
    ('Չ', "չե", "չա"),
    ('Պ', "պե", "պա"),
    ('Ջ', "ջե", "ջա"),
    ('Ռ', "էռ", "ռե"),
    ('Ս', "էս", "սե"),
    ('Վ', "վե", "վա"),
    ('Տ', "տե", "տա"),
    ('Ր', "էր", "րե"),
    ('Ց', "ցա", "ցե"),
    ('Փ', "փե", "փա"),
    ('Ք', "քա", "քե"),
    ('Օ', "օ", "օ"),
    ('Ֆ', "էֆ", "ֆե"),
];

/// A company name with its Armenian acronyms spelled out letter by letter
/// as a recogniser writes them («Վիվա-ՄՏՍ» → «Վիվա էմ տե էս», «ՀԷՑ» →
/// «հա է ցա»): the usual reading of every letter, and the second reading
/// when it differs. An acronym is a word of 2 to 5 Armenian capitals; a
/// name without one gives nothing.
pub(crate) fn hy_letters_spelled(full: &str) -> Vec<String> {
    let words: Vec<&str> = full
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let letter = |c: char| HY_LETTER_NAMES.iter().find(|(l, _, _)| *l == c);
    let acronym =
        |w: &str| (2..=5).contains(&w.chars().count()) && w.chars().all(|c| letter(c).is_some());
    if !words.iter().any(|w| acronym(w)) {
        return Vec::new();
    }
    let spell = |second: bool| {
        words
            .iter()
            .map(|w| {
                if !acronym(w) {
                    return (*w).to_string();
                }
                let names: Vec<&str> = w
                    .chars()
                    .filter_map(letter)
                    .map(|(_, a, b)| if second { *b } else { *a })
                    .collect();
                names.join(" ")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (first, second) = (spell(false), spell(true));
    if first == second {
        vec![first]
    } else {
        vec![first, second]
    }
}

/// The other forms of the normalised first name `norm`: its short forms,
/// or the full names a short form stands for.
pub(crate) fn other_forms(norm: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (full, shorts) in SHORT_FORMS {
        if *full == norm {
            out.extend_from_slice(shorts);
        } else if shorts.contains(&norm) {
            out.push(full);
        }
    }
    out
}

/// The Russian short forms of a first name written in Latin letters in the
/// record (`Olga` → «оля», `Ekaterina` → «катя»): the forms of the
/// Cyrillic full name with the same skeleton. Empty for other names.
pub(crate) fn ru_short_forms_of_latin(norm: &str) -> Vec<&'static str> {
    if norm.chars().count() < 3 || !norm.chars().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let mut key = String::new();
    skeleton(norm, &mut key);
    let mut out = Vec::new();
    for (full, shorts) in SHORT_FORMS {
        if !full
            .chars()
            .next()
            .is_some_and(|c| ('а'..='я').contains(&c))
        {
            continue;
        }
        let mut other = String::new();
        skeleton(full, &mut other);
        if other == key {
            out.extend_from_slice(shorts);
        }
    }
    out
}

/// A Latin brand word respelled as Armenians and Russians say it, when that
/// differs from its letters: an English first «u» is «յու» / «ю» (`Ucom` →
/// «Յուքոմ»), «ee» and «ea» are «ի» / «и», a final «i…e» is «այ…» / «ай…»
/// and a final «e» is silent (`Beeline` → «Բիլայն», `Greenline` →
/// «Гринлайн»). `None` for other words.
pub(crate) fn hy_english_reading(word: &str) -> Option<String> {
    let w = word.to_lowercase();
    if w.chars().count() < 3 || !w.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let vowel = |c: u8| b"aeiouy".contains(&c);
    let b = w.as_bytes();
    let mut out = String::with_capacity(w.len() + 2);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let last = i + 1 == b.len();
        if i == 0 && c == b'u' && next.is_some_and(|n| !vowel(n)) {
            out.push_str("yu");
        } else if c == b'e' && matches!(next, Some(b'e' | b'a')) {
            out.push('i');
            i += 1;
        } else if c == b'i' && i + 3 == b.len() && !vowel(b[i + 1]) && b[i + 2] == b'e' {
            out.push_str("ai");
            out.push(b[i + 1] as char);
            break;
        } else if c == b'e' && last && i >= 3 && !vowel(b[i - 1]) {
            break;
        } else {
            out.push(c as char);
        }
        i += 1;
    }
    (out != w).then_some(out)
}

/// Russian first names whose feminine nominative is also a case form of
/// the masculine one («Евгения» is «Евгений» in the genitive), normalised:
/// (masculine, feminine).
const RU_GENDER_PAIRS: &[(&str, &str)] = &[
    ("александр", "александра"),
    ("антонин", "антонина"),
    ("богдан", "богдана"),
    ("валентин", "валентина"),
    ("валерий", "валерия"),
    ("виталий", "виталия"),
    ("владислав", "владислава"),
    ("евгений", "евгения"),
    ("мирослав", "мирослава"),
    ("станислав", "станислава"),
    ("юлий", "юлия"),
    ("ян", "яна"),
    ("ярослав", "ярослава"),
];

/// The nominative of the other name of a masculine/feminine pair, as a
/// code for [`ru_gender_form`]: a word in exactly that form names another
/// person, not a case form of `norm` («Евгения, подскажите» to a client
/// Евгений, «Евгений» to Евгения). A name is said to a person in the
/// nominative, so the genitive it shares («для Евгения») is given up.
pub(crate) fn ru_other_gender(norm: &str) -> Option<u8> {
    RU_GENDER_PAIRS.iter().enumerate().find_map(|(i, (m, f))| {
        let code = u8::try_from(i * 2).ok()?;
        if *m == norm {
            Some(code + 1)
        } else if *f == norm {
            Some(code)
        } else {
            None
        }
    })
}

/// The name a code of [`ru_other_gender`] stands for.
pub(crate) fn ru_gender_form(code: u8) -> &'static str {
    let (m, f) = RU_GENDER_PAIRS[usize::from(code / 2)];
    if code % 2 == 0 {
        m
    } else {
        f
    }
}

/// A number below 100 in the words of one language's tables (`units` 0–19,
/// `tens` by tens), the tens word and the unit word joined by `joiner`
/// («двадцать четыре», "twenty four", «քսանչորս»).
pub(crate) fn below_hundred(
    n: usize,
    units: &[&str; 20],
    tens: &[&str; 10],
    joiner: &str,
) -> String {
    if n < 20 {
        units[n].to_string()
    } else if n % 10 == 0 {
        tens[n / 10].to_string()
    } else {
        format!("{}{joiner}{}", tens[n / 10], units[n % 10])
    }
}

/// Russian number words: 0–19, then the tens.
const RU_UNITS: [&str; 20] = [
    "ноль",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const RU_TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];

/// Russian legal forms a company record carries but an operator does not
/// say («ООО «Северный ветер»» is said «Северный ветер»).
const RU_LEGAL_FORMS: &[&str] = &[
    "ооо", "оао", "зао", "пао", "ао", "нао", "ип", "ано", "нко", "фгуп", "гуп", "муп", "чоу",
    // insurers and public bodies: «СПАО «Ингосстрах»» is said «Ингосстрах»
    "спао", "сао", "гбу", "гбуз", "фгбу", "мбу", "мау", "гау",
    // the kind of company as letters: «СК «Гарант»» (страховая компания) is
    // said «страховая компания «Гарант»» or «Гарант»; «УК», «ТК», «ГК», «ТД»,
    // «МФО», «МКК» alike
    "ск", "ук", "тк", "гк", "тд", "мфо", "мкк",
];

/// A Russian company name without its leading or trailing legal form and
/// quotes («ООО «Северный ветер»» → «Северный ветер»); `None` when it has
/// none or nothing is left.
pub(crate) fn ru_without_legal_form(name: &str) -> Option<String> {
    let is_form = |w: &str| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        RU_LEGAL_FORMS.contains(&w.as_str())
    };
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let before = words.len();
    while words.len() > 1 && words.first().is_some_and(|w| is_form(w)) {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| is_form(w)) {
        words.pop();
    }
    if words.len() == before {
        return None;
    }
    let joined = words.join(" ");
    let quotes: &[char] = &['«', '»', '"', '“', '”', '„'];
    Some(joined.trim_matches(quotes).trim().to_string()).filter(|s| !s.is_empty())
}

/// A company name with its numbers said as a Russian recogniser writes
/// them («Теле2» → «Теле два», «Радио 7» → «Радио семь»), when it has a
/// number below 100; `None` otherwise.
pub(crate) fn ru_numbers_spelled(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut digits = String::new();
    let mut changed = false;
    let flush = |digits: &mut String, out: &mut String| -> bool {
        if digits.is_empty() {
            return true;
        }
        let Some(n) = digits.parse::<usize>().ok().filter(|n| *n < 100) else {
            return false;
        };
        let words = below_hundred(n, &RU_UNITS, &RU_TENS, " ");
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(&words);
        out.push(' ');
        digits.clear();
        true
    };
    for c in name.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            changed = true;
        } else {
            if !flush(&mut digits, &mut out) {
                return None;
            }
            out.push(c);
        }
    }
    if !flush(&mut digits, &mut out) {
        return None;
    }
    let spelled = out.split_whitespace().collect::<Vec<_>>().join(" ");
    changed.then_some(spelled)
}

/// English words that a clipped first name may not be (they are said for
/// other reasons all the time).
const CLIPPED_STOP: &[&str] = &[
    "and", "are", "can", "car", "her", "him", "his", "mar", "may", "the", "was", "will", "ann",
    "all", "art", "bet", "don", "man", "pat", "rob", "sue", "tim", "van",
];

/// Clipped forms of a Latin first name («Raj» for Rajesh, «Sam» for
/// Samantha): its prefixes of at least 3 letters and half its length,
/// except common words.
pub(crate) fn clipped_forms(norm: &str) -> Vec<String> {
    let chars: Vec<char> = norm.chars().collect();
    if chars.len() < 5 || !chars.iter().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let min = 3.max(chars.len().div_ceil(2));
    (min..chars.len())
        .map(|n| chars[..n].iter().collect::<String>())
        .filter(|p| !CLIPPED_STOP.contains(&p.as_str()))
        .collect()
}

/// Armenian definite article, possessive and case endings after a name,
/// longest first («Լիլիթը», «Լիլիթի», «Աննային», «Արարատից»).
pub(crate) const HY_ENDINGS: &[&str] = &[
    "յինը", "յին", "յից", "յով", "յում", "յի", "ին", "ից", "ով", "ում", "ը", "ն", "ի", "ս", "դ",
];

/// Russian patronymic endings in any case.
const PATRONYMIC: &[&str] = &[
    "овна",
    "овны",
    "овне",
    "овну",
    "овной",
    "евна",
    "евны",
    "евне",
    "евну",
    "евной",
    "ична",
    "ичны",
    "ичне",
    "ичну",
    "ичной",
    "ович",
    "овича",
    "овичу",
    "овичем",
    "овиче",
    "евич",
    "евича",
    "евичу",
    "евичем",
    "евиче",
    "ьич",
    "ьича",
    "ьичу",
    "ьичем",
    "инична",
    "иничны",
];

/// Russian patronymic endings written in Armenian letters («Սերգեևիչ»,
/// «Վլադիմիրովնա»), as Armenian calls name older clients.
const HY_PATRONYMIC: &[&str] = &[
    "ովիչ", "եվիչ", "եւիչ", "ևիչ", "ովնա", "եվնա", "եւնա", "ևնա", "իչնա",
];

/// Whether the normalised word looks like a Russian patronymic, in
/// Cyrillic or in Armenian letters (then also with an Armenian case
/// ending: «Սերգեևիչին»).
pub fn is_patronymic(norm: &str) -> bool {
    // «Ильич», «Фомич», «Лукич»: five letters
    let short =
        norm.chars().count() == 5 && ["ьич", "мич", "кич"].iter().any(|e| norm.ends_with(e));
    short
        || norm.chars().count() >= 6
            && (PATRONYMIC.iter().any(|e| norm.ends_with(e))
                || HY_PATRONYMIC.iter().any(|e| {
                    norm.ends_with(e) || hy_strip_ending(norm).is_some_and(|base| base.ends_with(e))
                }))
}

/// The first name a patronymic is made of («сергеевич» → «серге»,
/// «սերգեյևիչին» → «սերգեյ»): the word without its patronymic ending (and
/// an Armenian case ending after it); the word itself when it has none.
pub(crate) fn patronymic_root(norm: &str) -> &str {
    let base = hy_strip_ending(norm)
        .filter(|b| HY_PATRONYMIC.iter().any(|e| b.ends_with(e)))
        .unwrap_or(norm);
    PATRONYMIC
        .iter()
        .chain(HY_PATRONYMIC)
        .filter(|e| base.ends_with(**e))
        .max_by_key(|e| e.len())
        .map_or(base, |e| &base[..base.len() - e.len()])
}

/// The article and the copula a recogniser writes glued to a name
/// («Գոհարն եմ» as «գոհարնեմ», «Գոհարն է» as «գոհարնե», «Գոհար եմ» as
/// «գոհարեմ»).
const HY_GLUED_COPULA: &[&str] = &["նեմ", "նէ", "նե", "եմ"];

/// Whether `norm` is `base` plus one of [`HY_ENDINGS`], or plus the article
/// and a copula glued on ([`HY_GLUED_COPULA`]).
pub(crate) fn hy_has_ending(norm: &str, base: &str) -> bool {
    norm.strip_prefix(base).is_some_and(|rest| {
        rest.is_empty() || HY_ENDINGS.contains(&rest) || HY_GLUED_COPULA.contains(&rest)
    })
}

/// Strips the case ending of a name in the script it is written in.
fn base_form(norm: &str) -> &str {
    let Some(first) = norm.chars().next() else {
        return norm;
    };
    match first {
        'а'..='я' => crate::slots::name_key(crate::Language::Ru, norm),
        '\u{0561}'..='\u{0587}' => {
            for ending in HY_ENDINGS {
                if let Some(rest) = norm.strip_suffix(ending) {
                    if rest.chars().count() >= 3 {
                        return rest;
                    }
                }
            }
            norm
        }
        _ => norm,
    }
}

/// The skeleton letters of one character (`prev` is the character before).
fn map_char(c: char, prev: char) -> &'static str {
    match c {
        'a' | 'а' | 'ա' | 'o' | 'о' | 'օ' => "a",
        'b' | 'б' | 'բ' | 'p' | 'п' | 'պ' | 'փ' => "p",
        'v' | 'в' | 'վ' | 'w' | 'f' | 'ф' | 'ֆ' => "f",
        'g' | 'г' | 'գ' | 'k' | 'к' | 'կ' | 'ք' | 'q' | 'c' => "k",
        'd' | 'д' | 'դ' | 't' | 'т' | 'տ' | 'թ' => "t",
        'e' | 'е' | 'ё' | 'э' | 'ե' | 'է' => "e",
        'z' | 'з' | 'զ' | 's' | 'с' | 'ս' => "s",
        'ж' | 'ш' | 'щ' | 'ժ' | 'շ' => "sh",
        'i' | 'и' | 'ы' | 'й' | 'y' | 'j' | 'ի' | 'յ' => "i",
        'l' | 'л' | 'լ' => "l",
        'm' | 'м' | 'մ' => "m",
        'n' | 'н' | 'ն' => "n",
        'r' | 'р' | 'ր' | 'ռ' => "r",
        'u' | 'у' => "u",
        'ւ' if prev == 'ո' => "u",
        'ւ' if prev == 'ե' => "f",
        'ո' => "a",
        'h' | 'х' | 'հ' | 'խ' | 'ղ' => "h",
        'ц' | 'ծ' | 'ձ' | 'ց' => "ts",
        'ч' | 'ճ' | 'չ' | 'ջ' => "ch",
        'ю' => "iu",
        'я' => "ia",
        'x' => "ks",
        'և' => "ef",
        '0' => "0",
        '1' => "1",
        '2' => "2",
        '3' => "3",
        '4' => "4",
        '5' => "5",
        '6' => "6",
        '7' => "7",
        '8' => "8",
        '9' => "9",
        _ => "",
    }
}

fn push_skeleton(c: char, prev: char, out: &mut String) {
    if c == 'ւ' && prev == 'ո' {
        // «ու» is one vowel: replace the «a» pushed for «ո».
        out.pop();
    }
    for m in map_char(c, prev).chars() {
        if !out.ends_with(m) {
            out.push(m);
        }
    }
}

/// The first skeleton letter of a normalised word, without allocating.
/// Armenian «ու» at the start is one vowel, as in [`skeleton`] («Ուկոմ»
/// leads with «u», not with the «a» of «ո» alone).
pub(crate) fn skeleton_lead(norm: &str) -> Option<char> {
    if norm.starts_with("ու") {
        return Some('u');
    }
    norm.chars().find_map(|c| map_char(c, '\0').chars().next())
}

/// The phonetic skeleton of normalised words: letters of any of the three
/// scripts mapped to one Latin letter each, voiced and voiceless pairs
/// merged, «о»/«а» merged, soft signs dropped, doubled letters single.
pub(crate) fn skeleton(norm: &str, out: &mut String) {
    // A Latin «ye» at the start is Russian «Е» and Armenian «Ե» said at the
    // start of a word (`Yelena` = «Елена», `Yevgeny` = «Евгений»).
    let norm = norm
        .strip_prefix('y')
        .filter(|r| r.starts_with('e'))
        .unwrap_or(norm);
    let mut prev = '\0';
    for c in norm.chars() {
        let c2 = match (prev, c) {
            ('p', 'h') => {
                out.pop();
                'f'
            }
            ('t', 'h') | ('c', 'k') => {
                prev = c;
                continue;
            }
            _ => c,
        };
        push_skeleton(c2, prev, out);
        prev = c;
    }
}

/// [`loose_key`] of the whole word, without removing a case ending
/// («Կարեն» ends in «ն», which is also an article).
pub(crate) fn loose_key_whole(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    skeleton(norm, &mut out);
    while out.len() > 2 && out.ends_with(['a', 'e', 'i', 'u']) {
        out.pop();
    }
    out
}

/// The key that compares one name word with a recogniser's spelling of it
/// in the same script: doubled letters single, «c»/«q» as «k», «y» as «i»,
/// «ph» as «f», an «h» after another consonant dropped, a final «e»
/// dropped, «ё» as «е», «й» as «и», a soft sign before a vowel as «и»
/// (Conor = Connor, Katherine = Catherine, «Наталия» = «Наталья»). Unlike
/// [`loose_key`] it keeps vowels and voicing apart (Kate is not Good),
/// except in Armenian, whose stop triples (բ/պ/փ, գ/կ/ք, դ/տ/թ, ձ/ծ/ց,
/// ջ/ճ/չ) a recogniser confuses, as it drops an «հ» and writes «և» as «եվ».
pub(crate) fn spelling_key(norm: &str) -> String {
    spelling(norm).collect()
}

/// Whether `norm` has the spelling key `key`, without allocating.
pub(crate) fn has_spelling_key(norm: &str, key: &str) -> bool {
    spelling(norm).eq(key.chars())
}

/// An Armenian word without its case ending or article, when it has one
/// and 2 or more letters are left («բանկից» → «բանկ», «ջրից» → «ջր»);
/// `None` for other words and scripts.
pub(crate) fn hy_strip_ending(norm: &str) -> Option<&str> {
    if !norm.starts_with(|c| ('\u{0561}'..='\u{0587}').contains(&c)) {
        return None;
    }
    HY_ENDINGS.iter().find_map(|ending| {
        norm.strip_suffix(ending)
            .filter(|rest| rest.chars().nth(1).is_some())
    })
}

/// Whether the Armenian word `norm` is a word with spelling key `key`
/// followed by an article or a case ending («նարեգը» for «Նարեկ», «լիլիտին»
/// for «Լիլիթ»); the word left keeps 4 or more letters.
pub(crate) fn hy_ending_has_spelling_key(norm: &str, key: &str) -> bool {
    norm.starts_with(|c| ('\u{0561}'..='\u{0587}').contains(&c))
        && HY_ENDINGS.iter().any(|ending| {
            norm.strip_suffix(ending)
                .is_some_and(|rest| rest.chars().nth(3).is_some() && has_spelling_key(rest, key))
        })
}

/// The first letter of [`spelling_key`] of `norm`, without allocating.
pub(crate) fn spelling_lead(norm: &str) -> Option<char> {
    spelling(norm).next()
}

/// The letters of [`spelling_key`], one by one.
fn spelling(norm: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = norm.chars().peekable();
    let mut prev = '\0';
    let mut last = '\0';
    let mut index = 0usize;
    std::iter::from_fn(move || loop {
        let c = chars.next()?;
        let next = chars.peek().copied();
        let before = std::mem::replace(&mut prev, c);
        let at = index;
        index += 1;
        let mapped = match c {
            'c' | 'q' => 'k',
            'y' => 'i',
            'ё' => 'е',
            'й' => 'и',
            'p' if next == Some('h') => 'f',
            'h' if at > 0 && before.is_ascii_alphabetic() && !"aeiou".contains(before) => continue,
            'ь' | 'ъ' if next.is_some_and(|n| "аеиоуыэюя".contains(n)) => 'и',
            'ь' | 'ъ' => continue,
            'e' if next.is_none() && at >= 3 => continue,
            // Armenian: a recogniser (and Western against Eastern speech)
            // swaps the voiced, voiceless and aspirated stops of a triple,
            // drops an «հ» and writes «և» as «եվ» (Լիլիտ = Լիլիթ, Նարեգ =
            // Նարեկ, Անահիդ = Անահիտ, Զարուի = Զարուհի, Ասմիկ = Հասմիկ,
            // Գեվորք = Գևորգ).
            'բ' | 'պ' | 'փ' => 'պ',
            'գ' | 'կ' | 'ք' => 'կ',
            'դ' | 'տ' | 'թ' => 'տ',
            'ձ' | 'ծ' | 'ց' => 'ծ',
            'ջ' | 'ճ' | 'չ' => 'ճ',
            'ռ' => 'ր',
            'է' => 'ե',
            'օ' => 'ո',
            'հ' => continue,
            'ե' if matches!(next, Some('վ' | 'ւ')) => continue,
            'և' => 'վ',
            'ւ' if before == 'ե' => 'վ',
            _ => c,
        };
        if mapped != last {
            last = mapped;
            return Some(mapped);
        }
    })
}

/// The key that compares one name word across scripts and case forms:
/// the skeleton of its base form without final vowels (`Olga`, «Ольга»,
/// «Ольге», «Օլգային» → `alk`).
pub(crate) fn loose_key(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    skeleton(base_form(norm), &mut out);
    while out.len() > 2 && out.ends_with(['a', 'e', 'i', 'u']) {
        out.pop();
    }
    out
}

/// Whether two words whose [`loose_key`]s are equal and of 2 letters or
/// fewer keep their final vowels apart: `Ani` is not «Աննա», though both
/// keys are `an`, while `Anna` is «Анну» (one skeleton begins the other).
pub(crate) fn short_keys_differ(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (String::new(), String::new());
    skeleton(base_form(a), &mut x);
    skeleton(base_form(b), &mut y);
    !x.starts_with(&*y) && !y.starts_with(&*x)
}

/// Optimal-string-alignment distance of two short strings, or `None` when
/// it exceeds `max`.
pub(crate) fn within(a: &str, b: &str, max: usize) -> bool {
    // No edits allowed (keys up to 5 letters): the distance is 0 only for
    // equal strings, without building the table.
    if max == 0 {
        return a == b;
    }
    // Keys are short: letters and the three table rows fit on the stack.
    let (mut a_buf, mut b_buf) = (['\0'; SHORT], ['\0'; SHORT]);
    match (chars_into(a, &mut a_buf), chars_into(b, &mut b_buf)) {
        (Some(a), Some(b)) => {
            let mut rows = [0usize; 3 * (SHORT + 1)];
            distance_within(a, b, max, &mut rows)
        }
        _ => {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let mut rows = vec![0usize; 3 * (b.len() + 1)];
            distance_within(&a, &b, max, &mut rows)
        }
    }
}

/// Letters of a key [`within`] compares without allocating.
const SHORT: usize = 32;

/// The letters of `s` in `buf`, or `None` when it has more than [`SHORT`].
fn chars_into<'a>(s: &str, buf: &'a mut [char; SHORT]) -> Option<&'a [char]> {
    let mut n = 0;
    for c in s.chars() {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    Some(&buf[..n])
}

/// [`within`] on letters, keeping three rows of the table in `rows`
/// (`3 * (b.len() + 1)` cells or more).
fn distance_within(a: &[char], b: &[char], max: usize, rows: &mut [usize]) -> bool {
    if a.len().abs_diff(b.len()) > max || letters_apart(a, b) > max {
        return false;
    }
    let w = b.len() + 1;
    for (j, cell) in rows.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = ((i % 3) * w, ((i - 1) % 3) * w, ((i + 1) % 3) * w);
        rows[cur] = i;
        let mut row_min = usize::MAX;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2 + j - 2] + 1);
            }
            rows[cur + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return false;
        }
    }
    rows[(a.len() % 3) * w + b.len()] <= max
}

/// A lower bound of the edit distance of `a` and `b` that costs one pass
/// over each: the letters (by `c % 64`) of one key that the other lacks.
/// Each edit (insertion, deletion, substitution, transposition) adds at
/// most one letter to the letters one key has and the other lacks, so keys
/// that differ by more letters than the budget are rejected before the
/// table, as most joined company skeletons against a token's are.
fn letters_apart(a: &[char], b: &[char]) -> usize {
    let bits = |s: &[char]| s.iter().fold(0u64, |m, &c| m | 1 << (u32::from(c) % 64));
    let (a, b) = (bits(a), bits(b));
    (a & !b).count_ones().max((b & !a).count_ones()) as usize
}

/// Edits a name key of this length may differ by: none up to 5 letters,
/// then one, and two from 12 letters (multi-word company names).
pub(crate) fn budget(len: usize) -> usize {
    match len {
        0..=5 => 0,
        6..=11 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The optimal-string-alignment distance by the full table.
    fn distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn within_agrees_with_the_full_table() {
        let long = "greenfieldinsurancegroupholdingsltd";
        let words = [
            "",
            "a",
            "alk",
            "akla",
            "kranfild",
            "krinfild",
            "krinfilt",
            "rkinfild",
            "arpatsirfis",
            "arpatsirvis",
            long,
            "greenfieldinsurancegroupholdingslt",
            "greenfieldinsurancegruopholdingsltd",
        ];
        for a in words {
            for b in words {
                let d = distance(a, b);
                for max in 0..4 {
                    // An empty second key is never within reach of a
                    // non-empty one (the table has no column to pass).
                    let want = d <= max && (a.is_empty() || !b.is_empty());
                    assert_eq!(within(a, b, max), want, "{a:?} {b:?} {max}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The letter bound never rejects keys the table accepts: `within`
        /// agrees with the full table on random keys of few letters (so
        /// that many pairs are within reach), in and out of [`SHORT`].
        #[test]
        fn within_with_the_letter_bound_agrees_with_the_full_table(
            a in "[abkrnt\u{0561}]{0,9}|[abk]{30,36}",
            b in "[abkrnt\u{0561}]{0,9}|[abk]{30,36}",
            max in 0usize..4,
        ) {
            let want = distance(&a, &b) <= max && (a.is_empty() || !b.is_empty());
            proptest::prop_assert_eq!(within(&a, &b, max), want);
            let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert!(letters_apart(&ac, &bc) <= distance(&a, &b));
        }
    }

    #[test]
    fn spelling_keys_match_a_recognisers_spellings_only() {
        for (a, b) in [
            ("connor", "conor"),
            ("catherine", "katherine"),
            ("наталья", "наталия"),
            ("philip", "filip"),
            ("alyona", "alyonna"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} {b}");
            assert!(has_spelling_key(b, &spelling_key(a)), "{a} {b}");
        }
        for (a, b) in [
            ("լիլիթ", "լիլիտ"),
            ("նարեկ", "նարեգ"),
            ("անահիտ", "անահիդ"),
            ("զարուհի", "զարուի"),
            ("գոհար", "կոհառ"),
            ("հասմիկ", "ասմիկ"),
            ("գևորգ", "գեվորք"),
            ("գևորգ", "գեւորգ"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} {b}");
        }
        assert_eq!(hy_strip_ending("բանկից"), Some("բանկ"));
        assert_eq!(hy_strip_ending("ջրից"), Some("ջր"));
        assert_eq!(hy_strip_ending("ից"), None);
        assert_eq!(hy_strip_ending("bankits"), None);
        assert!(hy_ending_has_spelling_key("նարեգը", &spelling_key("նարեկ")));
        assert!(hy_ending_has_spelling_key(
            "լիլիտին",
            &spelling_key("լիլիթ")
        ));
        assert!(!hy_ending_has_spelling_key("նարեկ", &spelling_key("նարեկ")));
        assert!(!hy_ending_has_spelling_key(
            "nareki",
            &spelling_key("nareki")
        ));
        assert!(!hy_ending_has_spelling_key("անին", &spelling_key("անի")));
        for (a, b) in [
            ("արամ", "արման"),
            ("լիլիթ", "լիանա"),
            ("նարեկ", "նաիրա"),
            ("kate", "good"),
            ("dan", "don"),
            ("ольга", "олег"),
            ("maria", "marina"),
        ] {
            assert_ne!(spelling_key(a), spelling_key(b), "{a} {b}");
        }
    }

    #[test]
    fn keys_across_scripts_and_cases() {
        let same = [
            ("olga", "ольга"),
            ("olga", "ольге"),
            ("olga", "օլգա"),
            ("lilit", "լիլիթ"),
            ("лилит", "լիլիթը"),
            ("sergey", "сергей"),
            ("tatiana", "татьяна"),
            ("ekaterina", "екатерину"),
            ("yulia", "юлия"),
            ("yelena", "елена"),
            ("yevgeny", "евгений"),
        ];
        for (a, b) in same {
            let (ka, kb) = (loose_key(a), loose_key(b));
            assert!(
                within(&ka, &kb, budget(ka.len().max(kb.len()))),
                "{a} {ka} / {b} {kb}"
            );
        }
        assert!(short_keys_differ("ani", "աննա"));
        assert!(!short_keys_differ("anna", "анну"));
        assert!(!short_keys_differ("ani", "անին"));
        assert!(!short_keys_differ("ann", "анна"));
        let different = [("анна", "инна"), ("olga", "ольгерд"), ("иван", "игорь")];
        for (a, b) in different {
            let (ka, kb) = (loose_key(a), loose_key(b));
            assert!(
                !within(&ka, &kb, budget(ka.len().max(kb.len()))),
                "{a} {ka} / {b} {kb}"
            );
        }
    }

    #[test]
    fn acronyms_spelled_letter_by_letter() {
        assert_eq!(
            hy_letters_spelled("Վիվա-ՄՏՍ"),
            ["Վիվա էմ տե էս", "Վիվա մե տա սե"]
        );
        assert_eq!(hy_letters_spelled("ՀԷՑ"), ["հա է ցա", "հե է ցե"]);
        assert!(hy_letters_spelled("Արարատ Բանկ").is_empty());
        // one capital is no acronym, nor are six
        assert!(hy_letters_spelled("Ա Բանկ").is_empty());
        assert!(hy_letters_spelled("ԱԲԳԴԵԶ").is_empty());
        let lisa = other_forms("էլիզաբեթ");
        assert!(lisa.contains(&"լիզա"), "{lisa:?}");
    }

    #[test]
    fn short_forms_both_ways() {
        assert!(other_forms("александр").contains(&"саша"));
        assert!(other_forms("саша").contains(&"александр"));
        assert!(ru_short_forms_of_latin("olga").contains(&"оля"));
        assert!(ru_short_forms_of_latin("ekaterina").contains(&"катя"));
        assert!(ru_short_forms_of_latin("ольга").is_empty());
        assert!(ru_short_forms_of_latin("smith").is_empty());
        assert!(other_forms("william").contains(&"bill"));
        assert!(other_forms("bill").contains(&"william"));
        assert!(other_forms("kasia").contains(&"katarzyna"));
        assert!(other_forms("rebecca").contains(&"bec"));
        assert!(other_forms("ольга").contains(&"оля"));
        // the affectionate form an operator may use («Сашенька, …»)
        assert!(other_forms("александра").contains(&"сашенька"));
        assert!(other_forms("сашенька").contains(&"александра"));
        assert!(other_forms("եկատերինա").contains(&"կատյա"));
        assert!(other_forms("գեւո").contains(&"գեւորգ"));
        assert!(other_forms("հովիկ").contains(&"հովհաննես"));
        assert!(other_forms("հովհաննես").contains(&"օնիկ"));
        assert!(other_forms("դավո").contains(&"դավիթ"));
        assert!(other_forms("մարգարիտա").contains(&"մարգո"));
        assert!(other_forms("սարգիս").contains(&"սարգս"));
        // one short form for two names: «Սաքո» is Սարգիս or Սահակ
        assert!(other_forms("սաքո").contains(&"սարգիս"));
        assert!(other_forms("սաքո").contains(&"սահակ"));
        assert!(other_forms("սահակ").contains(&"սաքո"));
    }

    #[test]
    fn latin_brands_read_as_armenians_say_them() {
        assert_eq!(hy_english_reading("Ucom").as_deref(), Some("yucom"));
        assert_eq!(hy_english_reading("Beeline").as_deref(), Some("bilain"));
        assert_eq!(hy_english_reading("Unibank").as_deref(), Some("yunibank"));
        assert_eq!(hy_english_reading("Armenia"), None);
        assert_eq!(hy_english_reading("Ararat"), None);
        assert_eq!(hy_english_reading("Արարատ"), None);
        let (mut a, mut b) = (String::new(), String::new());
        skeleton("yucom", &mut a);
        skeleton("յուքոմ", &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn skeleton_lead_is_the_first_letter_of_the_skeleton() {
        for word in [
            "ուկոմ",
            "ուքոմ",
            "ունիբանկ",
            "ոսկի",
            "յուքոմ",
            "արարատ",
            "ucom",
            "ольга",
            "ёлка",
        ] {
            let mut skel = String::new();
            skeleton(word, &mut skel);
            assert_eq!(skeleton_lead(word), skel.chars().next(), "{word}");
        }
    }

    #[test]
    fn russian_legal_forms_left_out_of_company_names() {
        assert_eq!(
            ru_without_legal_form("ООО «Северный ветер»").as_deref(),
            Some("Северный ветер")
        );
        assert_eq!(
            ru_without_legal_form("Ромашка ООО").as_deref(),
            Some("Ромашка")
        );
        assert_eq!(
            ru_without_legal_form("АО «Восход»").as_deref(),
            Some("Восход")
        );
        assert_eq!(
            ru_without_legal_form("СК Гарант").as_deref(),
            Some("Гарант")
        );
        assert_eq!(
            ru_without_legal_form("УК «Уютный дом»").as_deref(),
            Some("Уютный дом")
        );
        assert_eq!(ru_without_legal_form("Северный ветер"), None);
        assert_eq!(ru_without_legal_form("ООО"), None);
        assert_eq!(ru_without_legal_form("Аорта"), None);
    }

    #[test]
    fn numbers_in_company_names_spelled() {
        assert_eq!(ru_numbers_spelled("Теле2").as_deref(), Some("Теле два"));
        assert_eq!(ru_numbers_spelled("Радио 7").as_deref(), Some("Радио семь"));
        assert_eq!(
            ru_numbers_spelled("Клиника 21 век").as_deref(),
            Some("Клиника двадцать один век")
        );
        assert_eq!(ru_numbers_spelled("Ромашка"), None);
        assert_eq!(ru_numbers_spelled("Офис 2024"), None);
    }

    #[test]
    fn masculine_and_feminine_names_both_ways() {
        let other = |norm| ru_other_gender(norm).map(ru_gender_form);
        assert_eq!(other("евгений"), Some("евгения"));
        assert_eq!(other("евгения"), Some("евгений"));
        assert_eq!(other("александр"), Some("александра"));
        assert_eq!(other("ярослава"), Some("ярослав"));
        assert_eq!(ru_other_gender("ольга"), None);
        assert_eq!(ru_other_gender("иван"), None);
    }

    #[test]
    fn clipped_latin_names() {
        assert!(clipped_forms("rajesh").contains(&"raj".to_string()));
        assert!(clipped_forms("samantha").contains(&"sama".to_string()));
        assert!(!clipped_forms("william").contains(&"will".to_string()));
        assert!(clipped_forms("анна").is_empty());
        assert!(clipped_forms("olga").is_empty());
    }

    #[test]
    fn patronymics_and_armenian_endings() {
        assert!(is_patronymic("сергеевна"));
        assert!(is_patronymic("викторовной"));
        assert!(is_patronymic("петровича"));
        assert!(!is_patronymic("иванова"));
        assert!(is_patronymic("վլադիմիրովիչ"));
        assert_eq!(patronymic_root("сергеевич"), "серге");
        assert_eq!(patronymic_root("սերգեյևիչին"), "սերգեյ");
        assert_eq!(patronymic_root("վլադիմիրովիչ"), "վլադիմիր");
        assert!(is_patronymic("սերգեևնային"));
        assert!(!is_patronymic("հովհաննիսյան"));
        assert!(!is_patronymic("արարատ"));
        assert!(hy_has_ending("լիլիթը", "լիլիթ"));
        assert!(hy_has_ending("լիլիթի", "լիլիթ"));
        assert!(hy_has_ending("աննային", "աննա"));
        assert!(!hy_has_ending("լիլիթա", "լիլիթ"));
        // the article and the copula glued on by a recogniser
        let glued: &[(&str, &str, bool)] = &[
            ("գոհարնեմ", "գոհար", true),
            ("գոհարնե", "գոհար", true),
            ("աննանէ", "աննա", true),
            ("գոհարեմ", "գոհար", true),
            ("գոհարնեմը", "գոհար", false),
            ("գոհարներ", "գոհար", false),
        ];
        for (word, base, want) in glued {
            assert_eq!(hy_has_ending(word, base), *want, "{word}");
        }
    }
}
