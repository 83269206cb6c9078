//! Property tests: every layout invariant holds on random nested models.

mod common;

use std::cell::Cell;

use common::{Shape, fanned, model, scenario, shuffled};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use refarch_layout::{ApproxMeasure, LayoutOptions, faults, layout};

fn shape() -> impl Strategy<Value = (u64, Shape)> {
    (
        any::<u64>(),
        0usize..120,
        0usize..25,
        0usize..160,
        0.0f64..0.3,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(seed, components, zones, links, zone_ends, hints, odd_text, tb)| {
                (
                    seed,
                    Shape {
                        components,
                        zones,
                        links,
                        zone_ends,
                        hints,
                        odd_text,
                        top_to_bottom: tb,
                    },
                )
            },
        )
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    )
}

#[test]
fn random_models_have_no_faults_and_are_deterministic() {
    runner(96)
        .run(&shape(), |(seed, s)| {
            let sc = scenario(seed, s);
            let m = model(&sc);
            let d = layout(&m, &LayoutOptions::default(), &ApproxMeasure);
            let f = faults(&d);
            prop_assert_eq!(f.total(), 0, "faults {:?} for seed {} {:?}", f, seed, s);
            // Labels sit on their own links; a few squeezed between parallel links may not (dense
            // random models: at most a third of them plus two).
            let labelled = d.links.iter().filter(|l| l.label.is_some()).count();
            prop_assert!(
                f.labels_detached * 3 <= labelled + 6,
                "{} of {} labels detached for seed {} {:?}",
                f.labels_detached,
                labelled,
                seed,
                s
            );
            let again = layout(&m, &LayoutOptions::default(), &ApproxMeasure);
            prop_assert_eq!(&d, &again);
            // Another file order: still valid.
            let m2 = model(&shuffled(&sc, seed ^ 0x5eed));
            let d2 = layout(&m2, &LayoutOptions::default(), &ApproxMeasure);
            let f2 = faults(&d2);
            prop_assert_eq!(
                f2.total(),
                0,
                "shuffled faults {:?} for seed {} {:?}",
                f2,
                seed,
                s
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn larger_models_have_no_faults() {
    runner(6)
        .run(&(any::<u64>(), 150usize..300), |(seed, n)| {
            let s = Shape {
                components: n,
                zones: n / 6,
                links: n + n / 2,
                zone_ends: 0.05,
                hints: true,
                odd_text: false,
                top_to_bottom: seed % 2 == 0,
            };
            let d = layout(
                &model(&scenario(seed, s)),
                &LayoutOptions::default(),
                &ApproxMeasure,
            );
            let f = faults(&d);
            prop_assert_eq!(f.total(), 0, "faults {:?} for seed {}", f, seed);
            let labelled = d.links.iter().filter(|l| l.label.is_some()).count();
            prop_assert!(
                f.labels_detached * 4 <= labelled + 8,
                "{} of {} labels detached for seed {}",
                f.labels_detached,
                labelled,
                seed
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn fan_heavy_models_have_no_faults_and_draw_bundles() {
    // Most links into (or out of) a few hubs in a few protocols: the layout draws fans as
    // bundles, and some must be drawn so across the cases.
    let bundled = Cell::new(0);
    runner(32)
        .run(&shape(), |(seed, s)| {
            let s = Shape {
                components: s.components.min(60),
                links: s.links.min(90),
                ..s
            };
            let m = model(&fanned(scenario(seed, s), seed));
            let d = layout(&m, &LayoutOptions::default(), &ApproxMeasure);
            let f = faults(&d);
            prop_assert_eq!(f.total(), 0, "faults {:?} for seed {} {:?}", f, seed, s);
            prop_assert_eq!(&d, &layout(&m, &LayoutOptions::default(), &ApproxMeasure));
            let drawn = d.links.iter().filter(|l| l.bundle.is_some()).count();
            bundled.set(bundled.get() + drawn);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(bundled.get() > 0, "no fan was drawn as a bundle");
}
