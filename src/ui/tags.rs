//! A tag editor: type a tag and press Enter or a comma; chips with remove buttons;
//! Backspace in the empty box removes the last tag; suggestions as a `<datalist>`.
//! The tags travel in a hidden input as one comma-separated value, so a plain form post
//! carries them. Before the WASM hydrates it is a plain comma-separated text box.
use crate::ui::form::FieldMessage;
use leptos::prelude::*;

/// Tidies a typed tag: spaces collapsed, the suggestion's spelling when one matches.
fn tidy(raw: &str, suggestions: &[&str]) -> Option<String> {
    let tag = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if tag.is_empty() {
        return None;
    }
    Some(
        suggestions
            .iter()
            .find(|s| s.eq_ignore_ascii_case(&tag))
            .map(|s| (*s).to_string())
            .unwrap_or(tag),
    )
}

/// Adds comma-separated `raw` tags to `tags`, skipping duplicates (any case) and
/// stopping at `max`. Returns a notice for the person when something was refused.
fn add_tags(tags: &mut Vec<String>, raw: &str, suggestions: &[&str], max: usize) -> Option<String> {
    let mut notice = None;
    for part in raw.split(',') {
        let Some(tag) = tidy(part, suggestions) else {
            continue;
        };
        if tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            notice = Some(format!("\u{201c}{tag}\u{201d} is already added."));
            continue;
        }
        if tags.len() >= max {
            notice = Some(format!(
                "You can add at most {max}. Remove one to add another."
            ));
            break;
        }
        tags.push(tag);
    }
    notice
}

/// The suggestions still worth offering for what has been typed.
fn matching<'a>(suggestions: &[&'a str], tags: &[String], typed: &str) -> Vec<&'a str> {
    let typed = typed.trim().to_lowercase();
    suggestions
        .iter()
        .filter(|s| !tags.iter().any(|t| t.eq_ignore_ascii_case(s)))
        .filter(|s| typed.is_empty() || s.to_lowercase().contains(&typed))
        .copied()
        .collect()
}

