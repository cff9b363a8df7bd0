use crate::api::ApiError;
use crate::components::{ErrorPanel, Loading};
use leptos::prelude::*;

/// How every page shows data from the API: a loading note, then `show` of
/// the data, or the error panel whose retry fetches again.
pub fn loaded<T: Clone + 'static>(
    resource: LocalResource<Result<T, ApiError>>,
    show: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || match resource.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(value)) => show(value),
        Some(Err(error)) => {
            view! { <ErrorPanel error on_retry=move || resource.refetch()/> }.into_any()
        }
    }
}
