//! Normalisation of one raw word into its comparable form (`norm`).
//!
//! Owns the rules that make «Ёлка», «елка» and «ЕЛКА» equal: Unicode NFKC,
//! lower-casing, «ё» → «е», Latin letters with a diacritic as their base
//! letter («Zoë» → "zoe"), dropping inner marks (hyphens, apostrophes,
//! accents, Armenian marks) and collapsing letters an ASR repeated. It works
//! on one word at a time; splitting text into words is `tokenize.rs`.
//!
//! Collapsing: a run of three or more equal characters becomes one
//! («ээээ» → «э», "ummm" → "um"), and a word made of one repeated character
//! becomes that character («ээ» → «э», "mm" → "m"). Phrases go through the
//! same function, so «ээ» in a phrase list still matches «э-э» and «ээээ».
//! The Armenian hesitation vowels «է», «ա», «ը» repeated keep two letters
//! («էէէ» → «էէ», «ա-ա» → «աա»): one «է» is the verb "is", one «ա» its
//! colloquial form, so a hesitation must not become either. So does the
//! Russian «а» («а-а», «ааа» → «аа»): one «а» is the conjunction "and, but".

use unicode_normalization::UnicodeNormalization;

use crate::tokenize::{is_masked, is_word_char};

/// The normalised form of every censored word ("f***ing", "s**t", «խ***»;
/// [`is_masked`]): which word the asterisks hide is unknown, only that a
/// transcript hid it, so all of them are one word, and an entry written
/// masked ("f***") matches any of them. No spoken word normalises to it.
pub const MASKED_WORD: &str = "***";

/// Appends the normalised form of the raw word `raw` to `out`.
///
/// Appends nothing when `raw` has no letters or digits. Every new word of
/// a transcript comes through here, so the characters go straight into
/// `out`, collapsed as they come ([`Collapse`]): no buffer of chars.
pub(crate) fn normalize_word(raw: &str, out: &mut String) {
    if is_masked(raw) {
        out.push_str(MASKED_WORD);
        return;
    }
    let mut collapse = Collapse::new(out);
    if raw.is_ascii() {
        for b in raw.bytes().filter(u8::is_ascii_alphanumeric) {
            collapse.push(char::from(b.to_ascii_lowercase()));
        }
    } else if !simple_letters(raw, |c| collapse.push(c)) {
        collapse.restart();
        for c in raw.nfkc() {
            for lower in c.to_lowercase() {
                let lower = match lower {
                    'ё' => 'е',
                    '\u{c0}'..='\u{24f}' => latin_base(lower),
                    _ => lower,
                };
                if is_word_char(lower) {
                    collapse.push(lower);
                }
            }
        }
    }
    collapse.finish();
}

/// A Latin letter with a diacritic as its base letter ("Zoë" said "zoe",
/// "José" "jose"); other letters (ø, æ, ß) as they are. Only the Latin
/// ranges: «й» and Armenian letters keep their marks.
fn latin_base(c: char) -> char {
    match std::iter::once(c).nfd().next() {
        Some(base) if base.is_ascii_alphabetic() => base,
        _ => c,
    }
}

/// The fast path of [`normalize_word`] for words of ASCII, the Russian
/// alphabet and the Armenian letters without a compatibility form (most
/// words of a transcript): NFKC leaves such a string as it is (none of
/// these characters decomposes or composes with a neighbour), so lower-
/// casing and dropping ASCII marks is all there is to do. Returns `false`,
/// with part of the word passed to `push`, at the first other character.
fn simple_letters(raw: &str, mut push: impl FnMut(char)) -> bool {
    for c in raw.chars() {
        let lower = match c {
            'a'..='z' | '0'..='9' | 'а'..='я' | '\u{561}'..='\u{586}' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            '\u{531}'..='\u{556}' => char::from_u32(c as u32 + 0x30).unwrap_or(c),
            'ё' | 'Ё' => 'е',
            _ if c.is_ascii() => continue,
            _ => return false,
        };
        push(lower);
    }
    true
}

/// Collapsing repeats while the characters are appended to a string:
/// a run of three or more equal characters keeps one, a run of two keeps
/// both, and a word of one repeated character becomes that character (two
/// for [`HESITATION_VOWELS`]). The same result as collapsing a finished
/// list of chars (a proptest compares the two), without the list.
struct Collapse<'a> {
    out: &'a mut String,
    base: usize,
    last: char,
    run: usize,
    chars: usize,
    all_same: bool,
}

