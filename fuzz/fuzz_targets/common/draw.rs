//! Infallible draws from the fuzz bytes: a number in a range, a flag, an
//! item of a list. When the bytes run out every draw gives its lowest
//! choice, so any input decodes to a complete, valid structure.

use libfuzzer_sys::arbitrary::Unstructured;

pub struct Draw<'a>(pub Unstructured<'a>);

impl<'a> Draw<'a> {
    pub fn new(data: &'a [u8]) -> Draw<'a> {
        Draw(Unstructured::new(data))
    }

    /// A whole number in `lo..=hi`.
    pub fn n(&mut self, lo: u32, hi: u32) -> u32 {
        self.0.int_in_range(lo..=hi).unwrap_or(lo)
    }

    pub fn flag(&mut self) -> bool {
        self.0.arbitrary::<bool>().unwrap_or(false)
    }

    /// True with probability about `num / den`.
    pub fn chance(&mut self, num: u8, den: u8) -> bool {
        self.0.ratio(num, den).unwrap_or(false)
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.n(0, items.len() as u32 - 1) as usize]
    }

    /// A number in `lo..=hi` in steps of `1 / 10`.
    pub fn tenths(&mut self, lo: f64, hi: f64) -> f64 {
        let steps = ((hi - lo) * 10.0).round() as u32;
        lo + f64::from(self.n(0, steps)) / 10.0
    }

    /// A short string straight from the bytes (any characters).
    pub fn raw(&mut self, max: usize) -> String {
        let s: &str = self.0.arbitrary().unwrap_or("");
        s.chars().take(max).collect()
    }
}
