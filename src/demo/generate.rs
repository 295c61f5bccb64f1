//! Turns a seeded PRNG into batches of COPY rows: users, their settings and roles, role
//! profiles with extension rows valid under `RoleSpec`, services and portfolios. The
//! same seed always gives the same rows (ids included), whatever the batch size.
use super::content::{self, RoleContent, CATERING_NAMES, FIRST_NAMES, LAST_NAMES, QUALIFICATIONS};
use super::copy::{self, Line};
use super::{DemoAccount, Pinned, DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN};
use crate::core::roles::{self as spec, FieldKind, FieldValue, RoleSpec, CITIES, ROLE_SPECS};
use crate::server::storage;
use chrono::{DateTime, Duration, Utc};
use rand::{distributions::WeightedIndex, prelude::*, rngs::StdRng};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// How many shared images profiles beyond `--images` draw from.
pub const SHARED_IMAGES: u32 = 24;
/// Share of users with a second professional role, in percent.
const TWO_ROLE_PCT: u32 = 10;
/// Share of profiles that are verified, in percent.
const VERIFIED_PCT: u32 = 30;
/// Share of headline prices left "on request", in percent.
const ON_REQUEST_PCT: u32 = 4;
/// Ids count milliseconds from here (UUIDv7 layout), so bulk inserts append to indexes.
const ID_EPOCH_MS: u64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

/// A real image to render for a profile among the first `--images`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageJob {
    pub profile_id: Uuid,
    pub image_id: Uuid,
    pub seed: u64,
}

/// COPY data for every table (indexed like `copy::statements()`).
pub struct Batch {
    pub data: Vec<Vec<u8>>,
    pub users: u64,
    pub profiles: u64,
    pub rows: u64,
}

/// What generation produced besides the batches.
#[derive(Debug, Default)]
pub struct Produced {
    pub image_jobs: Vec<ImageJob>,
}

pub struct Generator {
    rng: StdRng,
    now: DateTime<Utc>,
    password_hash: String,
    role_ids: HashMap<String, Uuid>,
    slugs: HashSet<String>,
    id_seq: u64,
    user_seq: u64,
    profiles_left: u64,
    real_image_profiles_left: u64,
    fixed_done: bool,
    role_weights: WeightedIndex<u32>,
    city_weights: WeightedIndex<u32>,
    /// Per role and field, the suggestions the field's own parser accepts as tags.
    tag_choices: HashMap<(&'static str, &'static str), Vec<&'static str>>,
    produced: Produced,
}

/// One person being generated.
struct Person {
    id: Uuid,
    first: &'static str,
    last: &'static str,
    city: &'static str,
    created: DateTime<Utc>,
}

impl Generator {
    /// `role_ids` maps `roles.key` to `roles.id`; `taken_slugs` are slugs already in use;
    /// timestamps lie in the months before `now`.
    pub fn new(
        seed: u64,
        now: DateTime<Utc>,
        profiles: u64,
        image_profiles: u64,
        password_hash: String,
        role_ids: HashMap<String, Uuid>,
        taken_slugs: HashSet<String>,
    ) -> Result<Self, rand::distributions::WeightedError> {
        Ok(Self {
            rng: StdRng::seed_from_u64(seed),
            now,
            password_hash,
            role_ids,
            slugs: taken_slugs,
            id_seq: 0,
            user_seq: 0,
            profiles_left: profiles,
            real_image_profiles_left: image_profiles,
            fixed_done: false,
            role_weights: WeightedIndex::new(content::ROLES.iter().map(|r| r.weight))?,
            city_weights: WeightedIndex::new(CITIES.iter().map(|c| content::city_weight(c)))?,
            tag_choices: tag_choices(),
            produced: Produced::default(),
        })
    }

