//! A start-up probe: with `GLOSS_STARTUP_PROBE=1`, the app prints to standard error how long
//! after launch each start-up stage finished (window and GL ready, corpus opened, first
//! frame, first page steady), and its resident memory then. This is how the time to a readable
//! first page is measured and kept down; without the variable it costs one check per stage.

use std::sync::OnceLock;
use std::time::Instant;

static LAUNCHED: OnceLock<Instant> = OnceLock::new();
static ENABLED: OnceLock<bool> = OnceLock::new();

/// Marks the launch (call first thing in `main`).
pub fn launched() {
    LAUNCHED.get_or_init(Instant::now);
}

fn enabled() -> bool {
    *ENABLED.get_or_init(|| std::env::var_os("GLOSS_STARTUP_PROBE").is_some())
}

/// Prints `stage` with the time since launch, when the probe is on.
pub fn stage(stage: &str) {
    if !enabled() {
        return;
    }
    let since = LAUNCHED.get_or_init(Instant::now).elapsed();
    eprintln!(
        "startup: {stage:<24} {:>7.1} ms  rss {} MB",
        since.as_secs_f64() * 1e3,
        rss_mb().map_or("?".into(), |m| m.to_string())
    );
}

/// Resident memory now, in MB (Linux; `None` elsewhere).
fn rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// Prints a detail line under the last stage, when the probe is on.
pub fn detail(text: &str) {
    if enabled() {
        eprintln!("startup:   {text}");
    }
}
