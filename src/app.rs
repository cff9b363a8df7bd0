//! The shell: router, header with navigation and language switch, footer.
//! Context provided here: `RwSignal<Lang>`.

use crate::i18n::{load_lang, save_lang, use_lang, use_texts};
use crate::pages::{Home, NotFound};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(load_lang());
    save_lang(lang.get_untracked());
    provide_context(lang);
    Effect::new(move |_| {
        let t = lang.get().texts();
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(t.site_name);
        }
    });

    view! {
        <Router>
            <a class="skip-link" href="#main">{move || lang.get().texts().skip_to_content}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let switch = move |_| {
        let next = lang.get_untracked().other();
        save_lang(next);
        lang.set(next);
    };
    view! {
        <header class="site-header">
            <div class="header-inner">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"C"</span>
                    <span class="brand-text">
                        <span class="brand-name">{move || t().site_name}</span>
                        <span class="brand-tagline">{move || t().site_tagline}</span>
                    </span>
                </A>
                <nav class="site-nav" aria-label=move || t().nav_label>
                    <A href="/" exact=true>{move || t().nav_home}</A>
                </nav>
                <button
                    type="button"
                    class="lang-switch"
                    on:click=switch
                    aria-label=move || t().switch_to_label
                    lang=move || lang.get().other().code()
                >
                    {move || t().switch_to}
                </button>
            </div>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let t = use_texts();
    view! {
        <footer class="site-footer">
            <p>
                {move || t().footer_hotline}
                " 400-888-2488 · "
                <a href="mailto:support@coremail.cn">"support@coremail.cn"</a>
            </p>
        </footer>
    }
}
