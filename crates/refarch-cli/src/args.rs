//! Command-line arguments (clap derive); doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use refarch::Format;
use refarch::core::{Code, Direction, Limits, Policy};
use refarch::layout::LayoutOptions;
use refarch::render::Theme;

/// Architecture diagrams with trust boundaries, from a small text model.
///
/// Exit codes: 0 success; 1 invalid input (a scenario has errors) or stale outputs;
/// 2 usage error; 3 an output could not be written or another failure.
#[derive(Debug, Parser)]
#[command(name = "refarch", version, about, long_about, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check scenario files and print every problem found, with file, line and column.
    Check(CheckArgs),
    /// Render scenarios to SVG, PNG, PDF or geometry JSON (default: every scenario in
    /// `scenarios/` to `out/`).
    Render(RenderArgs),
    /// Print a scenario's geometry JSON (the layout contract), or its quality metrics.
    Layout(LayoutArgs),
    /// Render the diagrams of a Sphinx toctree and write one include snippet per entry.
    Docs(DocsArgs),
    /// List scenarios: id, title, doc target, and counts of zones, components and links.
    List(ListArgs),
    /// Print a scenario's flow matrix: every link with its zones, protocol, port,
    /// encryption and direction against trust.
    Flows(FlowsArgs),
    /// Print a scenario in another tool's language (zones become clusters or containers).
    Export(ExportArgs),
    /// Re-render scenarios whenever they change; prints diagnostics, never exits on errors.
    Watch(WatchArgs),
    /// Explain a diagnostic code, e.g. `refarch explain E0007`; without a code, list all.
    Explain(ExplainArgs),
    /// Print a shell completion script, e.g. `refarch completions bash > refarch.bash`.
    Completions(CompletionsArgs),
    /// Print the man page (roff) on stdout.
    Man,
}

#[derive(Debug, Args)]
pub(crate) struct DocsArgs {
    /// The reStructuredText file holding the toctree.
    #[arg(long, default_value = "scenarios/index.rst")]
    pub(crate) toctree: PathBuf,
    /// Folder of the scenario files (default: the toctree's folder).
    #[arg(long)]
    pub(crate) scenarios: Option<PathBuf>,
    /// Output folder for diagrams and snippets.
    #[arg(short, long, default_value = "out/docs")]
    pub(crate) out: PathBuf,
    /// How the including pages reach the images: a prefix such as `/_diagrams/` (Sphinx
    /// reads a leading `/` from the source folder). Default: `/<OUT>/` when `-o` is a
    /// relative path (run from the docs source folder), else the bare file names.
    #[arg(long, value_name = "PREFIX")]
    pub(crate) image_base: Option<String>,
    /// Write MyST Markdown snippets instead of reStructuredText.
    #[arg(long)]
    pub(crate) markdown: bool,
    /// Colour theme of the SVGs (`auto` follows the reader's light or dark preference).
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) theme: ThemeArg,
    /// Write nothing; exit 1 naming every output that is missing or stale.
    #[arg(long)]
    pub(crate) check: bool,
    #[command(flatten)]
    pub(crate) shape: ShapeArgs,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    #[command(flatten)]
    pub(crate) limits: LimitsArgs,
    /// Print only errors.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

/// Output format of `list` and `flows`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum TableFormat {
    /// A table for people (Markdown for `flows`).
    #[default]
    Text,
    /// Comma-separated values (`flows` only).
    Csv,
    /// JSON.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Scenario files, or folders whose `.ron` files are listed.
    #[arg(default_value = "scenarios")]
    pub(crate) paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) format: TableFormat,
}

#[derive(Debug, Args)]
pub(crate) struct FlowsArgs {
    /// The scenario file.
    pub(crate) file: PathBuf,
    /// Output format: text is Markdown grouped by boundary.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) format: TableFormat,
}

/// A language of another tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormatArg {
    /// Graphviz DOT (zones as nested clusters).
    Dot,
    /// Mermaid flowchart (zones as subgraphs).
    Mermaid,
    /// D2 (zones as containers).
    D2,
    /// The resolved model as JSON.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The scenario file.
    pub(crate) file: PathBuf,
    /// Target language.
    #[arg(long, value_enum)]
    pub(crate) format: ExportFormatArg,
}

#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// Scenario files, or folders whose `.ron` files are watched.
    #[arg(default_value = "scenarios")]
    pub(crate) paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "out")]
    pub(crate) out: PathBuf,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "svg")]
    pub(crate) format: Vec<FormatArg>,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) theme: ThemeArg,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    pub(crate) shell: clap_complete::Shell,
}

/// Which diagnostics count, shared by every command that checks scenarios.
#[derive(Debug, Args)]
pub(crate) struct PolicyArgs {
    /// Treat warnings as errors: `--deny warnings` for all, `--deny CODE` for one code.
    #[arg(long, value_name = "warnings|CODE", value_parser = parse_deny)]
    pub(crate) deny: Vec<DenyArg>,
    /// Do not report warnings with this code, e.g. `--allow W0002`.
    #[arg(long, value_name = "CODE", value_parser = parse_code)]
    pub(crate) allow: Vec<Code>,
}

