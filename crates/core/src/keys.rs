//! Small helpers for the names of things: ticket numbers as compared, and
//! hex digests as written in the API files. The secrets that open private
//! files are in [`crate::secret`].

/// Ticket numbers are compared trimmed and with ASCII letters upper-cased
/// (`cm2026-000123` is `CM2026-000123`).
pub fn normalise_ticket_number(number: &str) -> String {
    number.trim().to_ascii_uppercase()
}

/// True for something shaped like a ticket number: `CM` and digits and
/// dashes, at most 32 characters (it becomes part of a URL and a label).
pub fn is_ticket_number(number: &str) -> bool {
    let n = normalise_ticket_number(number);
    n.len() <= 32
        && n.starts_with("CM")
        && n.len() > 2
        && n[2..].bytes().all(|b| b.is_ascii_digit() || b == b'-')
}

pub fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
    }
    out
}

/// True for a 64-character lower-case hex string (a SHA-256 in our files).
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_numbers_compare_trimmed_and_upper_cased() {
        assert_eq!(normalise_ticket_number(" cm2026-000123 "), "CM2026-000123");
        assert!(is_ticket_number("cm2026-001414"));
        assert!(!is_ticket_number("CM"));
        assert!(!is_ticket_number("XY2026-001414"));
        assert!(!is_ticket_number("CM2026/../x"));
    }

    #[test]
    fn hex_is_lower_case_and_two_digits_per_byte() {
        assert_eq!(to_hex(&[0x00, 0xab, 0x0f]), "00ab0f");
        assert!(is_sha256_hex(&to_hex(&[0x5a; 32])));
        assert!(!is_sha256_hex(&to_hex(&[0x5a; 31])));
    }
}
