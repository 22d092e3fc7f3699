//! `gloss desktop-install`: the launcher entry and the icons, put where Linux desktops look for
//! them — `$XDG_DATA_HOME` (default `~/.local/share`) `/applications/gloss.desktop` and
//! `/icons/hicolor/<size>/apps/gloss.png` (and the scalable SVG) — and taken away again with
//! `--uninstall`. The files travel inside the binary, so a `cargo install`ed gloss can do it
//! without its source folder.

use std::path::{Path, PathBuf};

/// The launcher entry as shipped (`assets/gloss.desktop`).
pub const DESKTOP_ENTRY: &str = include_str!("../assets/gloss.desktop");

/// The icon in each size of the hicolor theme, as `(folder, file bytes)`.
const ICONS: &[(&str, &[u8])] = &[
    (
        "16x16",
        include_bytes!("../assets/icons/hicolor/16x16/apps/gloss.png"),
    ),
    (
        "24x24",
        include_bytes!("../assets/icons/hicolor/24x24/apps/gloss.png"),
    ),
    (
        "32x32",
        include_bytes!("../assets/icons/hicolor/32x32/apps/gloss.png"),
    ),
    (
        "48x48",
        include_bytes!("../assets/icons/hicolor/48x48/apps/gloss.png"),
    ),
    (
        "64x64",
        include_bytes!("../assets/icons/hicolor/64x64/apps/gloss.png"),
    ),
    (
        "128x128",
        include_bytes!("../assets/icons/hicolor/128x128/apps/gloss.png"),
    ),
    (
        "256x256",
        include_bytes!("../assets/icons/hicolor/256x256/apps/gloss.png"),
    ),
    (
        "512x512",
        include_bytes!("../assets/icons/hicolor/512x512/apps/gloss.png"),
    ),
];
const SCALABLE: &[u8] = include_bytes!("../assets/icons/gloss.svg");

/// Where the desktop's per-user data lives: `$XDG_DATA_HOME`, else `~/.local/share`.
pub fn data_home() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
}

/// The files an install writes under `data_home`.
pub fn installed_files(data_home: &Path) -> Vec<PathBuf> {
    let mut files = vec![data_home.join("applications/gloss.desktop")];
    let icons = data_home.join("icons/hicolor");
    files.extend(
        ICONS
            .iter()
            .map(|(size, _)| icons.join(size).join("apps/gloss.png")),
    );
    files.push(icons.join("scalable/apps/gloss.svg"));
    files
}

/// Writes the entry and the icons under `data_home`; the entry runs `exe` (the gloss that
/// installs it, so the launcher works even where it is not on the PATH). Returns the files.
pub fn install(data_home: &Path, exe: &Path) -> std::io::Result<Vec<PathBuf>> {
    let files = installed_files(data_home);
    let exec = exe.to_string_lossy();
    // Quoted as the Desktop Entry spec asks when the path has a space.
    let exec = if exec.contains(' ') {
        format!("\"{exec}\"")
    } else {
        exec.into_owned()
    };
    let entry = DESKTOP_ENTRY
        .replace("Exec=gloss %F", &format!("Exec={exec} %F"))
        .replace(
            "TryExec=gloss",
            &format!("TryExec={}", exe.to_string_lossy()),
        );
    let contents: Vec<&[u8]> = std::iter::once(entry.as_bytes())
        .chain(ICONS.iter().map(|(_, bytes)| *bytes))
        .chain(std::iter::once(SCALABLE))
        .collect();
    for (path, bytes) in files.iter().zip(contents) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, bytes)?;
    }
    Ok(files)
}

/// Removes what [`install`] wrote (files not there are fine). Returns the files removed.
pub fn uninstall(data_home: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for path in installed_files(data_home) {
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_writes_the_entry_and_every_icon_and_uninstall_takes_them_away() {
        let home = tempfile::tempdir().unwrap();
        let exe = Path::new("/opt/gloss bin/gloss");
        let files = install(home.path(), exe).unwrap();
        assert_eq!(files.len(), 10);
        let entry =
            std::fs::read_to_string(home.path().join("applications/gloss.desktop")).unwrap();
        assert!(
            entry.contains("Exec=\"/opt/gloss bin/gloss\" %F"),
            "{entry}"
        );
        assert!(entry.contains("Icon=gloss"));
        let png = std::fs::read(home.path().join("icons/hicolor/48x48/apps/gloss.png")).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(uninstall(home.path()).unwrap().len(), 10);
        assert!(installed_files(home.path()).iter().all(|f| !f.exists()));
        assert!(uninstall(home.path()).unwrap().is_empty(), "twice is fine");
    }
}
