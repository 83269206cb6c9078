//! Workspace-level integration tests, one binary.

mod analysis;
mod browser;
mod diagnostics;
mod fidelity;
mod golden;
mod hostile;
mod inert;
mod legibility;
mod others;
mod threads;
mod util;
