//! Server functions of public search: thin wrappers over the search service and the
//! public profile loader. Both are open to visitors.
use super::model::{PublicProfile, SearchQuery, SearchResults};
use crate::core::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// One page of search results for `query` (already normalised by
/// `SearchQuery::from_query_map`; checked again here).
#[server(endpoint = "search/profiles", input = Json)]
pub async fn search_profiles(query: SearchQuery) -> Result<SearchResults, AppError> {
    crate::server::call::handle(|cx| async move {
        super::service::search(cx.pool(), &query, &cx.state.config.public_url).await
    })
    .await
}

/// The public profile at `/p/{slug}`; NOT_FOUND (404) unless it is listed or the
/// signed-in owner is previewing it.
#[server(endpoint = "search/public_profile", input = Json)]
pub async fn get_public_profile(slug: String) -> Result<PublicProfile, AppError> {
    crate::server::call::handle(|cx| async move {
        let viewer = cx.session().map(|s| s.user_id);
        super::profile::load(cx.pool(), &slug, viewer, &cx.state.config.public_url).await
    })
    .await
}
