//! What an installed gloss offers around the window: `--version` (with the commit when built
//! from git), a manual page and shell completions generated from the commands themselves.

use std::process::Command;

fn gloss(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        // No display and no corpus: these must not need either.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("gloss runs");
    assert!(
        out.status.success(),
        "gloss {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The commands `gloss --help` lists (its own `help` left out).
fn commands() -> Vec<String> {
    let help = gloss(&["--help"]);
    let listed: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect();
    assert!(listed.len() >= 8, "{help}");
    listed
}

#[test]
fn the_version_names_the_package_version() {
    let v = gloss(&["--version"]);
    assert!(
        v.starts_with(&format!("gloss {}", env!("CARGO_PKG_VERSION"))),
        "{v}"
    );
}

#[test]
fn the_manual_page_documents_every_command() {
    let page = gloss(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH gloss"),
        "a roff page"
    );
    for command in commands() {
        assert!(
            page.contains(&format!("COMMAND: GLOSS {}", command.to_uppercase())),
            "{command} has its section"
        );
        // (roff writes a hyphen as `\-`.)
        let synopsis = format!("gloss {}", command.replace('-', "\\-"));
        assert!(page.contains(&synopsis), "{command}'s synopsis");
    }
}

#[test]
fn completions_cover_every_command_in_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let script = gloss(&["completions", shell]);
        assert!(script.len() > 500, "{shell}: {script}");
        for command in commands() {
            assert!(script.contains(&command), "{shell} completes {command}");
        }
    }
}

#[test]
fn the_desktop_entry_validates() {
    let entry = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gloss.desktop");
    let run = Command::new("desktop-file-validate").arg(entry).output();
    let out = match run {
        Ok(out) => out,
        // CI installs desktop-file-utils (.ci/run) and sets GLOSS_E2E: there it must run.
        Err(_) if std::env::var_os("GLOSS_E2E").is_none() => {
            eprintln!("desktop-file-validate is not installed: not checked here");
            return;
        }
        Err(e) => panic!("desktop-file-validate: {e}"),
    };
    assert!(
        out.status.success() && out.stdout.is_empty(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(entry).unwrap();
    assert!(text.contains("Icon=gloss") && text.contains("StartupWMClass=gloss"));
    assert!(text.contains("Categories=Office;Viewer;"));
}
