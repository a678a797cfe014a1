//! The Luhn check digit: it labels a digit run of card length as a card
//! number. It is a label, not a gate — a run of card length that fails it is
//! still redacted, as a number.

/// Whether the ASCII digit string passes the Luhn check.
pub(crate) fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::luhn_valid;

    #[test]
    fn luhn() {
        assert!(luhn_valid("4276380012345679"));
        assert!(luhn_valid("4111111111111111"));
        assert!(!luhn_valid("4111111111111112"));
        assert!(!luhn_valid(""));
        assert!(!luhn_valid("41x1"));
    }
}
