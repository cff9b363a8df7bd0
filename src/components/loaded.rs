use crate::api::ApiError;
use crate::components::{dynamic, ErrorPanel, Loading};
use leptos::prelude::*;

/// How every page shows data from the API: a loading note, then `show` of
/// the data, or the error panel whose retry fetches again.
/// The part of the view that follows the resource is type-erased
/// ([`dynamic`]): one copy of the rendering machinery for every page.
pub fn loaded<T: Clone + 'static>(
    resource: LocalResource<Result<T, ApiError>>,
    show: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    dynamic(move || match resource.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(value)) => show(value),
        Some(Err(error)) => {
            view! { <ErrorPanel error on_retry=move || resource.refetch()/> }.into_any()
        }
    })
}