    /// The next batch of about `size` profiles (a user's profiles stay together), or
    /// `None` when every profile has been generated.
    pub fn next_batch(&mut self, size: u64) -> Option<Batch> {
        if self.profiles_left == 0 && self.fixed_done {
            return None;
        }
        let mut batch = Batch {
            data: vec![Vec::new(); copy::TABLES],
            users: 0,
            profiles: 0,
            rows: 0,
        };
        if !self.fixed_done {
            self.fixed_done = true;
            for account in DEMO_ACCOUNTS {
                self.demo_account(account, &mut batch);
            }
        }
        while batch.profiles < size && self.profiles_left > 0 {
            let person = self.person(None);
            let two = self.profiles_left >= 2 && self.rng.gen_range(0..100) < TWO_ROLE_PCT;
            let first_role = self.role_weights.sample(&mut self.rng);
            let mut roles = vec![first_role];
            if two {
                let second = self.role_weights.sample(&mut self.rng);
                if second != first_role {
                    roles.push(second);
                }
            }
            let email = format!(
                "{}.{}.{}@{DEMO_EMAIL_DOMAIN}",
                person.first.to_lowercase(),
                person.last.to_lowercase(),
                self.user_seq
            );
            self.user(&person, &email, &mut batch);
            for r in roles {
                let role = &content::ROLES[r];
                self.role_profile(&person, role, None, &mut batch);
            }
        }
        Some(batch)
    }

    /// Everything but the batches; call after the last batch.
    pub fn finish(self) -> Produced {
        self.produced
    }

    fn demo_account(&mut self, account: &DemoAccount, batch: &mut Batch) {
        let city = CITIES
            .iter()
            .copied()
            .find(|c| *c == account.city)
            .unwrap_or("Mumbai");
        let person = self.person(Some((account.first, account.last, city)));
        self.user(&person, account.email, batch);
        if account.customer {
            self.user_role(person.id, "CUSTOMER", person.created, batch);
        }
        for (role_key, pinned) in account.roles {
            if self.profiles_left == 0 {
                break;
            }
            if let Some(role) = content::role_content(role_key) {
                self.role_profile(&person, role, Some(*pinned), batch);
            }
        }
    }

    /// A v7-layout UUID: a millisecond counter, then random bits.
    fn id(&mut self) -> Uuid {
        self.id_seq += 1;
        let ms = (ID_EPOCH_MS + self.id_seq).to_be_bytes();
        let mut bytes: [u8; 16] = self.rng.gen();
        bytes[..6].copy_from_slice(&ms[2..]);
        bytes[6] = 0x70 | (bytes[6] & 0x0f);
        bytes[8] = 0x80 | (bytes[8] & 0x3f);
        Uuid::from_bytes(bytes)
    }

