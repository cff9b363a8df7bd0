//! The 404 page, with its three strings beside it.

use crate::i18n::{use_lang, Lang};
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

struct NotFoundTexts {
    title: &'static str,
    body: &'static str,
    back_home: &'static str,
}

static ZH: NotFoundTexts = NotFoundTexts {
    title: "页面不存在",
    body: "您访问的地址没有对应的页面，可能链接已过期或输入有误。",
    back_home: "返回首页",
};

static EN: NotFoundTexts = NotFoundTexts {
    title: "Page not found",
    body: "There is no page at this address. The link may be out of date or mistyped.",
    back_home: "Back to the home page",
};

fn texts(lang: Lang) -> &'static NotFoundTexts {
    lang.pick(&ZH, &EN)
}

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = texts(lang.get());
        view! {
            <section class="page not-found">
                <p class="not-found-code" aria-hidden="true">"404"</p>
                <h1>{t.title}</h1>
                <p>{t.body}</p>
                <A href=routes::HOME attr:class="button primary">{t.back_home}</A>
            </section>
        }
    }
}
