//! Sealed files, scheme `coremail-portal/v2`: the secrets that open them, the
//! labels their keys and names are derived with, and their byte layout.
//!
//! A private file (a ticket, a customer's workspace) is published encrypted
//! under a name that says nothing. Both the AES-256-GCM key and the name are
//! derived from a random secret with HKDF-SHA-256 under different labels
//! (`docs/api.md`, "Sealed files"), so whoever holds the secret can find and
//! open the file, and nobody else can find it, open it, or tell whose it is.
//!
//! This module holds no cryptography: the browser derives and decrypts with
//! WebCrypto, the `portal` CLI with RustCrypto's crates. Both take from here
//! what must agree byte for byte: the canonical form of a secret, the labels,
//! the file name, the envelope and the padding.

use std::fmt;

/// The scheme's name; also the HKDF salt.
pub const SCHEME: &str = "coremail-portal/v2";
/// The first bytes of every sealed file.
pub const MAGIC: &[u8; 4] = b"CMS2";
/// AES-GCM nonce length (bytes).
pub const NONCE_LEN: usize = 12;
/// AES-GCM tag length (bytes).
pub const TAG_LEN: usize = 16;
/// Bytes of HKDF output that name a file (hex: twice as many characters).
pub const NAME_LEN: usize = 16;
/// Bytes of HKDF output in a submission's proof of holding a secret.
pub const PROOF_LEN: usize = 16;
/// The plaintext is padded with spaces to a multiple of this, so a file's
/// size tells little about what is in it.
pub const PAD_TO: usize = 512;
/// Where sealed files live in the API.
pub const SEALED_DIR: &str = "sealed";

/// Crockford's base32: no I, L, O or U, so nothing reads as another symbol.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// What a secret opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// A customer access key: 30 symbols (150 bits), opens the workspace.
    AccessKey,
    /// A ticket access code: 20 symbols (100 bits), opens one ticket.
    TicketCode,
}

impl SecretKind {
    /// Symbols in the canonical form.
    pub const fn symbols(self) -> usize {
        match self {
            SecretKind::AccessKey => 30,
            SecretKind::TicketCode => 20,
        }
    }

    /// Random bytes a generator needs (5 bits per symbol, rounded up).
    pub const fn random_bytes(self) -> usize {
        (self.symbols() * 5).div_ceil(8)
    }
}

/// Why a string is not a usable secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretError {
    /// Nothing was typed.
    Empty,
    /// A character outside Crockford's base32 (after case folding and the
    /// usual substitutions).
    BadSymbol(char),
    /// The wrong number of symbols: what was found.
    WrongLength(usize),
    /// Long enough, but made by a person (repeats, runs, few symbols): a
    /// key like that is guessed, so derivation refuses it.
    Patterned,
}

impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretError::Empty => write!(f, "empty"),
            SecretError::BadSymbol(c) => write!(f, "{c:?} is not a base32 symbol"),
            SecretError::WrongLength(n) => write!(f, "{n} symbols"),
            SecretError::Patterned => write!(f, "a pattern, not a random key"),
        }
    }
}

/// The canonical form of a typed secret: separators (`-`, spaces) dropped,
/// upper case, and `O` read as `0`, `I` and `L` as `1` (Crockford).
pub fn canonical(kind: SecretKind, typed: &str) -> Result<String, SecretError> {
    let mut out = String::with_capacity(kind.symbols());
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' | '\t' | '\n' | '\r' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return Err(SecretError::BadSymbol(c));
        }
        out.push(c);
    }
    if out.is_empty() {
        return Err(SecretError::Empty);
    }
    if out.len() != kind.symbols() {
        return Err(SecretError::WrongLength(out.len()));
    }
    if patterned(out.as_bytes()) {
        return Err(SecretError::Patterned);
    }
    Ok(out)
}

