//! A hand-written reader of the common record shape: the record's bytes
//! straight into [`RawCall`], without serde's maps, keys and visitors.
//!
//! It is the first of the two fast readers. It returns `None` for anything
//! it does not read exactly as the derived serde reader
//! ([`super::raw::from_str_serde`]) does, and the record is then read again
//! by that one (and, failing that, by the `Value` path, which gives the
//! errors). So every value it gives is the one the serde reader gives for
//! the same text, and every error still comes from the serde reader or the
//! `Value` path:
//!
//! - fields in any order; a duplicate field, a key with an escape, a value
//!   of a wrong type or `null` where the serde reader refuses it: `None`;
//! - strings borrowed when they have no escapes; `\uXXXX` escapes and
//!   surrogate pairs decoded, a lone surrogate: `None`;
//! - numbers whose digits fit a `u64` and a decimal exponent of at most 22
//!   either way, rounded exactly as serde_json (without `float_roundtrip`)
//!   rounds them: the digits as a `u64`, converted to `f64`, then
//!   multiplied or divided by the power of ten; anything longer: `None`;
//! - unknown fields read as strictly as serde_json reads them (their
//!   strings and numbers as above, at most [`MAX_UNKNOWN_DEPTH`] deep) and
//!   dropped;
//! - an id or a tag that is a fraction, `-0` or a negative number below
//!   `i64::MIN`: `None` (serde_json's float texts are not reproduced here).
//!
//! The caller has checked the text is UTF-8 and within the size limit.

use std::borrow::Cow;

use super::raw::{
    Elem, Id, RawCall, RawClient, RawEvent, RawOperator, RawUtterance, RawWord, Slot, TagValue,
    Tags, Text,
};

/// How deep an unknown field's arrays and objects may nest before the
/// record is left to serde (whose own limit is 128).
const MAX_UNKNOWN_DEPTH: usize = 32;

/// The powers of ten that serde_json multiplies and divides by, as the same
/// literals (so the same `f64` values).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Reads a record, or `None` when the serde reader must (see the module
/// docs).
pub(crate) fn read(text: &str) -> Option<RawCall<'_>> {
    let mut r = Reader {
        s: text,
        b: text.as_bytes(),
        i: 0,
        control: has_control(text.as_bytes()),
    };
    r.ws();
    let call = r.call()?;
    r.ws();
    (r.i == r.b.len()).then_some(call)
}

/// A JSON number as read: an integer (no fraction, no exponent) or a float.
enum Num {
    Int { neg: bool, mag: u64 },
    Float(f64),
}

impl Num {
    /// As serde_json gives it to an `f64`.
    fn to_f64(&self) -> f64 {
        match *self {
            // `-(mag as i64) as f64` equals this: rounding is symmetric.
            Num::Int { neg, mag } if neg => -(mag as f64),
            Num::Int { mag, .. } => mag as f64,
            Num::Float(f) => f,
        }
    }

    /// The decimal text serde_json's `Number` gives an integer, or `None`
    /// when serde_json would not read it as one (`-0`, below `i64::MIN`)
    /// or it is a float.
    fn int_text(&self) -> Option<String> {
        match *self {
            Num::Int { neg: false, mag } => Some(mag.to_string()),
            Num::Int { neg: true, mag } if mag != 0 && mag <= i64::MAX as u64 => {
                Some((-(mag as i64)).to_string())
            }
            _ => None,
        }
    }
}

struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    /// Whether the record has a control character anywhere (a JSON Lines
    /// record rarely has): only then must each string be checked for one.
    control: bool,
}

/// Whether `b` has a byte below 0x20, a block at a time (the blocks'
/// test vectorises; it has no early exit inside one).
fn has_control(b: &[u8]) -> bool {
    b.chunks(64)
        .any(|block| block.iter().fold(0u8, |acc, &c| acc | u8::from(c < 0x20)) != 0)
}

/// Whether a byte ends the plain run of a string: `"`, `\` or a control
/// character.
#[inline]
fn special(c: u8) -> bool {
    c == b'"' || c == b'\\' || c < 0x20
}

/// The first byte at or after `i` that [`special`] picks, or `b.len()`.
/// Eight bytes at a time: the lowest flagged byte of each test is exact.
#[inline]
fn find_special(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let q = w ^ (ONES * u64::from(b'"'));
        let bs = w ^ (ONES * u64::from(b'\\'));
        let m = (q.wrapping_sub(ONES) & !q)
            | (bs.wrapping_sub(ONES) & !bs)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        let m = m & HIGH;
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !special(b[i]) {
        i += 1;
    }
    i
}

/// Eight ASCII `'0'`s.
const ZEROS: u64 = 0x3030_3030_3030_3030;

