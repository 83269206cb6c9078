//! "Did you mean ...?" suggestions for misspelt names.

/// The candidate closest to `found`, if any is close enough to be a likely typo.
///
/// Ties go to the earliest candidate, so suggestions follow file order.
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Similarity costs the product of the two lengths; nothing that long is a typo of a name.
    const LONGEST: usize = 128;
    if found.len() > LONGEST {
        return None;
    }
    let found_lower = found.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        if c.len() > LONGEST {
            continue;
        }
        let score = strsim::jaro_winkler(&found_lower, &c.to_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_names_only() {
        let zones = ["internet", "dmz", "private", "data"];
        assert_eq!(did_you_mean("dmzz", zones), Some("dmz"));
        assert_eq!(did_you_mean("privat", zones), Some("private"));
        assert_eq!(
            did_you_mean("Databse", ["Database", "Cache"]),
            Some("Database")
        );
        assert_eq!(did_you_mean("kubernetes", zones), None);
    }
}