/// True for a string a person made up rather than a generator: too few
/// distinct symbols, a symbol five times in a row, a run of six in alphabet
/// order (either way), or a repeated block. A random key trips one of these
/// about once in 40 000; [`format_random`] draws again when it does.
fn patterned(s: &[u8]) -> bool {
    let mut seen = [false; 128];
    for &b in s {
        seen[usize::from(b)] = true;
    }
    let distinct = seen.iter().filter(|&&x| x).count();
    if distinct * 3 < s.len() {
        return true;
    }
    let rank = |b: u8| ALPHABET.iter().position(|&a| a == b).unwrap_or(0) as i32;
    let (mut same, mut up, mut down) = (1, 1, 1);
    for w in s.windows(2) {
        let step = rank(w[1]) - rank(w[0]);
        same = if step == 0 { same + 1 } else { 1 };
        up = if step == 1 { up + 1 } else { 1 };
        down = if step == -1 { down + 1 } else { 1 };
        if same >= 5 || up >= 6 || down >= 6 {
            return true;
        }
    }
    (1..=s.len() / 2).any(|p| s.iter().zip(&s[p..]).all(|(a, b)| a == b))
}

/// A secret of `kind` from generator bytes (at least
/// [`SecretKind::random_bytes`]), in groups of five: `7KQ2M-XR4TB-…`.
/// `None` when these bytes make a patterned key: draw again.
pub fn format_random(kind: SecretKind, bytes: &[u8]) -> Option<String> {
    if bytes.len() < kind.random_bytes() {
        return None;
    }
    let symbols: Vec<u8> = (0..kind.symbols())
        .map(|i| {
            let bit = i * 5;
            let word = (u16::from(bytes[bit / 8]) << 8)
                | u16::from(bytes.get(bit / 8 + 1).copied().unwrap_or(0));
            ALPHABET[usize::from((word >> (11 - bit % 8)) & 0x1f)]
        })
        .collect();
    if patterned(&symbols) {
        return None;
    }
    Some(grouped(&symbols))
}

/// A canonical secret written in groups of five, as it is handed out.
pub fn display(canonical: &str) -> String {
    grouped(canonical.as_bytes())
}

fn grouped(symbols: &[u8]) -> String {
    symbols
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The HKDF `info` labels of one sealed file. Input keying material is the
/// canonical secret (ASCII), salt is [`SCHEME`]. A ticket's labels carry its
/// number, so a code opens that ticket only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// → [`NAME_LEN`] bytes, lower-case hex: the file name.
    pub name: String,
    /// → 32 bytes: the AES-256-GCM key.
    pub key: String,
    /// → 32 bytes: the HMAC-SHA-256 key the publisher derives each nonce
    /// with (a reader never needs it).
    pub nonce: String,
    /// → [`PROOF_LEN`] bytes, lower-case hex: what a submission carries to
    /// show it comes from a holder of the secret (`crate::submission`). The
    /// receiver, who has the private source, derives it too; the secret
    /// itself never leaves the browser.
    pub proof: String,
}

/// The labels of a customer's workspace.
pub fn workspace_labels() -> Labels {
    labels("workspace")
}

/// The labels of a ticket (number as published, normalised).
pub fn ticket_labels(number: &str) -> Labels {
    labels(&format!(
        "ticket/{}",
        crate::keys::normalise_ticket_number(number)
    ))
}

fn labels(what: &str) -> Labels {
    Labels {
        name: format!("{SCHEME}/{what}/name"),
        key: format!("{SCHEME}/{what}/key"),
        nonce: format!("{SCHEME}/{what}/nonce"),
        proof: format!("{SCHEME}/{what}/proof"),
    }
}

/// The path of a sealed file in the API: `sealed/<32 hex>.bin`.
pub fn sealed_file(name_bytes: &[u8]) -> String {
    format!("{SEALED_DIR}/{}.bin", crate::keys::to_hex(name_bytes))
}