/// A labelled tag input. `name` is the form field that receives the comma-joined tags;
/// `on_change` hears every change (for live validation by the page).
#[component]
pub fn TagInput(
    id: String,
    name: String,
    label: String,
    value: Vec<String>,
    suggestions: &'static [&'static str],
    max: usize,
    help: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] on_change: Option<Callback<Vec<String>>>,
) -> impl IntoView {
    let initial = value.join(", ");
    let tags = RwSignal::new(value);
    let draft = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<String>);
    let hydrated = RwSignal::new(false);
    let plain_ref = NodeRef::<leptos::html::Input>::new();
    let box_ref = NodeRef::<leptos::html::Input>::new();

    let changed = move || {
        if let Some(cb) = on_change {
            cb.run(tags.get_untracked());
        }
    };
    let add = move |raw: &str| {
        let mut refused = None;
        tags.update(|t| refused = add_tags(t, raw, suggestions, max));
        notice.set(refused);
        changed();
    };
    let remove = move |tag: &str| {
        tags.update(|t| t.retain(|x| x != tag));
        notice.set(None);
        changed();
    };
    // Effects run only in the browser, after hydration: switch to the tag editor,
    // keeping anything typed into the plain box meanwhile.
    Effect::new(move |_| {
        if let Some(el) = plain_ref.get_untracked() {
            let typed = el.value();
            let mut fresh = Vec::new();
            add_tags(&mut fresh, &typed, suggestions, usize::MAX);
            if fresh != tags.get_untracked() {
                tags.set(fresh);
                changed();
            }
        }
        hydrated.set(true);
    });

    let help_id = format!("{id}-help");
    let err_id = format!("{id}-error");
    let notice_id = format!("{id}-notice");
    let list_id = format!("{id}-suggestions");
    let has_help = help.is_some();
    let described = {
        let (help_id, err_id, notice_id) = (help_id.clone(), err_id.clone(), notice_id.clone());
        move || {
            let mut ids = vec![notice_id.clone()];
            if has_help {
                ids.insert(0, help_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            ids.join(" ")
        }
    };
    let input_class = move || {
        if error.get().is_some() {
            "min-w-[8rem] flex-1 rounded-lg border border-red-500 px-3 py-2 focus:outline-none focus:ring-2 focus:ring-red-400"
        } else {
            "min-w-[8rem] flex-1 rounded-lg border border-slate-300 px-3 py-2 focus:outline-none focus:ring-2 focus:ring-indigo-400"
        }
    };

    let plain = {
        let (id, name, described) = (id.clone(), name.clone(), described.clone());
        move || {
            view! {
                <input node_ref=plain_ref id=id.clone() name=name.clone() type="text" value=initial.clone()
                    aria-describedby=described.clone()
                    aria-invalid=move || error.get().map(|_| "true")
                    class=input_class/>
            }
        }
    };
    let editor = {
        let (id, name, list_id) = (id.clone(), name.clone(), list_id.clone());
        move || {
            let joined = move || tags.with(|t| t.join(", "));
            view! {
                <div class="flex flex-wrap items-center gap-2">
                    <ul class="flex flex-wrap gap-2">
                        {move || tags.get().into_iter().map(|tag| {
                            let remove_label = format!("Remove {tag}");
                            let t = tag.clone();
                            view! {
                                <li class="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-1 pl-3 pr-1 text-sm text-indigo-900">
                                    <span>{tag}</span>
                                    <button type="button" aria-label=remove_label
                                        class="rounded-full px-2 text-indigo-700 hover:bg-indigo-100 focus:outline-none focus:ring-2 focus:ring-indigo-400"
                                        on:click=move |_| {
                                            remove(&t);
                                            if let Some(el) = box_ref.get_untracked() {
                                                let _ = el.focus();
                                            }
                                        }>
                                        <span aria-hidden="true">"×"</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <input node_ref=box_ref id=id.clone() type="text" list=list_id.clone()
                        autocomplete="off"
                        prop:value=move || draft.get()
                        aria-describedby=described.clone()
                        aria-invalid=move || error.get().map(|_| "true")
                        class=input_class
                        on:input=move |ev| {
                            let typed = event_target_value(&ev);
                            match typed.rsplit_once(',') {
                                Some((done, rest)) => {
                                    add(done);
                                    draft.set(rest.trim_start().to_string());
                                }
                                None => draft.set(typed),
                            }
                        }
                        on:keydown=move |ev| {
                            let key = ev.key();
                            let typed = draft.get_untracked();
                            match key.as_str() {
                                "Enter" | "," if !typed.trim().is_empty() => {
                                    ev.prevent_default();
                                    add(&typed);
                                    draft.set(String::new());
                                }
                                "," => ev.prevent_default(),
                                "Backspace" if typed.is_empty() => {
                                    if let Some(last) = tags.get_untracked().last() {
                                        remove(last);
                                    }
                                }
                                _ => {}
                            }
                        }
                        on:blur=move |_| {
                            let typed = draft.get_untracked();
                            if !typed.trim().is_empty() {
                                add(&typed);
                                draft.set(String::new());
                            }
                        }/>
                    <input type="hidden" name=name.clone() value=joined/>
                </div>
                <datalist id=list_id.clone()>
                    {move || {
                        let typed = draft.get();
                        tags.with(|t| matching(suggestions, t, &typed))
                            .into_iter()
                            .map(|s| view! { <option value=s></option> })
                            .collect_view()
                    }}
                </datalist>
            }
        }
    };

    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-800">{label.clone()}</label>
            {move || if hydrated.get() { editor().into_any() } else { plain().into_any() }}
            {help.map(|h| view! { <p id=help_id class="text-xs text-slate-500">{h}</p> })}
            <p class="text-xs text-slate-500">
                {move || if hydrated.get() {
                    format!("{} of {max}. Press Enter or type a comma to add; Backspace removes the last.", tags.with(Vec::len))
                } else {
                    format!("Separate with commas; at most {max}.")
                }}
            </p>
            <p id=notice_id class="text-sm text-amber-800" role="status">{move || notice.get()}</p>
            <FieldMessage id=err_id message=error/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUGGESTIONS: &[&str] = &["Wedding", "Candid", "Pre-wedding"];

    #[test]
    fn adds_tidy_unique_tags_up_to_the_limit() {
        let mut tags = vec!["Wedding".to_string()];
        assert_eq!(
            add_tags(&mut tags, " candid ,  street   food ,", SUGGESTIONS, 5),
            None
        );
        assert_eq!(tags, ["Wedding", "Candid", "street food"]);
        let notice = add_tags(&mut tags, "WEDDING", SUGGESTIONS, 5).unwrap_or_default();
        assert!(notice.contains("already added"), "{notice}");
        let notice = add_tags(&mut tags, "a1, b2, c3", SUGGESTIONS, 4).unwrap_or_default();
        assert!(notice.contains("at most 4"), "{notice}");
        assert_eq!(tags.len(), 4);
    }

    #[test]
    fn suggestions_skip_chosen_tags_and_follow_the_typing() {
        let tags = vec!["Wedding".to_string()];
        assert_eq!(matching(SUGGESTIONS, &tags, ""), ["Candid", "Pre-wedding"]);
        assert_eq!(matching(SUGGESTIONS, &tags, "wed"), ["Pre-wedding"]);
        assert!(matching(SUGGESTIONS, &tags, "zzz").is_empty());
    }
}
