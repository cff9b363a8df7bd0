//! Which page a path shows: the app's whole routing table, as one `match`.
//!
//! The app does not use `leptos_router`'s `<Routes>`: its route tuple is
//! compiled into the main module that every page downloads, about 0.7 KB of
//! brotli per route (BENCHMARKS.md, "One routing table"), while this table is
//! a few hundred bytes for all of them. The app's `routes` module builds the
//! URLs that these paths match.

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Services,
    Sla,
    /// `/tickets`: the lookup form and this device's lookups.
    Tickets,
    /// `/t/:number`: one ticket (its code travels in the fragment).
    Ticket,
    History,
    Workspace,
    Privacy,
    Outbox,
    Request,
    /// `/patches`: the catalogue.
    Patches,
    /// `/patches/downloads`: this device's and the workspace's downloads.
    PatchDownloads,
    Booking,
    /// 消息提醒: the reminders centre.
    Reminders,
    /// 消息设置: notification settings.
    Settings,
    /// `/licences`: 云产品授权管理, the accounts' cloud features.
    Licences,
    /// `/security`: the security views of the modules bought.
    Security,
    /// `/courses`: 在线直播课程, the schedule, countdown and recordings.
    Courses,
    /// `/consult`: 在线咨询服务入口, the channels open now and next.
    Consult,
    /// `/terms`: 服务条款, the service manual §9–§12 and its changes.
    Terms,
    Kb,
    /// `/kb/c/:category`
    KbCategory,
    /// `/kb/a/:id`
    KbArticle,
    KbOffline,
    /// `/community`: 管理员社区, threads with search and 资料下载.
    Community,
    /// `/community/t/:id`: one thread.
    CommunityThread,
    /// `/community/ask`: ask Coremail's engineers (`?q=` the KB search).
    CommunityAsk,
    /// `/feedback`: 产品建议与反馈.
    Feedback,
    NotFound,
}

/// A path's page and its one parameter (the ticket number, the category or
/// article id), as written in the path (still
/// percent-encoded); empty when the page has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route<'a> {
    pub page: Page,
    pub param: &'a str,
}

impl<'a> Route<'a> {
    /// The route of a URL's path (no query, no fragment). One trailing slash
    /// is ignored (`/kb/` is `/kb`); a path no page has is [`Page::NotFound`].
    pub fn of(path: &'a str) -> Route<'a> {
        let path = match path.strip_suffix('/') {
            Some(p) if !p.is_empty() && !p.ends_with('/') => p,
            _ => path,
        };
        let page = |page| Route { page, param: "" };
        let with = |page, param: &'a str| {
            if param.is_empty() || param.contains('/') {
                Route {
                    page: Page::NotFound,
                    param: "",
                }
            } else {
                Route { page, param }
            }
        };
        match path {
            "" | "/" => page(Page::Home),
            "/services" => page(Page::Services),
            "/sla" => page(Page::Sla),
            "/tickets" => page(Page::Tickets),
            "/history" => page(Page::History),
            "/workspace" => page(Page::Workspace),
            "/privacy" => page(Page::Privacy),
            "/outbox" => page(Page::Outbox),
            "/request" => page(Page::Request),
            "/patches" => page(Page::Patches),
            "/patches/downloads" => page(Page::PatchDownloads),
            "/booking" => page(Page::Booking),
            "/reminders" => page(Page::Reminders),
            "/settings" => page(Page::Settings),
            "/licences" => page(Page::Licences),
            "/security" => page(Page::Security),
            "/courses" => page(Page::Courses),
            "/consult" => page(Page::Consult),
            "/terms" => page(Page::Terms),
            "/kb" => page(Page::Kb),
            "/kb/offline" => page(Page::KbOffline),
            "/community" => page(Page::Community),
            "/community/ask" => page(Page::CommunityAsk),
            "/feedback" => page(Page::Feedback),
            _ => {
                if let Some(number) = path.strip_prefix("/t/") {
                    with(Page::Ticket, number)
                } else if let Some(id) = path.strip_prefix("/kb/c/") {
                    with(Page::KbCategory, id)
                } else if let Some(id) = path.strip_prefix("/kb/a/") {
                    with(Page::KbArticle, id)
                } else if let Some(id) = path.strip_prefix("/community/t/") {
                    with(Page::CommunityThread, id)
                } else {
                    page(Page::NotFound)
                }
            }
        }
    }
}
