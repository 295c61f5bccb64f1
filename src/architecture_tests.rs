//! The dependency rule, checked on the sources (see docs/ARCHITECTURE.md). Layers, lowest
//! first: `core`; platform (`server/`, `ui/` and the platform domains access, audit and
//! config); the business domains in `DOMAIN_ORDER`, each importing only domains before it;
//! and the composition root (`app/`, `cli/`, `demo/`), which may import everything.
//! Test code (`tests.rs`, `*_tests.rs`, `fixtures.rs`, inline `#[cfg(test)]` modules) is
//! not checked: tests may wire whole journeys.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Platform domains: imported by any domain, importing none.
const PLATFORM_DOMAINS: &[&str] = &["access", "audit", "config"];

/// Business domains, lowest first: each may import only those before it.
const DOMAIN_ORDER: &[&str] = &[
    "identity",
    "notifications",
    "messaging",
    "wallet",
    "billing",
    "approvals",
    "search",
    "profiles",
    "portfolio",
    "offerings",
    "reviews",
    "verification",
    "leads",
    "applications",
    "jobs",
    "account_profiles",
    "staff",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_test_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name == "tests.rs" || name.ends_with("_tests.rs") || name == "fixtures.rs"
}

/// The source without `//` comments and without a trailing inline test module.
fn code_of(source: &str) -> String {
    let mut out = String::new();
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with("#[cfg(test)]")
            && lines.peek().is_some_and(|next| next.starts_with("mod "))
            && lines.peek().is_some_and(|next| next.ends_with('{'))
        {
            break;
        }
        let code = line.split("//").next().unwrap_or_default();
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The top-level names after each `prefix` (`crate::domains::` → `leads`, or each name
/// of a `{leads, jobs::service}` group).
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let (mut depth, mut item) = (0usize, String::new());
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            found.insert(ident(&item));
        } else {
            found.insert(ident(rest));
        }
    }
    found.remove("");
    found
}

/// What a file at `rel` (relative to `src/`) imports: domains, plus "app"/"cli"/"demo"
/// for the composition root.
fn imports(code: &str) -> BTreeSet<String> {
    let mut all = names_after(code, "crate::domains::");
    for root in ["app", "cli", "demo"] {
        if code.contains(&format!("crate::{root}::")) {
            all.insert(root.to_owned());
        }
    }
    all
}

enum Layer {
    Core,
    Platform,
    Domain(usize),
    Composition,
}

fn layer_of(rel: &str) -> Option<(Layer, Option<&str>)> {
    let mut parts = rel.split('/');
    match parts.next()? {
        "core" => Some((Layer::Core, None)),
        "server" | "ui" => Some((Layer::Platform, None)),
        "app" | "cli" | "demo" | "lib.rs" | "main.rs" | "architecture_tests.rs" => {
            Some((Layer::Composition, None))
        }
        "domains" => {
            let name = parts.next()?.trim_end_matches(".rs");
            if name == "mod" {
                return Some((Layer::Composition, None));
            }
            if PLATFORM_DOMAINS.contains(&name) {
                return Some((Layer::Platform, Some(name)));
            }
            let rank = DOMAIN_ORDER.iter().position(|d| *d == name)?;
            Some((Layer::Domain(rank), Some(DOMAIN_ORDER[rank])))
        }
        _ => None,
    }
}

#[test]
fn dependencies_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 100, "found only {} source files", files.len());
    let mut problems = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(&src)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        if is_test_file(&rel) {
            continue;
        }
        let Some((layer, own)) = layer_of(&rel) else {
            problems.push(format!(
                "{rel}: in no layer (add it to architecture_tests.rs)"
            ));
            continue;
        };
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        for target in imports(&code_of(&source)) {
            if Some(target.as_str()) == own {
                continue;
            }
            let allowed = match layer {
                Layer::Composition => true,
                Layer::Core => false,
                Layer::Platform => PLATFORM_DOMAINS.contains(&target.as_str()),
                Layer::Domain(rank) => {
                    PLATFORM_DOMAINS.contains(&target.as_str())
                        || DOMAIN_ORDER[..rank].contains(&target.as_str())
                }
            };
            if !allowed {
                problems.push(format!("{rel} imports {target}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "imports against the dependency rule (docs/ARCHITECTURE.md):\n{}",
        problems.join("\n")
    );
}

#[test]
fn grouped_imports_are_read_name_by_name() {
    let code =
        "use crate::domains::{leads::{a, b}, jobs::service};\nx = crate::domains::wallet::f();";
    let names: Vec<String> = names_after(code, "crate::domains::").into_iter().collect();
    assert_eq!(names, ["jobs", "leads", "wallet"]);
    assert!(code_of("#[cfg(test)]\nmod tests {\nuse crate::domains::x;\n}").is_empty());
}
