//! A job application's forms and stages (the same checks in the browser and on the
//! server), and what the pipeline, the candidate's list and the apply panel show.
use crate::core::contact::{self, Contact};
use crate::core::error::FieldErrors;
use crate::core::money::Paise;
use crate::core::{AppError, AppResult};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const COVER_NOTE_MIN: usize = 50;
pub const COVER_NOTE_MAX: usize = 3000;
pub const NOTE_MAX: usize = 500;
/// Characters of the cover note a pipeline card shows.
pub const EXCERPT_CHARS: usize = 280;

/// A column of the pipeline board (`job_applications.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Stage {
    Applied,
    Shortlisted,
    Interview,
    Offered,
    Rejected,
}

impl Stage {
    /// The board's columns, left to right.
    pub const ALL: [Stage; 5] = [
        Stage::Applied,
        Stage::Shortlisted,
        Stage::Interview,
        Stage::Offered,
        Stage::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Applied => "APPLIED",
            Stage::Shortlisted => "SHORTLISTED",
            Stage::Interview => "INTERVIEW",
            Stage::Offered => "OFFERED",
            Stage::Rejected => "REJECTED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Applied => "Applied",
            Stage::Shortlisted => "Shortlisted",
            Stage::Interview => "Interview",
            Stage::Offered => "Offered",
            Stage::Rejected => "Rejected",
        }
    }

    /// A company may move an application from any stage to any other, including back
    /// out of Rejected (reconsidering); only "moving" to the same stage is refused.
    pub fn can_move_to(self, to: Stage) -> bool {
        self != to
    }

    /// The stages an application in `self` may move to, in board order.
    pub fn targets(self) -> Vec<Stage> {
        Self::ALL
            .into_iter()
            .filter(|t| self.can_move_to(*t))
            .collect()
    }

    /// The colour of its status pill.
    pub fn tone(self) -> &'static str {
        match self {
            Stage::Applied => "slate",
            Stage::Shortlisted | Stage::Interview => "indigo",
            Stage::Offered => "green",
            Stage::Rejected => "red",
        }
    }
}

/// The apply form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyForm {
    pub cover_note: String,
}

/// A checked application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyInput {
    pub cover_note: String,
}

fn contact_message(kind: Contact) -> &'static str {
    match kind {
        Contact::Link => "Remove the link: the company sees your résumé and profile on Nxtgauge.",
        Contact::Email => {
            "Remove the e-mail address: the company contacts you through Nxtgauge messages."
        }
        Contact::Phone => {
            "Remove the phone number: the company contacts you through Nxtgauge messages."
        }
        Contact::Handle => {
            "Remove the social media handle: the company contacts you through Nxtgauge messages."
        }
    }
}

/// 50 to 3,000 characters once trimmed, without contact details.
pub fn parse_cover_note(input: &str) -> Result<String, String> {
    let text = input.trim().replace("\r\n", "\n");
    let len = text.chars().count();
    if len == 0 {
        return Err("Write a cover note: why you are a good fit for this job.".into());
    }
    if len < COVER_NOTE_MIN {
        return Err(format!(
            "Write at least {COVER_NOTE_MIN} characters (now {len}): why you are a good fit for this job."
        ));
    }
    if len > COVER_NOTE_MAX {
        return Err(format!(
            "Keep the cover note to {COVER_NOTE_MAX} characters (now {len})."
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("The cover note contains characters we cannot accept.".into());
    }
    if let Some(kind) = contact::find(&text) {
        return Err(contact_message(kind).into());
    }
    Ok(text)
}

impl ApplyInput {
    pub fn parse(form: &ApplyForm) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let cover_note = errs.check("cover_note", parse_cover_note(&form.cover_note));
        errs.into_result()?;
        cover_note
            .map(|cover_note| Self { cover_note })
            .ok_or_else(AppError::internal)
    }
}

/// A move on the board as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveForm {
    pub stage: String,
    /// Optional, for the company's team only.
    pub note: String,
}

/// A checked move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveInput {
    pub to: Stage,
    pub note: Option<String>,
}

