//! The bundled scenarios lay out without faults, deterministically, in both directions.

use std::path::Path;

use refarch_core::Direction;
use refarch_layout::{ApproxMeasure, LayoutOptions, layout, metrics};

#[test]
fn bundled_scenarios_have_no_faults() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "ron"));
    paths.sort();
    let mut seen = 0;
    for p in &paths {
        let Some(model) = refarch_core::check_path(p).model else {
            continue; // invalid scenarios are the validator's business
        };
        seen += 1;
        for direction in [
            None,
            Some(Direction::LeftToRight),
            Some(Direction::TopToBottom),
        ] {
            let o = LayoutOptions {
                direction,
                ..LayoutOptions::default()
            };
            let d = layout(&model, &o, &ApproxMeasure);
            let m = metrics(&d);
            assert_eq!(m.faults.total(), 0, "{}: {:?}", p.display(), m.faults);
            assert_eq!(d, layout(&model, &o, &ApproxMeasure), "{}", p.display());
        }
    }
    assert!(
        paths.is_empty() || seen > 0,
        "no bundled scenario validated"
    );
}
