//! End-to-end tests of the real `refarch` binary in temporary folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn refarch(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refarch"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

/// A temporary folder holding a copy of one bundled scenario.
fn workspace_with(scenario: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(scenario);
    std::fs::copy(scenarios().join(scenario), &file).expect("copy scenario");
    (dir, file)
}

const SMALL: &str = "application-architecture.ron";

#[test]
fn render_writes_every_format() {
    let (dir, _) = workspace_with(SMALL);
    let o = refarch(
        dir.path(),
        &["render", SMALL, "-o", "out", "--format", "svg,png,pdf,json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.path().join("out");
    let id = "application-architecture";
    let svg = std::fs::read_to_string(out.join(format!("{id}.svg"))).expect("svg");
    assert!(svg.starts_with("<svg") && svg.contains("role=\"img\""));
    let png = std::fs::read(out.join(format!("{id}.png"))).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let pdf = std::fs::read(out.join(format!("{id}.pdf"))).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(format!("{id}.json"))).expect("json"))
            .expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["scenario"], id);
    assert!(stderr(&o).contains("4 files written"), "{}", stderr(&o));
    // Nothing but the outputs: no temporary files left behind.
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            format!("{id}.json"),
            format!("{id}.pdf"),
            format!("{id}.png"),
            format!("{id}.svg")
        ]
    );
}

