//! Capability keys: where a ticket or a customer's history lives in the
//! static API. A file name is a SHA-256 over secrets the reader must already
//! hold, so a ticket number alone, a guessed e-mail or a directory listing
//! reveals nothing. The app computes the same keys in the browser.

use sha2::{Digest, Sha256};

/// Domain-separation prefixes: a ticket key can never equal a customer key.
const TICKET_DOMAIN: &str = "coremail-portal/ticket/v1";
const CUSTOMER_DOMAIN: &str = "coremail-portal/customer/v1";

/// Ticket numbers are compared trimmed and with ASCII letters upper-cased
/// (`cm2026-000123` is `CM2026-000123`).
pub fn normalise_ticket_number(number: &str) -> String {
    number.trim().to_ascii_uppercase()
}

/// E-mail addresses are compared trimmed and with ASCII letters lower-cased.
/// ASCII only, on purpose: domains are case-insensitive ASCII (IDNs in their
/// `xn--` form), Chinese characters have no case, and full Unicode case
/// tables would add about 6 KB to every visitor's download.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_ascii_lowercase()
}

/// The file key of a ticket: `tickets/<key>.json`.
pub fn ticket_key(number: &str, email: &str) -> String {
    digest_hex(&[
        TICKET_DOMAIN,
        &normalise_ticket_number(number),
        &normalise_email(email),
    ])
}

/// The file key of a customer's history: `customers/<key>.json`.
pub fn customer_key(access_key: &str) -> String {
    digest_hex(&[CUSTOMER_DOMAIN, access_key.trim()])
}

/// Lower-case hex SHA-256 of the parts joined by NUL (which no part may contain
/// meaningfully: NUL is not valid in an e-mail address or ticket number).
fn digest_hex(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update([0u8]);
        }
        hasher.update(part.as_bytes());
    }
    to_hex(&hasher.finalize())
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
    fn ticket_key_ignores_case_and_surrounding_space() {
        assert_eq!(
            ticket_key(" cm2026-000123 ", " Li.Wei@Example.COM"),
            ticket_key("CM2026-000123", "li.wei@example.com")
        );
    }

    #[test]
    fn ticket_key_depends_on_both_number_and_email() {
        let k = ticket_key("CM2026-000123", "li.wei@example.com");
        assert_ne!(k, ticket_key("CM2026-000124", "li.wei@example.com"));
        assert_ne!(k, ticket_key("CM2026-000123", "wang.fang@example.com"));
        assert!(is_sha256_hex(&k));
    }

    #[test]
    fn ticket_key_matches_an_independent_sha256() {
        // printf 'coremail-portal/ticket/v1\0CM1\0a@b.c' | sha256sum
        assert_eq!(
            ticket_key("CM1", "a@b.c"),
            "759227e1489e6b74b4710c4b94bd6ed1f3c84b5ae741fcf7e6f7bd331eb4fca5"
        );
    }

    #[test]
    fn customer_and_ticket_keys_live_in_different_domains() {
        assert_ne!(customer_key("CM1"), digest_hex(&[TICKET_DOMAIN, "CM1"]));
    }
}
