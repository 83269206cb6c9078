//! Workspace-level integration tests, one binary.

mod analysis;
mod diagnostics;
mod fidelity;
mod util;