/// How the layout shapes the diagram, shared by the commands that lay out.
#[derive(Debug, Args)]
pub(crate) struct ShapeArgs {
    /// Lay out as the file says: its direction and `arrange` hints only, with no search for
    /// a flow direction or zone arrangement that fits the page (the diagram may become a
    /// long strip, usually with fewer crossings).
    #[arg(long)]
    pub(crate) as_hinted: bool,
    /// Flow in this direction, whatever the file says and whichever fits the page better
    /// (zone arrangements are still fitted, unless `--as-hinted`).
    #[arg(long, value_enum)]
    pub(crate) direction: Option<DirectionArg>,
    /// Draw every link on its own line with its own label, instead of drawing links that
    /// look alike and enter (or leave) one component or zone from one side as one bundle.
    #[arg(long)]
    pub(crate) no_bundles: bool,
}

/// A flow direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum DirectionArg {
    /// Left to right.
    LeftToRight,
    /// Top to bottom.
    TopToBottom,
}

impl ShapeArgs {
    /// Applies the flags to `o`.
    pub(crate) fn apply(&self, o: &mut LayoutOptions) {
        if self.as_hinted {
            o.fit_direction = false;
            o.fit_arrangement = false;
        }
        if self.no_bundles {
            o.bundle_links = false;
        }
        if let Some(d) = self.direction {
            o.direction = Some(match d {
                DirectionArg::LeftToRight => Direction::LeftToRight,
                DirectionArg::TopToBottom => Direction::TopToBottom,
            });
        }
    }
}

/// What a scenario may hold, shared by every command that reads scenarios for drawing.
/// Unset flags keep the library's defaults (README, "Limits").
#[derive(Debug, Args)]
pub(crate) struct LimitsArgs {
    /// Largest accepted scenario file, in bytes [default: 4194304 (4 MiB)].
    #[arg(long, value_name = "BYTES")]
    pub(crate) max_file_size: Option<u64>,
    /// Most components in a scenario [default: 2000].
    #[arg(long, value_name = "N")]
    pub(crate) max_components: Option<usize>,
    /// Most zones in a scenario [default: 1000].
    #[arg(long, value_name = "N")]
    pub(crate) max_zones: Option<usize>,
    /// Most links in a scenario [default: 4000].
    #[arg(long, value_name = "N")]
    pub(crate) max_links: Option<usize>,
    /// Most variants in a scenario [default: 100].
    #[arg(long, value_name = "N")]
    pub(crate) max_variants: Option<usize>,
    /// Deepest zone nesting (a top-level zone is at depth 1) [default: 16].
    #[arg(long, value_name = "N")]
    pub(crate) max_depth: Option<usize>,
    /// Longest text (title, label, note…), in characters [default: 10000].
    #[arg(long, value_name = "N")]
    pub(crate) max_text: Option<usize>,
    /// Longest id, in characters [default: 100].
    #[arg(long, value_name = "N")]
    pub(crate) max_id: Option<usize>,
}

impl LimitsArgs {
    /// The library's limits: the defaults, with each flag given replacing its own.
    pub(crate) fn limits(&self) -> Limits {
        let d = Limits::default();
        Limits {
            max_file_bytes: self.max_file_size.unwrap_or(d.max_file_bytes),
            max_components: self.max_components.unwrap_or(d.max_components),
            max_zones: self.max_zones.unwrap_or(d.max_zones),
            max_links: self.max_links.unwrap_or(d.max_links),
            max_variants: self.max_variants.unwrap_or(d.max_variants),
            max_zone_depth: self.max_depth.unwrap_or(d.max_zone_depth),
            max_text_chars: self.max_text.unwrap_or(d.max_text_chars),
            max_id_chars: self.max_id.unwrap_or(d.max_id_chars),
        }
    }
}

/// One `--deny` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DenyArg {
    /// Every warning.
    Warnings,
    /// One code.
    Code(Code),
}

fn parse_code(s: &str) -> Result<Code, String> {
    s.parse::<Code>().map_err(|e| {
        let all = Code::ALL.iter().map(|c| c.as_str());
        match refarch::core::did_you_mean(s, all) {
            Some(c) => format!("{e}; did you mean `{c}`?"),
            None => format!("{e}; `refarch explain` lists every code"),
        }
    })
}

fn parse_deny(s: &str) -> Result<DenyArg, String> {
    if s.eq_ignore_ascii_case("warnings") {
        Ok(DenyArg::Warnings)
    } else {
        parse_code(s).map(DenyArg::Code)
    }
}

impl PolicyArgs {
    /// The library's policy for these flags.
    pub(crate) fn policy(&self) -> Policy {
        Policy {
            deny_warnings: self.deny.contains(&DenyArg::Warnings),
            allow: self.allow.clone(),
            deny: self
                .deny
                .iter()
                .filter_map(|d| match d {
                    DenyArg::Code(c) => Some(*c),
                    DenyArg::Warnings => None,
                })
                .collect(),
        }
    }
}

