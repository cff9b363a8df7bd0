//! 在线咨询服务入口: the links the consultation entry gives each channel.
//!
//! Whether a channel is open, and when it opens next, is the SLA engine's
//! (`SlaEngine::channel_state`, from `sla/policy.json` and the business
//! calendar); this module only turns the published contacts into links a
//! browser may follow, and refuses what would not be one.

/// A `tel:` link for a published hotline such as `400-888-2488`: its digits
/// (and a leading `+`), visual separators dropped (RFC 3966 allows them, but
/// some dialers do not). `None` when there are no digits, or anything but
/// digits, spaces, `-`, `.`, `(`, `)` and a leading `+`.
pub fn tel_uri(number: &str) -> Option<String> {
    let number = number.trim();
    let (plus, rest) = match number.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", number),
    };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
    {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty()).then(|| format!("tel:{plus}{digits}"))
}

/// A `mailto:` link for a published support address: one `@` with text on
/// both sides, and nothing that would add headers or end the attribute
/// (white space, control characters, `?`, `&`, `#`, `"`, `<`, `>`, `,`, `;`).
pub fn mailto_uri(address: &str) -> Option<String> {
    let address = address.trim();
    let (local, domain) = address.split_once('@')?;
    let bad = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '?' | '&' | '#' | '"' | '<' | '>' | ',' | ';' | '@' | '\\' | ':' | '/'
            )
    };
    if local.is_empty() || domain.is_empty() || address.chars().filter(|&c| c == '@').count() != 1 {
        return None;
    }
    if local.chars().any(bad) || domain.chars().any(bad) {
        return None;
    }
    Some(format!("mailto:{address}"))
}