impl<'a> Collapse<'a> {
    fn new(out: &'a mut String) -> Collapse<'a> {
        Collapse {
            base: out.len(),
            out,
            last: '\0',
            run: 0,
            chars: 0,
            all_same: true,
        }
    }

    /// Drops what was appended, to start over.
    fn restart(&mut self) {
        self.out.truncate(self.base);
        self.run = 0;
        self.chars = 0;
        self.all_same = true;
    }

    #[inline]
    fn push(&mut self, c: char) {
        if self.chars > 0 && c == self.last {
            self.run += 1;
            match self.run {
                2 => self.out.push(c),
                // The third of a run: back to one.
                3 => {
                    self.out.pop();
                }
                _ => {}
            }
        } else {
            self.all_same &= self.chars == 0;
            self.last = c;
            self.run = 1;
            self.out.push(c);
        }
        self.chars += 1;
    }

    fn finish(self) {
        if self.chars >= 2 && self.all_same {
            let keep = if HESITATION_VOWELS.contains(&self.last) {
                2
            } else {
                1
            };
            self.out.truncate(self.base);
            for _ in 0..keep {
                self.out.push(self.last);
            }
        }
    }
}

/// Normalises a whole word into a new string.
pub(crate) fn normalized(raw: &str) -> String {
    let mut out = String::new();
    normalize_word(raw, &mut out);
    out
}

/// Vowels whose repetition is a hesitation, not the one-letter word they
/// spell once: Armenian «է», «ա», «ը» and the Russian conjunction «а».
const HESITATION_VOWELS: [char; 4] = ['է', 'ա', 'ը', 'а'];

/// The collapsing rule on a finished list of chars: the reference
/// [`Collapse`] is tested against.
#[cfg(test)]
fn collapse_repeats(chars: &mut Vec<char>) {
    if chars.len() >= 2 && chars.iter().all(|&c| c == chars[0]) {
        let keep = if HESITATION_VOWELS.contains(&chars[0]) {
            2
        } else {
            1
        };
        chars.truncate(keep);
        return;
    }
    let mut out = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut run = 1;
        while i + run < chars.len() && chars[i + run] == c {
            run += 1;
        }
        let keep = if run >= 3 { 1 } else { run };
        for _ in 0..keep {
            chars[out] = c;
            out += 1;
        }
        i += run;
    }
    chars.truncate(out);
}

#[cfg(test)]
mod tests {
    use super::normalized;

    #[test]
    fn table() {
        let cases = [
            ("Здравствуйте", "здравствуйте"),
            ("ЁЛКА", "елка"),
            ("е\u{0308}лка", "елка"),
            ("э-э", "э"),
            ("ээ", "э"),
            ("ээээ", "э"),
            ("Эээ", "э"),
            ("mm-hmm", "mmhmm"),
            ("ummm", "um"),
            ("Hello", "hello"),
            ("don't", "dont"),
            ("ինչո՞վ", "ինչով"),
            ("Բարև", "բարեւ"),
            ("շնորհակալություն՛", "շնորհակալություն"),
            ("Էէէ", "էէ"),
            ("а-а", "аа"),
            ("Ааа", "аа"),
            ("а-а-а", "аа"),
            ("а", "а"),
            ("о-о", "о"),
            ("էէ", "էէ"),
            ("է", "է"),
            ("ա-ա", "աա"),
            ("ըըը", "ըը"),
            ("позвони́те", "позвоните"),
            ("ｆｕｌｌ", "full"),
            ("class", "class"),
            ("программа", "программа"),
            ("дааааа", "да"),
            ("---", ""),
            ("ԲԱՐԵՎ", "բարեվ"),
            ("Ёж-Ик", "ежик"),
            ("Й", "й"),
            ("и\u{306}", "й"),
            // Latin letters with a diacritic read as their base letter
            ("Zoë", "zoe"),
            ("zoe\u{308}", "zoe"),
            ("José", "jose"),
            ("Renée", "renee"),
            ("Łukasz", "łukasz"),
            // censored words are all one word
            ("f***ing", "***"),
            ("S**T", "***"),
            ("sh*t", "***"),
            ("խ***", "***"),
            ("4012**5678", "40125678"),
        ];
        for (raw, expected) in cases {
            assert_eq!(normalized(raw), expected, "{raw:?}");
        }
    }

    /// The fast path gives what NFKC, lower-casing and the filter give, on
    /// every character it takes.
    #[test]
    fn fast_path_is_the_general_path() {
        use super::simple_letters;
        use crate::tokenize::is_word_char;
        use unicode_normalization::UnicodeNormalization;
        let mut taken = 0;
        for c in (0u32..0x600).filter_map(char::from_u32) {
            let raw = format!("{c}{c}x{c}");
            let mut fast = Vec::new();
            if !simple_letters(&raw, |c| fast.push(c)) {
                continue;
            }
            taken += 1;
            let general: Vec<char> = raw
                .nfkc()
                .flat_map(char::to_lowercase)
                .map(|l| if l == 'ё' { 'е' } else { l })
                .filter(|&l| is_word_char(l))
                .collect();
            assert_eq!(fast, general, "{c:?} U+{:04X}", c as u32);
        }
        assert!(taken > 200, "{taken}");
    }

    proptest::proptest! {
        /// Collapsing while appending is collapsing the finished list.
        #[test]
        fn streaming_collapse_is_the_list_collapse(
            prefix in "[ab]{0,2}",
            chars in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'э', 'է', 'ա', 'ը', 'z']), 0..12)
        ) {
            let mut expected = chars.clone();
            super::collapse_repeats(&mut expected);
            let mut out = prefix.clone();
            let mut collapse = super::Collapse::new(&mut out);
            for &c in &chars {
                collapse.push(c);
            }
            collapse.finish();
            let expected: String = prefix.chars().chain(expected).collect();
            proptest::prop_assert_eq!(out, expected);
        }
    }
}
