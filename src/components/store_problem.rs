//! A storage failure (`StoreError`) in the words of what the storage was
//! for; owns those words.

use crate::i18n::{use_lang, Lang};
use crate::store::StoreError;
use leptos::prelude::*;

/// What the device storage was being used for when it failed: the message
/// says what the user lost, and whether it interrupts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreUse {
    /// Remembering (or listing) ticket lookups. The ticket is shown all the
    /// same, so this is a warning.
    RememberLookup,
    /// Forgetting lookups the user asked to forget: they are still here.
    ForgetLookup,
    /// Saving, refreshing or removing articles the user asked about.
    SaveArticles,
    /// The copy every opened article gets: a warning, the article is shown.
    KeepOpenedArticle,
    /// Queueing something to send: nothing was queued, the form keeps it.
    Queue,
    /// Recording a patch download: the file downloads all the same.
    RecordDownload,
}

struct StoreTexts {
    lookup_full: &'static str,
    lookup_unavailable: &'static str,
    forget_failed: &'static str,
    article_full: &'static str,
    article_unavailable: &'static str,
    busy: &'static str,
    queue_full: &'static str,
    queue_unavailable: &'static str,
    download_full: &'static str,
    download_unavailable: &'static str,
}

static ZH: StoreTexts = StoreTexts {
    lookup_full: "本机存储空间已满，这次查询没有被记住，但工单照常显示。可在“最近查询”中忘记旧记录以释放空间。",
    lookup_unavailable: "本机存储不可用（可能处于无痕模式），查询记录不会被保存。",
    forget_failed: "未能从本机删除查询记录，它仍保存在本机。请重试；如仍不行，可在浏览器设置中清除本站数据。",
    article_full: "本机存储空间已满，文章没有保存；已保存的文章不受影响。可在“离线文章”中移除不需要的文章后重试。",
    article_unavailable: "本机存储不可用（可能处于无痕模式），文章无法保存以离线阅读。",
    busy: "本机存储没有及时响应，可能是另一个打开本站的标签页正在使用它。请关闭其他标签页后重试；已保存的内容不受影响。",
    queue_full: "本机存储空间已满，请求没有放入发件箱，也还没有发送。您填写的内容仍在表单中：可在“隐私与本机数据”中清理空间后重试，或致电 400-888-2488。",
    queue_unavailable: "本机存储不可用（可能处于无痕模式），请求没有放入发件箱，也还没有发送。您填写的内容仍在表单中：请换用普通窗口，或发送邮件至 support@coremail.cn。",
    download_full: "本机存储空间已满，这次下载没有记入本机的下载记录；文件照常下载。",
    download_unavailable: "本机存储不可用（可能处于无痕模式），下载不会记入本机的下载记录；文件照常下载。",
};

static EN: StoreTexts = StoreTexts {
    lookup_full: "This device's storage is full, so this lookup was not remembered; the ticket is shown all the same. Forget old lookups to free space.",
    lookup_unavailable: "Storage on this device is unavailable (private browsing?), so lookups are not remembered.",
    forget_failed: "The lookup could not be removed and is still on this device. Try again; if it stays, clear this site's data in the browser settings.",
    article_full: "This device's storage is full, so the article was not saved; articles saved before are untouched. Remove some in the offline library and try again.",
    article_unavailable: "Storage on this device is unavailable (private browsing?), so articles cannot be kept for offline reading.",
    busy: "This device's storage did not answer in time; another tab with this site open may be holding it. Close the other tabs and try again; nothing saved before is lost.",
    queue_full: "This device's storage is full, so the request was not put in the outbox and has not been sent. What you typed is still in the form: free space under “Privacy and data on this device” and try again, or call 400-888-2488.",
    queue_unavailable: "Storage on this device is unavailable (private browsing?), so the request was not put in the outbox and has not been sent. What you typed is still in the form: use a normal window, or e-mail support@coremail.cn.",
    download_full: "This device's storage is full, so this download was not added to the device's download history; the file downloads all the same.",
    download_unavailable: "Storage on this device is unavailable (private browsing?), so downloads are not added to the device's history; the file downloads all the same.",
};

/// The user's words for a storage failure during `used_for`.
pub fn store_error_message(lang: Lang, error: &StoreError, used_for: StoreUse) -> &'static str {
    use StoreError::{Busy, Full, Unavailable};
    let t = lang.pick(&ZH, &EN);
    match (used_for, error) {
        (_, Busy) => t.busy,
        (StoreUse::RememberLookup, Full) => t.lookup_full,
        (StoreUse::RememberLookup, Unavailable(_)) => t.lookup_unavailable,
        (StoreUse::ForgetLookup, _) => t.forget_failed,
        (StoreUse::SaveArticles | StoreUse::KeepOpenedArticle, Full) => t.article_full,
        (StoreUse::SaveArticles | StoreUse::KeepOpenedArticle, Unavailable(_)) => {
            t.article_unavailable
        }
        (StoreUse::Queue, Full) => t.queue_full,
        (StoreUse::Queue, Unavailable(_)) => t.queue_unavailable,
        (StoreUse::RecordDownload, Full) => t.download_full,
        (StoreUse::RecordDownload, Unavailable(_)) => t.download_unavailable,
    }
}

/// A storage failure's notice is an alert when what the user asked for did
/// not happen, a status note when the page is shown anyway.
pub fn store_problem_role(used_for: StoreUse) -> &'static str {
    match used_for {
        StoreUse::RememberLookup | StoreUse::KeepOpenedArticle | StoreUse::RecordDownload => {
            "status"
        }
        StoreUse::ForgetLookup | StoreUse::SaveArticles | StoreUse::Queue => "alert",
    }
}

/// A storage failure as a notice: an alert when what the user asked for did
/// not happen, a status note when the page is shown anyway.
#[component]
pub fn StoreProblem(error: StoreError, used_for: StoreUse) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="notice" role=store_problem_role(used_for)>
            {move || store_error_message(lang.get(), &error, used_for)}
        </p>
    }
}
