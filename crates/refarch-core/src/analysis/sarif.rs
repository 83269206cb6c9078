//! SARIF 2.1.0 output for code-scanning tools.

use serde_json::{Value, json};

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Label, Severity, SourceFile};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A file name as a URI: a relative reference for a relative path, a `file://` URI for an
/// absolute one; `/` separators, everything outside the unreserved characters
/// percent-encoded.
fn uri(name: &str) -> String {
    let name = name.replace('\\', "/");
    let drive = name.as_bytes().get(1) == Some(&b':') && name.as_bytes()[0].is_ascii_alphabetic();
    let mut out = match (name.starts_with('/'), drive) {
        (true, _) => "file://".to_owned(),
        (false, true) => "file:///".to_owned(),
        _ => String::new(),
    };
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (drive && b == b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(file: &SourceFile, label: &Label) -> Value {
    let (start_line, start_column) = file.line_col(label.span.start);
    let (end_line, end_column) = file.line_col(label.span.end.max(label.span.start));
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

fn location(file: &SourceFile, label: Option<&Label>) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri(&file.name) } });
    if let Some(label) = label {
        physical["region"] = region(file, label);
    }
    let mut loc = json!({ "physicalLocation": physical });
    if let Some(label) = label.filter(|l| !l.message.is_empty()) {
        loc["message"] = json!({ "text": label.message });
    }
    loc
}

fn rule(code: Code) -> Value {
    json!({
        "id": code.as_str(),
        "name": format!("{code:?}"),
        "shortDescription": { "text": code.title() },
        "fullDescription": { "text": code.explanation() },
        "help": { "text": code.explanation() },
        "defaultConfiguration": { "level": level(code.default_severity()) },
    })
}

/// A SARIF 2.1.0 log (pretty-printed JSON) of the diagnostics of several files: one run of
/// the `refarch` tool whose rules are every [`Code`] with its explanation as help text,
/// and one result per diagnostic, located at its primary label (line and column counted
/// in Unicode code points) with the other labels as related locations.
pub fn sarif(files: &[(&SourceFile, &[Diagnostic])]) -> String {
    let rules: Vec<Value> = Code::ALL.iter().map(|&c| rule(c)).collect();
    let mut results = Vec::new();
    for (file, diags) in files {
        for d in *diags {
            let primary = d.labels.iter().find(|l| l.primary);
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|&c| c == d.code),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [location(file, primary)],
            });
            let related: Vec<Value> = d
                .labels
                .iter()
                .filter(|l| !l.primary)
                .enumerate()
                .map(|(i, l)| {
                    let mut loc = location(file, Some(l));
                    loc["id"] = json!(i);
                    loc
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "refarch",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    // Serializing a `Value` cannot fail.
    serde_json::to_string_pretty(&log).unwrap_or_default()
}
