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

#[wasm_bindgen_test]
fn sla_errors_read_in_the_users_language_with_the_detail_kept() {
    use portal_app::components::sla_error_message;
    use portal_core::sla::SlaError;
    let past = SlaError::PastCalendarEnd {
        covers_until: "2026-12-31".parse().unwrap(),
    };
    assert_eq!(
        sla_error_message(&past, Lang::Zh),
        "节假日数据只覆盖到 2026-12-31，之后的法定节假日安排尚未发布，暂时无法计算这个时间的响应时限。"
    );
    assert!(sla_error_message(&past, Lang::En)
        .starts_with("The holiday calendar covers dates up to 2026-12-31."));
    let incomplete = SlaError::PolicyIncomplete("no target for P3".into());
    assert!(sla_error_message(&incomplete, Lang::Zh).contains("support@coremail.cn"));
    // The English account stays available as the detail.
    assert!(incomplete.to_string().contains("no target for P3"));
}

// ------------------------------------------------------------ IndexedDB

use portal_app::store::{self, RecentLookup};

fn lookup(n: u32, opened_at: f64) -> RecentLookup {
    RecentLookup {
        key: format!("{n:064x}"),
        number: format!("CM2026-{n:06}"),
        code: Some("6Q37P-7N7HA-E9884-DNTMR".into()),
        title: format!("工单 {n}"),
        opened_at,
        ticket_json: Some(format!("{{\"n\":{n}}}")),
        fetched_at: Some(opened_at),
    }
}

#[wasm_bindgen_test]
async fn recent_lookups_are_kept_newest_first_and_can_be_forgotten() {
    store::forget_all().await.unwrap();
    store::remember(lookup(1, 1_000.0)).await.unwrap();
    store::remember(lookup(2, 2_000.0)).await.unwrap();
    let all = store::recent().await.unwrap();
    assert_eq!(
        all.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(),
        ["CM2026-000002", "CM2026-000001"]
    );
    assert_eq!(all[1].ticket_json.as_deref(), Some("{\"n\":1}"));

    // Reopening replaces the entry rather than adding a second one.
    store::remember(lookup(1, 3_000.0)).await.unwrap();
    let all = store::recent().await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].number, "CM2026-000001");

    let found = store::find_number(" cm2026-000002 ").await.unwrap();
    assert_eq!(found.map(|r| r.key), Some(format!("{:064x}", 2)));

    store::forget(&format!("{:064x}", 1)).await.unwrap();
    assert_eq!(store::recent().await.unwrap().len(), 1);
    store::forget_all().await.unwrap();
    assert!(store::recent().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn only_the_most_recent_lookups_are_kept() {
    store::forget_all().await.unwrap();
    for n in 0..(store::RECENT_LIMIT as u32 + 5) {
        store::remember(lookup(n, f64::from(n))).await.unwrap();
    }
    let all = store::recent().await.unwrap();
    assert_eq!(all.len(), store::RECENT_LIMIT);
    assert_eq!(
        all[0].number,
        format!("CM2026-{:06}", store::RECENT_LIMIT + 4)
    );
    assert!(store::find_number("CM2026-000000").await.unwrap().is_none());
    store::forget_all().await.unwrap();
}

// ------------------------------------------------------ offline articles

use portal_app::store::SavedArticle;
use portal_core::markdown::{Block, Inline};

#[wasm_bindgen_test]
async fn an_article_saved_as_markdown_by_an_older_build_still_reads_as_text() {
    // Exactly what builds before published blocks wrote: no blocks_json.
    let record = r###"{"id":"legacy-copy","entry_json":"{}","body_md":"## 现象\n\n535 Error","revision":1,"category":"send-receive","saved_at":1.0,"pinned":true}"###;
    let legacy: SavedArticle = serde_json::from_str(record).unwrap();
    // Through IndexedDB: the empty blocks_json is left out, as in old records.
    store::save_articles(vec![legacy]).await.unwrap();
    let copy = store::saved_article("legacy-copy").await.unwrap().unwrap();
    assert_eq!(
        copy.blocks().unwrap(),
        [
            Block::Paragraph(vec![Inline::Text("## 现象".into())]),
            Block::Paragraph(vec![Inline::Text("535 Error".into())]),
        ]
    );
    assert_eq!(copy.size(), "{}".len() + "## 现象\n\n535 Error".len());
    assert!(store::saved_articles()
        .await
        .unwrap()
        .iter()
        .any(|a| a.id == "legacy-copy"));
    store::remove_article("legacy-copy").await.unwrap();
}

#[wasm_bindgen_test]
async fn an_article_is_kept_as_its_published_blocks() {
    let article: portal_core::model::KbArticle = serde_json::from_str(
        r#"{"id":"blocks-copy","category":"send-receive","title":{"zh":"标题"},
            "summary":{"zh":"摘要"},"updated":"2026-11-26","revision":3}"#,
    )
    .unwrap();
    let blocks_json = r#"{"v":1,"blocks":[{"p":["已保存"]}]}"#;
    store::keep_article(&article, blocks_json, true)
        .await
        .unwrap();
    let copy = store::saved_article("blocks-copy").await.unwrap().unwrap();
    assert_eq!(copy.blocks_json, blocks_json);
    assert!(copy.body_md.is_empty());
    assert_eq!(
        copy.blocks().unwrap(),
        [Block::Paragraph(vec![Inline::Text("已保存".into())])]
    );
    assert_eq!(copy.size(), copy.entry_json.len() + blocks_json.len());
    store::remove_article("blocks-copy").await.unwrap();
}

