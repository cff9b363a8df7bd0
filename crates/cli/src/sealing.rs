//! Sealing and opening private files, scheme `coremail-portal/v2`
//! (`portal_core::secret`, `docs/api.md` "Sealed files"), with RustCrypto:
//!
//! - name  = HKDF-SHA-256(ikm = canonical secret, salt = scheme, info = labels.name)[..16], hex
//! - key   = HKDF-SHA-256(…, info = labels.key), 32 bytes, AES-256-GCM
//! - nonce = HMAC-SHA-256(HKDF(…, info = labels.nonce), padded plaintext)[..12]
//! - proof = HKDF-SHA-256(…, info = labels.proof)[..16], hex: what a submission
//!   carries (`portal_core::submission`), checked by `portal intake`
//! - file  = "CMS2" ‖ nonce ‖ AES-256-GCM(key, nonce, aad = scheme "\n" path, padded plaintext)
//!
//! The nonce is synthetic (derived from the plaintext), so publishing the
//! same data twice writes the same bytes and a CDN keeps its cache, while
//! two different plaintexts never share a nonce under one key.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use portal_core::secret::SecretError;
use portal_core::secret::{self, Labels, SecretKind, NAME_LEN, NONCE_LEN, PROOF_LEN};
use sha2::Sha256;
use std::fmt;

/// What one secret derives for one file.
pub struct Derived {
    /// `sealed/<hex>.bin`.
    pub file: String,
    key: [u8; 32],
    nonce_key: [u8; 32],
}

fn hkdf(canonical: &str) -> Hkdf<Sha256> {
    Hkdf::<Sha256>::new(Some(secret::SCHEME.as_bytes()), canonical.as_bytes())
}

/// Derives name, key and nonce key from a canonical secret.
pub fn derive(canonical: &str, labels: &Labels) -> Derived {
    let hk = hkdf(canonical);
    let mut name = [0u8; NAME_LEN];
    let mut key = [0u8; 32];
    let mut nonce_key = [0u8; 32];
    // Output lengths this small (≤ 255 × 32 bytes) never fail.
    for (info, out) in [
        (&labels.name, &mut name[..]),
        (&labels.key, &mut key[..]),
        (&labels.nonce, &mut nonce_key[..]),
    ] {
        hk.expand(info.as_bytes(), out)
            .expect("HKDF output of at most 32 bytes");
    }
    Derived {
        file: secret::sealed_file(&name),
        key,
        nonce_key,
    }
}

/// The proof a submission carries that its sender holds this canonical
/// secret: [`PROOF_LEN`] bytes of HKDF under `labels.proof`, lower-case hex.
pub fn proof(canonical: &str, labels: &Labels) -> String {
    let mut out = [0u8; PROOF_LEN];
    hkdf(canonical)
        .expand(labels.proof.as_bytes(), &mut out)
        .expect("HKDF output of 16 bytes");
    portal_core::keys::to_hex(&out)
}

/// The derivation for a customer's workspace, from the typed access key.
pub fn workspace(access_key: &str) -> Result<Derived, SecretError> {
    let c = secret::canonical(SecretKind::AccessKey, access_key)?;
    Ok(derive(&c, &secret::workspace_labels()))
}

/// The derivation for a ticket, from its number and typed access code.
#[cfg(test)]
pub fn ticket(number: &str, code: &str) -> Result<Derived, SecretError> {
    let c = secret::canonical(SecretKind::TicketCode, code)?;
    Ok(derive(&c, &secret::ticket_labels(number)))
}

/// The sealed file's bytes for this JSON.
pub fn seal(d: &Derived, json: &str) -> Vec<u8> {
    let padded = secret::pad(json);
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&d.nonce_key).expect("HMAC takes any key");
    mac.update(&padded);
    let tag = mac.finalize().into_bytes();
    let nonce = &tag[..NONCE_LEN];
    let cipher = Aes256Gcm::new(&d.key.into());
    let aad = secret::aad(&d.file);
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: &padded,
                aad: &aad,
            },
        )
        .expect("AES-GCM encrypts any plaintext under 64 GiB");
    secret::envelope(nonce, &ciphertext)
}

