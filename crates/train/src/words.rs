//! The training's own words in Russian, English and Armenian: the
//! situations of the quiz's slots and the prompts of the quiz and the
//! simulator. Rule titles and descriptions come from the standard.

use callqa_model::Lang;

fn pick(lang: Lang, ru: &str, en: &str, hy: &str) -> String {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
        Lang::Hy => hy,
    }
    .to_string()
}

/// The situation of a slot of a model call, as a question.
pub fn situation(lang: Lang, slot: &str) -> String {
    let (ru, en, hy) = match slot {
        "opening" => (
            "Входящий звонок, 10 утра. Вы снимаете трубку. Что сказать?",
            "An inbound call at 10 a.m. You pick up. What do you say?",
            "Մուտքային զանգ, առավոտյան 10-ը։ Դուք վերցնում եք լսափողը։ Ի՞նչ ասել։",
        ),
        "hold_ask" => (
            "Клиента нужно поставить на удержание, чтобы проверить счёт. Что сказать?",
            "You need to put the client on hold to check the bill. What do you say?",
            "Պետք է հաճախորդին սպասման դնել՝ հաշիվը ստուգելու համար։ Ի՞նչ ասել։",
        ),
        "hold_back" => (
            "Вы снимаете клиента с удержания. Что сказать первым?",
            "You take the client off hold. What do you say first?",
            "Դուք հաճախորդին հանում եք սպասումից։ Ի՞նչ ասել նախ։",
        ),
        "middle" => (
            "Вы объясняете клиенту решение. Какую из этих фраз можно сказать?",
            "You explain the solution to the client. Which of these may you say?",
            "Դուք հաճախորդին բացատրում եք լուծումը։ Այս արտահայտություններից ո՞րը կարելի է ասել։",
        ),
        "further" => (
            "Вопрос клиента решён, разговор подходит к концу. Что спросить?",
            "The client's question is solved and the call is ending. What do you ask?",
            "Հաճախորդի հարցը լուծված է, զրույցն ավարտվում է։ Ի՞նչ հարցնել։",
        ),
        "thanks" => (
            "Клиенту больше ничего не нужно. Чем закончить разговор?",
            "The client needs nothing else. How do you end the call?",
            "Հաճախորդին այլևս ոչինչ պետք չէ։ Ինչո՞վ ավարտել զրույցը։",
        ),
        "farewell" => (
            "Вы поблагодарили клиента за звонок. Что сказать на прощание?",
            "You thanked the client for calling. What do you say last?",
            "Դուք շնորհակալություն հայտնեցիք զանգի համար։ Ի՞նչ ասել հրաժեշտին։",
        ),
        "time_check" => (
            "Исходящий звонок клиенту Ивану: вы представились и назвали цель звонка. Что спросить?",
            "An outbound call: you introduced yourself and said why you call. What do you ask?",
            "Ելքային զանգ․ դուք ներկայացաք և ասացիք զանգի նպատակը։ Ի՞նչ հարցնել։",
        ),
        "reschedule" => (
            "Клиент говорит: «Мне сейчас неудобно, я занят». Что ответить?",
            "The client says: \"Not a good time, I'm busy right now.\" What do you answer?",
            "Հաճախորդն ասում է․ «Հիմա հարմար չէ, զբաղված եմ»։ Ի՞նչ պատասխանել։",
        ),
        _ => (
            "Что сказать оператору?",
            "What should the operator say?",
            "Ի՞նչ պետք է ասի օպերատորը։",
        ),
    };
    pick(lang, ru, en, hy)
}

/// "What is wrong with this opening?" and the words shown.
pub fn what_is_wrong(lang: Lang, slot: &str, said: &str) -> String {
    let q = match slot {
        "opening" => pick(
            lang,
            "Входящий звонок, 10 утра. Оператор снимает трубку и говорит:",
            "An inbound call at 10 a.m. The operator picks up and says:",
            "Մուտքային զանգ, առավոտյան 10-ը։ Օպերատորը վերցնում է լսափողը և ասում․",
        ),
        "intro" => pick(
            lang,
            "Исходящий звонок клиенту по имени Иван, 10 утра. Оператор начинает разговор:",
            "An outbound call to a client named John at 10 a.m. The operator begins:",
            "Ելքային զանգ Արամ անունով հաճախորդին, առավոտյան 10-ը։ Օպերատորը սկսում է զրույցը․",
        ),
        _ => pick(
            lang,
            "Исходящий звонок клиенту Ивану; ему неудобно говорить, он просит перезвонить завтра в десять. Оператор заканчивает разговор:",
            "An outbound call to John; it is not a good time, he asks for a call tomorrow at ten. The operator ends the call:",
            "Ելքային զանգ Արամին․ նրան հարմար չէ, խնդրում է վաղը ժամը տասին զանգել։ Օպերատորն ավարտում է զրույցը․",
        ),
    };
    let ask = pick(
        lang,
        "Какое правило стандарта нарушено?",
        "Which rule of the standard does this break?",
        "Ստանդարտի ո՞ր կանոնն է խախտված։",
    );
    format!("{q}\n   «{said}»\n{ask}")
}

