//! Opening sealed files (scheme `coremail-portal/v2`, `portal_core::secret`)
//! with the browser's WebCrypto: HKDF-SHA-256 derives the file's name and
//! its AES-256-GCM key from the secret the user holds, the file is fetched
//! by that name and decrypted. No crypto crate is compiled into the wasm.
//!
//! WebCrypto exists only in secure contexts (HTTPS, or 127.0.0.1): on plain
//! HTTP this says so ([`SealedError::Insecure`]) instead of failing oddly.
//! Errors never carry the file's name: it is a capability.

use crate::api::{api_url, ApiError};
use js_sys::{Array, Promise, Uint8Array};
use portal_core::secret::{self, Labels, SecretError, SecretKind, NAME_LEN};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, HkdfParams, SubtleCrypto};

/// What the error panel calls a sealed file: never its real name.
pub const SEALED_LABEL: &str = "sealed/…";

/// Why a sealed file did not open.
#[derive(Debug, Clone, PartialEq)]
pub enum SealedError {
    /// Plain HTTP: the browser offers no WebCrypto here.
    Insecure,
    /// The typed secret is not one (too short, a typo, a pattern).
    Secret(SecretError),
    /// No file has this name: a wrong secret (or number).
    NotFound,
    /// The server refused: too many attempts (HTTP 429).
    TooManyAttempts,
    /// Fetching failed otherwise (network, server), with the file's name
    /// replaced by [`SEALED_LABEL`].
    Api(ApiError),
    /// The file is there but does not open: changed or damaged.
    Damaged,
}

/// A canonical secret and what it opens, as typed.
pub fn workspace_secret(typed: &str) -> Result<String, SealedError> {
    secret::canonical(SecretKind::AccessKey, typed).map_err(SealedError::Secret)
}

pub fn ticket_secret(typed: &str) -> Result<String, SealedError> {
    secret::canonical(SecretKind::TicketCode, typed).map_err(SealedError::Secret)
}

/// Opens a customer's workspace with a canonical access key: its JSON.
pub async fn open_workspace(key: &str) -> Result<String, SealedError> {
    open(key, &secret::workspace_labels()).await
}

/// Opens a ticket with its number and canonical access code: its JSON.
pub async fn open_ticket(number: &str, code: &str) -> Result<String, SealedError> {
    open(code, &secret::ticket_labels(number)).await
}

async fn open(canonical: &str, labels: &Labels) -> Result<String, SealedError> {
    let window = web_sys::window().ok_or(SealedError::Insecure)?;
    if !window.is_secure_context() {
        return Err(SealedError::Insecure);
    }
    let subtle = window.crypto().map_err(|_| SealedError::Insecure)?.subtle();
    let crypto = |_: JsValue| SealedError::Damaged;
    let (file, key_bytes) = derive_file(canonical, labels).await?;
    let sealed = fetch_bytes(&file).await?;
    let envelope = secret::open_envelope(&sealed).map_err(|_| SealedError::Damaged)?;
    let aes = js_sys::Object::new();
    js_sys::Reflect::set(&aes, &"name".into(), &"AES-GCM".into()).map_err(crypto)?;
    let key: CryptoKey = call(subtle.import_key_with_object(
        "raw",
        &bytes(&key_bytes),
        &aes,
        false,
        &usages("decrypt"),
    ))
    .await
    .map_err(crypto)?;
    let params = AesGcmParams::new("AES-GCM", &bytes(envelope.nonce));
    params.set_additional_data(&bytes(&secret::aad(&file)));
    let plain: js_sys::ArrayBuffer =
        call(subtle.decrypt_with_object_and_u8_array(&params, &key, envelope.ciphertext))
            .await
            .map_err(crypto)?;
    let plain = Uint8Array::new(&plain).to_vec();
    let text = String::from_utf8(plain).map_err(|_| SealedError::Damaged)?;
    Ok(text.trim_end_matches(' ').to_owned())
}

/// The sealed file's path and its AES key, derived from a canonical secret.
pub async fn derive_file(
    canonical: &str,
    labels: &Labels,
) -> Result<(String, Vec<u8>), SealedError> {
    let (subtle, base) = hkdf_base(canonical).await?;
    let crypto = |_: JsValue| SealedError::Damaged;
    let name = derive(&subtle, &base, &labels.name, NAME_LEN)
        .await
        .map_err(crypto)?;
    let key = derive(&subtle, &base, &labels.key, 32)
        .await
        .map_err(crypto)?;
    Ok((secret::sealed_file(&name), key))
}

/// WebCrypto and the secret as HKDF input keying material.
async fn hkdf_base(canonical: &str) -> Result<(SubtleCrypto, CryptoKey), SealedError> {
    let window = web_sys::window().ok_or(SealedError::Insecure)?;
    if !window.is_secure_context() {
        return Err(SealedError::Insecure);
    }
    let subtle = window.crypto().map_err(|_| SealedError::Insecure)?.subtle();
    let base: CryptoKey = call(subtle.import_key_with_str(
        "raw",
        &bytes(canonical.as_bytes()),
        "HKDF",
        false,
        &usages("deriveBits"),
    ))
    .await
    .map_err(|_| SealedError::Damaged)?;
    Ok((subtle, base))
}

/// What a submission carries to show its sender holds the secret (the
/// `proof` label, `docs/api.md` "Submissions"); the secret stays here.
pub async fn proof(canonical: &str, labels: &Labels) -> Result<String, SealedError> {
    let (subtle, base) = hkdf_base(canonical).await?;
    let bits = derive(&subtle, &base, &labels.proof, secret::PROOF_LEN)
        .await
        .map_err(|_| SealedError::Damaged)?;
    Ok(portal_core::keys::to_hex(&bits))
}

/// HKDF-SHA-256 (salt: the scheme) of `len` bytes for `info`.
async fn derive(
    subtle: &SubtleCrypto,
    base: &CryptoKey,
    info: &str,
    len: usize,
) -> Result<Vec<u8>, JsValue> {
    let params = HkdfParams::new_with_str(
        "HKDF",
        "SHA-256",
        &bytes(info.as_bytes()),
        &bytes(secret::SCHEME.as_bytes()),
    );
    let bits: js_sys::ArrayBuffer =
        call(subtle.derive_bits_with_object(&params, base, (len * 8) as u32)).await?;
    Ok(Uint8Array::new(&bits).to_vec())
}

async fn call<T: JsCast>(promise: Result<Promise, JsValue>) -> Result<T, JsValue> {
    JsFuture::from(promise?).await?.dyn_into::<T>()
}

fn bytes(b: &[u8]) -> js_sys::Object {
    Uint8Array::from(b).into()
}

fn usages(one: &str) -> JsValue {
    Array::of1(&one.into()).into()
}

/// The sealed file's bytes; a missing one is [`SealedError::NotFound`].
async fn fetch_bytes(file: &str) -> Result<Vec<u8>, SealedError> {
    let hide = |e: gloo_net::Error| {
        SealedError::Api(ApiError::Network {
            file: SEALED_LABEL.to_owned(),
            detail: e.to_string(),
        })
    };
    let response = gloo_net::http::Request::get(&api_url(file))
        .send()
        .await
        .map_err(hide)?;
    match response.status() {
        200..=299 => response.binary().await.map_err(hide),
        404 => Err(SealedError::NotFound),
        429 => Err(SealedError::TooManyAttempts),
        status => Err(SealedError::Api(ApiError::Status {
            file: SEALED_LABEL.to_owned(),
            status,
        })),
    }
}