#[test]
fn render_embeds_the_font_subset_unless_told_not_to() {
    let (dir, _) = workspace_with(SMALL);
    let svg_of = |out: &str, extra: &[&str]| {
        let mut args = vec!["render", SMALL, "-o", out, "--format", "svg"];
        args.extend_from_slice(extra);
        let o = refarch(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        std::fs::read_to_string(dir.path().join(out).join("application-architecture.svg"))
            .expect("svg")
    };
    let embedded = svg_of("default", &[]);
    let lean = svg_of("lean", &["--no-embed-font"]);
    assert!(embedded.contains("@font-face") && embedded.contains("data:font/"));
    assert!(!lean.contains("@font-face"));
    assert!(lean.len() < embedded.len());
    // The old opt-in flag is still accepted and changes nothing.
    assert_eq!(svg_of("old", &["--embed-font"]), embedded);
}

#[test]
fn render_is_byte_for_byte_repeatable() {
    let (dir, _) = workspace_with(SMALL);
    for out in ["a", "b"] {
        let o = refarch(
            dir.path(),
            &["render", SMALL, "-o", out, "--format", "svg,png,pdf"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    for ext in ["svg", "png", "pdf"] {
        let name = format!("application-architecture.{ext}");
        let a = std::fs::read(dir.path().join("a").join(&name)).expect("a");
        let b = std::fs::read(dir.path().join("b").join(&name)).expect("b");
        assert!(a == b, "{name} differs between two runs");
    }
}

#[test]
fn check_flag_detects_stale_and_missing_outputs() {
    let (dir, _) = workspace_with(SMALL);
    let render = |extra: &[&str]| {
        let mut args = vec!["render", SMALL, "-o", "out", "--format", "svg"];
        args.extend_from_slice(extra);
        refarch(dir.path(), &args)
    };
    let o = render(&["--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("out/application-architecture.svg is missing"),
        "{}",
        stderr(&o)
    );
    assert_eq!(render(&[]).status.code(), Some(0));
    let o = render(&["--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(
        dir.path().join("out/application-architecture.svg"),
        "<svg/>",
    )
    .expect("write");
    let o = render(&["--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("out/application-architecture.svg differs"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn slide_deck_is_one_pdf_with_16_9_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scen = scenarios();
    let o = refarch(
        dir.path(),
        &[
            "render",
            scen.to_str().expect("utf-8"),
            "--format",
            "pdf",
            "--preset",
            "slide",
            "-o",
            "deck.pdf",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = std::fs::read(dir.path().join("deck.pdf")).expect("deck");
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/Type/Pages/Count 7"),
        "one page per bundled scenario"
    );
    assert_eq!(
        text.matches("/MediaBox[0 0 1920 1080]").count(),
        7,
        "every page is 1920x1080"
    );
}

#[test]
fn bad_input_exits_1_with_positions() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bad.ron"),
        "Scenario(id: \"x\", title: \"X\", components: [Component(id: \"a\", label: \"A\", kind: Databse)])\n",
    )
    .expect("write");
    for cmd in ["check", "render"] {
        let o = refarch(dir.path(), &[cmd, "bad.ron"]);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("error[E0004]: unknown component kind `Databse`"),
            "{err}"
        );
        assert!(err.contains("bad.ron:1:"), "{err}");
        assert!(err.contains("did you mean `Database`?"), "{err}");
    }
    assert!(
        !dir.path().join("out").exists(),
        "a failed render writes nothing"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(
        refarch(dir.path(), &["render", "--format", "gif"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        refarch(dir.path(), &["check", "--allow", "W9999"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        refarch(dir.path(), &["explain", "nonsense"]).status.code(),
        Some(2)
    );
    assert_eq!(refarch(dir.path(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn check_json_lines_parse() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("w.ron"),
        "Scenario(id: \"w\", title: \"W\", zones: [Zone(id: \"z\", label: \"Z\")])\n",
    )
    .expect("write");
    let o = refarch(dir.path(), &["check", "w.ron", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "a warning alone passes");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["code"], "W0001");
    assert_eq!(lines[0]["severity"], "warning");
    assert_eq!(lines[0]["line"], 1);
    let o = refarch(dir.path(), &["check", "w.ron", "--deny", "warnings"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "--deny warnings fails on a warning"
    );
    let o = refarch(
        dir.path(),
        &["check", "w.ron", "--allow", "W0001", "--deny", "warnings"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "an allowed warning is not reported"
    );
}

#[test]
fn unwritable_output_is_a_clear_failure() {
    let (dir, _) = workspace_with(SMALL);
    std::fs::write(
        dir.path().join("blocker"),
        "a file where a folder should be",
    )
    .expect("write");
    let o = refarch(
        dir.path(),
        &["render", SMALL, "-o", "blocker/out", "--format", "svg"],
    );
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("cannot create folder blocker/out"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn docs_writes_snippets_for_toctree_entries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = scenarios().join("index.rst");
    // `refarch docs` on the bundled toctree, writing to the folder `args` starts with.
    let docs = |args: &[&str]| {
        let index = index.to_str().expect("utf-8");
        refarch(
            dir.path(),
            &[&["docs", "--toctree", index, "-o"], args].concat(),
        )
    };
    let o = docs(&["docs", "--deny", "warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rst = std::fs::read_to_string(dir.path().join("docs/high-availability.rst.inc"))
        .expect("snippet");
    assert!(
        rst.contains(".. figure:: /docs/high-availability.svg"),
        "{rst}"
    );
    assert!(
        rst.contains(":alt: Architecture diagram: Deploy with High Availability"),
        "{rst}"
    );
    assert!(rst.contains(":class: refarch-diagram"));
    assert!(dir.path().join("docs/high-availability.png").exists());
    let o = docs(&["docs", "--check"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "fresh docs pass --check: {}",
        stderr(&o)
    );
    // Laid out as hinted, out-of-band is a strip: the diagrams written above are stale then.
    let o = docs(&["docs", "--check", "--as-hinted"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("out-of-band"), "{}", stderr(&o));
    let o = docs(&["md", "--markdown"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(dir.path().join("md/out-of-band.md.inc")).expect("md snippet");
    assert!(md.starts_with(":::{figure} /md/out-of-band.svg\n"), "{md}");
}

#[test]
fn docs_reports_entries_without_scenarios() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(scenarios().join(SMALL), dir.path().join(SMALL)).expect("copy");
    std::fs::write(
        dir.path().join("index.rst"),
        ".. toctree::\n\n   Missing </nowhere>\n   App </deployment-guide/reference-architecture/application-architecture>\n",
    )
    .expect("write");
    let o = refarch(dir.path(), &["docs", "--toctree", "index.rst", "-o", "d"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: index.rst:3: toctree entry `/nowhere` has no scenario"),
        "{}",
        stderr(&o)
    );
    let o = refarch(
        dir.path(),
        &[
            "docs",
            "--toctree",
            "index.rst",
            "-o",
            "d",
            "--deny",
            "warnings",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn list_and_flows_and_export() {
    let (dir, file) = workspace_with("high-availability.ron");
    let file = file.to_str().expect("utf-8");
    let o = refarch(dir.path(), &["list", file, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(rows[0]["id"], "high-availability");
    assert!(
        rows.as_array().expect("array").len() > 1,
        "variants are listed too"
    );
    let o = refarch(dir.path(), &["flows", file, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("8065"));
    for format in ["dot", "mermaid", "d2", "json"] {
        let o = refarch(dir.path(), &["export", file, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(!o.stdout.is_empty());
    }
    let o = refarch(dir.path(), &["export", file, "--format", "dot"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("subgraph \"cluster_"));
}

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = refarch(dir.path(), &["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("refarch"));
    let o = refarch(dir.path(), &["man"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains(".TH refarch"));
}

#[test]
fn findings_flag_draws_lint_findings_and_slide_png_is_1920_by_1080() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = r#"Scenario(
    id: "review",
    title: "Review",
    zones: [Zone(id: "dmz", label: "DMZ", trust: Perimeter)],
    components: [
        Component(id: "web", label: "Browser", kind: Client),
        Component(id: "proxy", label: "NGINX", kind: Proxy, zone: "dmz"),
    ],
    links: [Link(from: "web", to: "proxy", protocol: "HTTP", port: 80, encrypted: false)],
)"#;
    std::fs::write(dir.path().join("review.ron"), scenario).expect("write scenario");
    let svg_of = |args: &[&str]| {
        let mut all = vec!["render", "review.ron", "-o", "out", "--format", "svg"];
        all.extend_from_slice(args);
        let o = refarch(dir.path(), &all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        std::fs::read_to_string(dir.path().join("out/review.svg")).expect("svg")
    };
    let plain = svg_of(&[]);
    assert!(
        !plain.contains(">L0001</text>"),
        "no badge without --findings"
    );
    let marked = svg_of(&["--findings"]);
    assert!(marked.contains(">L0001</text>"), "badge with --findings");
    assert!(marked.contains("Findings: L0001"), "legend lists the code");

    let o = refarch(
        dir.path(),
        &[
            "render",
            "review.ron",
            "-o",
            "slides",
            "--format",
            "png",
            "--preset",
            "slide",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let png = std::fs::read(dir.path().join("slides/review.png")).expect("png");
    let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().expect("4 bytes"));
    assert_eq!((be(16), be(20)), (1920, 1080));
}

#[test]
fn deck_pages_follow_the_toctree() {
    // Toctree order (Application Architecture, High Availability, Scale, ...) differs from
    // file-name order (..., DDIL, High Availability, ...): the same pages, other bytes.
    let dir = tempfile::tempdir().expect("temp dir");
    let scen = scenarios();
    let index = scen.join("index.rst");
    let deck = |name: &str, extra: &[&str]| {
        let mut args = vec![
            "render",
            scen.to_str().expect("utf-8"),
            "--format",
            "pdf",
            "-o",
            name,
        ];
        args.extend_from_slice(extra);
        let o = refarch(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        std::fs::read(dir.path().join(name)).expect("deck")
    };
    let by_name = deck("by-name.pdf", &[]);
    let by_toctree = deck(
        "by-toctree.pdf",
        &["--toctree", index.to_str().expect("utf-8")],
    );
    let again = deck("again.pdf", &["--toctree", index.to_str().expect("utf-8")]);
    assert!(String::from_utf8_lossy(&by_toctree).contains("/Type/Pages/Count 7"));
    assert_eq!(by_toctree, again, "deterministic");
    assert_ne!(by_toctree, by_name, "pages reordered");
}

#[test]
fn limit_flags_change_the_outcome() {
    let (dir, _) = workspace_with(SMALL);
    for cmd in ["check", "render", "layout"] {
        let o = refarch(dir.path(), &[cmd, SMALL, "--max-components", "1"]);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains("error[E0018]"), "{cmd}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("the limit is 1"),
            "{cmd}: {}",
            stderr(&o)
        );
    }
    let o = refarch(dir.path(), &["check", SMALL, "--max-file-size", "100"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[E0015]"), "{}", stderr(&o));
    // Raised limits take what the defaults refuse: a 20-level zone chain (default: 16).
    let zones: Vec<String> = (0..20)
        .map(|i| {
            let parent = if i > 0 {
                format!(", parent: \"z{}\"", i - 1)
            } else {
                String::new()
            };
            format!("Zone(id: \"z{i}\", label: \"Z{i}\"{parent})")
        })
        .collect();
    let deep = format!(
        "Scenario(id: \"deep\", title: \"Deep\", zones: [{}], components: [Component(id: \"a\", \
         label: \"A\", kind: Client, zone: \"z19\")])",
        zones.join(", ")
    );
    std::fs::write(dir.path().join("deep.ron"), deep).expect("write");
    let o = refarch(dir.path(), &["check", "deep.ron"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[E0019]"), "{}", stderr(&o));
    let o = refarch(dir.path(), &["check", "deep.ron", "--max-depth", "20"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn as_hinted_skips_the_search_for_a_page_shape() {
    let (dir, _) = workspace_with("out-of-band.ron");
    let aspect = |extra: &[&str]| -> f64 {
        let mut args = vec!["layout", "--metrics", "out-of-band.ron"];
        args.extend_from_slice(extra);
        let o = refarch(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let m: serde_json::Value = serde_json::from_slice(&o.stdout).expect("metrics JSON");
        m["aspect_ratio"].as_f64().expect("aspect ratio")
    };
    // The file's own left-to-right flow is a strip; the default search folds it.
    assert!(aspect(&["--as-hinted"]) > 3.0);
    assert!(aspect(&[]) < 2.0);
    let o = refarch(
        dir.path(),
        &[
            "render",
            "out-of-band.ron",
            "--as-hinted",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json = std::fs::read(dir.path().join("out/out-of-band.json")).expect("geometry");
    let d: serde_json::Value = serde_json::from_slice(&json).expect("geometry JSON");
    let (w, h) = (d["width"].as_f64(), d["height"].as_f64());
    assert!(w.zip(h).is_some_and(|(w, h)| w / h > 3.0), "{w:?} x {h:?}");
}

#[test]
fn direction_fixes_the_flow_of_every_command_that_lays_out() {
    let (dir, _) = workspace_with("out-of-band.ron");
    for (flag, name) in [
        ("left-to-right", "LeftToRight"),
        ("top-to-bottom", "TopToBottom"),
    ] {
        let o = refarch(
            dir.path(),
            &["layout", "out-of-band.ron", "--direction", flag],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let d: serde_json::Value = serde_json::from_slice(&o.stdout).expect("geometry JSON");
        assert_eq!(d["direction"], name);
        let args = [
            "render",
            "out-of-band.ron",
            "--format",
            "json",
            "--direction",
            flag,
        ];
        let o = refarch(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let json = std::fs::read(dir.path().join("out/out-of-band.json")).expect("geometry");
        let d: serde_json::Value = serde_json::from_slice(&json).expect("geometry JSON");
        assert_eq!(d["direction"], name);
    }
    let o = refarch(
        dir.path(),
        &["layout", "out-of-band.ron", "--direction", "up"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("left-to-right"), "{}", stderr(&o));
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    // `refarch layout x.ron | head -1`: the reader closes the pipe before the JSON is all
    // written. The write fails; the command exits 0 with nothing on stderr (it panicked).
    let (dir, _) = workspace_with(SMALL);
    for args in [vec!["layout", SMALL], vec!["layout", "--metrics", SMALL]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_refarch"))
            .args(&args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary runs");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("the binary ends");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}
