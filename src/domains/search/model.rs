//! Search and public-profile types shared by the server and the browser: the search
//! query and its URL, results, facet counts and the public profile.
use crate::core::money::Paise;
use crate::core::roles::{self as spec, role_spec, FieldKind, RoleSpec, ROLE_SPECS};
use crate::core::url::encode_query_value;
use chrono::{DateTime, Utc};
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Results per page.
pub const PAGE_SIZE: usize = 20;
/// The longest free-text query kept (longer input is cut).
pub const MAX_QUERY_CHARS: usize = 100;
/// At most this many facet filters at once.
pub const MAX_FACETS: usize = 10;
/// The highest price a filter takes, in rupees (the highest a role price can be).
pub const MAX_PRICE_RUPEES: i64 = 10_000_000;
/// Cursors longer than this are refused before decoding.
pub const MAX_CURSOR_CHARS: usize = 300;

/// The order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    /// Text rank when something is typed, else the stored quality score.
    #[default]
    Relevance,
    Rating,
    PriceLow,
    PriceHigh,
    Newest,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::Rating,
        Sort::PriceLow,
        Sort::PriceHigh,
        Sort::Newest,
    ];

    /// The `sort=` value in URLs.
    pub fn param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Rating => "rating",
            Sort::PriceLow => "price_asc",
            Sort::PriceHigh => "price_desc",
            Sort::Newest => "newest",
        }
    }

    pub fn from_param(value: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.param() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Relevance => "Best match",
            Sort::Rating => "Highest rated",
            Sort::PriceLow => "Price: low to high",
            Sort::PriceHigh => "Price: high to low",
            Sort::Newest => "Newest",
        }
    }
}

/// Everything a search can be narrowed and ordered by; every part lives in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// A `RoleSpec` key.
    pub role: Option<String>,
    /// A city from `spec::CITIES`, canonical spelling.
    pub city: Option<String>,
    /// Whole rupees.
    pub min_price: Option<i64>,
    /// Whole rupees.
    pub max_price: Option<i64>,
    /// Facet tokens (`field:value`, lower case); a result has all of them.
    pub facets: Vec<String>,
    pub verified_only: bool,
    /// Whole stars, 1–5.
    pub min_rating: Option<u8>,
    /// Free text, trimmed, single-spaced.
    pub q: Option<String>,
    pub sort: Sort,
    /// The opaque keyset cursor of the page to show (absent on the first page).
    pub after: Option<String>,
}

/// What was wrong with a search URL, by parameter; the search runs without those parts.
pub type QueryProblems = BTreeMap<String, String>;