    fn person(&mut self, fixed: Option<(&'static str, &'static str, &'static str)>) -> Person {
        self.user_seq += 1;
        let (first, last, city) = match fixed {
            Some(f) => f,
            None => (
                FIRST_NAMES.choose(&mut self.rng).copied().unwrap_or("Asha"),
                LAST_NAMES.choose(&mut self.rng).copied().unwrap_or("Rao"),
                CITIES[self.city_weights.sample(&mut self.rng)],
            ),
        };
        let age_minutes = self.rng.gen_range(60 * 24 * 30..60 * 24 * 1000);
        Person {
            id: self.id(),
            first,
            last,
            city,
            created: self.now - Duration::minutes(age_minutes),
        }
    }

    /// A confirmed, ACTIVE account with the settings row sign-up creates.
    fn user(&mut self, p: &Person, email: &str, batch: &mut Batch) {
        let created = copy::timestamp(p.created);
        let verified = copy::timestamp(p.created + Duration::minutes(12));
        Line::new(&mut batch.data[copy::USERS])
            .uuid(p.id)
            .text(email)
            .text(&self.password_hash)
            .text("INDIVIDUAL")
            .text("ACTIVE")
            .raw(&verified)
            .raw(&created)
            .raw(&verified)
            .end();
        let settings = serde_json::json!({
            "display_name": format!("{} {}", p.first, p.last),
            "email_notifications": true,
            "marketing_emails": false,
        })
        .to_string();
        let settings_id = self.id();
        Line::new(&mut batch.data[copy::USER_SETTINGS])
            .uuid(settings_id)
            .uuid(p.id)
            .text(&settings)
            .raw(&created)
            .raw(&created)
            .end();
        batch.users += 1;
        batch.rows += 2;
    }

    fn user_role(&mut self, user_id: Uuid, key: &str, at: DateTime<Utc>, batch: &mut Batch) {
        let Some(role_id) = self.role_ids.get(key).copied() else {
            return;
        };
        let at = copy::timestamp(at);
        let id = self.id();
        Line::new(&mut batch.data[copy::USER_ROLES])
            .uuid(id)
            .uuid(user_id)
            .uuid(role_id)
            .text("APPROVED")
            .raw(&at)
            .raw(&at)
            .end();
        batch.rows += 1;
    }

    fn role_profile(
        &mut self,
        p: &Person,
        role: &'static RoleContent,
        pinned: Option<Pinned>,
        batch: &mut Batch,
    ) {
        let Some((ext_index, spec)) = ROLE_SPECS
            .iter()
            .enumerate()
            .find(|(_, s)| s.key == role.key)
        else {
            return;
        };
        self.profiles_left = self.profiles_left.saturating_sub(1);
        let id = self.id();
        let span = (self.now - p.created).num_minutes().max(2);
        let created = p.created + Duration::minutes(self.rng.gen_range(0..span / 2));
        let approved = created + Duration::minutes(self.rng.gen_range(30..60 * 72));
        let verified_flag = match pinned {
            Some(pin) => pin.verified,
            None => self.rng.gen_range(0..100) < VERIFIED_PCT,
        };
        let verified = verified_flag.then(|| {
            let later = approved + Duration::minutes(self.rng.gen_range(60..60 * 24 * 20));
            later.min(self.now)
        });
        self.user_role(p.id, role.key, approved, batch);

        let fields = self.fields(spec, role, p, pinned);
        let tags = main_tags(spec, role, &fields);
        let years = years(spec, &fields).unwrap_or_else(|| self.rng.gen_range(2..=15));
        let fill = Fill {
            first: p.first,
            city: p.city,
            years,
            tag: tags.choose(&mut self.rng).cloned().unwrap_or_default(),
            tags: join_and(&tags),
        };
        let bio = self.bio(role, &fill);
        let slug = self.slug(p, spec);
        let created_s = copy::timestamp(created);
        let approved_s = copy::timestamp(approved);
        let verified_s = verified.map(copy::timestamp);
        let updated_s = verified_s.clone().unwrap_or_else(|| approved_s.clone());
        Line::new(&mut batch.data[copy::PROFILES])
            .uuid(id)
            .uuid(p.id)
            .text(role.key)
            .text(&slug)
            .text(&format!("{} {}", p.first, p.last))
            .text(&bio)
            .text(p.city)
            .text("ACTIVE")
            .text(if verified.is_some() {
                "VERIFIED"
            } else {
                "PENDING"
            })
            .text("APPROVED")
            .raw(&approved_s)
            .opt_text(verified_s.as_deref())
            .bool(true)
            .raw(&created_s)
            .raw(&updated_s)
            .end();

        let ext_id = self.id();
        let mut line = Line::new(&mut batch.data[copy::EXTENSIONS + ext_index])
            .uuid(ext_id)
            .uuid(id);
        for value in &fields {
            line = match value {
                FieldValue::Tags(t) => line.array(t),
                FieldValue::Flag(b) => line.bool(*b),
                FieldValue::Number(n) => line.opt_int(n.map(i64::from)),
                FieldValue::Money(m) => line.opt_int(*m),
                FieldValue::Choice(c) => line.text(c),
                FieldValue::Text(t) => line.opt_text(t.as_deref()),
            };
        }
        line.raw(&created_s).raw(&approved_s).end();
        batch.profiles += 1;
        batch.rows += 2;

        let headline = fields
            .iter()
            .zip(spec.fields)
            .find(|(_, f)| f.key == spec.price_field)
            .and_then(|(v, _)| match v {
                FieldValue::Money(m) => *m,
                _ => None,
            });
        let base_rupees = match headline {
            Some(paise) => paise / 100,
            None => self.headline_rupees(role),
        };
        self.services(id, role, base_rupees, &created_s, &approved_s, batch);
        self.portfolio(id, spec, role, &fill, &created_s, batch);
    }

    /// The profile's role fields, in `spec.fields` order, valid under the spec.
    fn fields(
        &mut self,
        spec: &RoleSpec,
        role: &RoleContent,
        p: &Person,
        pinned: Option<Pinned>,
    ) -> Vec<FieldValue> {
        let mut out = Vec::with_capacity(spec.fields.len());
        let mut min_guests = 0;
        for f in spec.fields {
            let v = match f.kind {
                FieldKind::Tags { max, .. } => {
                    let choices = self.tag_choices.get(&(spec.key, f.key));
                    let choices = choices.map(Vec::as_slice).unwrap_or_default();
                    let most = max.min(4).min(choices.len());
                    let least = usize::from(f.required).min(most);
                    let n = self.rng.gen_range(least..=most);
                    FieldValue::Tags(
                        choices
                            .choose_multiple(&mut self.rng, n)
                            .map(|s| (*s).to_string())
                            .collect(),
                    )
                }
                FieldKind::Flag => FieldValue::Flag(self.rng.gen_range(0..100) < flag_pct(f.key)),
                FieldKind::Number { min, max, .. } => {
                    let n = match f.key {
                        "travel_radius_km" => *[10, 25, 50, 100, 200, 500]
                            .choose(&mut self.rng)
                            .unwrap_or(&50),
                        "experience_years" => self.rng.gen_range(2..=22),
                        "turnaround_days" => self.rng.gen_range(1..=10),
                        "avg_follower_growth_pct" => self.rng.gen_range(2..=40),
                        "min_guests" => {
                            min_guests =
                                *[25, 50, 100, 150, 200].choose(&mut self.rng).unwrap_or(&50);
                            min_guests
                        }
                        "max_guests" => (min_guests.max(25) * self.rng.gen_range(4..=20)).min(5000),
                        _ => self.rng.gen_range(min..=max.min(min.saturating_add(100))),
                    };
                    FieldValue::Number(Some(n.clamp(min, max)))
                }
                FieldKind::Money { .. } => {
                    let rupees = match pinned {
                        Some(pin) => Some(pin.price_rupees),
                        None if self.rng.gen_range(0..100) < ON_REQUEST_PCT => None,
                        None => Some(self.headline_rupees(role)),
                    };
                    FieldValue::Money(rupees.map(|r| r * 100))
                }
                FieldKind::Choice { options } => FieldValue::Choice(
                    options
                        .choose(&mut self.rng)
                        .map(|(k, _)| (*k).to_string())
                        .unwrap_or_default(),
                ),
                FieldKind::Text { .. } => FieldValue::Text(self.text_field(f.key, p)),
            };
            out.push(v);
        }
        out
    }

    fn text_field(&mut self, key: &str, p: &Person) -> Option<String> {
        let list = match key {
            "qualification" => QUALIFICATIONS,
            "business_name" => CATERING_NAMES,
            _ => return None,
        };
        if self.rng.gen_range(0..100) < 15 {
            return None;
        }
        list.choose(&mut self.rng)
            .map(|t| t.replace("{first}", p.first).replace("{last}", p.last))
    }

    /// A headline price in whole rupees within the role's range, skewed towards the low
    /// end as real prices are, and rounded the way people quote.
    fn headline_rupees(&mut self, role: &RoleContent) -> i64 {
        let (low, high) = role.price_rupees;
        let u: i64 = self.rng.gen_range(0..=1000);
        round_rupees(low + (high - low) * u * u / 1_000_000).clamp(low, high)
    }

    fn bio(&mut self, role: &RoleContent, fill: &Fill) -> String {
        let mut parts = Vec::with_capacity(5);
        parts.push(role.openers.choose(&mut self.rng).copied().unwrap_or(""));
        let n = self.rng.gen_range(2..=3);
        parts.extend(role.sentences.choose_multiple(&mut self.rng, n).copied());
        parts.push(role.closers.choose(&mut self.rng).copied().unwrap_or(""));
        fill.apply(&parts.join(" "))
    }

    /// `first-last-role-city`, with `-2`, `-3`… when taken.
    fn slug(&mut self, p: &Person, spec: &RoleSpec) -> String {
        let base = slugify(&format!("{} {} {} {}", p.first, p.last, spec.key, p.city));
        let mut slug = base.clone();
        let mut n = 1;
        while self.slugs.contains(&slug) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        self.slugs.insert(slug.clone());
        slug
    }

    fn services(
        &mut self,
        profile_id: Uuid,
        role: &RoleContent,
        base_rupees: i64,
        created: &str,
        updated: &str,
        batch: &mut Batch,
    ) {
        let n = self.rng.gen_range(2..=4).min(role.services.len());
        let chosen: Vec<_> = role
            .services
            .choose_multiple(&mut self.rng, n)
            .copied()
            .collect();
        for s in chosen {
            let pct = self.rng.gen_range(s.price_pct.0..=s.price_pct.1);
            let rupees = round_rupees(base_rupees * pct / 100).max(50);
            let duration = s.durations.choose(&mut self.rng).copied();
            let id = self.id();
            Line::new(&mut batch.data[copy::SERVICES])
                .uuid(id)
                .uuid(profile_id)
                .text(s.name)
                .text(s.description)
                .int(rupees * 100)
                .opt_int(duration.map(i64::from))
                .bool(true)
                .raw(created)
                .raw(updated)
                .end();
            batch.rows += 1;
        }
    }

    fn portfolio(
        &mut self,
        profile_id: Uuid,
        spec: &RoleSpec,
        role: &RoleContent,
        fill: &Fill,
        created: &str,
        batch: &mut Batch,
    ) {
        let real_images = self.real_image_profiles_left > 0;
        if real_images {
            self.real_image_profiles_left -= 1;
        }
        let suggestions: Vec<&'static str> = self
            .tag_choices
            .get(&(spec.key, role.tag_field))
            .cloned()
            .unwrap_or_default();
        let n = self.rng.gen_range(1..=3).min(role.portfolio_titles.len());
        let titles: Vec<&str> = role
            .portfolio_titles
            .choose_multiple(&mut self.rng, n)
            .copied()
            .collect();
        for (order, title) in titles.into_iter().enumerate() {
            let item_id = self.id();
            let description = (self.rng.gen_range(0..100) < 80)
                .then(|| role.portfolio_notes.choose(&mut self.rng).copied())
                .flatten()
                .map(|d| fill.apply(d));
            let k = self.rng.gen_range(1..=3).min(suggestions.len());
            let tags: Vec<&str> = suggestions
                .choose_multiple(&mut self.rng, k)
                .copied()
                .collect();
            Line::new(&mut batch.data[copy::PORTFOLIO_ITEMS])
                .uuid(item_id)
                .uuid(profile_id)
                .text(&fill.apply(title))
                .opt_text(description.as_deref())
                .array(&tags)
                .int(order as i64)
                .raw(created)
                .raw(created)
                .end();
            batch.rows += 1;
            let images = self.rng.gen_range(1..=4);
            for image_order in 0..images {
                let image_id = self.id();
                let url = if real_images {
                    let seed = self.rng.gen();
                    self.produced.image_jobs.push(ImageJob {
                        profile_id,
                        image_id,
                        seed,
                    });
                    storage::public_url(&storage::portfolio_image_key(profile_id, image_id))
                        .unwrap_or_default()
                } else {
                    shared_image_url(self.rng.gen_range(0..SHARED_IMAGES))
                };
                Line::new(&mut batch.data[copy::PORTFOLIO_IMAGES])
                    .uuid(image_id)
                    .uuid(item_id)
                    .text(&url)
                    .int(image_order)
                    .raw(created)
                    .end();
                batch.rows += 1;
            }
        }
    }
}

/// The suggestions of every tags field that its parser accepts (a suggestion may be
/// shorter than a tag may be, e.g. the platform "X").
fn tag_choices() -> HashMap<(&'static str, &'static str), Vec<&'static str>> {
    let mut out = HashMap::new();
    for spec in &ROLE_SPECS {
        for f in spec.fields {
            if let FieldKind::Tags { suggestions, .. } = f.kind {
                let valid = suggestions
                    .iter()
                    .copied()
                    .filter(|s| spec::parse_tags(s, 1).is_ok_and(|t| t.len() == 1))
                    .collect();
                out.insert((spec.key, f.key), valid);
            }
        }
    }
    out
}

