//! Robust writes: a render killed at any moment leaves every earlier output intact and no
//! partial file under a final name; the temporary files it leaves are removed by the next
//! run. And a scenario whose id is a path writes nothing anywhere.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn refarch() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_refarch"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A small valid scenario.
fn small(id: &str) -> String {
    format!(
        r#"Scenario(
    id: "{id}",
    title: "Small",
    zones: [Zone(id: "dmz", label: "DMZ", trust: Perimeter)],
    components: [
        Component(id: "web", label: "Browser", kind: Client),
        Component(id: "proxy", label: "NGINX", kind: Proxy, zone: "dmz"),
    ],
    links: [Link(from: "web", to: "proxy", protocol: "HTTPS", port: 443, encrypted: true)],
)
"#
    )
}

/// A large valid scenario: `n` components in zones of ten, each linked to the next few.
fn large(id: &str, n: usize) -> String {
    let zones = n.div_ceil(10);
    let mut text = format!("Scenario(\n    id: \"{id}\",\n    title: \"Large\",\n    zones: [\n");
    for z in 0..zones {
        let trust = ["Untrusted", "Perimeter", "Internal", "Restricted"][z * 4 / zones];
        text.push_str(&format!(
            "        Zone(id: \"z{z}\", label: \"Zone {z}\", trust: {trust}),\n"
        ));
    }
    text.push_str("    ],\n    components: [\n");
    let kinds = ["Client", "Proxy", "AppServer", "Database", "Cache", "Queue"];
    for c in 0..n {
        text.push_str(&format!(
            "        Component(id: \"c{c}\", label: \"Component number {c}\", kind: {}, zone: \"z{}\"),\n",
            kinds[c * kinds.len() / n],
            c / 10
        ));
    }
    text.push_str("    ],\n    links: [\n");
    for c in 0..n.saturating_sub(1) {
        for step in [1, 7] {
            if c + step < n {
                text.push_str(&format!(
                    "        Link(from: \"c{c}\", to: \"c{}\", protocol: \"TCP\", port: {}, encrypted: true),\n",
                    c + step,
                    1000 + c
                ));
            }
        }
    }
    text.push_str("    ],\n    allow: [\"W0002\", \"L0003\", \"L0004\", \"L0005\"],\n)\n");
    text
}

