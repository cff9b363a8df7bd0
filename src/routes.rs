//! Every path of the app in one place: each `<A href>` and each `navigate`
//! builds its URL here, and [`use_param`] reads a path's parameter back. The
//! patterns themselves are `portal_core::routes::Route::of`; each function
//! names the pattern it fills in.
//!
//! Paths carry nothing private: a ticket's path holds its number only; its
//! access code travels in the fragment, which never leaves the browser. Only a
//! search's words are escaped: article and category ids are slugs (`portal
//! validate` insists) and ticket numbers look like `CM2026-001244`.

pub const HOME: &str = "/";
pub const SERVICES: &str = "/services";
pub const SLA: &str = "/sla";
pub const TICKETS: &str = "/tickets";
pub const HISTORY: &str = "/history";
pub const KB: &str = "/kb";
pub const KB_OFFLINE: &str = "/kb/offline";
pub const WORKSPACE: &str = "/workspace";
pub const PRIVACY: &str = "/privacy";
pub const OUTBOX: &str = "/outbox";
/// 在线提交: a new service request from the workspace.
pub const REQUEST: &str = "/request";
/// 补丁管理: the catalogue; its filter is the query string (`PatchFilter`).
pub const PATCHES: &str = "/patches";
/// The patch downloads of this device and of the workspace.
pub const PATCH_DOWNLOADS: &str = "/patches/downloads";

/// `/patches?product=xt5&mine=1`: the catalogue filtered (`query` from
/// `PatchFilter::to_query_string`, left out when empty).
pub fn patches(query: &str) -> String {
    if query.is_empty() {
        PATCHES.to_owned()
    } else {
        format!("{PATCHES}?{query}")
    }
}

/// 工程师预约: book an engineer, and this device's bookings.
pub const BOOKING: &str = "/booking";
/// 消息提醒: the reminders centre.
pub const REMINDERS: &str = "/reminders";
/// 消息设置: notification settings.
pub const SETTINGS: &str = "/settings";
/// 云产品授权管理: the accounts' cloud features, and requests for them.
pub const LICENCES: &str = "/licences";
/// The security views (防暴卫士, CAC, 海外通邮) of the modules bought.
pub const SECURITY: &str = "/security";
/// 在线直播课程: the live courses, their countdown, `.ics` and recordings.
pub const COURSES: &str = "/courses";
/// 在线咨询服务入口: whether the channels are open, and a link to each.
pub const CONSULT: &str = "/consult";
/// 服务条款: the service manual §9–§12, its changes and the objection period.
pub const TERMS: &str = "/terms";

/// `/booking?type=patch_deployment&patch=xt5-p2024-0116`: the booking form
/// with the type of work and the patch filled in (each left out when
/// `None`); the patch catalogue links here to "book an engineer to deploy
/// this".
pub fn booking(kind: Option<&str>, patch: Option<&str>) -> String {
    use leptos_router::location::Url;
    let mut url = BOOKING.to_owned();
    for (key, value) in [("type", kind), ("patch", patch)] {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            url.push(if url.len() == BOOKING.len() { '?' } else { '&' });
            url.push_str(key);
            url.push('=');
            url.push_str(&Url::escape(value));
        }
    }
    url
}

/// `/t/CM2026-001244`, for `/t/:number`: the ticket page, which opens the
/// ticket with the code this device remembers, or asks for it.
pub fn ticket(number: &str) -> String {
    format!("/t/{number}")
}

/// `/t/CM2026-001244#6Q37P-7N7HA-E9884-DNTMR`: the acknowledgement's link.
/// The code is in the fragment, which the browser never sends to a server
/// nor puts in a `Referer`.
pub fn ticket_link(number: &str, code: &str) -> String {
    format!("/t/{number}#{code}")
}

/// `/kb?q=%E6%94%B6%E4%BF%A1&c=send-receive`: a knowledge-base search,
/// its words and category (each left out when empty).
pub fn kb_search(query: &str, category: &str) -> String {
    use leptos_router::location::Url;
    let mut url = KB.to_owned();
    for (key, value) in [("q", query), ("c", category)] {
        if !value.is_empty() {
            url.push(if url.len() == KB.len() { '?' } else { '&' });
            url.push_str(key);
            url.push('=');
            url.push_str(&Url::escape(value));
        }
    }
    url
}

/// `/kb/c/disk-space`, for `/kb/c/:category`.
pub fn kb_category(id: &str) -> String {
    format!("{KB}/c/{id}")
}

/// `/kb/a/sr-smtp-535-auth-failed`, for `/kb/a/:id`.
pub fn kb_article(id: &str) -> String {
    format!("{KB}/a/{id}")
}

/// 管理员社区: threads with search, and 资料下载.
pub const COMMUNITY: &str = "/community";
/// 产品建议与反馈.
pub const FEEDBACK: &str = "/feedback";

/// `/community?q=imap`: the community's threads searched (`q` left out
/// when empty).
pub fn community_search(query: &str) -> String {
    if query.is_empty() {
        COMMUNITY.to_owned()
    } else {
        format!(
            "{COMMUNITY}?q={}",
            leptos_router::location::Url::escape(query)
        )
    }
}

/// `/community/t/imap-timeout-after-v5014-upgrade`, for `/community/t/:id`.
pub fn community_thread(id: &str) -> String {
    format!("{COMMUNITY}/t/{id}")
}

/// `/community/ask?q=%E7%A6%BB%E8%81%8C`: the question form, its title
/// filled in with a knowledge-base search that found nothing.
pub fn community_ask(query: &str) -> String {
    let ask = "/community/ask";
    if query.trim().is_empty() {
        ask.to_owned()
    } else {
        format!(
            "{ask}?q={}",
            leptos_router::location::Url::escape(query.trim())
        )
    }
}

/// The current page's path parameter, as the path writes it: the ticket
/// number of `/t/:number`, the id of `/kb/c/:category` and `/kb/a/:id`;
/// empty when there is none. While the
/// app moves on to another page it keeps its last value, so a page never
/// reads another page's path.
pub fn use_param() -> leptos::prelude::Memo<String> {
    use leptos::prelude::*;
    use portal_core::routes::Route;
    let path = leptos_router::hooks::use_location().pathname;
    let page = path.with_untracked(|p| Route::of(p).page);
    Memo::new(move |last: Option<&String>| {
        path.with(|p| {
            let route = Route::of(p);
            if route.page == page {
                route.param.to_owned()
            } else {
                last.cloned().unwrap_or_default()
            }
        })
    })
}
