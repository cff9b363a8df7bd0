//! Browser-side tests of the app, run in headless Chromium by
//! wasm-bindgen-test-runner: `cargo test -p portal-app --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use portal_app::api::{self, ApiError};
use portal_app::components::ErrorPanel;
use portal_app::i18n::{self, Lang};
use portal_core::model::Meta;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A blob: URL serving `body` as JSON, so fetch tests need no server.
fn blob_url(body: &str) -> String {
    let parts = js_sys::Array::of1(&body.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

const META: &str = r#"{"api_version":1,"generated_at":"2026-11-26T09:00:00+08:00",
  "data_version":"t","support_email":"support@coremail.cn","hotline":"400-888-2488"}"#;

#[wasm_bindgen_test]
async fn fetch_json_parses_a_valid_file() {
    let meta: Meta = api::fetch_json_from("meta.json", &blob_url(META))
        .await
        .unwrap();
    assert_eq!(meta.hotline, "400-888-2488");
}

#[wasm_bindgen_test]
async fn malformed_json_names_the_file_and_the_field() {
    let body = META.replace("\"api_version\":1", "\"api_version\":\"one\"");
    let err = api::fetch_json_from::<Meta>("meta.json", &blob_url(&body))
        .await
        .unwrap_err();
    match err {
        ApiError::Malformed(e) => {
            assert_eq!(e.file, "meta.json");
            assert_eq!(e.path, "$.api_version");
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn unreachable_server_is_a_network_error() {
    // Port 9 (discard) on loopback: nothing listens there.
    let err = api::fetch_json_from::<Meta>("meta.json", "http://127.0.0.1:9/meta.json")
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::Network { ref file, .. } if file == "meta.json"),
        "{err:?}"
    );
}

#[wasm_bindgen_test]
fn api_base_comes_from_the_meta_tag_and_resolves_against_the_page() {
    let head = document().head().unwrap();
    let meta = document().create_element("meta").unwrap();
    meta.set_attribute("name", api::API_BASE_META).unwrap();
    meta.set_attribute("content", "https://api.example.cn/portal/v1")
        .unwrap();
    head.append_child(&meta).unwrap();
    assert_eq!(
        api::api_url("meta.json"),
        "https://api.example.cn/portal/v1/meta.json"
    );
    meta.set_attribute("content", "data/").unwrap();
    let page = document().base_uri().unwrap().unwrap();
    let expected = web_sys::Url::new_with_base("data/meta.json", &page)
        .unwrap()
        .href();
    assert_eq!(api::api_url("meta.json"), expected);
    head.remove_child(&meta).unwrap();
}

#[wasm_bindgen_test]
fn language_choice_is_remembered() {
    i18n::save_lang(Lang::En);
    assert_eq!(i18n::load_lang(), Lang::En);
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
    i18n::save_lang(Lang::Zh);
    assert_eq!(i18n::load_lang(), Lang::Zh);
}

#[wasm_bindgen_test]
fn unknown_saved_language_falls_back_to_chinese() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(i18n::STORAGE_KEY, "klingon").unwrap();
    assert_eq!(i18n::load_lang(), Lang::Zh);
}

#[wasm_bindgen_test]
async fn error_panel_explains_and_retries() {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let retried = RwSignal::new(0);
    let error = ApiError::Status {
        file: "sla/policy.json".into(),
        status: 404,
    };
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        provide_context(RwSignal::new(Lang::Zh));
        view! { <ErrorPanel error=error.clone() on_retry=move || retried.update(|n| *n += 1)/> }
    });
    let text = host.text_content().unwrap();
    assert!(text.contains("数据文件不存在"), "{text}");
    assert!(text.contains("sla/policy.json: HTTP 404"), "{text}");
    let button: web_sys::HtmlElement = host
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "重试");
    button.click();
    assert_eq!(retried.get_untracked(), 1);
    drop(handle);
}