/// Why a "what is wrong" option is not the answer.
pub fn passed_here(lang: Lang) -> String {
    pick(
        lang,
        "это правило здесь выполнено",
        "this rule is met here",
        "այս կանոնն այստեղ պահպանված է",
    )
}

/// The words of the quiz and simulator screens.
pub struct Ui {
    /// "Question".
    pub question: String,
    /// The answer prompt.
    pub answer_prompt: String,
    /// An answer that is not a number of an option.
    pub not_an_option: String,
    /// "Right!".
    pub right: String,
    /// "Wrong.".
    pub wrong: String,
    /// "The right answer:".
    pub right_answer: String,
    /// "Why:".
    pub why: String,
    /// "Rule:".
    pub rule: String,
    /// "Result:".
    pub result: String,
    /// "passed" / "not passed".
    pub passed: String,
    /// Not passed.
    pub not_passed: String,
    /// "Client".
    pub client: String,
    /// "You".
    pub you: String,
    /// The simulator's help.
    pub help: String,
    /// "Score".
    pub score: String,
}

/// The screen words of `lang`.
pub fn ui(lang: Lang) -> Ui {
    let p = |ru: &str, en: &str, hy: &str| pick(lang, ru, en, hy);
    Ui {
        question: p("Вопрос", "Question", "Հարց"),
        answer_prompt: p("Ваш ответ (1–4): ", "Your answer (1-4): ", "Ձեր պատասխանը (1–4)․ "),
        not_an_option: p(
            "введите номер варианта, от 1 до 4",
            "type the number of an option, 1 to 4",
            "մուտքագրեք տարբերակի համարը, 1-ից 4",
        ),
        right: p("Верно!", "Right!", "Ճիշտ է։"),
        wrong: p("Неверно.", "Wrong.", "Սխալ է։"),
        right_answer: p("Правильный ответ:", "The right answer:", "Ճիշտ պատասխանը․"),
        why: p("Почему нет:", "Why not:", "Ինչու ոչ․"),
        rule: p("Правило:", "Rule:", "Կանոն․"),
        result: p("Результат", "Result", "Արդյունք"),
        passed: p("сдано", "passed", "հանձնված է"),
        not_passed: p("не сдано", "not passed", "հանձնված չէ"),
        client: p("Клиент", "Client", "Հաճախորդ"),
        you: p("Вы", "You", "Դուք"),
        help: p(
            "Вы — оператор. Введите свою реплику и нажмите Enter. Команды:\n  /hold      поставить клиента на удержание\n  /unhold    снять с удержания\n  /wait N    помолчать N секунд (по умолчанию 10)\n  /transfer  перевести звонок\n  /hangup [слова]  сказать последние слова и положить трубку первым\n  /callback  перезвонить клиенту (после обрыва связи)\n  /help      эта справка\n  /quit      закончить тренировку\nЗвонок кончается, когда трубку кладёт клиент или вы; Ctrl-D — клиент кладёт трубку.",
            "You are the operator. Type your line and press Enter. Commands:\n  /hold      put the client on hold\n  /unhold    take the client off hold\n  /wait N    stay silent N seconds (default 10)\n  /transfer  transfer the call\n  /hangup [words]  say your last words and hang up yourself\n  /callback  call the client back (after a dropped line)\n  /help      this help\n  /quit      stop the training\nThe call ends when the client or you hang up; Ctrl-D makes the client hang up.",
            "Դուք օպերատորն եք։ Մուտքագրեք ձեր խոսքը և սեղմեք Enter։ Հրամաններ․\n  /hold      դնել հաճախորդին սպասման\n  /unhold    հանել սպասումից\n  /wait N    լռել N վայրկյան (լռելյայն 10)\n  /transfer  փոխանցել զանգը\n  /hangup [բառեր]  ասել վերջին խոսքը և անջատել առաջինը\n  /callback  հետ զանգել հաճախորդին (կապի խզումից հետո)\n  /help      այս օգնությունը\n  /quit      ավարտել վարժանքը\nԶանգն ավարտվում է, երբ հաճախորդը կամ դուք անջատում եք․ Ctrl-D՝ հաճախորդն անջատում է։",
        ),
        score: p("Оценка", "Score", "Գնահատական"),
    }
}
