//! Taking the quiz: each question shown, the answer read (typed, or a line
//! of an answers file), right or wrong said at once with the rule's own
//! explanation, and the score at the end. [`TrainingResult`] is the result
//! of a quiz or a simulated call as `--json` prints it and the server
//! stores it.

use std::io::{BufRead, Write};

use callqa_engine::Standard;
use callqa_model::Lang;
use serde::Serialize;

use crate::quiz::{Kind, Question};
use crate::sim::{ScriptError, SimResult};
use crate::words;

/// One answered question.
#[derive(Clone, Debug, Serialize)]
pub struct Answer {
    /// The rule the question teaches.
    pub rule: String,
    /// What it asked.
    pub kind: Kind,
    /// The question.
    pub prompt: String,
    /// The options as shown.
    pub options: Vec<String>,
    /// Index of the right option (0-based).
    pub right: usize,
    /// Index of the option picked (0-based).
    pub picked: usize,
    /// Whether it was the right one.
    pub correct: bool,
}

/// A finished quiz.
#[derive(Clone, Debug, Serialize)]
pub struct QuizResult {
    /// The seed the questions came from.
    pub seed: u64,
    /// How many questions were answered.
    pub total: usize,
    /// How many of them right.
    pub correct: usize,
    /// Every answer, in order.
    pub answers: Vec<Answer>,
}

/// What a training produced, as `--json` prints it and `POST
/// /api/v1/training` takes it.
#[derive(Clone, Debug, Serialize)]
pub struct TrainingResult {
    /// `quiz` or `simulator`.
    pub kind: &'static str,
    /// The operator id (`--operator`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// `{standard id}@{revision}`.
    pub standard: String,
    /// The training's language.
    pub language: Lang,
    /// 0–100: the share of right answers, or the simulated call's score.
    pub score: f64,
    /// Quiz: the score reaches the standard's pass mark (80 without one);
    /// simulator: every call passed.
    pub passed: bool,
    /// The quiz, when it was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiz: Option<QuizResult>,
    /// The simulated call, when it was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simulator: Option<SimResult>,
}

impl TrainingResult {
    /// The result of a quiz.
    pub fn of_quiz(std: &Standard, lang: Lang, q: QuizResult) -> TrainingResult {
        let score = if q.total == 0 {
            0.0
        } else {
            (1000.0 * q.correct as f64 / q.total as f64).round() / 10.0
        };
        TrainingResult {
            kind: "quiz",
            operator: None,
            standard: std.label(),
            language: lang,
            score,
            passed: q.total > 0 && score >= std.pass_score().unwrap_or(80.0),
            quiz: Some(q),
            simulator: None,
        }
    }

    /// The result of a simulated call.
    pub fn of_sim(std: &Standard, lang: Lang, s: SimResult) -> TrainingResult {
        TrainingResult {
            kind: "simulator",
            operator: None,
            standard: std.label(),
            language: lang,
            score: s.score(),
            passed: s.passed(),
            quiz: None,
            simulator: Some(s),
        }
    }
}

/// Asks every question on `out`, reads the answers from `input` (`file`:
/// its name for errors, `None` when a person types: a wrong answer is then
/// asked again), and says after each whether it was right, with the rule's
/// explanation.
pub fn take_quiz(
    questions: &[Question],
    seed: u64,
    lang: Lang,
    input: &mut dyn BufRead,
    file: Option<&str>,
    out: &mut dyn Write,
) -> Result<QuizResult, Box<dyn std::error::Error>> {
    let ui = words::ui(lang);
    let mut answers = Vec::new();
    let mut lineno = 0usize;
    let mut buf = String::new();
    'questions: for (n, q) in questions.iter().enumerate() {
        writeln!(
            out,
            "\n{} {}/{}. {}",
            ui.question,
            n + 1,
            questions.len(),
            q.prompt
        )?;
        for (i, o) in q.options.iter().enumerate() {
            writeln!(out, "  {}) {o}", i + 1)?;
        }
        let picked = loop {
            write!(out, "{}", ui.answer_prompt)?;
            out.flush()?;
            buf.clear();
            if input.read_line(&mut buf)? == 0 {
                writeln!(out)?;
                break 'questions;
            }
            lineno += 1;
            let a = buf.trim();
            if file.is_some() {
                writeln!(out, "{a}")?;
            }
            match parse_answer(a, q.options.len()) {
                Some(i) => break i,
                None => match file {
                    Some(f) => {
                        return Err(Box::new(ScriptError(format!(
                        "{f}:{lineno}: «{a}» is not an answer: give the option's number, 1 to {}",
                        q.options.len()
                    ))))
                    }
                    None => writeln!(out, "   ! {}", ui.not_an_option)?,
                },
            }
        };
        let correct = picked == q.right;
        if correct {
            writeln!(out, "   ✓ {}", ui.right)?;
        } else {
            writeln!(
                out,
                "   ✗ {} {} {}) {}",
                ui.wrong,
                ui.right_answer,
                q.right + 1,
                q.options[q.right]
            )?;
            if !q.why[picked].is_empty() {
                writeln!(out, "   {} {}", ui.why, q.why[picked])?;
            }
        }
        writeln!(out, "   {} {}", ui.rule, q.explanation)?;
        answers.push(Answer {
            rule: q.rule.clone(),
            kind: q.kind,
            prompt: q.prompt.clone(),
            options: q.options.clone(),
            right: q.right,
            picked,
            correct,
        });
    }
    let correct = answers.iter().filter(|a| a.correct).count();
    Ok(QuizResult {
        seed,
        total: answers.len(),
        correct,
        answers,
    })
}

/// `1`–`4`, or the letters `a`–`d` / `а`–`г`.
fn parse_answer(a: &str, n: usize) -> Option<usize> {
    let a = a.trim_end_matches([')', '.']).to_lowercase();
    let i = match a.as_str() {
        "a" | "а" => 1,
        "b" | "б" => 2,
        "c" | "в" => 3,
        "d" | "г" => 4,
        _ => a.parse::<usize>().ok()?,
    };
    (1..=n).contains(&i).then(|| i - 1)
}

/// The quiz's closing line: right answers, score, passed or not.
pub fn quiz_summary(r: &TrainingResult, lang: Lang) -> String {
    let ui = words::ui(lang);
    let q = r.quiz.as_ref();
    let (c, t) = q.map_or((0, 0), |q| (q.correct, q.total));
    let verdict = if r.passed { &ui.passed } else { &ui.not_passed };
    let right = match lang {
        Lang::Ru => "верных ответов",
        Lang::En => "right answers",
        Lang::Hy => "ճիշտ պատասխան",
    };
    format!(
        "{}: {c}/{t} {right}, {} {:.0}/100, {verdict}",
        ui.result, ui.score, r.score
    )
}

#[cfg(test)]
mod tests {
    use super::parse_answer;

    #[test]
    fn answers_are_numbers_or_letters() {
        assert_eq!(parse_answer("2", 4), Some(1));
        assert_eq!(parse_answer("в", 4), Some(2));
        assert_eq!(parse_answer("D)", 4), Some(3));
        assert_eq!(parse_answer("5", 4), None);
        assert_eq!(parse_answer("0", 4), None);
        assert_eq!(parse_answer("да", 4), None);
    }
}
