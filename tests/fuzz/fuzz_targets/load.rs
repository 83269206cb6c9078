//! Arbitrary bytes → decode → parse → validate (with variants) → lints and flow matrix.
//! Nothing may panic, and the diagnostics must render.

#![no_main]

use libfuzzer_sys::fuzz_target;
use refarch_core::{Limits, Style, check_source, decode, flows, lint};

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let source = match decode("fuzz.ron", data.to_vec(), &limits) {
        Ok(source) => source,
        Err(e) => {
            let _ = e.source.render(&[e.diagnostic], Style::Plain);
            return;
        }
    };
    let checked = check_source(source);
    // Every diagnostic has a position inside the text, and renders.
    for d in &checked.diagnostics {
        for l in &d.labels {
            assert!(
                l.span.start <= l.span.end && l.span.end <= checked.source.text.len(),
                "span {:?} outside the text ({} bytes): {d:?}",
                l.span,
                checked.source.text.len()
            );
        }
        let _ = checked.source.record(d);
    }
    let _ = checked.source.render(&checked.diagnostics, Style::Plain);
    assert_eq!(checked.model.is_some(), !checked.has_errors());
    if let Some(model) = &checked.model {
        let _ = lint(model);
        let _ = flows(model);
    }
});