/// True for a file name that belongs in `sealed/`.
pub fn is_sealed_name(name: &str) -> bool {
    name.strip_suffix(".bin").is_some_and(|hex| {
        hex.len() == NAME_LEN * 2 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// The additional authenticated data of a sealed file: the scheme and the
/// file's own path, so a file copied to another name does not open.
pub fn aad(file: &str) -> Vec<u8> {
    format!("{SCHEME}\n{file}").into_bytes()
}

/// A sealed file split into its nonce and ciphertext (tag at the end).
#[derive(Debug, PartialEq, Eq)]
pub struct Envelope<'a> {
    pub nonce: &'a [u8],
    pub ciphertext: &'a [u8],
}

/// Why bytes are not a sealed file of this scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Not `CMS2…`: another scheme, or not a sealed file at all.
    NotSealed,
    /// Shorter than a nonce and a tag.
    Truncated,
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::NotSealed => write!(f, "not a {SCHEME} sealed file"),
            EnvelopeError::Truncated => write!(f, "truncated sealed file"),
        }
    }
}

/// `MAGIC ‖ nonce ‖ ciphertext‖tag` → its parts.
pub fn open_envelope(bytes: &[u8]) -> Result<Envelope<'_>, EnvelopeError> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(EnvelopeError::NotSealed)?;
    if rest.len() < NONCE_LEN + TAG_LEN {
        return Err(EnvelopeError::Truncated);
    }
    let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
    Ok(Envelope { nonce, ciphertext })
}

