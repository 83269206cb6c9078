//! Regression cases found by the property tests.

mod common;

use common::{Shape, model, scenario};
use refarch_layout::{ApproxMeasure, LayoutOptions, faults, layout};

fn check(seed: u64, s: Shape) {
    let d = layout(
        &model(&scenario(seed, s)),
        &LayoutOptions::default(),
        &ApproxMeasure,
    );
    let f = faults(&d);
    if f.total() > 0 {
        // Print the overlapping pieces to help debugging.
        for (i, a) in d.links.iter().enumerate() {
            for (j, b) in d.links.iter().enumerate().skip(i + 1) {
                for wa in a.points.windows(2) {
                    for wb in b.points.windows(2) {
                        let ha = wa[0][1] == wa[1][1];
                        let hb = wb[0][1] == wb[1][1];
                        if ha && hb && wa[0][1] == wb[0][1] {
                            let (a0, a1) = (wa[0][0].min(wa[1][0]), wa[0][0].max(wa[1][0]));
                            let (b0, b1) = (wb[0][0].min(wb[1][0]), wb[0][0].max(wb[1][0]));
                            if a0 < b1 && b0 < a1 {
                                eprintln!(
                                    "H overlap link {i} {:?} and {j} {:?}",
                                    a.points, b.points
                                );
                            }
                        }
                        if !ha && !hb && wa[0][0] == wb[0][0] {
                            let (a0, a1) = (wa[0][1].min(wa[1][1]), wa[0][1].max(wa[1][1]));
                            let (b0, b1) = (wb[0][1].min(wb[1][1]), wb[0][1].max(wb[1][1]));
                            if a0 < b1 && b0 < a1 {
                                eprintln!(
                                    "V overlap link {i} {:?} and {j} {:?}",
                                    a.points, b.points
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(f.total(), 0, "{f:?}");
}

#[test]
fn small_zone_heavy_model() {
    check(
        4548825356486318367,
        Shape {
            components: 4,
            zones: 17,
            links: 52,
            zone_ends: 0.13060234447146904,
            hints: false,
            odd_text: true,
            top_to_bottom: false,
        },
    );
}

#[test]
fn larger_model_239() {
    check(
        4403488525380171369,
        Shape {
            components: 239,
            zones: 39,
            links: 358,
            zone_ends: 0.05,
            hints: true,
            odd_text: false,
            top_to_bottom: false,
        },
    );
}
