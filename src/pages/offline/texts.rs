//! The offline library's strings: the articles kept on this device, their
//! size, search, refresh and remove. (Storage failures speak through
//! `components::store_problem`.)

use crate::i18n::{plural, Lang};

pub struct OfflineTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub empty: &'static str,
    /// How many articles are kept, and their size in KB.
    pub total: fn(usize, usize) -> String,
    pub search_placeholder: &'static str,
    pub saved_at_label: &'static str,
    pub pinned_label: &'static str,
    pub newer_version: &'static str,
    pub refresh_button: &'static str,
    pub remove_button: &'static str,
}

static ZH: OfflineTexts = OfflineTexts {
    title: "离线文章",
    lead: "保存在本机的知识库文章，断网时也能阅读和搜索。打开过的文章会自动保存。",
    empty: "还没有离线文章。打开文章或点击“保存以离线阅读”后，它会出现在这里。",
    total: |count, kb| format!("共 {count} 篇，约 {kb} KB"),
    search_placeholder: "在离线文章中搜索",
    saved_at_label: "保存于",
    pinned_label: "手动保存",
    newer_version: "有新版本",
    refresh_button: "更新",
    remove_button: "移除",
};

static EN: OfflineTexts = OfflineTexts {
    title: "Offline library",
    lead: "Knowledge-base articles kept on this device, to read and search without a network. Articles you open are kept automatically.",
    empty: "No offline articles yet. Open an article or press “Save for offline” and it appears here.",
    total: |count, kb| format!("{}, about {kb} KB", plural(count, "article", "articles")),
    search_placeholder: "Search offline articles",
    saved_at_label: "Saved",
    pinned_label: "Saved on purpose",
    newer_version: "Newer version published",
    refresh_button: "Refresh",
    remove_button: "Remove",
};

pub fn offline_texts(lang: Lang) -> &'static OfflineTexts {
    lang.pick(&ZH, &EN)
}