/// The bytes of a sealed file from its parts.
pub fn envelope(nonce: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(MAGIC.len() + nonce.len() + ciphertext.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(nonce);
    out.extend_from_slice(ciphertext);
    out
}

/// JSON padded with trailing spaces (still the same JSON) to a multiple of
/// [`PAD_TO`] bytes.
pub fn pad(json: &str) -> Vec<u8> {
    let mut out = json.as_bytes().to_vec();
    let len = out.len().div_ceil(PAD_TO).max(1) * PAD_TO;
    out.resize(len, b' ');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_folds_case_separators_and_lookalikes() {
        let key = "7kq2m-xr4tb-9hn3d-wcvg8-pae5z-16fjy";
        let c = canonical(SecretKind::AccessKey, key).unwrap();
        assert_eq!(c, "7KQ2MXR4TB9HN3DWCVG8PAE5Z16FJY");
        assert_eq!(
            canonical(SecretKind::AccessKey, "7KQ2M XR4TB 9HN3D WCVG8 PAE5Z IGFJO").unwrap(),
            "7KQ2MXR4TB9HN3DWCVG8PAE5Z1GFJ0"
        );
        assert_eq!(display(&c), "7KQ2M-XR4TB-9HN3D-WCVG8-PAE5Z-16FJY");
    }

    #[test]
    fn short_long_and_foreign_secrets_are_refused() {
        assert_eq!(
            canonical(SecretKind::TicketCode, " - "),
            Err(SecretError::Empty)
        );
        assert_eq!(
            canonical(SecretKind::TicketCode, "7KQ2M-XR4TB-9HN3D"),
            Err(SecretError::WrongLength(15))
        );
        assert_eq!(
            canonical(SecretKind::AccessKey, "DEMO-HUANAN-2026"),
            Err(SecretError::BadSymbol('U'))
        );
        assert_eq!(
            canonical(SecretKind::TicketCode, "7KQ2M-XR4TB-9HN3D-WCVG*"),
            Err(SecretError::BadSymbol('*'))
        );
    }

    #[test]
    fn patterned_secrets_are_refused() {
        for typed in [
            "AAAAA-AAAAA-AAAAA-AAAAA", // one symbol
            "ABCDE-ABCDE-ABCDE-ABCDE", // a repeated block
            "0123456789ABCDEFGHJK",    // the alphabet in order
            "7KQ2M-XR4TB-99999-WCVG8", // a symbol five times in a row
            "ZYXWVT-K7Q2M-R4TB9-HN3P", // a run downwards
            "12121-21212-12121-21212", // two symbols
        ] {
            assert_eq!(
                canonical(SecretKind::TicketCode, typed),
                Err(SecretError::Patterned),
                "{typed}"
            );
        }
    }

    #[test]
    fn random_bytes_make_keys_that_canonicalise_to_themselves() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut accepted = 0;
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..19)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 24) as u8
                })
                .collect();
            for kind in [SecretKind::AccessKey, SecretKind::TicketCode] {
                if let Some(key) = format_random(kind, &bytes) {
                    accepted += 1;
                    let c = canonical(kind, &key).unwrap();
                    assert_eq!(display(&c), key);
                    assert_eq!(c.len(), kind.symbols());
                }
            }
        }
        assert!(
            accepted > 3990,
            "only {accepted} of 4000 random keys accepted"
        );
    }

    #[test]
    fn format_random_uses_every_bit() {
        let bytes: Vec<u8> = (0u8..19).map(|i| i.wrapping_mul(97) ^ 0x5a).collect();
        let key = format_random(SecretKind::AccessKey, &bytes).unwrap();
        let c = canonical(SecretKind::AccessKey, &key).unwrap();
        let mut bits = Vec::new();
        for b in c.bytes() {
            let v = ALPHABET.iter().position(|&a| a == b).unwrap();
            bits.extend((0..5).rev().map(|i| (v >> i) & 1));
        }
        let expected: Vec<usize> = bytes
            .iter()
            .flat_map(|b| (0..8).rev().map(move |i| usize::from(b >> i) & 1))
            .take(150)
            .collect();
        assert_eq!(bits, expected);
        // All ones would be "ZZZ…": refused, and too few bytes make nothing.
        assert_eq!(format_random(SecretKind::AccessKey, &[0xff; 19]), None);
        assert_eq!(format_random(SecretKind::AccessKey, &[0x5a; 3]), None);
    }

    #[test]
    fn labels_differ_per_purpose_and_per_ticket() {
        let w = workspace_labels();
        let t = ticket_labels(" cm2026-001414 ");
        assert_eq!(t.name, "coremail-portal/v2/ticket/CM2026-001414/name");
        assert_eq!(w.key, "coremail-portal/v2/workspace/key");
        let all = [
            &w.name, &w.key, &w.nonce, &w.proof, &t.name, &t.key, &t.nonce, &t.proof,
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_ne!(
            ticket_labels("CM2026-001414").key,
            ticket_labels("CM2026-001415").key
        );
    }

    #[test]
    fn envelope_round_trips_and_refuses_strangers() {
        let bytes = envelope(&[7; NONCE_LEN], &[1; 40]);
        let e = open_envelope(&bytes).unwrap();
        assert_eq!(e.nonce, &[7; NONCE_LEN]);
        assert_eq!(e.ciphertext, &[1; 40]);
        assert_eq!(
            open_envelope(b"{\"json\":1}"),
            Err(EnvelopeError::NotSealed)
        );
        assert_eq!(open_envelope(b"CMS2short"), Err(EnvelopeError::Truncated));
    }

    #[test]
    fn sealed_names_and_padding() {
        let file = sealed_file(&[0xab; NAME_LEN]);
        assert_eq!(file, format!("sealed/{}.bin", "ab".repeat(16)));
        assert!(is_sealed_name(file.strip_prefix("sealed/").unwrap()));
        assert!(!is_sealed_name("AB.bin"));
        assert!(!is_sealed_name(&format!("{}.json", "ab".repeat(16))));
        let padded = pad("{\"a\":1}");
        assert_eq!(padded.len(), PAD_TO);
        assert!(padded.starts_with(b"{\"a\":1} "));
        assert_eq!(pad(&"x".repeat(PAD_TO)).len(), PAD_TO);
        assert_eq!(pad(&"x".repeat(PAD_TO + 1)).len(), 2 * PAD_TO);
    }
}