/// How many of the eight bytes of `w` (little-endian: the first byte is
/// the lowest) are ASCII digits before the first that is not. A byte is
/// flagged when it is below '0' or above '9'; carries and borrows only
/// spread upwards from a flagged byte, so the lowest flag is exact.
#[inline]
fn leading_digits(w: u64) -> u32 {
    let above = w.wrapping_add(0x4646_4646_4646_4646);
    let below = w.wrapping_sub(ZEROS);
    ((above | below) & 0x8080_8080_8080_8080).trailing_zeros() / 8
}

/// The value of eight ASCII digits, the first in the lowest byte.
#[inline]
fn eight_digits_value(w: u64) -> u64 {
    const MASK: u64 = 0x0000_00FF_0000_00FF;
    const MUL1: u64 = 100 + (1_000_000 << 32);
    const MUL2: u64 = 1 + (10_000 << 32);
    let v = w - ZEROS;
    let v = v * 10 + (v >> 8);
    ((v & MASK).wrapping_mul(MUL1) + ((v >> 16) & MASK).wrapping_mul(MUL2)) >> 32
}

impl<'a> Reader<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Skips JSON whitespace.
    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    #[inline]
    fn eat(&mut self, c: u8) -> Option<()> {
        if self.peek() == Some(c) {
            self.i += 1;
            Some(())
        } else {
            None
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        if self.b.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Some(())
        } else {
            None
        }
    }

    /// `null`, if it is next (then consumed).
    #[inline]
    fn null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.literal(b"null").is_some()
    }

    /// An object of the known `keys` (each quoted, in their usual order):
    /// `field` is called with each key's index in `keys` (`keys.len()` for
    /// an unknown key), the reader at the start of its value, and must read
    /// the value. A key is first compared with the one after the previous
    /// key in `keys`, so the usual order costs no search; a key with an
    /// escape or a repeated known key is `None`.
    #[inline]
    fn object(
        &mut self,
        keys: &[&[u8]],
        mut field: impl FnMut(&mut Self, usize) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        let mut next = 0;
        let mut seen = 0u32;
        loop {
            let k = match keys.get(next) {
                Some(want) if self.b[self.i..].starts_with(want) => {
                    self.i += want.len();
                    next
                }
                _ => {
                    let key = self.key()?.as_bytes();
                    keys.iter()
                        .position(|k| &k[1..k.len() - 1] == key)
                        .unwrap_or(keys.len())
                }
            };
            if k < keys.len() {
                if seen & (1 << k) != 0 {
                    return None;
                }
                seen |= 1 << k;
            }
            next = k + 1;
            self.ws();
            self.eat(b':')?;
            self.ws();
            field(self, k)?;
            self.ws();
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.ws();
                }
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An array: `item` reads each element.
    #[inline]
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        self.ws();
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            item(self)?;
            self.ws();
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.ws();
                }
                b']' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A key without escapes.
    #[inline]
    fn key(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        let end = find_special(self.b, start);
        if self.b.get(end) != Some(&b'"') {
            return None;
        }
        self.i = end + 1;
        Some(&self.s[start..end])
    }

    /// The end of a string's plain run from `start`: its closing quote,
    /// a backslash, or a control character.
    #[inline]
    fn plain_end(&self, start: usize) -> usize {
        if self.control {
            find_special(self.b, start)
        } else {
            memchr::memchr2(b'"', b'\\', &self.b[start..]).map_or(self.b.len(), |n| start + n)
        }
    }

    /// A string, borrowed when it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.i;
        let end = self.plain_end(start);
        match self.b.get(end) {
            Some(b'"') => {
                self.i = end + 1;
                Some(Cow::Borrowed(&self.s[start..end]))
            }
            Some(b'\\') => {
                let mut out = String::with_capacity(end - start + 16);
                out.push_str(&self.s[start..end]);
                self.i = end;
                self.escaped(out).map(Cow::Owned)
            }
            _ => None,
        }
    }

    /// The rest of a string with escapes, from the first `\`.
    #[cold]
    fn escaped(&mut self, mut out: String) -> Option<String> {
        loop {
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let c = self.peek()?;
                    self.i += 1;
                    out.push(match c {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode()?,
                        _ => return None,
                    });
                }
                _ => {
                    let end = self.plain_end(self.i);
                    if end == self.i {
                        // A control character.
                        return None;
                    }
                    out.push_str(&self.s[self.i..end]);
                    self.i = end;
                }
            }
        }
    }

    /// The character of a `\u` escape (after the `u`), a surrogate pair
    /// taken whole; a lone surrogate is `None`.
    fn unicode(&mut self) -> Option<char> {
        let hi = self.hex4()?;
        match hi {
            0xD800..=0xDBFF => {
                self.literal(b"\\u")?;
                let lo = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&lo) {
                    return None;
                }
                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
            }
            0xDC00..=0xDFFF => None,
            _ => char::from_u32(hi),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.b.get(self.i..self.i + 4)?;
        let mut n = 0;
        for &d in digits {
            n = n * 16 + (d as char).to_digit(16)?;
        }
        self.i += 4;
        Some(n)
    }

    /// A run of digits appended to `mag`: how many, or `None` where
    /// serde_json's significand would overflow (it then drops digits,
    /// which is not reproduced here; a whole block at once overflows
    /// exactly when one of its digits would).
    #[inline]
    fn digits(&mut self, mag: &mut u64) -> Option<i32> {
        let start = self.i;
        while let Some(block) = self.b.get(self.i..self.i + 8) {
            let w = u64::from_le_bytes(block.try_into().expect("eight bytes"));
            if leading_digits(w) != 8 {
                break;
            }
            *mag = mag
                .checked_mul(100_000_000)?
                .checked_add(eight_digits_value(w))?;
            self.i += 8;
        }
        while let Some(c @ b'0'..=b'9') = self.peek() {
            *mag = mag.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            self.i += 1;
        }
        Some((self.i - start) as i32)
    }

    /// A number (see the module docs for the ones left to serde).
    #[inline]
    fn number(&mut self) -> Option<Num> {
        let neg = self.eat(b'-').is_some();
        let mut mag: u64 = 0;
        match self.peek()? {
            b'0' => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return None;
                }
            }
            b'1'..=b'9' => {
                self.digits(&mut mag)?;
            }
            _ => return None,
        }
        let mut exponent: i32 = 0;
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            float = true;
            exponent = -self.digits(&mut mag)?;
            if exponent == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            float = true;
            let neg_exp = match self.peek() {
                Some(b'-') => {
                    self.i += 1;
                    true
                }
                Some(b'+') => {
                    self.i += 1;
                    false
                }
                _ => false,
            };
            let mut e: i32 = 0;
            let mut n = 0;
            while let Some(c @ b'0'..=b'9') = self.peek() {
                if n == 4 {
                    return None;
                }
                e = e * 10 + i32::from(c - b'0');
                n += 1;
                self.i += 1;
            }
            if n == 0 {
                return None;
            }
            exponent += if neg_exp { -e } else { e };
        }
        if !float {
            return Some(Num::Int { neg, mag });
        }
        // serde_json's `f64_from_parts`, for the exponents it takes from its
        // table in one step.
        let pow = *POW10.get(exponent.unsigned_abs() as usize)?;
        let mut f = mag as f64;
        if exponent >= 0 {
            f *= pow;
            if f.is_infinite() {
                return None;
            }
        } else {
            f /= pow;
        }
        Some(Num::Float(if neg { -f } else { f }))
    }

    /// Any JSON value, read as strictly as serde_json reads it and dropped.
    fn skip(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'-' | b'0'..=b'9' => self.number().map(drop),
            b'n' => self.literal(b"null"),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'[' if depth < MAX_UNKNOWN_DEPTH => self.array(|r| r.skip(depth + 1)),
            b'{' if depth < MAX_UNKNOWN_DEPTH => self.object(&[], |r, _| r.skip(depth + 1)),
            _ => None,
        }
    }

    /// An optional string field.
    #[inline]
    fn text(&mut self) -> Option<Slot<Text<'a>>> {
        if self.null() {
            return Some(Slot::Absent);
        }
        self.string().map(|s| Slot::Ok(Text(s)))
    }

    /// An optional number field.
    #[inline]
    fn float(&mut self) -> Option<Slot<f64>> {
        if self.null() {
            return Some(Slot::Absent);
        }
        self.number().map(|n| Slot::Ok(n.to_f64()))
    }

    /// An optional boolean.
    fn boolean(&mut self) -> Option<Slot<bool>> {
        match self.peek()? {
            b'n' => self.literal(b"null").map(|()| Slot::Absent),
            b't' => self.literal(b"true").map(|()| Slot::Ok(true)),
            b'f' => self.literal(b"false").map(|()| Slot::Ok(false)),
            _ => None,
        }
    }

    /// An optional id: a string or an integer.
    fn id(&mut self) -> Option<Slot<Id<'a>>> {
        match self.peek()? {
            b'n' => self.literal(b"null").map(|()| Slot::Absent),
            b'"' => self.string().map(|s| Slot::Ok(Id::Text(Text(s)))),
            _ => self.number()?.int_text().map(|s| Slot::Ok(Id::Int(s))),
        }
    }

    fn call(&mut self) -> Option<RawCall<'a>> {
        let mut c = RawCall::default();
        self.object(
            &[
                b"\"id\"",
                b"\"direction\"",
                b"\"started_at\"",
                b"\"language\"",
                b"\"company\"",
                b"\"department\"",
                b"\"operator\"",
                b"\"client\"",
                b"\"tags\"",
                b"\"events\"",
                b"\"utterances\"",
            ],
            |r, k| {
                match k {
                    0 => c.id = r.id()?,
                    1 => c.direction = r.text()?,
                    2 => c.started_at = r.text()?,
                    3 => c.language = r.text()?,
                    4 => c.company = r.text()?,
                    5 => c.department = r.text()?,
                    6 => c.operator = r.optional(Self::operator)?,
                    7 => c.client = r.optional(Self::client)?,
                    8 => c.tags = r.optional(Self::tags)?,
                    9 => c.events = r.optional(|r| r.list(Self::event))?,
                    10 => c.utterances = r.optional(|r| r.list(Self::utterance))?,
                    _ => r.skip(0)?,
                }
                Some(())
            },
        )?;
        Some(c)
    }

    /// `null` as absent, else what `read` reads.
    #[inline]
    fn optional<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Slot<T>> {
        if self.null() {
            return Some(Slot::Absent);
        }
        read(self).map(Slot::Ok)
    }

    /// An array of objects, none of them `null`.
    #[inline]
    fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<Elem<T>>> {
        let mut out = Vec::new();
        self.array(|r| {
            out.push(Elem::Ok(read(r)?));
            Some(())
        })?;
        Some(out)
    }

    fn operator(&mut self) -> Option<RawOperator<'a>> {
        let mut o = RawOperator::default();
        self.object(&[b"\"id\"", b"\"name\""], |r, k| {
            match k {
                0 => o.id = r.id()?,
                1 => o.name = r.text()?,
                _ => r.skip(0)?,
            }
            Some(())
        })?;
        Some(o)
    }

    fn client(&mut self) -> Option<RawClient<'a>> {
        let mut c = RawClient::default();
        self.object(
            &[b"\"id\"", b"\"name\"", b"\"number\"", b"\"third_party\""],
            |r, k| {
                match k {
                    0 => c.id = r.id()?,
                    1 => c.name = r.text()?,
                    2 => c.number = r.text()?,
                    3 => c.third_party = r.boolean()?,
                    _ => r.skip(0)?,
                }
                Some(())
            },
        )?;
        Some(c)
    }

    /// Tags: strings, integers and booleans; a repeated name keeps its last
    /// value, as serde's map does.
    fn tags(&mut self) -> Option<Tags<'a>> {
        let mut tags = Tags::new();
        self.eat(b'{')?;
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(tags);
        }
        loop {
            if self.peek()? != b'"' {
                return None;
            }
            let key = Text(self.string()?);
            self.ws();
            self.eat(b':')?;
            self.ws();
            let value = match self.peek()? {
                b'"' => TagValue::Text(Text(self.string()?)),
                b't' => self
                    .literal(b"true")
                    .map(|()| TagValue::Scalar("true".into()))?,
                b'f' => self
                    .literal(b"false")
                    .map(|()| TagValue::Scalar("false".into()))?,
                _ => TagValue::Scalar(self.number()?.int_text()?),
            };
            tags.insert(key, Elem::Ok(value));
            self.ws();
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.ws();
                }
                b'}' => {
                    self.i += 1;
                    return Some(tags);
                }
                _ => return None,
            }
        }
    }

    fn event(&mut self) -> Option<RawEvent<'a>> {
        let mut e = RawEvent::default();
        self.object(&[b"\"at\"", b"\"type\"", b"\"by\"", b"\"to\""], |r, k| {
            match k {
                0 => e.at = r.float()?,
                1 => e.kind = r.text()?,
                2 => e.by = r.text()?,
                3 => e.to = r.text()?,
                _ => r.skip(0)?,
            }
            Some(())
        })?;
        Some(e)
    }

    fn utterance(&mut self) -> Option<RawUtterance<'a>> {
        let mut u = RawUtterance::default();
        self.object(
            &[
                b"\"speaker\"",
                b"\"start\"",
                b"\"end\"",
                b"\"text\"",
                b"\"words\"",
            ],
            |r, k| {
                match k {
                    0 => u.speaker = r.text()?,
                    1 => u.start = r.float()?,
                    2 => u.end = r.float()?,
                    // Required: `null` is a wrong type here.
                    3 => u.text = Slot::Ok(Text(r.string()?)),
                    4 => u.words = r.optional(|r| r.list(Self::word))?,
                    _ => r.skip(0)?,
                }
                Some(())
            },
        )?;
        Some(u)
    }

    fn word(&mut self) -> Option<RawWord<'a>> {
        let mut w = RawWord::default();
        self.object(
            &[b"\"w\"", b"\"start\"", b"\"end\"", b"\"conf\""],
            |r, k| {
                match k {
                    0 => w.w = r.text()?,
                    1 => w.start = r.float()?,
                    2 => w.end = r.float()?,
                    3 => w.conf = r.float()?,
                    _ => r.skip(0)?,
                }
                Some(())
            },
        )?;
        Some(w)
    }
}