fn parse_note(input: &str) -> Result<Option<String>, String> {
    let text = input.trim().replace("\r\n", "\n");
    let len = text.chars().count();
    if len == 0 {
        return Ok(None);
    }
    if len > NOTE_MAX {
        return Err(format!(
            "Keep the note to {NOTE_MAX} characters (now {len})."
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("The note contains characters we cannot accept.".into());
    }
    Ok(Some(text))
}

impl MoveInput {
    pub fn parse(form: &MoveForm) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let to = errs.check(
            "stage",
            Stage::parse(&form.stage).ok_or_else(|| "Choose the stage to move to.".to_string()),
        );
        let note = errs.check("note", parse_note(&form.note));
        errs.into_result()?;
        match (to, note) {
            (Some(to), Some(note)) => Ok(Self { to, note }),
            _ => Err(AppError::internal()),
        }
    }
}

/// One applicant on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineCard {
    pub id: Uuid,
    pub stage: Stage,
    pub applicant: String,
    pub location: Option<String>,
    pub experience_years: Option<i32>,
    /// Paise a year.
    pub expected_salary: Option<i64>,
    /// The start of the cover note.
    pub cover_excerpt: String,
    pub applied_at: DateTime<Utc>,
    /// Where the company downloads the résumé, while the candidate has one.
    pub resume_url: Option<String>,
    pub conversation_id: Option<Uuid>,
    /// The company's latest note on a move.
    pub last_note: Option<String>,
}

impl PipelineCard {
    /// "Pune · 4 years' experience · expects ₹4,80,000 a year".
    pub fn headline(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(l) = self.location.as_deref().filter(|l| !l.is_empty()) {
            parts.push(l.to_owned());
        }
        match self.experience_years {
            Some(0) => parts.push("Fresher".into()),
            Some(1) => parts.push("1 year's experience".into()),
            Some(n) => parts.push(format!("{n} years' experience")),
            None => {}
        }
        if let Some(s) = self.expected_salary {
            parts.push(format!("expects {} a year", Paise(s).format_inr()));
        }
        parts.join(" · ")
    }
}

/// One column of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineColumn {
    pub stage: Stage,
    /// Every application in this stage, whatever the filter.
    pub count: i64,
    /// The ones matching the filter.
    pub cards: Vec<PipelineCard>,
}

/// A job's pipeline as its company sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub job_id: Uuid,
    pub job_title: String,
    /// The job is LIVE (a closed job's pipeline is read-only).
    pub job_live: bool,
    /// One per stage in board order, or only the filtered stage.
    pub columns: Vec<PipelineColumn>,
    pub total: i64,
}

/// The board's filter, in the URL (`?stage=&q=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineFilter {
    pub stage: Option<Stage>,
    /// Words in the applicant's name or cover note.
    pub q: Option<String>,
}

impl PipelineFilter {
    /// Reads raw query values; anything unknown means "no filter".
    pub fn from_query(stage: Option<String>, q: Option<String>) -> Self {
        Self {
            stage: stage.as_deref().and_then(Stage::parse),
            q: q.map(|q| q.trim().chars().take(100).collect::<String>())
                .filter(|q| !q.is_empty()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.stage.is_none() && self.q.is_none()
    }
}

/// One step in an application's history as the candidate reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEvent {
    pub from: Option<Stage>,
    pub to: Stage,
    pub at: DateTime<Utc>,
}

impl HistoryEvent {
    /// "Applied", "Moved from Applied to Shortlisted".
    pub fn text(&self) -> String {
        match self.from {
            None => format!("{} (application sent)", self.to.label()),
            Some(from) => format!("Moved from {} to {}", from.label(), self.to.label()),
        }
    }
}

/// One of the candidate's applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplication {
    pub id: Uuid,
    pub job_id: Uuid,
    pub job_title: String,
    pub company_name: String,
    pub stage: Stage,
    pub applied_at: DateTime<Utc>,
    pub status_changed_at: DateTime<Utc>,
    pub conversation_id: Option<Uuid>,
    /// Oldest first.
    pub history: Vec<HistoryEvent>,
}