/// Why a sealed file did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    Envelope(secret::EnvelopeError),
    /// Wrong key, wrong name, or the bytes were changed: GCM cannot tell.
    Tampered,
    /// It opened, but is not UTF-8 text.
    NotText,
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Envelope(e) => write!(f, "{e}"),
            OpenError::Tampered => write!(
                f,
                "does not open with the key its source implies: changed, truncated, renamed, or sealed from other data"
            ),
            OpenError::NotText => write!(f, "opens, but is not UTF-8 text"),
        }
    }
}

/// The JSON text inside a sealed file (padding trimmed).
pub fn open(d: &Derived, bytes: &[u8]) -> Result<String, OpenError> {
    let e = secret::open_envelope(bytes).map_err(OpenError::Envelope)?;
    let cipher = Aes256Gcm::new(&d.key.into());
    let aad = secret::aad(&d.file);
    let plain = cipher
        .decrypt(
            Nonce::from_slice(e.nonce),
            Payload {
                msg: e.ciphertext,
                aad: &aad,
            },
        )
        .map_err(|_| OpenError::Tampered)?;
    let text = String::from_utf8(plain).map_err(|_| OpenError::NotText)?;
    Ok(text.trim_end_matches(' ').to_owned())
}

/// The open side for a reader that holds only the access key (`portal
/// reminders`): finds `API_DIR/sealed/<name>.bin` by the name the key
/// derives, opens it and parses the workspace. The app does the same with
/// WebCrypto (`src/sealed.rs`). Errors say what is wrong without naming the
/// file (the name is derived from the key).
pub fn open_workspace(
    api_dir: &std::path::Path,
    access_key: &str,
) -> Result<portal_core::model::Workspace, OpenWorkspaceError> {
    let d = workspace(access_key).map_err(|e| OpenWorkspaceError::BadKey(e.to_string()))?;
    let bytes = match std::fs::read(api_dir.join(&d.file)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(OpenWorkspaceError::NotFound)
        }
        Err(e) => return Err(OpenWorkspaceError::Io(e.to_string())),
    };
    let text = open(&d, &bytes).map_err(|e| OpenWorkspaceError::Damaged(e.to_string()))?;
    portal_core::parse_json("workspace", &text)
        .map_err(|e| OpenWorkspaceError::Damaged(e.to_string()))
}

/// Why [`open_workspace`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenWorkspaceError {
    /// Not an access key at all (length, alphabet, a patterned key).
    BadKey(String),
    /// A well-formed key that opens no workspace of this directory.
    NotFound,
    Io(String),
    /// The file is there but does not open or is not a workspace.
    Damaged(String),
}

