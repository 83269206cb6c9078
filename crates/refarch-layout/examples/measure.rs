//! Lays out scenario files or seeded synthetic models and prints their metrics and timing.
//!
//! `cargo run --release -p refarch-layout --example measure -- [N | FILE.ron]... [--svg DIR]`
//!
//! With `--svg DIR` a plain wireframe SVG of each layout is written there (for looking at the
//! geometry without the real renderer).

#[path = "../tests/common/mod.rs"]
mod common;

use std::fmt::Write as _;
use std::time::Instant;

use refarch_layout::{ApproxMeasure, Diagram, LayoutOptions, layout, metrics};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let svg_dir = args.iter().position(|a| a == "--svg").map(|i| {
        let d = args.get(i + 1).cloned().unwrap_or_else(|| ".".into());
        args.drain(i..(i + 2).min(args.len()));
        d
    });
    if args.is_empty() {
        args = ["50", "200", "1000", "3000"].map(String::from).to_vec();
    }
    for a in args {
        let (name, m) = match a.parse::<usize>() {
            Ok(n) => (format!("synthetic-{n}"), common::synthetic(n, 42)),
            Err(_) => {
                let checked = refarch_core::check_path(std::path::Path::new(&a));
                match checked.model {
                    Some(m) => (m.id().to_string(), m),
                    None => {
                        eprintln!("{a}: invalid scenario");
                        continue;
                    }
                }
            }
        };
        let t = Instant::now();
        let d = layout(&m, &LayoutOptions::default(), &ApproxMeasure);
        let el = t.elapsed();
        let mt = metrics(&d);
        println!(
            "{name:28} time={:8.2}ms faults={} crossings={} bends={} size={:.0}x{:.0} aspect={:.2} scale={:.2}{}",
            el.as_secs_f64() * 1e3,
            mt.faults.total(),
            mt.crossings,
            mt.bends,
            mt.width,
            mt.height,
            mt.aspect_ratio,
            mt.legibility_scale,
            if mt.faults.total() > 0 {
                format!(" {:?}", mt.faults)
            } else {
                String::new()
            },
        );
        if let Some(dir) = &svg_dir {
            let path = format!("{dir}/{name}.svg");
            if let Err(e) = std::fs::write(&path, wireframe(&d)) {
                eprintln!("{path}: {e}");
            }
            let json = serde_json::to_string(&d).unwrap_or_default();
            if let Err(e) = std::fs::write(format!("{dir}/{name}.json"), json) {
                eprintln!("{name}.json: {e}");
            }
        }
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A plain SVG of the geometry.
fn wireframe(d: &Diagram) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>"#,
        d.width, d.height
    );
    let mut zones: Vec<_> = d.zones.iter().collect();
    zones.sort_by_key(|z| z.depth);
    for z in zones {
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="#{}" stroke="#888"/>"##,
            z.x,
            z.y,
            z.w,
            z.h,
            ["f4f6fb", "eaf0e6", "fbf1e6", "efe9f6"][z.depth as usize % 4]
        );
        for t in &z.texts {
            let _ = writeln!(
                s,
                r#"<text x="{}" y="{}" font-size="{}" font-weight="bold">{}</text>"#,
                t.x,
                t.y,
                t.style.size(),
                esc(&t.text)
            );
        }
    }
    for c in &d.components {
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="white" stroke="#333"/><rect x="{}" y="{}" width="{}" height="{}" fill="#9ab"/>"##,
            c.x, c.y, c.w, c.h, c.icon.x, c.icon.y, c.icon.w, c.icon.h
        );
        for t in &c.texts {
            let _ = writeln!(
                s,
                r#"<text x="{}" y="{}" font-size="{}">{}</text>"#,
                t.x,
                t.y,
                t.style.size(),
                esc(&t.text)
            );
        }
    }
    for l in &d.links {
        let pts: Vec<String> = l
            .points
            .iter()
            .map(|p| format!("{},{}", p[0], p[1]))
            .collect();
        let _ = writeln!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#c33" stroke-width="1.5"/>"##,
            pts.join(" ")
        );
        if let Some(last) = l.points.last() {
            let _ = writeln!(
                s,
                r##"<circle cx="{}" cy="{}" r="3" fill="#c33"/>"##,
                last[0], last[1]
            );
        }
        if let Some(r) = l.label {
            let _ = writeln!(
                s,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#fff8d0" stroke="#aa8"/>"##,
                r.x, r.y, r.w, r.h
            );
        }
        for t in &l.texts {
            let _ = writeln!(
                s,
                r#"<text x="{}" y="{}" font-size="{}" text-anchor="middle">{}</text>"#,
                t.x,
                t.y,
                t.style.size(),
                esc(&t.text)
            );
        }
    }
    s.push_str("</svg>\n");
    s
}
