//! Architectures of systems other than the team-chat platform, written as a new user would
//! (`tests/models/`): an online shop on Kubernetes, and GitLab's 3,000-user reference
//! architecture as its documentation describes it. Each must lay out as the bundled
//! diagrams do: without faults, every label on its own link, page-shaped, and legible on a
//! 1600×1000 page.

use refarch::core::Policy;
use refarch::layout::{LayoutOptions, metrics};

#[test]
fn other_systems_lay_out_legibly_on_a_page() {
    let mut files: Vec<_> = std::fs::read_dir("models")
        .expect("models folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).expect("read model");
        let checked = refarch::check(&name, &text, &Policy::default());
        let model = checked.model.expect("valid model");
        let d = refarch::diagram(&model, &LayoutOptions::default());
        let m = metrics(&d);
        assert_eq!(m.faults.total(), 0, "{name}: {:?}", m.faults);
        assert_eq!(m.faults.labels_detached, 0, "{name}");
        assert!(
            (0.5..=2.0).contains(&m.aspect_ratio),
            "{name}: aspect {}",
            m.aspect_ratio
        );
        assert!(
            m.legibility_scale >= 0.75,
            "{name}: scale {}",
            m.legibility_scale
        );
    }
}