/// A new random secret of `kind`, from the operating system's generator.
pub fn new_secret(kind: SecretKind) -> Result<String, String> {
    loop {
        let mut bytes = vec![0u8; kind.random_bytes()];
        getrandom::fill(&mut bytes).map_err(|e| format!("no random numbers: {e}"))?;
        if let Some(key) = secret::format_random(kind, &bytes) {
            return Ok(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0B8DJ-J1AEJ-T355S-2NWSA-EVXA6-B08XB";

    #[test]
    fn sealing_round_trips_and_is_deterministic() {
        let d = workspace(KEY).unwrap();
        let json = r#"{"id":"huanan"}"#;
        let sealed = seal(&d, json);
        assert_eq!(sealed, seal(&d, json), "same data, same bytes");
        assert_ne!(
            seal(&d, r#"{"id":"huanan2"}"#)[4..16],
            sealed[4..16],
            "new data, new nonce"
        );
        assert_eq!(open(&d, &sealed).unwrap(), json);
        assert_eq!(sealed.len(), 4 + 12 + secret::PAD_TO + 16);
    }

    #[test]
    fn a_tampered_file_fails_with_a_clear_error() {
        let d = workspace(KEY).unwrap();
        let mut sealed = seal(&d, "{}");
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert_eq!(open(&d, &sealed), Err(OpenError::Tampered));
        assert!(OpenError::Tampered.to_string().contains("does not open"));
        sealed[last] ^= 1;
        sealed[20] ^= 0x80;
        assert_eq!(open(&d, &sealed), Err(OpenError::Tampered));
        assert_eq!(
            open(&d, &sealed[..20]),
            Err(OpenError::Envelope(secret::EnvelopeError::Truncated))
        );
        assert_eq!(
            open(&d, b"{\"plain\":true}"),
            Err(OpenError::Envelope(secret::EnvelopeError::NotSealed))
        );
    }

    #[test]
    fn another_key_or_another_name_does_not_open_it() {
        let d = workspace(KEY).unwrap();
        let sealed = seal(&d, "{}");
        let other = workspace("GJQWD-DST7P-Q71FC-6FHTN-CYRFM-DSWM0").unwrap();
        assert_eq!(open(&other, &sealed), Err(OpenError::Tampered));
        // The same key under another file name (a file copied elsewhere).
        let moved = Derived {
            file: "sealed/00000000000000000000000000000000.bin".into(),
            key: d.key,
            nonce_key: d.nonce_key,
        };
        assert_eq!(open(&moved, &sealed), Err(OpenError::Tampered));
    }

    #[test]
    fn a_ticket_code_opens_its_own_number_only() {
        let code = "6Q37P-7N7HA-E9884-DNTMR";
        let a = ticket("CM2026-001414", code).unwrap();
        let b = ticket("cm2026-001414 ", &code.to_lowercase()).unwrap();
        assert_eq!(a.file, b.file, "number and code compare as typed loosely");
        let other = ticket("CM2026-001415", code).unwrap();
        assert_ne!(a.file, other.file);
        assert_eq!(open(&other, &seal(&a, "{}")), Err(OpenError::Tampered));
    }

    /// The labels and derivation agree with an independent HKDF: OpenSSL's
    /// `openssl kdf -keylen 16 -kdfopt digest:SHA256 -kdfopt key:<secret>
    /// -kdfopt salt:coremail-portal/v2 -kdfopt info:<label> HKDF` and Python's
    /// `cryptography` HKDF print the same bytes.
    #[test]
    fn derivation_matches_an_independent_hkdf() {
        let d = workspace(KEY).unwrap();
        assert_eq!(d.file, format!("sealed/{}.bin", EXPECTED_WORKSPACE_NAME));
        let t = ticket("CM2026-001414", "6Q37P-7N7HA-E9884-DNTMR").unwrap();
        assert_eq!(t.file, format!("sealed/{}.bin", EXPECTED_TICKET_NAME));
        assert_eq!(portal_core::keys::to_hex(&t.key), EXPECTED_TICKET_KEY);
    }

    /// The demo data's proofs (workspace `huanan`, ticket `CM2026-001414`),
    /// from OpenSSL's `openssl kdf -keylen 16 … -kdfopt
    /// info:coremail-portal/v2/workspace/proof HKDF` and Python's
    /// `cryptography` HKDF; docs/examples/submissions/ carries them.
    #[test]
    fn proofs_match_an_independent_hkdf() {
        let w = secret::canonical(SecretKind::AccessKey, KEY).unwrap();
        assert_eq!(
            proof(&w, &secret::workspace_labels()),
            "70b07710506e0802af0764ee9d6e064c"
        );
        let t = secret::canonical(SecretKind::TicketCode, "6Q37P-7N7HA-E9884-DNTMR").unwrap();
        assert_eq!(
            proof(&t, &secret::ticket_labels("CM2026-001414")),
            "ca7eb6d5690d7a165cbe56cca97169de"
        );
    }

    const EXPECTED_WORKSPACE_NAME: &str = "47a618b2536939cbc78dca205c2b8e74";
    const EXPECTED_TICKET_NAME: &str = "66897fc192b856e2fdf92248e92d4ebf";
    const EXPECTED_TICKET_KEY: &str =
        "d73af79510ed29a5ee04b7089ff7a35ed6e4d142147bcf84ef494191d2d68639";

    #[test]
    fn new_secrets_are_accepted_by_derivation_and_differ() {
        let a = new_secret(SecretKind::AccessKey).unwrap();
        let b = new_secret(SecretKind::AccessKey).unwrap();
        assert_ne!(a, b);
        assert!(workspace(&a).is_ok());
        let code = new_secret(SecretKind::TicketCode).unwrap();
        assert_eq!(code.len(), 23);
        assert!(ticket("CM1", &code).is_ok());
    }
}
