//! The bad-input corpus: every file under `tests/diagnostics/` yields exactly the diagnostics
//! committed beside it in `<name>.expected`.
//!
//! Re-bless with `REFARCH_BLESS=1 cargo test -p refarch-tests` (refused under `CI`).

use std::path::{Path, PathBuf};

use refarch::core::{self, Code, Limits, Style};

use crate::util::{bless_or_compare, ron_files};

fn corpus() -> Vec<PathBuf> {
    ron_files("diagnostics")
}

/// Renders a file's diagnostics the way `refarch check` prints them (without colour).
fn report(path: &Path) -> String {
    let checked = core::check_path(path);
    checked.source.render(&checked.diagnostics, Style::Plain)
}

#[test]
fn corpus_matches_expected_output() {
    let files = corpus();
    assert!(files.len() >= 15, "the corpus has {} files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let actual = report(path);
        if let Err(diff) = bless_or_compare(&path.with_extension("expected"), &actual) {
            failures.push(format!("{}:\n{diff}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_file_fails_or_warns() {
    for path in corpus() {
        let checked = core::check_path(&path);
        assert!(
            !checked.diagnostics.is_empty(),
            "{} yields no diagnostic",
            path.display()
        );
        for d in &checked.diagnostics {
            let record = checked.source.record(d);
            if d.code != Code::EmptyFile {
                assert!(
                    record.line > 0 && record.column > 0,
                    "{}: {d:?} has no position",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn all_errors_of_a_file_are_reported_at_once() {
    let checked = core::check_path(Path::new("diagnostics/19-many-errors.ron"));
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::UnknownVariant, Code::UnknownField, Code::WrongType]
    );
    let checked = core::check_path(Path::new("diagnostics/24-semantic-errors.ron"));
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            Code::InvalidId,
            Code::UnknownReference,
            Code::UnknownReference
        ]
    );
}

#[test]
fn oversized_file_is_refused_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let line = "// padding padding padding padding padding padding padding padding padding\n";
    let text = line.repeat(50 * 1024 * 1024 / line.len());
    std::fs::write(&path, text).expect("write");
    let checked = core::check_path(&path);
    assert_eq!(checked.diagnostics.len(), 1);
    assert_eq!(checked.diagnostics[0].code, Code::TooLarge);
    assert!(
        checked.diagnostics[0]
            .message
            .contains("the limit is 4194304 bytes")
    );
    // A raised limit reads it, and then finds no scenario in it.
    let limits = Limits {
        max_file_bytes: 64 * 1024 * 1024,
        ..Limits::default()
    };
    let checked = core::check_path_with(&path, &limits);
    assert_ne!(checked.diagnostics[0].code, Code::TooLarge);
    assert!(checked.has_errors());
}

#[test]
fn missing_file_and_folder_are_reported() {
    let checked = core::check_path(Path::new("diagnostics/does-not-exist.ron"));
    assert_eq!(checked.diagnostics[0].code, Code::Io);
    assert_eq!(checked.diagnostics[0].message, "no such file");
    let checked = core::check_path(Path::new("diagnostics"));
    assert_eq!(checked.diagnostics[0].code, Code::Io);
}

/// Checks `text` as `intl.ron` and asserts that its diagnostics are `n` W0004 warnings and
/// that the report holds each of `expected`; returns whether the model was kept.
fn assert_undrawable(text: &str, n: usize, expected: &[&str]) -> bool {
    let checked = refarch::check("intl.ron", text, &refarch::core::Policy::default());
    let report = checked.source.render(&checked.diagnostics, Style::Plain);
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::UndrawableText; n], "{report}");
    for expected in expected {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    checked.model.is_some()
}

/// Text in scripts the bundled font does not cover is a warning per text, at its first such
/// character, naming the characters; Latin, Greek and Cyrillic pass, and the model is kept.
#[test]
fn text_the_bundled_font_cannot_draw_is_a_warning() {
    let text = r#"Scenario(id: "intl", title: "Übersicht — 国际化",
    components: [
        Component(id: "a", label: "服务器 Server", kind: AppServer, tech: "Ελληνικά, кириллица"),
        Component(id: "c", label: "👩‍💻 Users", kind: User),
    ],
    links: [Link(from: "c", to: "a", label: "HTTPS")])"#;
    let kept = assert_undrawable(
        text,
        3,
        &[
            "warning[W0004]: the bundled font cannot draw `国` (U+56FD), `际` (U+9645), `化` (U+5316)",
            "intl.ron:1:42",
            "warning[W0004]: the bundled font cannot draw `服` (U+670D), `务` (U+52A1), `器` (U+5668)",
            "intl.ron:3:36",
            "warning[W0004]: the bundled font cannot draw `👩` (U+1F469), `💻` (U+1F4BB)",
            "intl.ron:4:36",
        ],
    );
    assert!(kept, "a warning keeps the model");
    // A variant's own texts are checked too, once each, where they are written; texts it
    // keeps from the base are not reported again.
    let text = r#"Scenario(id: "intl", title: "Overview",
    components: [Component(id: "a", label: "Server", kind: AppServer, tech: "x86"),
                 Component(id: "c", label: "Users", kind: User)],
    links: [Link(from: "c", to: "a", protocol: "HTTPS")],
    variants: [
        Variant(id: "intl-cn", title: "概览", label: {"a": "Server"}),
        Variant(id: "intl-tw", title: "概览", tech: {"a": "服务"}),
    ])"#;
    assert_undrawable(
        text,
        2,
        &[
            "warning[W0004]: the bundled font cannot draw `概` (U+6982), `览` (U+89C8)",
            "intl.ron:6:40",
            "warning[W0004]: the bundled font cannot draw `服` (U+670D), `务` (U+52A1)",
            "intl.ron:7:58",
        ],
    );
}