impl SearchQuery {
    /// Reads a search from URL parameters. Values that make no sense are dropped and
    /// reported, so an edited or stale link still shows results.
    pub fn from_query_map(map: &ParamsMap) -> (SearchQuery, QueryProblems) {
        let get = |k: &str| {
            map.get_str(k)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let mut problems = QueryProblems::new();
        let mut q = SearchQuery::default();
        if let Some(role) = get("role") {
            match role_spec(&role) {
                Some(s) => q.role = Some(s.key.to_owned()),
                None => {
                    problems.insert("role".into(), "Choose a profession from the list.".into());
                }
            }
        }
        if let Some(city) = get("city") {
            match spec::parse_city(&city) {
                Ok(c) => q.city = Some(c),
                Err(m) => {
                    problems.insert("city".into(), m);
                }
            }
        }
        for (key, slot) in [
            ("min_price", &mut q.min_price),
            ("max_price", &mut q.max_price),
        ] {
            if let Some(v) = get(key) {
                match parse_rupees(&v) {
                    Ok(r) => *slot = Some(r),
                    Err(m) => {
                        problems.insert(key.into(), m);
                    }
                }
            }
        }
        if let (Some(min), Some(max)) = (q.min_price, q.max_price) {
            if max < min {
                problems.insert(
                    "max_price".into(),
                    "The maximum price must be at least the minimum.".into(),
                );
                q.max_price = None;
            }
        }
        for raw in map.get_all("f").unwrap_or_default() {
            match (
                parse_facet(q.role.as_deref(), &raw),
                parse_facet(None, &raw),
            ) {
                (Ok(token), _) if !q.facets.contains(&token) => q.facets.push(token),
                (Ok(_), _) => {}
                // A filter of another profession, left over from a change of role.
                (Err(_), Ok(_)) => {}
                (Err(m), Err(_)) => {
                    problems.insert("f".into(), m);
                }
            }
        }
        if q.facets.len() > MAX_FACETS {
            q.facets.truncate(MAX_FACETS);
            problems.insert(
                "f".into(),
                format!("At most {MAX_FACETS} filters apply at once."),
            );
        }
        q.verified_only =
            get("verified").is_some_and(|v| matches!(v.as_str(), "1" | "true" | "on"));
        if let Some(v) = get("min_rating") {
            match v.parse::<u8>() {
                Ok(r @ 1..=5) => q.min_rating = Some(r),
                _ => {
                    problems.insert(
                        "min_rating".into(),
                        "Choose a rating from 1 to 5 stars.".into(),
                    );
                }
            }
        }
        q.q = get("q")
            .map(|v| understand(&clean_text(&v), &mut q.role, &mut q.city))
            .filter(|v| !v.is_empty());
        if let Some(v) = get("sort") {
            match Sort::from_param(&v) {
                Some(s) => q.sort = s,
                None => {
                    problems.insert("sort".into(), "Choose an order from the list.".into());
                }
            }
        }
        q.after = get("after").filter(|a| a.len() <= MAX_CURSOR_CHARS);
        (q, problems)
    }

    /// Checks a query that did not come through `from_query_map` (a server function
    /// argument): every part must already be in the form that parser produces.
    pub fn validate(&self) -> Result<(), QueryProblems> {
        let mut problems = QueryProblems::new();
        let mut bad = |k: &str, m: &str| {
            problems.insert(k.to_owned(), m.to_owned());
        };
        if self.role.as_deref().is_some_and(|r| role_spec(r).is_none()) {
            bad("role", "Choose a profession from the list.");
        }
        if self
            .city
            .as_deref()
            .is_some_and(|c| !spec::CITIES.contains(&c))
        {
            bad("city", "Choose a city from the list.");
        }
        for (key, v) in [("min_price", self.min_price), ("max_price", self.max_price)] {
            if v.is_some_and(|r| !(0..=MAX_PRICE_RUPEES).contains(&r)) {
                bad(key, "Enter a price in whole rupees.");
            }
        }
        if let (Some(min), Some(max)) = (self.min_price, self.max_price) {
            if max < min {
                bad(
                    "max_price",
                    "The maximum price must be at least the minimum.",
                );
            }
        }
        let facets_ok = self.facets.len() <= MAX_FACETS
            && self
                .facets
                .iter()
                .all(|f| parse_facet(self.role.as_deref(), f).is_ok_and(|t| &t == f));
        if !facets_ok {
            bad("f", "That filter does not apply to this search.");
        }
        if self.min_rating.is_some_and(|r| !(1..=5).contains(&r)) {
            bad("min_rating", "Choose a rating from 1 to 5 stars.");
        }
        if self
            .q
            .as_deref()
            .is_some_and(|q| q.is_empty() || clean_text(q) != q)
        {
            bad("q", "Search text is too long or malformed.");
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The search page URL showing exactly this search (and this page of it).
    pub fn to_url(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        if let Some(r) = &self.role {
            pairs.push(("role", r.clone()));
        }
        if let Some(c) = &self.city {
            pairs.push(("city", c.clone()));
        }
        if let Some(p) = self.min_price {
            pairs.push(("min_price", p.to_string()));
        }
        if let Some(p) = self.max_price {
            pairs.push(("max_price", p.to_string()));
        }
        for f in &self.facets {
            pairs.push(("f", f.clone()));
        }
        if self.verified_only {
            pairs.push(("verified", "1".into()));
        }
        if let Some(r) = self.min_rating {
            pairs.push(("min_rating", r.to_string()));
        }
        if self.sort != Sort::Relevance {
            pairs.push(("sort", self.sort.param().into()));
        }
        if let Some(a) = &self.after {
            pairs.push(("after", a.clone()));
        }
        if pairs.is_empty() {
            return "/search".into();
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
            .collect();
        format!("/search?{}", query.join("&"))
    }

    /// The same search from its first page.
    pub fn first_page(&self) -> SearchQuery {
        SearchQuery {
            after: None,
            ..self.clone()
        }
    }

    /// The same search from the page after `cursor`.
    pub fn page_after(&self, cursor: &str) -> SearchQuery {
        SearchQuery {
            after: Some(cursor.to_owned()),
            ..self.clone()
        }
    }

    /// The same search from its first page, changed by `change`.
    pub fn with(&self, change: impl FnOnce(&mut SearchQuery)) -> SearchQuery {
        let mut next = self.first_page();
        change(&mut next);
        next
    }

    /// The same search with one facet token added or removed.
    pub fn toggle_facet(&self, token: &str) -> SearchQuery {
        let mut next = self.first_page();
        if let Some(i) = next.facets.iter().position(|f| f == token) {
            next.facets.remove(i);
        } else {
            next.facets.push(token.to_owned());
        }
        next
    }

    pub fn role_spec(&self) -> Option<&'static RoleSpec> {
        self.role.as_deref().and_then(role_spec)
    }

    /// "Photographers in Pune", "Professionals matching “wedding” in India".
    pub fn heading(&self) -> String {
        let who = self.role_spec().map_or("Professionals", |s| s.plural);
        let text = self
            .q
            .as_ref()
            .map(|q| format!(" matching “{q}”"))
            .unwrap_or_default();
        let place = self.city.as_deref().unwrap_or("India");
        format!("{who}{text} in {place}")
    }

    /// The page's meta description.
    pub fn description(&self) -> String {
        let who = self
            .role_spec()
            .map_or("professionals".to_owned(), |s| s.plural.to_lowercase());
        let place = self.city.as_deref().unwrap_or("India");
        let mut d = format!(
            "Compare verified {who} in {place} on Nxtgauge: prices in ₹, ratings from real customers and portfolios."
        );
        if let Some(max) = self.max_price {
            d.push_str(&format!(
                " Starting prices up to {}.",
                Paise(max.saturating_mul(100)).format_inr()
            ));
        }
        d
    }
}

/// Whole rupees as typed in a price box ("20,000", "₹ 1500"); paise are not allowed.
pub fn parse_rupees(input: &str) -> Result<i64, String> {
    let p = Paise::parse_rupees(input)?;
    if p.0 % 100 != 0 {
        return Err("Enter a whole number of rupees.".into());
    }
    let rupees = p.0 / 100;
    if rupees > MAX_PRICE_RUPEES {
        return Err(format!(
            "Enter at most {}.",
            Paise(MAX_PRICE_RUPEES * 100).format_inr()
        ));
    }
    Ok(rupees)
}

/// A facet token from a URL: `field:value`, where the field is a facet of the chosen
/// role (of any role when none is chosen). Returned in canonical (lower) case.
pub fn parse_facet(role: Option<&str>, raw: &str) -> Result<String, String> {
    let bad = || "That filter does not apply to this search.".to_string();
    let (field, value) = raw.split_once(':').ok_or_else(bad)?;
    let (field, value) = (field.trim(), value.trim());
    let known = |s: &RoleSpec| s.facets().any(|f| f.key == field);
    let ok = match role.and_then(role_spec) {
        Some(s) => known(s),
        None => ROLE_SPECS.iter().any(known),
    };
    let len = value.chars().count();
    if !ok || !(1..=spec::TAG_MAX).contains(&len) {
        return Err(bad());
    }
    Ok(spec::facet_token(field, value))
}

/// Words that only join others ("photographers in Pune").
const CONNECTORS: &[&str] = &[
    "in", "at", "near", "for", "from", "a", "an", "the", "best", "top",
];

/// Reads a profession and a city out of free text ("wedding photographers in pune"
/// becomes role, city and "wedding"), when those filters are not chosen already, and
/// returns the rest. A profession is recognised by its name or plural, or by a near
/// one-letter miss of a long single-word name ("photgrapher", not "photography"); a
/// city by its exact name.
pub fn understand(text: &str, role: &mut Option<String>, city: &mut Option<String>) -> String {
    let original: Vec<&str> = text.split_whitespace().collect();
    let words: Vec<String> = original
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let mut used = vec![false; words.len()];
    let mut found = false;
    // The longest phrase at each position wins ("navi mumbai" over "mumbai").
    let find = |phrase: &[String], used: &[bool], fuzzy: bool| -> Option<usize> {
        (0..words.len().saturating_sub(phrase.len() - 1)).find(|&i| {
            phrase.iter().enumerate().all(|(k, p)| {
                let w = &words[i + k];
                !used[i + k]
                    && (w == p
                        || (fuzzy && phrase.len() == 1 && p.len() >= 7 && edit_distance(w, p) == 1))
            })
        })
    };
    let take = |phrase: &[String], used: &mut Vec<bool>, fuzzy: bool| -> bool {
        match find(phrase, used, fuzzy) {
            Some(i) => {
                used[i..i + phrase.len()].iter_mut().for_each(|u| *u = true);
                true
            }
            None => false,
        }
    };
    let split = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
    let mut cities: Vec<&str> = spec::CITIES.to_vec();
    cities.sort_by_key(|c| std::cmp::Reverse(c.len()));
    for c in cities {
        if city.as_deref().is_none_or(|chosen| chosen == c) && take(&split(c), &mut used, false) {
            *city = Some(c.to_owned());
            found = true;
            break;
        }
    }
    'roles: for fuzzy in [false, true] {
        for s in &ROLE_SPECS {
            if role.as_deref().is_some_and(|chosen| chosen != s.key) {
                continue;
            }
            for name in [s.plural, s.label] {
                if take(&split(name), &mut used, fuzzy) {
                    *role = Some(s.key.to_owned());
                    found = true;
                    break 'roles;
                }
            }
        }
    }
    original
        .iter()
        .zip(&words)
        .zip(&used)
        .filter(|((_, w), u)| !(**u || found && CONNECTORS.contains(&w.as_str())))
        .map(|((o, _), _)| *o)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Levenshtein distance (typos in profession names).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Trims, collapses white space, drops control characters and cuts to
/// `MAX_QUERY_CHARS`.
fn clean_text(input: &str) -> String {
    input
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY_CHARS)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// How a facet token reads on the page: "Wedding", "Studio available", "Freelance".
pub fn facet_label(spec: &RoleSpec, token: &str) -> Option<(&'static str, String)> {
    let (field, value) = token.split_once(':')?;
    let f = spec.field(field).filter(|f| f.facet)?;
    let label = match f.kind {
        FieldKind::Tags { suggestions, .. } => suggestions
            .iter()
            .find(|s| s.to_lowercase() == value)
            .map(|s| (*s).to_owned())
            .unwrap_or_else(|| capitalise(value)),
        FieldKind::Flag => f.label.to_owned(),
        FieldKind::Choice { options } => options
            .iter()
            .find(|(k, _)| k.to_lowercase() == value)
            .map(|(_, l)| (*l).to_owned())?,
        _ => return None,
    };
    Some((f.label, label))
}

fn capitalise(value: &str) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One value and how many results have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: i64,
}

/// One result card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub slug: String,
    pub role_key: String,
    pub display_name: String,
    pub city: String,
    pub headline: String,
    pub avatar_url: Option<String>,
    pub cover_url: Option<String>,
    /// Paise; `None` is "price on request".
    pub price_from: Option<i64>,
    pub is_verified: bool,
    pub rating_avg: f64,
    pub rating_count: i32,
}

impl SearchHit {
    /// "from ₹15,000", "from ₹800 per hour", "Price on request".
    pub fn price_text(&self) -> String {
        match self.price_from {
            None => "Price on request".into(),
            Some(p) => {
                let unit = role_spec(&self.role_key).map_or("", |s| s.price_unit);
                let amount = Paise(p).format_inr();
                if unit.is_empty() || unit == "starting" {
                    format!("from {amount}")
                } else {
                    format!("from {amount} {unit}")
                }
            }
        }
    }
}

/// One page of results with the counts that narrow it further.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// The cursor of the next page, when there is one.
    pub next: Option<String>,
    /// How many profiles match (a lower bound when `counts_capped`).
    pub total: i64,
    /// Counts were taken over the first matches only (they are lower bounds).
    pub counts_capped: bool,
    /// A word of the free text was replaced by a close spelling.
    pub fuzzy: bool,
    /// Per role, when no role is chosen.
    pub roles: Vec<FacetCount>,
    pub cities: Vec<FacetCount>,
    /// The chosen role's facet tokens.
    pub facets: Vec<FacetCount>,
    /// The site's public address, for canonical links.
    pub base_url: String,
}