// ------------------------------------------------------------ WebCrypto

/// The browser's HKDF gives the same file names as the CLI's RustCrypto and
/// OpenSSL (vectors in crates/cli/src/sealing.rs).
#[wasm_bindgen_test]
async fn webcrypto_derives_the_names_the_publisher_seals_under() {
    use portal_app::sealed;
    use portal_core::secret;
    let key = sealed::workspace_secret("0B8DJ-J1AEJ-T355S-2NWSA-EVXA6-B08XB").unwrap();
    let (file, _) = sealed::derive_file(&key, &secret::workspace_labels())
        .await
        .unwrap();
    assert_eq!(file, "sealed/47a618b2536939cbc78dca205c2b8e74.bin");
    let code = sealed::ticket_secret("6q37p 7n7ha e9884 dntmr").unwrap();
    let (file, key) = sealed::derive_file(&code, &secret::ticket_labels("CM2026-001414"))
        .await
        .unwrap();
    assert_eq!(file, "sealed/66897fc192b856e2fdf92248e92d4ebf.bin");
    assert_eq!(
        portal_core::keys::to_hex(&key),
        "d73af79510ed29a5ee04b7089ff7a35ed6e4d142147bcf84ef494191d2d68639"
    );
    assert!(matches!(
        sealed::workspace_secret("DEMO-HUANAN-2026"),
        Err(sealed::SealedError::Secret(_))
    ));
}

/// The proof a submission carries, as the browser makes it, equals the one
/// `portal intake` derives (vectors in crates/cli/src/sealing.rs, checked
/// there against OpenSSL and Python's `cryptography`).
#[wasm_bindgen_test]
async fn webcrypto_makes_the_proof_the_receiver_expects() {
    use portal_app::sealed;
    use portal_core::secret;
    let key = sealed::workspace_secret("0B8DJ-J1AEJ-T355S-2NWSA-EVXA6-B08XB").unwrap();
    assert_eq!(
        sealed::proof(&key, &secret::workspace_labels())
            .await
            .unwrap(),
        "70b07710506e0802af0764ee9d6e064c"
    );
    let code = sealed::ticket_secret("6Q37P-7N7HA-E9884-DNTMR").unwrap();
    assert_eq!(
        sealed::proof(&code, &secret::ticket_labels("CM2026-001414"))
            .await
            .unwrap(),
        "ca7eb6d5690d7a165cbe56cca97169de"
    );
}

// ---------------------------------------------------------------- outbox

fn outbox_item(id: &str, at: f64) -> portal_core::outbox::Item {
    portal_core::outbox::Item::new(
        id.to_owned(),
        "ticket_reply",
        "日志已发送".to_owned(),
        Some("CM2026-001414".to_owned()),
        "{}".to_owned(),
        at,
    )
}

/// An item put in the outbox is read back as stored, across connections,
/// and removing it leaves the others.
#[wasm_bindgen_test]
async fn outbox_items_are_stored_read_back_and_removed() {
    use portal_app::store;
    let a = outbox_item("3f2b8c1e-9d4a-4c7e-8b2f-0a1b2c3d4e5f", 1.0);
    let mut b = outbox_item("9c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f", 2.0);
    b.sending(3.0);
    store::put_outbox_item(&a).await.unwrap();
    store::put_outbox_item(&b).await.unwrap();
    let mut got = store::outbox_items().await.unwrap();
    got.sort_by(|x, y| x.created_at.total_cmp(&y.created_at));
    assert_eq!(got, vec![a.clone(), b.clone()]);
    store::remove_outbox_item(&a.id).await.unwrap();
    assert_eq!(store::outbox_items().await.unwrap(), vec![b.clone()]);
    store::remove_outbox_item(&b.id).await.unwrap();
}

/// A record an older build wrote, which no longer parses, is dropped when
/// met; the good ones are returned and nothing fails.
#[wasm_bindgen_test]
async fn an_outbox_record_that_no_longer_parses_is_evicted() {
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    use portal_app::store;
    let good = outbox_item("0b5c7a9e-1d2f-4a3b-8c4d-5e6f7a8b9c0d", 5.0);
    store::put_outbox_item(&good).await.unwrap();
    {
        let db = indexed_db_futures::database::Database::open(store::DB_NAME)
            .await
            .unwrap();
        let tx = db
            .transaction(store::OUTBOX)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .unwrap();
        let junk = js_sys::JSON::parse(r#"{"id":"junk","state":"lost-in-transit"}"#).unwrap();
        tx.object_store(store::OUTBOX)
            .unwrap()
            .put(junk)
            .primitive()
            .unwrap()
            .await
            .unwrap();
        tx.commit().await.unwrap();
        indexed_db_futures::internals::SystemRepr::as_sys(&db).close();
    }
    assert_eq!(store::outbox_items().await.unwrap(), vec![good.clone()]);
    let (_, records, _) = store::usage()
        .await
        .unwrap()
        .into_iter()
        .find(|(name, _, _)| *name == store::OUTBOX)
        .unwrap();
    assert_eq!(records, 1, "the junk record is gone");
    store::remove_outbox_item(&good.id).await.unwrap();
}
