//! `/community/t/:id`: a question and its engineers' answers, oldest
//! first, every text as a text node.

use super::texts::community_texts;
use super::{fetch_community, link, CommunityData};
use crate::components::loaded;
use crate::dom::{attr, el, text_el, titled_section};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::format_beijing;
use leptos::html;
use leptos::prelude::*;
use web_sys::Element;

#[component]
pub fn CommunityThreadPage() -> impl IntoView {
    let lang = use_lang();
    let param = routes::use_param();
    let data = LocalResource::new(fetch_community);
    let host = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        let (lang, id) = (lang.get(), param.get());
        if let (Some(host), Some(Ok(data))) = (host.get(), data.get()) {
            thread_view(&host, lang, &data, &id);
        }
    });
    view! {
        <section class="page community-thread">
            {loaded(data, |_| ().into_any())}
            <div node_ref=host></div>
        </section>
    }
}

fn thread_view(host: &Element, lang: Lang, data: &CommunityData, id: &str) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (community_texts(lang), lang.is_en());
    host.set_text_content(None);
    let back = el(&doc, host, "p", "back-link");
    link(&doc, &back, routes::COMMUNITY, t.back);
    let Some(th) = data.community.threads.iter().find(|th| th.id == id) else {
        let p = text_el(&doc, host, "p", "notice", t.no_thread);
        attr(&p, "role", "alert");
        return;
    };
    let article = el(&doc, host, "article", "thread");
    attr(&article, "data-thread", &th.id);
    text_el(&doc, &article, "h1", "", th.title.get(en));
    let question = titled_section(
        &doc,
        &article,
        "card thread-question",
        "question-title",
        t.question,
    );
    paragraphs(&question, th.question.get(en));
    text_el(
        &doc,
        &question,
        "p",
        "muted",
        &format!("{} {}", t.asked_on, format_beijing(&th.asked)),
    );
    if !th.tags.is_empty() {
        let tags = el(&doc, &question, "ul", "tags");
        attr(&tags, "aria-label", lang.pick("标签", "Tags"));
        for tag in &th.tags {
            text_el(&doc, &tags, "li", "tag", tag.get(lang.is_en()));
        }
    }
    let answers = titled_section(
        &doc,
        &article,
        "thread-answers",
        "answers-title",
        &format!("{} · {}", t.answers_title, (t.answers)(th.answers.len())),
    );
    let ol = el(&doc, &answers, "ol", "answer-list");
    for a in &th.answers {
        let li = el(&doc, &ol, "li", "card answer");
        let who = data.engineer(&a.engineer, lang);
        text_el(
            &doc,
            &li,
            "p",
            "answer-by",
            &(t.answered_by)(
                &format!("{who} · {}", t.engineer),
                &format_beijing(&a.answered),
            ),
        );
        paragraphs(&li, a.text.get(en));
    }
    let ask = el(&doc, host, "p", "community-ask");
    crate::dom::text(&doc, &ask, t.ask_prompt);
    crate::dom::text(&doc, &ask, " ");
    link(&doc, &ask, &routes::community_ask(""), t.ask_link);
}

/// One `<p>` per line of `text`.
fn paragraphs(parent: &Element, text: &str) {
    let Some(doc) = parent.owner_document() else {
        return;
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        text_el(&doc, parent, "p", "", line);
    }
}
