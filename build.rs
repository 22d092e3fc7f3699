//! Build script: the version `gloss --version` prints — the package's, and the git commit it
//! was built from when built from a git checkout (a source tarball or `cargo install` from
//! crates.io prints the version alone).

use std::process::Command;

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    // (No "modified" mark: the script reruns on a new commit, not on every edited file, so
    // such a mark would go stale.)
    let full = match commit {
        Some(c) => format!("{version} (git {c})"),
        None => version.to_owned(),
    };
    println!("cargo:rustc-env=GLOSS_VERSION={full}");
    // A new commit or checkout changes HEAD or the ref it points to.
    for path in [".git/HEAD", ".git/index", ".git/refs/heads"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