/// One fact from the role fields ("Specialties": "Wedding, Candid").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileFact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicService {
    pub name: String,
    pub description: Option<String>,
    /// Paise.
    pub price: i64,
    pub duration_minutes: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPortfolioItem {
    pub title: String,
    pub description: Option<String>,
    pub images: Vec<String>,
}

/// Published reviews: the average and how many gave 5, 4, 3, 2 and 1 stars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RatingSummary {
    pub average: f64,
    pub count: i64,
    /// `histogram[0]` is five stars, `histogram[4]` one star.
    pub histogram: [i64; 5],
}

/// A professional profile as the public sees it (no phone or e-mail: contact stays on
/// the platform).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicProfile {
    /// The role profile's id (what its reviews are about).
    pub id: uuid::Uuid,
    pub slug: String,
    pub role_key: String,
    pub display_name: String,
    pub city: Option<String>,
    pub bio: Option<String>,
    pub avatar_url: Option<String>,
    pub cover_url: Option<String>,
    /// When staff verified the profile (only for VERIFIED profiles).
    pub verified_at: Option<DateTime<Utc>>,
    pub member_since: DateTime<Utc>,
    pub facts: Vec<ProfileFact>,
    pub services: Vec<PublicService>,
    pub portfolio: Vec<PublicPortfolioItem>,
    pub rating: RatingSummary,
    /// The owner is looking at their own profile, which the public cannot see yet.
    pub preview: bool,
    pub base_url: String,
    /// The phone and e-mail panel, for this viewer.
    pub contact: super::contact::ContactPanel,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&'static str, &str)]) -> ParamsMap {
        let mut m = ParamsMap::new();
        for (k, v) in pairs {
            m.insert(*k, (*v).to_owned());
        }
        m
    }

    #[test]
    fn a_search_round_trips_through_its_url() {
        let (q, problems) = SearchQuery::from_query_map(&map(&[
            ("role", "photographer"),
            ("city", "pune"),
            ("max_price", "20,000"),
            ("f", "specialties:Wedding"),
            ("f", "studio_available:true"),
            ("verified", "1"),
            ("sort", "price_asc"),
            ("q", "  candid   shoots "),
        ]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(q.city.as_deref(), Some("Pune"));
        assert_eq!(q.max_price, Some(20_000));
        assert_eq!(
            q.facets,
            vec!["specialties:wedding", "studio_available:true"]
        );
        assert_eq!(q.q.as_deref(), Some("candid shoots"));
        let url = q.to_url();
        assert_eq!(
            url,
            "/search?q=candid+shoots&role=photographer&city=Pune&max_price=20000\
             &f=specialties:wedding&f=studio_available:true&verified=1&sort=price_asc"
        );
        assert_eq!(
            q.heading(),
            "Photographers matching “candid shoots” in Pune"
        );
    }

    #[test]
    fn nonsense_is_dropped_and_reported() {
        let (q, problems) = SearchQuery::from_query_map(&map(&[
            ("role", "astronaut"),
            ("city", "Atlantis"),
            ("min_price", "500"),
            ("max_price", "100"),
            ("f", "specialties"),
            ("min_rating", "9"),
            ("sort", "random"),
        ]));
        assert_eq!(q.role, None);
        assert_eq!(q.city, None);
        assert_eq!((q.min_price, q.max_price), (Some(500), None));
        assert!(q.facets.is_empty());
        assert_eq!(q.sort, Sort::Relevance);
        for key in ["role", "city", "max_price", "f", "min_rating", "sort"] {
            assert!(problems.contains_key(key), "{key}: {problems:?}");
        }
        assert_eq!(q.to_url(), "/search?min_price=500");
    }

    #[test]
    fn professions_and_cities_in_the_text_become_filters() {
        let (q, _) =
            SearchQuery::from_query_map(&map(&[("q", "Wedding photographers in navi mumbai")]));
        assert_eq!(q.role.as_deref(), Some("photographer"));
        assert_eq!(q.city.as_deref(), Some("Navi Mumbai"));
        assert_eq!(q.q.as_deref(), Some("Wedding"));
        let (q, _) = SearchQuery::from_query_map(&map(&[("q", "photgrapher pune")]));
        assert_eq!(
            (q.role.as_deref(), q.city.as_deref(), q.q),
            (Some("photographer"), Some("Pune"), None)
        );
        let (q, _) =
            SearchQuery::from_query_map(&map(&[("q", "social media manager for restaurants")]));
        assert_eq!(q.role.as_deref(), Some("social_media_manager"));
        assert_eq!(q.q.as_deref(), Some("restaurants"));
        // A chosen role is not replaced; a short word is never guessed at.
        let (q, _) =
            SearchQuery::from_query_map(&map(&[("role", "tutor"), ("q", "photographer tuter")]));
        assert_eq!(q.role.as_deref(), Some("tutor"));
        assert_eq!(q.q.as_deref(), Some("photographer tuter"));
        assert_eq!(edit_distance("photgrapher", "photographer"), 1);
        let (q, _) = SearchQuery::from_query_map(&map(&[("q", "photography")]));
        assert_eq!((q.role, q.q.as_deref()), (None, Some("photography")));
    }

    #[test]
    fn facets_must_belong_to_the_chosen_role() {
        assert!(parse_facet(Some("tutor"), "specialties:wedding").is_err());
        assert_eq!(
            parse_facet(Some("developer"), "availability:FREELANCE").as_deref(),
            Ok("availability:freelance")
        );
        assert!(parse_facet(None, "platforms:instagram").is_ok());
        assert!(parse_facet(None, "starting_price_inr:5").is_err());
    }

    #[test]
    fn values_are_encoded_identically_everywhere() {
        assert_eq!(encode_query_value("a b&c=d/é"), "a+b%26c%3Dd%2F%C3%A9");
        assert_eq!(encode_query_value("c++"), "c%2B%2B");
    }

    #[test]
    fn facet_tokens_read_as_labels() {
        let spec = role_spec("photographer").unwrap_or(&ROLE_SPECS[0]);
        assert_eq!(
            facet_label(spec, "specialties:pre-wedding"),
            Some(("Specialties", "Pre-wedding".into()))
        );
        assert_eq!(
            facet_label(spec, "studio_available:true"),
            Some(("Studio available", "Studio available".into()))
        );
        assert_eq!(
            facet_label(spec, "specialties:drone"),
            Some(("Specialties", "Drone".into()))
        );
    }

    #[test]
    fn prices_read_with_the_role_unit() {
        let mut hit = SearchHit {
            slug: "s".into(),
            role_key: "tutor".into(),
            display_name: "A".into(),
            city: "Pune".into(),
            headline: String::new(),
            avatar_url: None,
            cover_url: None,
            price_from: Some(80_000),
            is_verified: false,
            rating_avg: 0.0,
            rating_count: 0,
        };
        assert_eq!(hit.price_text(), "from ₹800 per hour");
        hit.role_key = "photographer".into();
        assert_eq!(hit.price_text(), "from ₹800");
        hit.price_from = None;
        assert_eq!(hit.price_text(), "Price on request");
    }
}
