//! `RoleSpec`: the one description of each professional role. It drives the profile
//! form, validation (browser and server), the public page, search facets, verification
//! documents and the demo seeder. Adding a field is a migration plus one line here.
use crate::core::{contact, error::FieldErrors, money::Paise};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a role field is typed, stored and edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// `TEXT[]`, edited as a tag input with suggestions; each tag 2–40 characters.
    Tags {
        suggestions: &'static [&'static str],
        max: usize,
    },
    /// `BOOLEAN NOT NULL`, a checkbox.
    Flag,
    /// `INTEGER`; `NULL` when left empty unless the field is required.
    Number {
        min: i32,
        max: i32,
        unit: &'static str,
    },
    /// `INTEGER` paise, typed in rupees; `NULL` means "on request".
    Money { max_rupees: i64 },
    /// `TEXT NOT NULL` from a fixed list (value, label); the first is the default.
    Choice {
        options: &'static [(&'static str, &'static str)],
    },
    /// `TEXT`, one line, contact details refused.
    Text { max: usize },
}

/// One column of a role's extension table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The column name; also the form field name and the error key.
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// Shown as a filter with counts on the search page (tags, flags and choices).
    pub facet: bool,
}

/// A document a professional of this role uploads for verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentSpec {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleSpec {
    /// `roles.key` / `user_role_profiles.role_key`.
    pub key: &'static str,
    pub label: &'static str,
    /// "Photographers" — headings and page titles.
    pub plural: &'static str,
    /// The extension table (1:1 with `user_role_profiles`).
    pub table: &'static str,
    pub fields: &'static [FieldSpec],
    /// The money field that is this role's headline price, and how it is quoted.
    pub price_field: &'static str,
    pub price_unit: &'static str,
    pub documents: &'static [DocumentSpec],
}

impl RoleSpec {
    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn facets(&self) -> impl Iterator<Item = &'static FieldSpec> {
        self.fields.iter().filter(|f| f.facet)
    }

    pub fn document(&self, key: &str) -> Option<&'static DocumentSpec> {
        self.documents
            .iter()
            .chain(COMMON_DOCUMENTS)
            .find(|d| d.key == key)
    }

    /// Every document type a professional of this role may upload.
    pub fn all_documents(&self) -> impl Iterator<Item = &'static DocumentSpec> {
        COMMON_DOCUMENTS.iter().chain(self.documents)
    }
}

/// A typed value of one role field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldValue {
    Tags(Vec<String>),
    Flag(bool),
    Number(Option<i32>),
    /// Paise.
    Money(Option<i64>),
    Choice(String),
    Text(Option<String>),
}

impl FieldValue {
    /// The value as the form shows it (money in rupees, tags comma-separated).
    pub fn to_form(&self) -> String {
        match self {
            FieldValue::Tags(t) => t.join(", "),
            FieldValue::Flag(b) => if *b { "true" } else { "" }.to_string(),
            FieldValue::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            FieldValue::Money(p) => p.map(rupees_for_form).unwrap_or_default(),
            FieldValue::Choice(s) => s.clone(),
            FieldValue::Text(t) => t.clone().unwrap_or_default(),
        }
    }

    /// The value as the public page shows it.
    pub fn display(&self, field: &FieldSpec) -> Option<String> {
        match (self, field.kind) {
            (FieldValue::Tags(t), _) if !t.is_empty() => Some(t.join(", ")),
            (FieldValue::Flag(true), _) => Some("Yes".into()),
            (FieldValue::Number(Some(n)), FieldKind::Number { unit, .. }) => {
                Some(if unit.is_empty() {
                    n.to_string()
                } else {
                    format!("{n} {unit}")
                })
            }
            (FieldValue::Money(Some(p)), _) => Some(Paise(*p).format_inr()),
            (FieldValue::Choice(v), FieldKind::Choice { options }) => options
                .iter()
                .find(|(k, _)| k == v)
                .map(|(_, label)| (*label).to_string()),
            (FieldValue::Text(Some(t)), _) => Some(t.clone()),
            _ => None,
        }
    }
}