/// Every file in `dir` with its bytes, sorted by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.expect("entry").path())
                .filter(|p| p.is_file())
                .map(|p| {
                    let name = p.file_name().expect("name").to_string_lossy().into_owned();
                    (name, std::fs::read(&p).expect("read"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// When to kill the render.
#[derive(Clone, Copy)]
enum Kill {
    /// This many milliseconds after the start.
    After(u64),
    /// This many milliseconds after the output folder first changes.
    Changed(u64),
    /// As soon as this many outputs have been replaced.
    Replaced(usize),
}

/// Name, size and modification time of every file in `dir`: changes when a file appears,
/// is replaced or grows.
fn stamps(dir: &Path) -> Vec<(String, u64, Option<std::time::SystemTime>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let meta = e.metadata().ok()?;
                    let name = e.file_name().to_string_lossy().into_owned();
                    Some((name, meta.len(), meta.modified().ok()))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn is_temp(name: &str) -> bool {
    name.starts_with(".refarch-") && name.ends_with(".tmp")
}

/// Why a file under a final name is not a complete output, or `Ok`.
fn complete(name: &str, bytes: &[u8]) -> Result<(), String> {
    let ext = Path::new(name).extension().and_then(|e| e.to_str());
    match ext {
        Some("svg") => {
            let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
            if text.starts_with("<svg") && text.trim_end().ends_with("</svg>") {
                Ok(())
            } else {
                Err("not a complete SVG".into())
            }
        }
        Some("png") => png_complete(bytes),
        Some("pdf") => {
            let tail = &bytes[bytes.len().saturating_sub(32)..];
            let eof = tail.windows(5).any(|w| w == b"%%EOF");
            if bytes.starts_with(b"%PDF-") && eof {
                Ok(())
            } else {
                Err("not a complete PDF".into())
            }
        }
        _ => Err("unexpected file".into()),
    }
}

/// Walks the PNG's chunks: signature, IHDR first, lengths within the file, IEND last.
fn png_complete(bytes: &[u8]) -> Result<(), String> {
    let rest = bytes
        .strip_prefix(b"\x89PNG\r\n\x1a\n".as_slice())
        .ok_or("no PNG signature")?;
    let mut at = 0;
    let mut first = true;
    loop {
        let header = rest.get(at..at + 8).ok_or("truncated chunk header")?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = &header[4..8];
        if first && kind != b"IHDR" {
            return Err("IHDR is not the first chunk".into());
        }
        first = false;
        let end = at + 8 + len + 4;
        if end > rest.len() {
            return Err(format!(
                "chunk {} runs past the end",
                String::from_utf8_lossy(kind)
            ));
        }
        if kind == b"IEND" {
            return if end == rest.len() {
                Ok(())
            } else {
                Err("bytes after IEND".into())
            };
        }
        at = end;
    }
}

fn assert_outputs_sound(out: &Path, before: &[(String, Vec<u8>)], when: &str) {
    for (name, bytes) in snapshot(out) {
        if is_temp(&name) {
            continue;
        }
        let unchanged = before.iter().any(|(n, b)| *n == name && *b == bytes);
        if !unchanged && let Err(e) = complete(&name, &bytes) {
            panic!("{when}: {name} ({} bytes) is partial: {e}", bytes.len());
        }
    }
    // Nothing that was there has disappeared.
    let now = snapshot(out);
    for (name, _) in before.iter().filter(|(n, _)| !is_temp(n)) {
        assert!(
            now.iter().any(|(n, _)| n == name),
            "{when}: {name} disappeared"
        );
    }
}

fn render(scenarios: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = refarch();
    cmd.arg("render")
        .arg(scenarios)
        .arg("-o")
        .arg(out)
        .args(["--format", "svg,png,pdf", "--quiet"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

#[test]
fn a_killed_render_leaves_earlier_outputs_intact_and_no_partial_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenarios = dir.path().join("scenarios");
    let out = dir.path().join("out");
    std::fs::create_dir(&scenarios).expect("mkdir");
    for id in ["alpha", "beta", "gamma"] {
        std::fs::write(scenarios.join(format!("{id}.ron")), small(id)).expect("write");
    }
    let status = render(&scenarios, &out, &[]).status().expect("run refarch");
    assert!(status.success(), "first render: {status:?}");
    let before = snapshot(&out);
    assert_eq!(before.len(), 9, "three scenarios in three formats");

    // The large render overwrites the small outputs too (at another scale, so they differ).
    // Killed at a fixed time (mid-render), and when the first file of the write phase
    // appears, right away and a little later (mid-write). A smaller model for the latter:
    // they wait for the whole render, and the test profile is slow.
    let mut kills = Vec::new();
    let strategies: [(&str, usize, Kill); 5] = [
        ("300ms", 2_000, Kill::After(300)),
        ("first-change", 400, Kill::Changed(0)),
        ("first-change+10ms", 400, Kill::Changed(10)),
        ("first-change+60ms", 400, Kill::Changed(60)),
        ("two-outputs-replaced", 400, Kill::Replaced(2)),
    ];
    for (strategy, size, kill) in strategies {
        std::fs::write(scenarios.join("large.ron"), large("large", size)).expect("write");
        let current = stamps(&out);
        let mut child = render(&scenarios, &out, &["--scale", "2"])
            .spawn()
            .expect("spawn refarch");
        let start = Instant::now();
        let deadline = Duration::from_secs(600);
        let finished = loop {
            if child.try_wait().expect("wait").is_some() {
                break true;
            }
            let elapsed = start.elapsed();
            assert!(elapsed < deadline, "the large render takes too long");
            let ready = match kill {
                Kill::After(ms) => elapsed >= Duration::from_millis(ms),
                Kill::Changed(_) => stamps(&out) != current,
                Kill::Replaced(n) => {
                    let now = stamps(&out);
                    let replaced = now
                        .iter()
                        .filter(|f| !is_temp(&f.0) && !current.contains(f))
                        .count();
                    replaced >= n
                }
            };
            if ready {
                if let Kill::Changed(ms) = kill {
                    std::thread::sleep(Duration::from_millis(ms));
                }
                break false;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        // SIGKILL: no chance to clean up.
        let _ = child.kill();
        child.wait().expect("reap");
        let now = snapshot(&out);
        let temps = now.iter().filter(|(n, _)| is_temp(n)).count();
        let rewritten = now
            .iter()
            .filter(|(n, b)| !is_temp(n) && !before.iter().any(|(bn, bb)| bn == n && bb == b))
            .count();
        kills.push((strategy, finished, start.elapsed(), temps, rewritten));
        // What a killed render may leave: complete new files and hidden temporary ones.
        assert_outputs_sound(&out, &before, strategy);
    }
    eprintln!(
        "kills (strategy, finished before the kill, time, temporary files left, outputs \
         new or replaced): {kills:?}"
    );

    // The next complete run succeeds, removes the leftovers and leaves only final files.
    std::fs::remove_file(scenarios.join("large.ron")).expect("rm");
    let status = render(&scenarios, &out, &[]).status().expect("run refarch");
    assert!(status.success(), "render after the kills: {status:?}");
    let after = snapshot(&out);
    let leftovers: Vec<&String> = after
        .iter()
        .map(|(n, _)| n)
        .filter(|n| is_temp(n))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    for (name, bytes) in &after {
        if let Err(e) = complete(name, bytes) {
            panic!("after the last run: {name} is not complete: {e}");
        }
    }
    // The small outputs are back to what the first run wrote (rendering is deterministic).
    for (name, bytes) in &before {
        let now = after.iter().find(|(n, _)| n == name).map(|(_, b)| b);
        assert_eq!(now, Some(bytes), "{name} differs from the first run");
    }
}

#[test]
fn the_next_run_removes_temporary_files_of_dead_writers_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = dir.path().join("small.ron");
    std::fs::write(&scenario, small("small")).expect("write");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    // Above the kernel's largest process id (2^22): never a running process.
    let dead = ".refarch-4194305-a1B2c3.tmp";
    // This test's own process is alive: its writes may be in progress.
    let alive = format!(".refarch-{}-x9Y8z7.tmp", std::process::id());
    let unrelated = [".refarch-notes.txt", "refarch-1-x.tmp", "keep.tmp"];
    let mut names: Vec<String> = vec![dead.into(), alive.clone()];
    names.extend(unrelated.iter().map(|s| s.to_string()));
    for name in &names {
        std::fs::write(out.join(name), b"half a file").expect("write");
    }
    // A folder with a temporary name is not a file: left alone.
    std::fs::create_dir(out.join(".refarch-4194306-dir.tmp")).expect("mkdir");

    let status = refarch()
        .args(["render", "--verbose", "-o"])
        .arg(&out)
        .arg(&scenario)
        .status()
        .expect("run refarch");
    assert!(status.success());
    let exists = |n: &str| out.join(n).exists();
    assert!(!exists(dead), "a dead writer's temporary file is removed");
    if Path::new("/proc/self").exists() {
        assert!(exists(&alive), "a live writer's temporary file is kept");
    }
    for n in unrelated {
        assert!(exists(n), "{n} is not refarch's and stays");
    }
    assert!(exists(".refarch-4194306-dir.tmp"));
    assert!(exists("small.svg") && exists("small.png"));

    // `--check` writes nothing and removes nothing.
    std::fs::write(out.join(dead), b"half a file").expect("write");
    let status = refarch()
        .args(["render", "--quiet", "--check", "-o"])
        .arg(&out)
        .arg(&scenario)
        .status()
        .expect("run refarch");
    assert!(status.success());
    assert!(exists(dead));
}

#[test]
fn a_scenario_whose_id_is_a_path_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenarios = dir.path().join("in");
    std::fs::create_dir(&scenarios).expect("mkdir");
    let out = dir.path().join("a").join("b").join("out");
    let ids = [
        "../../etc/x",
        "../escape",
        "/tmp/refarch-escape",
        "x/../../y",
    ];
    for (i, id) in ids.iter().enumerate() {
        let text = small("placeholder").replace("placeholder", id);
        std::fs::write(scenarios.join(format!("s{i}.ron")), text).expect("write");
    }
    let output = refarch()
        .arg("render")
        .arg(&scenarios)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run refarch");
    assert_eq!(output.status.code(), Some(1), "invalid input exits 1");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("error[E0009]").count(),
        ids.len(),
        "{stderr}"
    );
    // Nothing written: not the output folder, not next to it, not outside.
    assert!(!out.exists());
    let all: Vec<PathBuf> = walk(dir.path());
    assert_eq!(all.len(), ids.len(), "only the scenario files: {all:?}");
    assert!(!Path::new("/tmp/refarch-escape.svg").exists());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_huge_scale_is_refused_with_a_message_not_an_out_of_memory_kill() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = dir.path().join("small.ron");
    std::fs::write(&scenario, small("small")).expect("write");
    let out = dir.path().join("out");
    let output = refarch()
        .arg("render")
        .arg(&scenario)
        .arg("-o")
        .arg(&out)
        .args(["--format", "png", "--scale", "1000"])
        .output()
        .expect("run refarch");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("exceeds the limit of 100 megapixels; lower the scale (or raise the limit, --max-pixels)"),
        "{stderr}"
    );
    assert!(!out.join("small.png").exists());
}

#[test]
fn the_pixel_budget_is_configurable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = dir.path().join("small.ron");
    std::fs::write(&scenario, small("small")).expect("write");
    let run = |budget: &str, out: &Path| {
        refarch()
            .arg("render")
            .arg(&scenario)
            .arg("-o")
            .arg(out)
            .args(["--format", "png", "--max-pixels", budget])
            .output()
            .expect("run refarch")
    };
    // A budget of a tenth of a megapixel refuses the small diagram at scale 1...
    let tight = dir.path().join("tight");
    let output = run("100000", &tight);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("exceeds the limit of 0.1 megapixels"),
        "{stderr}"
    );
    assert!(!tight.join("small.png").exists());
    // ...which the default budget draws.
    let roomy = dir.path().join("roomy");
    let output = run("100000000", &roomy);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(roomy.join("small.png").exists());
}