/// An output format of `render`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// Accessible SVG for web pages.
    Svg,
    /// PNG image (see `--scale`).
    Png,
    /// Vector PDF, one page per diagram.
    Pdf,
    /// Geometry JSON (positions, routed links, label boxes).
    Json,
}

impl FormatArg {
    pub(crate) fn format(self) -> Format {
        match self {
            FormatArg::Svg => Format::Svg,
            FormatArg::Png => Format::Png,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Json => Format::Json,
        }
    }
}

/// A colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum ThemeArg {
    /// Light background (default).
    #[default]
    Light,
    /// Dark background.
    Dark,
    /// Maximum contrast.
    HighContrast,
    /// Greyscale-safe: patterns and dashes instead of colour alone.
    Print,
    /// One SVG that follows the page's light or dark preference.
    Auto,
}

impl ThemeArg {
    pub(crate) fn theme(self) -> Theme {
        match self {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
            ThemeArg::HighContrast => Theme::HighContrast,
            ThemeArg::Print => Theme::Print,
            ThemeArg::Auto => Theme::Auto,
        }
    }
}

/// A page shape preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Preset {
    /// Fit each diagram to a 16:9 slide (1920×1080) with margins and the title.
    Slide,
}

#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// Scenario files, or folders whose `.ron` files are rendered.
    #[arg(default_value = "scenarios")]
    pub(crate) paths: Vec<PathBuf>,
    /// Output folder; or, with `--format pdf` alone, a `.pdf` file that gets one page per
    /// diagram.
    #[arg(short, long, default_value = "out")]
    pub(crate) out: PathBuf,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "svg,png")]
    pub(crate) format: Vec<FormatArg>,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) theme: ThemeArg,
    /// PNG pixels per CSS pixel (2 for high-DPI screens).
    #[arg(long, default_value_t = 1.0)]
    pub(crate) scale: f64,
    /// Largest PNG, in pixels (width × height); a larger one is refused before it is
    /// drawn [default: 100000000].
    #[arg(long, value_name = "PIXELS")]
    pub(crate) max_pixels: Option<u64>,
    /// Page shape preset.
    #[arg(long, value_enum)]
    pub(crate) preset: Option<Preset>,
    /// With a one-file PDF deck (`--format pdf -o deck.pdf`): order the pages as this
    /// reStructuredText toctree lists the scenarios' `doc` targets.
    #[arg(long, value_name = "INDEX.rst")]
    pub(crate) toctree: Option<PathBuf>,
    /// PNG with a transparent background.
    #[arg(long)]
    pub(crate) transparent: bool,
    /// Leave the font subset out of the SVG (about 20 KB smaller): for pages that inline the
    /// SVG and load Inter themselves. Without the subset, an SVG shown as an image falls back
    /// to another font where Inter is not installed, and its text may overflow the cards.
    #[arg(long)]
    pub(crate) no_embed_font: bool,
    /// Embed the font subset in the SVG (the default; kept for older scripts).
    #[arg(long, hide = true, conflicts_with = "no_embed_font")]
    pub(crate) embed_font: bool,
    /// Draw SVG text as outlines (pixel-exact anywhere; text not selectable).
    #[arg(long)]
    pub(crate) text_as_paths: bool,
    /// Draw the lint findings on the diagrams, for review meetings: the link, card or zone
    /// each finding points at is highlighted, with its code (e.g. `L0001`) in a badge.
    #[arg(long)]
    pub(crate) findings: bool,
    /// Write nothing; exit 1 naming every output that is missing or differs from what
    /// would be written (for docs CI).
    #[arg(long)]
    pub(crate) check: bool,
    #[command(flatten)]
    pub(crate) shape: ShapeArgs,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    #[command(flatten)]
    pub(crate) limits: LimitsArgs,
    /// Print only errors.
    #[arg(long, short, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Print every file written.
    #[arg(long, short)]
    pub(crate) verbose: bool,
}

#[derive(Debug, Args)]
pub(crate) struct LayoutArgs {
    /// The scenario file.
    pub(crate) file: PathBuf,
    /// Print quality metrics (crossings, bends, faults, legibility) instead of geometry.
    #[arg(long)]
    pub(crate) metrics: bool,
    #[command(flatten)]
    pub(crate) shape: ShapeArgs,
    #[command(flatten)]
    pub(crate) limits: LimitsArgs,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiagnosticFormat {
    /// rustc-style text with the source line and a caret.
    #[default]
    Human,
    /// One JSON object per diagnostic and line: file, line, column, severity, code,
    /// message, help.
    Json,
    /// One SARIF 2.1.0 log for code-scanning tools.
    Sarif,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Scenario files, or folders whose `.ron` files are checked.
    #[arg(default_value = "scenarios")]
    pub(crate) paths: Vec<PathBuf>,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) format: DiagnosticFormat,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    #[command(flatten)]
    pub(crate) limits: LimitsArgs,
    /// Do not print the summary line.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The code, e.g. `E0007` (any letter case).
    pub(crate) code: Option<String>,
}
