//! Checks scenario files and prints their diagnostics: `cargo run -p refarch-core --example check -- FILE...`.
fn main() {
    for path in std::env::args().skip(1) {
        let checked = refarch_core::check_path(std::path::Path::new(&path));
        print!(
            "{}",
            checked
                .source
                .render(&checked.diagnostics, refarch_core::Style::Plain)
        );
    }
}
