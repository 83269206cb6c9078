//! `refarch list`: one line per scenario (and variant) with its counts.

use anyhow::Result;
use refarch::core::Model;
use serde_json::json;

use crate::args::{ListArgs, TableFormat};
use crate::{EXIT_INVALID, EXIT_OK, out};

pub(crate) fn run(args: &ListArgs) -> Result<u8> {
    let mut rows = Vec::new();
    let mut invalid = false;
    for path in refarch::scenario_files(&args.paths)? {
        let checked = refarch::check_path(&path);
        let Some(model) = &checked.model else {
            eprintln!(
                "refarch: {} has errors; run `refarch check` for details",
                path.display()
            );
            invalid = true;
            continue;
        };
        rows.push(row(model, &path.display().to_string(), None));
        for v in &checked.variants {
            rows.push(row(v, &path.display().to_string(), Some(model.id())));
        }
    }
    match args.format {
        TableFormat::Json => out::print_line(&serde_json::to_string_pretty(&rows)?)?,
        TableFormat::Text | TableFormat::Csv => out::print(&table(&rows))?,
    }
    Ok(if invalid { EXIT_INVALID } else { EXIT_OK })
}

fn row(m: &Model, file: &str, variant_of: Option<&str>) -> serde_json::Value {
    json!({
        "id": m.id(),
        "title": m.title(),
        "doc": m.doc(),
        "file": file,
        "variant_of": variant_of,
        "zones": m.zones().len(),
        "components": m.components().len(),
        "links": m.links().len(),
    })
}

fn table(rows: &[serde_json::Value]) -> String {
    let cell = |r: &serde_json::Value, k: &str| match &r[k] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "-".to_owned(),
        v => v.to_string(),
    };
    let id_w = rows
        .iter()
        .map(|r| cell(r, "id").len())
        .max()
        .unwrap_or(2)
        .max(2);
    let mut out = format!(
        "{:<id_w$}  {:>5} {:>10} {:>5}  TITLE / DOC\n",
        "ID", "ZONES", "COMPONENTS", "LINKS"
    );
    for r in rows {
        out.push_str(&format!(
            "{:<id_w$}  {:>5} {:>10} {:>5}  {}\n{:<id_w$}  {:>23}{}\n",
            cell(r, "id"),
            cell(r, "zones"),
            cell(r, "components"),
            cell(r, "links"),
            cell(r, "title"),
            "",
            "",
            cell(r, "doc"),
        ));
    }
    out
}