/// The storage key of shared image `n` (its thumbnail sits beside it).
pub fn shared_image_key(n: u32) -> String {
    format!("{}/portfolio/shared/{n}.jpg", storage::PUBLIC_ROOT)
}

pub fn shared_image_url(n: u32) -> String {
    storage::public_url(&shared_image_key(n)).unwrap_or_default()
}

/// Placeholder values of one profile's text templates.
struct Fill {
    first: &'static str,
    city: &'static str,
    years: i32,
    tag: String,
    tags: String,
}

impl Fill {
    fn apply(&self, template: &str) -> String {
        template
            .replace("{first}", self.first)
            .replace("{city}", self.city)
            .replace("{years}", &self.years.to_string())
            .replace("{tag_lc}", &self.tag.to_lowercase())
            .replace("{tags}", &self.tags)
            .replace("{tag}", &self.tag)
    }
}

/// The tags of the role's main tags field (never empty: the field is required).
fn main_tags(spec: &RoleSpec, role: &RoleContent, fields: &[FieldValue]) -> Vec<String> {
    spec.fields
        .iter()
        .zip(fields)
        .find_map(|(f, v)| match v {
            FieldValue::Tags(t) if f.key == role.tag_field => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn years(spec: &RoleSpec, fields: &[FieldValue]) -> Option<i32> {
    spec.fields.iter().zip(fields).find_map(|(f, v)| match v {
        FieldValue::Number(n) if f.key == "experience_years" => *n,
        _ => None,
    })
}

/// "A", "A and B", "A, B and C".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How often a flag is set, in percent.
fn flag_pct(key: &str) -> u32 {
    match key {
        "outdoor_shoots" | "has_serving_staff" | "remote_ok" => 75,
        "teaches_offline" | "home_service" | "has_setup_team" => 65,
        "teaches_online" | "online_sessions" | "home_visits" => 55,
        "studio_available" | "gym_based" | "brand_experience" => 35,
        _ => 50,
    }
}

fn round_rupees(rupees: i64) -> i64 {
    let step = match rupees {
        r if r >= 20_000 => 1_000,
        r if r >= 5_000 => 500,
        r if r >= 1_000 => 100,
        _ => 50,
    };
    (rupees + step / 2) / step * step
}

/// Lower case ASCII letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;
    use crate::core::contact;
    use crate::core::roles::parse_text;

    fn generator(seed: u64) -> Generator {
        let mut role_ids: HashMap<String, Uuid> = ROLE_SPECS
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key.to_string(), Uuid::from_u128(i as u128 + 1)))
            .collect();
        role_ids.insert("CUSTOMER".into(), Uuid::from_u128(99));
        let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Generator::new(
            seed,
            now,
            120,
            3,
            "$argon2id$x".into(),
            role_ids,
            HashSet::new(),
        )
        .unwrap()
    }

    /// Every table's rows, concatenated over all batches.
    fn rows(mut g: Generator, size: u64) -> (Vec<Vec<u8>>, u64, usize) {
        let mut tables = vec![Vec::new(); copy::TABLES];
        let mut profiles = 0;
        while let Some(batch) = g.next_batch(size) {
            profiles += batch.profiles;
            for (all, part) in tables.iter_mut().zip(batch.data) {
                all.extend(part);
            }
        }
        (tables, profiles, g.finish().image_jobs.len())
    }

    fn rows_of(data: &[u8]) -> usize {
        data.iter().filter(|b| **b == b'\n').count()
    }

    #[test]
    fn the_same_seed_gives_the_same_rows_whatever_the_batch_size() {
        let (a, profiles, images) = rows(generator(7), 1000);
        assert_eq!(profiles, 120);
        assert!(images >= 3, "three profiles with their own pictures");
        let (b, _, _) = rows(generator(7), 9);
        assert_eq!(a, b);
        let (c, _, _) = rows(generator(8), 1000);
        assert_ne!(a[copy::PROFILES], c[copy::PROFILES]);
        let users = String::from_utf8(a[copy::USERS].clone()).unwrap();
        let first = users.lines().next().unwrap();
        assert!(first.contains("\tcustomer@demo.nxtgauge.in\t"), "{first}");
        assert_eq!(users.lines().count(), rows_of(&a[copy::USER_SETTINGS]));
    }

    #[test]
    fn every_template_and_name_is_free_of_contact_details() {
        for role in &content::ROLES {
            let spec = ROLE_SPECS.iter().find(|s| s.key == role.key).unwrap();
            let Some(FieldKind::Tags { suggestions, .. }) =
                spec.field(role.tag_field).map(|f| f.kind)
            else {
                panic!("{}: tag_field is not a tags field", role.key);
            };
            assert!(spec.field(role.tag_field).unwrap().required, "{}", role.key);
            assert!(!tag_choices()[&(spec.key, role.tag_field)].is_empty());
            let all: Vec<String> = suggestions.iter().map(|s| (*s).to_string()).collect();
            for tag in suggestions {
                let fill = Fill {
                    first: "Aarav",
                    city: "Navi Mumbai",
                    years: 12,
                    tag: (*tag).to_string(),
                    tags: join_and(&all),
                };
                let texts = role
                    .openers
                    .iter()
                    .chain(role.sentences)
                    .chain(role.closers)
                    .chain(role.portfolio_titles)
                    .chain(role.portfolio_notes)
                    .copied()
                    .chain(role.services.iter().flat_map(|s| [s.name, s.description]));
                for text in texts {
                    let filled = fill.apply(text);
                    assert!(!filled.contains('{'), "unfilled: {filled}");
                    assert_eq!(contact::find(&filled), None, "{}: {filled}", role.key);
                }
            }
            assert!(role.services.len() >= 4 && role.portfolio_titles.len() >= 3);
        }
        for text in QUALIFICATIONS.iter().chain(CATERING_NAMES) {
            let filled = text.replace("{first}", "Zara").replace("{last}", "DSouza");
            assert!(parse_text(&filled, 120, false, "x").is_ok(), "{filled}");
        }
        for name in FIRST_NAMES.iter().chain(LAST_NAMES) {
            assert!(name.chars().all(|c| c.is_ascii_alphabetic()), "{name}");
        }
        for city in CITIES {
            assert!(content::city_weight(city) >= 1);
        }
    }

    #[test]
    fn slugs_and_prices_are_tidy() {
        assert_eq!(
            slugify("Rohan DSouza social_media_manager Navi Mumbai"),
            "rohan-dsouza-social-media-manager-navi-mumbai"
        );
        assert_eq!(round_rupees(14_730), 14_500);
        assert_eq!(round_rupees(4_260), 4_300);
        assert_eq!(round_rupees(333), 350);
        assert_eq!(
            join_and(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
    }
}