/// What the apply panel on a job page offers the viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyState {
    /// A visitor: sign in first.
    SignedOut,
    /// Signed in, but without an ACTIVE candidate profile with a résumé; says why, and
    /// whether `/account/profile` can put it right (not for non-candidate accounts).
    NeedsProfile { reason: String, fixable: bool },
    /// The viewer's own company posted it.
    OwnJob,
    /// Not LIVE, expired, or not there.
    Closed,
    /// May apply.
    Open,
    Applied {
        applied_at: DateTime<Utc>,
        stage: Stage,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "I have run the front desk of a 40-room hotel in Pune for three years.";

    #[test]
    fn a_cover_note_is_trimmed_and_checked() {
        let ok = ApplyInput::parse(&ApplyForm {
            cover_note: format!("  {GOOD}\r\n  "),
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.cover_note, GOOD);
        for (bad, needle) in [
            ("", "Write a cover note"),
            ("Too short to say much.", "at least 50"),
            (&"x".repeat(COVER_NOTE_MAX + 1)[..], "3000"),
        ] {
            let err = ApplyInput::parse(&ApplyForm {
                cover_note: bad.into(),
            })
            .unwrap_err();
            assert!(
                err.field_message("cover_note")
                    .is_some_and(|m| m.contains(needle)),
                "{bad:?}: {err:?}"
            );
        }
        let phone = ApplyInput::parse(&ApplyForm {
            cover_note: format!("{GOOD} Call me on 98765 43210 any time."),
        })
        .unwrap_err();
        assert!(phone
            .field_message("cover_note")
            .is_some_and(|m| m.contains("phone")));
        let mail =
            parse_cover_note(&format!("{GOOD} Write to asha@example.com please.")).unwrap_err();
        assert!(mail.contains("e-mail"));
    }

    #[test]
    fn every_stage_moves_anywhere_but_to_itself() {
        for from in Stage::ALL {
            assert_eq!(Stage::parse(from.as_str()), Some(from));
            assert!(!from.can_move_to(from));
            assert_eq!(from.targets().len(), 4);
        }
        assert!(Stage::Rejected.can_move_to(Stage::Shortlisted));
        assert_eq!(Stage::parse("HIRED"), None);
        assert_eq!(
            Stage::ALL.map(Stage::label),
            ["Applied", "Shortlisted", "Interview", "Offered", "Rejected"]
        );
    }

    #[test]
    fn moves_need_a_stage_and_a_short_note() {
        let ok = MoveInput::parse(&MoveForm {
            stage: "SHORTLISTED".into(),
            note: "  ".into(),
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((ok.to, ok.note), (Stage::Shortlisted, None));
        let bad = MoveInput::parse(&MoveForm {
            stage: "HIRED".into(),
            note: "n".repeat(NOTE_MAX + 1),
        })
        .unwrap_err();
        assert!(bad.field_message("stage").is_some());
        assert!(bad.field_message("note").is_some());
    }

    #[test]
    fn cards_have_a_readable_headline_and_filters_ignore_junk() {
        let card = PipelineCard {
            id: Uuid::nil(),
            stage: Stage::Applied,
            applicant: "Asha Rao".into(),
            location: Some("Pune".into()),
            experience_years: Some(4),
            expected_salary: Some(48_000_000),
            cover_excerpt: String::new(),
            applied_at: Utc::now(),
            resume_url: None,
            conversation_id: None,
            last_note: None,
        };
        assert_eq!(
            card.headline(),
            "Pune · 4 years' experience · expects ₹4,80,000 a year"
        );
        let f = PipelineFilter::from_query(Some("nope".into()), Some("  ".into()));
        assert!(f.is_empty());
        let f = PipelineFilter::from_query(Some("OFFERED".into()), Some(" asha ".into()));
        assert_eq!(f.stage, Some(Stage::Offered));
        assert_eq!(f.q.as_deref(), Some("asha"));
    }
}
