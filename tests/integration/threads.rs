//! Layouts do not depend on how many threads lay them out: large layouts share parts of
//! their work between rayon's threads (ranking beside text measurement, each channel's
//! tracks on its own), and a searched layout drafts its trials side by side; the result
//! must be the same bytes on a one-core machine as on a many-core one.

use std::path::Path;

use refarch::layout::{Diagram, LayoutOptions};

/// `model` laid out in a rayon pool of `threads` threads.
fn laid_out_on(threads: usize, model: &refarch::core::Model) -> Diagram {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    pool.install(|| refarch::diagram(model, &LayoutOptions::default()))
}

#[test]
fn one_thread_and_four_give_the_same_layout() {
    // The generated 1,000-component model is large enough to share its tracks (over 2,000
    // segments); mission-partner is searched.
    let large = refarch_benches::synthetic_model(1_000, 42);
    let searched = refarch::core::check_path(Path::new("../scenarios/mission-partner.ron"))
        .model
        .expect("valid scenario");
    for model in [&large, &searched] {
        let one = serde_json::to_string(&laid_out_on(1, model)).expect("json");
        let four = serde_json::to_string(&laid_out_on(4, model)).expect("json");
        assert!(one == four, "{} differs on 1 and 4 threads", model.id());
    }
}
