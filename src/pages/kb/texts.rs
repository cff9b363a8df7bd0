//! The knowledge base's strings: the index with its search, a category
//! with "save for offline", and an article with its notices. (The offline
//! library is a section of its own; an article's body has no strings.)

use crate::i18n::{plural, Lang};

pub struct KbTexts {
    pub title: &'static str,
    pub lead: &'static str,
    /// The link to the offline library.
    pub offline_library: &'static str,
    /// With the API unreachable, before the link to the offline library.
    pub network_hint: &'static str,
    /// The breadcrumbs' first link, to the index.
    pub index_crumb: &'static str,
    pub featured_title: &'static str,
    pub categories_title: &'static str,
    /// How many articles a category has.
    pub articles_count: fn(usize) -> String,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_all_categories: &'static str,
    pub searching: &'static str,
    /// How many articles the search found in all, and how many are shown.
    pub search_results: fn(usize, usize) -> String,
    /// Over partial matches: no article holds every word of the query.
    pub search_partial: &'static str,
    pub search_none: &'static str,
    /// After a search that found nothing: the question form, query filled in.
    pub ask_engineers: &'static str,
    /// The lead's link to the administrators' community.
    pub community: &'static str,
    pub category_missing: &'static str,
    pub save_category: &'static str,
    pub saving: &'static str,
    /// After saving a category, how many articles were saved.
    pub saved_category: fn(usize) -> String,
    pub article_missing: &'static str,
    /// Over the device's copy of an article, given when it was saved.
    pub offline_article: fn(&str) -> String,
    pub updated_on: &'static str,
    pub revision: fn(u32) -> String,
    pub body_in_chinese: &'static str,
    pub save_offline: &'static str,
    pub saved_offline: &'static str,
    pub related_title: &'static str,
}

static ZH: KbTexts = KbTexts {
    title: "在线知识库",
    lead: "管理员常见问题的排查与处理方法：收发信、磁盘空间、弱密码、垃圾邮件、域名、客户端、性能与安全补丁。",
    offline_library: "离线文章",
    network_hint: "网络不可用。保存在本机的文章仍可阅读和搜索：",
    index_crumb: "知识库",
    featured_title: "每周精选",
    categories_title: "分类",
    articles_count: |count| format!("{count} 篇"),
    search_label: "搜索知识库",
    search_placeholder: "搜索知识库，如：收信 延迟、SMTP 535、补丁",
    search_all_categories: "全部分类",
    searching: "正在搜索…",
    search_results: |total, shown| match total > shown {
        true => format!("找到 {total} 篇相关文章，显示前 {shown} 篇"),
        false => format!("找到 {total} 篇相关文章"),
    },
    search_partial: "没有完全匹配的文章，以下文章包含部分词语。",
    search_none: "没有找到相关文章。试试更短的词，或换个说法。",
    ask_engineers: "向 Coremail 工程师提问 →",
    community: "管理员社区 →",
    category_missing: "知识库中没有这个分类。",
    save_category: "保存本分类全部文章",
    saving: "正在保存…",
    saved_category: |count| format!("已保存 {count} 篇文章，可离线阅读。"),
    article_missing: "知识库中没有这篇文章，可能已被移除。",
    offline_article: |time| format!("离线副本：保存于 {time}。"),
    updated_on: "更新于",
    revision: |revision| format!("第 {revision} 版"),
    body_in_chinese: "正文为中文。",
    save_offline: "保存以离线阅读",
    saved_offline: "已保存，可离线阅读",
    related_title: "相关文章",
};

static EN: KbTexts = KbTexts {
    title: "Knowledge base",
    lead: "How admins troubleshoot and fix everyday problems: delivery, disk space, weak passwords, spam, domains, clients, performance and security patches.",
    offline_library: "Offline library",
    network_hint: "The network is unavailable. Articles saved on this device can still be read and searched:",
    index_crumb: "Knowledge base",
    featured_title: "Featured this week",
    categories_title: "Categories",
    articles_count: |count| plural(count, "article", "articles"),
    search_label: "Search the knowledge base",
    search_placeholder: "Search, e.g. 收信 延迟, SMTP 535, 补丁",
    search_all_categories: "All categories",
    searching: "Searching…",
    search_results: |total, shown| match total > shown {
        true => format!("{}, showing the first {shown}", plural(total, "matching article", "matching articles")),
        false => plural(total, "matching article", "matching articles"),
    },
    search_partial: "No article contains all the words; these contain some of them.",
    search_none: "No matching articles. Try a shorter word or other terms.",
    ask_engineers: "Ask Coremail's engineers →",
    community: "Administrators' community →",
    category_missing: "There is no such category in the knowledge base.",
    save_category: "Save this category for offline",
    saving: "Saving…",
    saved_category: |count| format!("{} saved for offline reading.", plural(count, "article", "articles")),
    article_missing: "There is no such article in the knowledge base; it may have been removed.",
    offline_article: |time| format!("Offline copy, saved at {time}."),
    updated_on: "Updated",
    revision: |revision| format!("revision {revision}"),
    body_in_chinese: "The article text is in Chinese.",
    save_offline: "Save for offline",
    saved_offline: "Saved for offline reading",
    related_title: "Related articles",
};

pub fn kb_texts(lang: Lang) -> &'static KbTexts {
    lang.pick(&ZH, &EN)
}