/// Paise as a rupee amount for an input box: "1500" or "1500.50".
pub fn rupees_for_form(paise: i64) -> String {
    if paise % 100 == 0 {
        (paise / 100).to_string()
    } else {
        format!("{}.{:02}", paise / 100, paise % 100)
    }
}

/// Role fields keyed by column name.
pub type RoleFields = BTreeMap<String, FieldValue>;

/// The default value of every field, for a new profile.
pub fn default_fields(spec: &RoleSpec) -> RoleFields {
    spec.fields
        .iter()
        .map(|f| {
            let v = match f.kind {
                FieldKind::Tags { .. } => FieldValue::Tags(Vec::new()),
                FieldKind::Flag => FieldValue::Flag(false),
                FieldKind::Number { .. } if f.required => FieldValue::Number(Some(0)),
                FieldKind::Number { .. } => FieldValue::Number(None),
                FieldKind::Money { .. } => FieldValue::Money(None),
                FieldKind::Choice { options } => {
                    FieldValue::Choice(options.first().map(|(k, _)| *k).unwrap_or_default().into())
                }
                FieldKind::Text { .. } => FieldValue::Text(None),
            };
            (f.key.to_string(), v)
        })
        .collect()
}

/// Parses the form's raw strings (keyed by field key; a missing flag is `false`) into
/// typed values, collecting one message per bad field. Runs in the browser as you type
/// and on the server before anything is written.
pub fn parse_fields(
    spec: &RoleSpec,
    raw: &BTreeMap<String, String>,
) -> Result<RoleFields, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut out = RoleFields::new();
    for f in spec.fields {
        let input = raw.get(f.key).map(String::as_str).unwrap_or("");
        if let Some(v) = errors.check(f.key, parse_field(f, input)) {
            out.insert(f.key.to_string(), v);
        }
    }
    for key in raw.keys() {
        if spec.field(key).is_none() {
            errors.add(key, "This field does not belong to this profile.");
        }
    }
    if spec.key == "catering_service" {
        if let (Some(FieldValue::Number(Some(min))), Some(FieldValue::Number(Some(max)))) =
            (out.get("min_guests"), out.get("max_guests"))
        {
            if max < min {
                errors.add("max_guests", "Maximum guests must be at least the minimum.");
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Parses one field's raw input.
pub fn parse_field(f: &FieldSpec, input: &str) -> Result<FieldValue, String> {
    let input = input.trim();
    match f.kind {
        FieldKind::Tags {
            suggestions: _,
            max,
        } => {
            let tags = parse_tags(input, max)?;
            if f.required && tags.is_empty() {
                return Err(format!("Add at least one: {}.", f.label.to_lowercase()));
            }
            Ok(FieldValue::Tags(tags))
        }
        FieldKind::Flag => Ok(FieldValue::Flag(matches!(
            input,
            "true" | "on" | "yes" | "1"
        ))),
        FieldKind::Number { min, max, .. } => {
            if input.is_empty() {
                return if f.required {
                    Err(format!("Enter {}.", f.label.to_lowercase()))
                } else {
                    Ok(FieldValue::Number(None))
                };
            }
            let n: i64 = input
                .parse()
                .map_err(|_| "Enter a whole number.".to_string())?;
            if n < i64::from(min) || n > i64::from(max) {
                return Err(format!("Enter a number from {min} to {max}."));
            }
            Ok(FieldValue::Number(i32::try_from(n).ok()))
        }
        FieldKind::Money { max_rupees } => {
            if input.is_empty() {
                return if f.required {
                    Err(format!("Enter {} in rupees.", f.label.to_lowercase()))
                } else {
                    Ok(FieldValue::Money(None))
                };
            }
            let p = Paise::parse_rupees(input)?;
            if p.0 > max_rupees.saturating_mul(100) {
                return Err(format!(
                    "Enter at most {}.",
                    Paise(max_rupees.saturating_mul(100)).format_inr()
                ));
            }
            Ok(FieldValue::Money(Some(p.0)))
        }
        FieldKind::Choice { options } => {
            if input.is_empty() {
                return Ok(FieldValue::Choice(
                    options.first().map(|(k, _)| *k).unwrap_or_default().into(),
                ));
            }
            options
                .iter()
                .find(|(k, _)| *k == input)
                .map(|(k, _)| FieldValue::Choice((*k).into()))
                .ok_or_else(|| "Choose one of the listed options.".to_string())
        }
        FieldKind::Text { max } => {
            let text = parse_text(input, max, f.required, f.label)?;
            Ok(FieldValue::Text(text))
        }
    }
}

/// One line or paragraph of free text: trimmed, bounded, no control characters (but
/// new lines), no contact details. `None` when empty and optional.
pub fn parse_text(
    input: &str,
    max: usize,
    required: bool,
    label: &str,
) -> Result<Option<String>, String> {
    let text = input.trim();
    if text.is_empty() {
        return if required {
            Err(format!("Enter {}.", label.to_lowercase()))
        } else {
            Ok(None)
        };
    }
    let len = text.chars().count();
    if len > max {
        return Err(format!("Keep this under {max} characters (now {len})."));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err("This text contains characters we cannot accept.".into());
    }
    contact::check(text)?;
    Ok(Some(text.replace("\r\n", "\n")))
}

pub const TAG_MIN: usize = 2;
pub const TAG_MAX: usize = 40;

/// Comma-separated tags: trimmed, spaces collapsed, duplicates (any case) dropped.
pub fn parse_tags(input: &str, max: usize) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for raw in input.split(',') {
        let tag = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() {
            continue;
        }
        let len = tag.chars().count();
        if !(TAG_MIN..=TAG_MAX).contains(&len) {
            return Err(format!(
                "Each tag must be {TAG_MIN}–{TAG_MAX} characters (\"{tag}\" is {len})."
            ));
        }
        if !tag
            .chars()
            .all(|c| c.is_alphanumeric() || " &+-.#/'()".contains(c))
        {
            return Err(format!("\"{tag}\" contains characters tags cannot have."));
        }
        contact::check(&tag)?;
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }
    if tags.len() > max {
        return Err(format!("Choose at most {max} (you have {}).", tags.len()));
    }
    Ok(tags)
}

/// A facet value as stored in `profile_search.facets` and in search URLs:
/// `field:value`, lower case (`specialties:wedding`, `studio_available:true`).
pub fn facet_token(field: &str, value: &str) -> String {
    format!("{field}:{}", value.to_lowercase())
}

/// The facet tokens of a profile's role fields.
pub fn facet_tokens(spec: &RoleSpec, fields: &RoleFields) -> Vec<String> {
    let mut out = Vec::new();
    for f in spec.facets() {
        match fields.get(f.key) {
            Some(FieldValue::Tags(tags)) => {
                out.extend(tags.iter().map(|t| facet_token(f.key, t)));
            }
            Some(FieldValue::Flag(true)) => out.push(facet_token(f.key, "true")),
            Some(FieldValue::Choice(v)) => out.push(facet_token(f.key, v)),
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Cities
// ---------------------------------------------------------------------------

/// The cities a profile can be listed in (a fixed list keeps search facets clean).
pub const CITIES: &[&str] = &[
    "Agra",
    "Ahmedabad",
    "Amritsar",
    "Aurangabad",
    "Bengaluru",
    "Bhopal",
    "Bhubaneswar",
    "Chandigarh",
    "Chennai",
    "Coimbatore",
    "Dehradun",
    "Delhi",
    "Faridabad",
    "Ghaziabad",
    "Goa",
    "Gurugram",
    "Guwahati",
    "Hyderabad",
    "Indore",
    "Jaipur",
    "Jammu",
    "Jodhpur",
    "Kanpur",
    "Kochi",
    "Kolkata",
    "Kozhikode",
    "Lucknow",
    "Ludhiana",
    "Madurai",
    "Mangaluru",
    "Meerut",
    "Mumbai",
    "Mysuru",
    "Nagpur",
    "Nashik",
    "Navi Mumbai",
    "Noida",
    "Patna",
    "Puducherry",
    "Pune",
    "Raipur",
    "Rajkot",
    "Ranchi",
    "Shimla",
    "Srinagar",
    "Surat",
    "Thane",
    "Thiruvananthapuram",
    "Tiruchirappalli",
    "Udaipur",
    "Vadodara",
    "Varanasi",
    "Vijayawada",
    "Visakhapatnam",
];

/// The canonical spelling of a city typed in any case.
pub fn parse_city(input: &str) -> Result<String, String> {
    let wanted = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if wanted.is_empty() {
        return Err("Choose your city.".into());
    }
    CITIES
        .iter()
        .find(|c| c.eq_ignore_ascii_case(&wanted))
        .map(|c| (*c).to_string())
        .ok_or_else(|| "Choose a city from the list.".to_string())
}

// ---------------------------------------------------------------------------
// The roles
// ---------------------------------------------------------------------------

const fn tags(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    suggestions: &'static [&'static str],
    max: usize,
    required: bool,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        help,
        kind: FieldKind::Tags { suggestions, max },
        required,
        facet: true,
    }
}

const fn flag(key: &'static str, label: &'static str, help: &'static str) -> FieldSpec {
    FieldSpec {
        key,
        label,
        help,
        kind: FieldKind::Flag,
        required: false,
        facet: true,
    }
}

const fn number(
    key: &'static str,
    label: &'static str,
    min: i32,
    max: i32,
    unit: &'static str,
    required: bool,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        help: "",
        kind: FieldKind::Number { min, max, unit },
        required,
        facet: false,
    }
}

const fn money(key: &'static str, label: &'static str, help: &'static str) -> FieldSpec {
    FieldSpec {
        key,
        label,
        help,
        kind: FieldKind::Money {
            max_rupees: 10_000_000,
        },
        required: false,
        facet: false,
    }
}

/// Documents every professional may upload.
pub const COMMON_DOCUMENTS: &[DocumentSpec] = &[
    DocumentSpec {
        key: "AADHAAR",
        label: "Aadhaar card",
    },
    DocumentSpec {
        key: "PAN",
        label: "PAN card",
    },
    DocumentSpec {
        key: "PASSPORT",
        label: "Passport",
    },
    DocumentSpec {
        key: "DRIVING_LICENCE",
        label: "Driving licence",
    },
];

const GST: DocumentSpec = DocumentSpec {
    key: "GST_CERTIFICATE",
    label: "GST registration certificate",
};

const PLATFORMS: &[&str] = &[
    "Instagram",
    "YouTube",
    "Facebook",
    "LinkedIn",
    "X",
    "Moj",
    "Josh",
    "ShareChat",
    "Pinterest",
    "Snapchat",
];

pub const ROLE_SPECS: [RoleSpec; 10] = [
    RoleSpec {
        key: "photographer",
        label: "Photographer",
        plural: "Photographers",
        table: "photographer_profiles",
        fields: &[
            tags(
                "specialties",
                "Specialties",
                "What you shoot most.",
                &[
                    "Wedding",
                    "Pre-wedding",
                    "Candid",
                    "Portrait",
                    "Maternity",
                    "Newborn",
                    "Product",
                    "Food",
                    "Fashion",
                    "Event",
                    "Corporate",
                    "Real estate",
                    "Wildlife",
                    "Travel",
                ],
                10,
                true,
            ),
            tags(
                "camera_brands",
                "Camera brands",
                "The gear you shoot with.",
                &[
                    "Canon",
                    "Nikon",
                    "Sony",
                    "Fujifilm",
                    "Panasonic",
                    "Leica",
                    "DJI",
                ],
                6,
                false,
            ),
            flag(
                "studio_available",
                "Studio available",
                "You have a studio customers can visit.",
            ),
            flag("outdoor_shoots", "Outdoor shoots", "You shoot on location."),
            number("travel_radius_km", "Travel radius", 0, 5000, "km", false),
            money(
                "starting_price_inr",
                "Starting price",
                "Your lowest package, in rupees.",
            ),
        ],
        price_field: "starting_price_inr",
        price_unit: "starting",
        documents: &[GST],
    },
    RoleSpec {
        key: "tutor",
        label: "Tutor",
        plural: "Tutors",
        table: "tutor_profiles",
        fields: &[
            tags(
                "subjects",
                "Subjects",
                "What you teach.",
                &[
                    "Mathematics",
                    "Physics",
                    "Chemistry",
                    "Biology",
                    "English",
                    "Hindi",
                    "Science",
                    "Social Studies",
                    "Computer Science",
                    "Accountancy",
                    "Economics",
                    "Spoken English",
                    "JEE",
                    "NEET",
                    "Music",
                    "Sanskrit",
                ],
                12,
                true,
            ),
            tags(
                "board_types",
                "Boards",
                "Syllabi you teach.",
                &["CBSE", "ICSE", "State Board", "IB", "IGCSE", "NIOS"],
                6,
                false,
            ),
            FieldSpec {
                key: "qualification",
                label: "Highest qualification",
                help: "For example M.Sc. Physics, B.Ed.",
                kind: FieldKind::Text { max: 120 },
                required: false,
                facet: false,
            },
            flag("teaches_online", "Teaches online", "Classes over video."),
            flag(
                "teaches_offline",
                "Teaches in person",
                "At your place or the student's.",
            ),
            number("experience_years", "Experience", 0, 60, "years", true),
            money("hourly_rate_inr", "Hourly rate", "Per hour, in rupees."),
        ],
        price_field: "hourly_rate_inr",
        price_unit: "per hour",
        documents: &[DocumentSpec {
            key: "DEGREE_CERTIFICATE",
            label: "Degree or teaching certificate",
        }],
    },
    RoleSpec {
        key: "makeup_artist",
        label: "Makeup Artist",
        plural: "Makeup Artists",
        table: "makeup_artist_profiles",
        fields: &[
            tags(
                "specializations",
                "Specializations",
                "Looks you are known for.",
                &[
                    "Bridal",
                    "Party",
                    "HD",
                    "Airbrush",
                    "Engagement",
                    "Editorial",
                    "Film & TV",
                    "Hairstyling",
                    "Mehendi",
                ],
                10,
                true,
            ),
            tags(
                "kit_brands",
                "Kit brands",
                "Brands in your kit.",
                &[
                    "MAC",
                    "Huda Beauty",
                    "Bobbi Brown",
                    "Kryolan",
                    "NARS",
                    "Lakmé",
                    "Maybelline",
                ],
                10,
                false,
            ),
            flag("home_service", "Home service", "You come to the customer."),
            flag(
                "studio_available",
                "Studio available",
                "Customers can come to your studio.",
            ),
            money(
                "starting_price_inr",
                "Starting price",
                "Your lowest package, in rupees.",
            ),
        ],
        price_field: "starting_price_inr",
        price_unit: "starting",
        documents: &[DocumentSpec {
            key: "COURSE_CERTIFICATE",
            label: "Makeup course certificate",
        }],
    },
    RoleSpec {
        key: "developer",
        label: "Developer",
        plural: "Developers",
        table: "developer_profiles",
        fields: &[
            tags(
                "tech_stack",
                "Tech stack",
                "Languages, frameworks and tools.",
                &[
                    "Rust",
                    "Python",
                    "JavaScript",
                    "TypeScript",
                    "React",
                    "Node.js",
                    "Java",
                    "Spring",
                    "Go",
                    "Kotlin",
                    "Swift",
                    "Flutter",
                    "Django",
                    "PostgreSQL",
                    "AWS",
                    "PHP",
                    "Laravel",
                    "ASP.NET",
                ],
                15,
                true,
            ),
            number("experience_years", "Experience", 0, 60, "years", true),
            FieldSpec {
                key: "availability",
                label: "Availability",
                help: "How you want to work.",
                kind: FieldKind::Choice {
                    options: &[
                        ("FREELANCE", "Freelance"),
                        ("PART_TIME", "Part time"),
                        ("FULL_TIME", "Full time"),
                    ],
                },
                required: true,
                facet: true,
            },
            flag(
                "remote_ok",
                "Works remotely",
                "You take projects from anywhere.",
            ),
            money("hourly_rate_inr", "Hourly rate", "Per hour, in rupees."),
        ],
        price_field: "hourly_rate_inr",
        price_unit: "per hour",
        documents: &[GST],
    },
    RoleSpec {
        key: "video_editor",
        label: "Video Editor",
        plural: "Video Editors",
        table: "video_editor_profiles",
        fields: &[
            tags(
                "software_skills",
                "Software",
                "Editing and grading tools.",
                &[
                    "Premiere Pro",
                    "Final Cut Pro",
                    "DaVinci Resolve",
                    "After Effects",
                    "CapCut",
                    "Avid",
                    "Filmora",
                ],
                10,
                true,
            ),
            tags(
                "style_tags",
                "Styles",
                "What you edit.",
                &[
                    "Wedding films",
                    "Reels",
                    "YouTube",
                    "Documentary",
                    "Corporate",
                    "Music videos",
                    "Ads",
                    "Color grading",
                    "Motion graphics",
                ],
                10,
                false,
            ),
            number(
                "turnaround_days",
                "Typical turnaround",
                0,
                365,
                "days",
                false,
            ),
            money(
                "starting_price_inr",
                "Starting price",
                "Your lowest package, in rupees.",
            ),
        ],
        price_field: "starting_price_inr",
        price_unit: "starting",
        documents: &[],
    },
    RoleSpec {
        key: "graphic_designer",
        label: "Graphic Designer",
        plural: "Graphic Designers",
        table: "graphic_designer_profiles",
        fields: &[
            tags(
                "design_tools",
                "Design tools",
                "What you design with.",
                &[
                    "Photoshop",
                    "Illustrator",
                    "Figma",
                    "CorelDRAW",
                    "InDesign",
                    "Canva",
                    "Blender",
                ],
                10,
                true,
            ),
            tags(
                "style_tags",
                "Styles",
                "What you design.",
                &[
                    "Logos",
                    "Branding",
                    "Packaging",
                    "Social media",
                    "Print",
                    "UI",
                    "Illustration",
                    "Wedding cards",
                ],
                10,
                false,
            ),
            flag(
                "brand_experience",
                "Brand identity experience",
                "You have built complete brand identities.",
            ),
            money(
                "starting_price_inr",
                "Starting price",
                "Your lowest package, in rupees.",
            ),
        ],
        price_field: "starting_price_inr",
        price_unit: "starting",
        documents: &[],
    },
    RoleSpec {
        key: "social_media_manager",
        label: "Social Media Manager",
        plural: "Social Media Managers",
        table: "social_media_manager_profiles",
        fields: &[
            tags(
                "platforms",
                "Platforms",
                "Where you run accounts.",
                PLATFORMS,
                10,
                true,
            ),
            tags(
                "industries",
                "Industries",
                "Clients you have worked with.",
                &[
                    "Fashion",
                    "Food & beverage",
                    "Real estate",
                    "Education",
                    "Healthcare",
                    "Tech",
                    "Travel",
                    "Beauty",
                    "Fitness",
                    "Retail",
                ],
                10,
                false,
            ),
            tags(
                "content_types",
                "Content",
                "What you produce.",
                &[
                    "Reels",
                    "Carousels",
                    "Stories",
                    "Shorts",
                    "Ads",
                    "Copywriting",
                    "Community",
                ],
                10,
                false,
            ),
            number(
                "avg_follower_growth_pct",
                "Average follower growth",
                0,
                1000,
                "% a month",
                false,
            ),
            money(
                "starting_price_inr",
                "Starting price",
                "Per month, in rupees.",
            ),
        ],
        price_field: "starting_price_inr",
        price_unit: "per month",
        documents: &[GST],
    },
    RoleSpec {
        key: "fitness_trainer",
        label: "Fitness Trainer",
        plural: "Fitness Trainers",
        table: "fitness_trainer_profiles",
        fields: &[
            tags(
                "disciplines",
                "Disciplines",
                "What you train.",
                &[
                    "Strength",
                    "Weight loss",
                    "Yoga",
                    "Pilates",
                    "CrossFit",
                    "Zumba",
                    "Calisthenics",
                    "Boxing",
                    "Prenatal",
                    "Senior fitness",
                ],
                10,
                true,
            ),
            tags(
                "certifications",
                "Certifications",
                "Names of your certificates.",
                &[
                    "ACE",
                    "ACSM",
                    "NASM",
                    "K11",
                    "ISSA",
                    "Yoga Alliance RYT 200",
                ],
                10,
                false,
            ),
            flag("online_sessions", "Online sessions", "Training over video."),
            flag(
                "home_visits",
                "Home visits",
                "You train at the customer's home.",
            ),
            flag("gym_based", "Gym based", "You train at a gym."),
            money(
                "per_session_rate_inr",
                "Per-session rate",
                "Per session, in rupees.",
            ),
        ],
        price_field: "per_session_rate_inr",
        price_unit: "per session",
        documents: &[DocumentSpec {
            key: "FITNESS_CERTIFICATE",
            label: "Fitness certification",
        }],
    },
    RoleSpec {
        key: "catering_service",
        label: "Catering Service",
        plural: "Catering Services",
        table: "catering_service_profiles",
        fields: &[
            FieldSpec {
                key: "business_name",
                label: "Business name",
                help: "As on your FSSAI licence.",
                kind: FieldKind::Text { max: 120 },
                required: false,
                facet: false,
            },
            tags(
                "cuisine_types",
                "Cuisines",
                "What you cook.",
                &[
                    "North Indian",
                    "South Indian",
                    "Gujarati",
                    "Rajasthani",
                    "Bengali",
                    "Punjabi",
                    "Mughlai",
                    "Chinese",
                    "Continental",
                    "Jain",
                    "Chaat",
                    "Desserts",
                ],
                12,
                true,
            ),
            tags(
                "event_types",
                "Events",
                "Events you cater.",
                &[
                    "Wedding",
                    "Birthday",
                    "Corporate",
                    "Pooja",
                    "House party",
                    "Conference",
                ],
                10,
                false,
            ),
            number("min_guests", "Minimum guests", 0, 100_000, "guests", false),
            number("max_guests", "Maximum guests", 0, 100_000, "guests", false),
            flag(
                "has_setup_team",
                "Setup team",
                "You set up counters and décor.",
            ),
            flag(
                "has_serving_staff",
                "Serving staff",
                "You bring serving staff.",
            ),
            money(
                "price_per_head_inr",
                "Price per head",
                "Per guest, in rupees.",
            ),
        ],
        price_field: "price_per_head_inr",
        price_unit: "per head",
        documents: &[
            DocumentSpec {
                key: "FSSAI_LICENCE",
                label: "FSSAI licence",
            },
            GST,
        ],
    },
    RoleSpec {
        key: "ugc_content_creator",
        label: "UGC Content Creator",
        plural: "UGC Content Creators",
        table: "ugc_content_creator_profiles",
        fields: &[
            tags(
                "niche_tags",
                "Niches",
                "Topics you create for.",
                &[
                    "Beauty",
                    "Fashion",
                    "Food",
                    "Tech",
                    "Travel",
                    "Parenting",
                    "Fitness",
                    "Finance",
                    "Gaming",
                    "Home decor",
                ],
                10,
                true,
            ),
            tags(
                "content_formats",
                "Formats",
                "What you deliver.",
                &[
                    "Unboxing",
                    "Review",
                    "Tutorial",
                    "Testimonial",
                    "Reels",
                    "Shorts",
                    "Photos",
                ],
                10,
                false,
            ),
            tags(
                "platforms",
                "Platforms",
                "Where your content performs.",
                PLATFORMS,
                10,
                false,
            ),
            number(
                "turnaround_days",
                "Typical turnaround",
                0,
                365,
                "days",
                false,
            ),
            money(
                "starting_price_inr",
                "Starting price",
                "Per video, in rupees.",
            ),
        ],
        price_field: "starting_price_inr",
        price_unit: "per video",
        documents: &[],
    },
];

pub fn role_spec(key: &str) -> Option<&'static RoleSpec> {
    ROLE_SPECS.iter().find(|s| s.key == key)
}

/// A role's label ("Photographer"), or "Professional" for an unknown key.
pub fn role_label(key: &str) -> &'static str {
    role_spec(key).map_or("Professional", |s| s.label)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::domains::profiles::PROFESSIONAL_ROLES;

    #[test]
    fn every_professional_role_has_a_spec_with_a_money_price_field() {
        assert_eq!(ROLE_SPECS.len(), PROFESSIONAL_ROLES.len());
        for r in PROFESSIONAL_ROLES {
            let spec = role_spec(r.key).unwrap();
            assert_eq!(spec.label, r.label);
            assert_eq!(spec.table, format!("{}_profiles", r.key));
            let price = spec.field(spec.price_field).unwrap();
            assert!(matches!(price.kind, FieldKind::Money { .. }), "{}", r.key);
            assert!(spec.facets().count() >= 1);
            let mut keys: Vec<_> = spec.fields.iter().map(|f| f.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), spec.fields.len(), "{}", r.key);
        }
    }

    fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn parses_a_photographer_form_with_rupees_to_paise() {
        let spec = role_spec("photographer").unwrap();
        let fields = parse_fields(
            spec,
            &raw(&[
                ("specialties", "Wedding,  candid , wedding"),
                ("studio_available", "on"),
                ("travel_radius_km", "50"),
                ("starting_price_inr", "15,000"),
            ]),
        )
        .unwrap();
        assert_eq!(
            fields["specialties"],
            FieldValue::Tags(vec!["Wedding".into(), "candid".into()])
        );
        assert_eq!(fields["studio_available"], FieldValue::Flag(true));
        assert_eq!(fields["outdoor_shoots"], FieldValue::Flag(false));
        assert_eq!(
            fields["starting_price_inr"],
            FieldValue::Money(Some(1_500_000))
        );
        assert_eq!(fields["starting_price_inr"].to_form(), "15000");
        assert_eq!(
            facet_tokens(spec, &fields),
            vec![
                "specialties:wedding",
                "specialties:candid",
                "studio_available:true"
            ]
        );
    }

    #[test]
    fn reports_every_bad_field_at_once() {
        let spec = role_spec("catering_service").unwrap();
        let err = parse_fields(
            spec,
            &raw(&[
                ("business_name", "Call 98765 43210"),
                ("cuisine_types", ""),
                ("min_guests", "500"),
                ("max_guests", "50"),
                ("price_per_head_inr", "-5"),
                ("sneaky", "x"),
            ]),
        )
        .unwrap_err()
        .into_result()
        .unwrap_err();
        for key in [
            "business_name",
            "cuisine_types",
            "max_guests",
            "price_per_head_inr",
            "sneaky",
        ] {
            assert!(err.fields.contains_key(key), "{key}: {:?}", err.fields);
        }
        assert!(err.fields["business_name"].contains("phone number"));
    }

    #[test]
    fn choices_numbers_and_tags_are_bounded() {
        let spec = role_spec("developer").unwrap();
        let f = spec.field("availability").unwrap();
        assert!(parse_field(f, "SOMETIMES").is_err());
        assert_eq!(
            parse_field(f, "").unwrap(),
            FieldValue::Choice("FREELANCE".into())
        );
        let years = spec.field("experience_years").unwrap();
        assert!(parse_field(years, "").is_err());
        assert!(parse_field(years, "61").is_err());
        assert!(parse_field(years, "2.5").is_err());
        assert!(parse_tags("a", 5).is_err());
        assert!(parse_tags("Rust, <script>", 5).is_err());
        assert!(parse_tags("a1,b2,c3", 2).is_err());
        assert!(parse_tags("see x.com", 2).is_err());
    }

    #[test]
    fn cities_are_canonical() {
        assert_eq!(parse_city(" pune ").unwrap(), "Pune");
        assert_eq!(parse_city("navi  mumbai").unwrap(), "Navi Mumbai");
        assert!(parse_city("Atlantis").is_err());
        assert!(parse_city("").is_err());
    }
}
