//! The `gloss` command: opens the reader, or runs a headless command on a corpus.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use gloss::export::{self, Format};
use gloss::workspace::Workspace;

mod read_commands;
use read_commands::{compare_command, diff_command, search_command, text_command};

/// Read articles side by side, highlight passages and keep notes next to them.
#[derive(Parser)]
// `gloss DIR check` still means the check command: a subcommand's name wins over the list of
// paths.
#[command(subcommand_precedence_over_arg = true)]
#[command(name = "gloss", version = env!("GLOSS_VERSION"), about)]
struct Cli {
    /// Articles or a folder to open in the window: the first article's folder becomes the
    /// corpus and the articles show side by side (more of that folder in the next panes).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Corpus folder to open (default: ./corpus if it exists, else a sample corpus in your
    /// data folder).
    #[arg(long, value_name = "DIR", global = true)]
    corpus: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Commands>,
}

#[derive(Subcommand)]
enum Commands {
    /// Report the state of the notes file: readable, version, counts, missing articles,
    /// anchoring, problems. Exits 1 when there are problems.
    Check {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Import W3C Web Annotation or Hypothesis JSON: each annotation is anchored in its article
    /// (matched by file name, or --article) and stored; prints how many anchored exactly,
    /// approximately, and were orphaned.
    Import {
        /// The JSON file.
        file: PathBuf,
        /// Put every annotation on this article (file name in the corpus).
        #[arg(long, value_name = "NAME")]
        article: Option<String>,
    },
    /// Print the corresponding passages of two articles (file names in the corpus): copied or
    /// reworded, in any order. Exits 2 for an unknown article.
    Compare {
        /// First article (file name in the corpus).
        a: String,
        /// Second article.
        b: String,
        /// Machine-readable output: {"a", "b", "pairs": [{"a": {start, end, quote}, "b": …,
        /// "score", "kind": "same" | "similar" | "differs", "differing"?: {"a", "b"}}]},
        /// positions in chars of each article's text (the same as --format json).
        #[arg(long)]
        json: bool,
        /// Output: text (default) or json (the pairs); csv or markdown (the correspondence
        /// table: a row per pair, and a row per sentence without counterpart — kind
        /// `only_a` / `only_b`).
        #[arg(long, value_enum)]
        format: Option<CompareFormat>,
        /// Also the suggestions dismissed in the notes file.
        #[arg(long)]
        all: bool,
        /// The table (csv, markdown) in the order of the first article (a) or the second (b).
        #[arg(long, value_enum, default_value = "a")]
        order: TableOrder,
    },
    /// What changed in an article since the oldest version of it gloss keeps (the text its
    /// annotations were first anchored to): word-level changes with char ranges on both sides.
    Diff {
        /// The article (file name in the corpus).
        article: String,
        /// {"article", "from": {hash, kept, chars}, "to": hash, "summary", "changes": [{"kind",
        /// "old": {"start", "end", "text"}, "new": {…}}]}.
        #[arg(long)]
        json: bool,
    },
    /// Print an article's text as gloss counts it (for .md, .html, .pdf and .epub: the
    /// displayed text, a PDF's running heads and page numbers left out).
    Text {
        /// The article: its file name in the corpus, or a path to the file.
        article: String,
        /// {"article", "title", "outlet", "byline", "published", "text", "pages": [{"label",
        /// "start"}]}; with --paragraphs also "paragraphs": [{"start", "end", "page", "text"}].
        #[arg(long)]
        json: bool,
        /// One displayed paragraph per line, as the reader lays the text out.
        #[arg(long)]
        paragraphs: bool,
    },
    /// Find QUERY in every article of the corpus and in every quote, note and tag. Matching
    /// folds case (unless --case-sensitive), accents (é = e), curly and straight quotes, and
    /// white space (a line break matches a space); matches do not overlap.
    Search {
        /// What to look for.
        query: String,
        /// Machine-readable output: {"hits": [{"article", "start", "end", "context"}],
        /// "annotations": [{"id", "article", "field": "quote" | "note" | "tag", "text"}]},
        /// positions in chars of each article's text.
        #[arg(long)]
        json: bool,
        /// Match upper and lower case exactly.
        #[arg(long)]
        case_sensitive: bool,
        /// Only matches with no letter or digit just before or after them.
        #[arg(long)]
        whole_word: bool,
        /// Print at most this many hits per article, and ten times this many in all; every
        /// hit is still counted ("and 54,310 more"; JSON: "total_hits", "truncated": true).
        #[arg(long, value_name = "N", default_value_t = gloss::search::corpus_search::HITS_PER_ARTICLE)]
        limit: usize,
    },
    /// Add gloss to the desktop's applications: its launcher entry (opening files as File ▸
    /// Open file… does) and icon, in $XDG_DATA_HOME (default ~/.local/share).
    DesktopInstall {
        /// Remove them again.
        #[arg(long)]
        uninstall: bool,
    },
    /// Print gloss's manual page (roff), generated from these commands: `gloss man >
    /// gloss.1`, or `gloss man | man -l -`.
    Man,
    /// Print the shell completions of gloss's commands and options, for bash, zsh, fish,
    /// elvish or PowerShell: `gloss completions bash > ~/.local/share/bash-completion/completions/gloss`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the corpus's annotations as W3C Web Annotation JSON-LD, Markdown, CSV (one row
    /// per annotation), or the overview grid as CSV (a row per tag, a column per article).
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (default: standard output). Never the notes file, its backup or
        /// copies, the lock file or an article of the corpus, unless --force.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write the output file even where it would replace one of the corpus's own files.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum TableOrder {
    A,
    B,
}

#[derive(Clone, Copy, ValueEnum)]
enum CompareFormat {
    Text,
    Json,
    Csv,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    W3c,
    Markdown,
    Csv,
    Grid,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::W3c => Format::W3c,
            ExportFormat::Markdown => Format::Markdown,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Grid => Format::Grid,
        }
    }
}

/// Why a command stopped: the message printed (once, by `main`) and the exit status.
#[derive(Debug)]
struct CliError {
    code: u8,
    message: String,
}

impl CliError {
    /// Bad input: a folder or file that cannot be used, a wrong argument (exit 2).
    fn input(message: impl Into<String>) -> CliError {
        CliError {
            code: 2,
            message: message.into(),
        }
    }

    /// The command ran and failed (exit 1).
    fn failed(message: impl Into<String>) -> CliError {
        CliError {
            code: 1,
            message: message.into(),
        }
    }

    /// Another gloss holds the corpus, or this process must not write (exit 3).
    fn locked(message: impl Into<String>) -> CliError {
        CliError {
            code: EXIT_LOCKED,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Several lines each start with the program's name, like the first.
        f.write_str(&self.message.replace('\n', "\ngloss: "))
    }
}

fn main() -> ExitCode {
    gloss::startup::launched();
    gloss::document::quiet_reader_panics();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gloss: {e}");
            ExitCode::from(e.code)
        }
    }
}

/// The one path every command takes: `Ok` with the status when it ran (a `check` that found
/// problems exits 1 after printing its report), `Err` with the message when it could not.
fn run(cli: Cli) -> Result<ExitCode, CliError> {
    #[cfg(unix)]
    if cli.command.is_some() {
        // A script reading only the first lines (`gloss compare … | head`) closes the pipe:
        // end quietly as command-line tools do, instead of a panic on the next write. Not for
        // the window, whose connections must never end it this way.
        // SAFETY: restores the default action of one signal before any thread is started.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    // Commands about gloss itself need no corpus (and must not make the sample one).
    match cli.command {
        Some(Commands::Man) => return man_page(),
        Some(Commands::DesktopInstall { uninstall }) => return desktop_install(uninstall),
        Some(Commands::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "gloss", &mut std::io::stdout());
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    // `gloss a.pdf b.epub` (a launcher's %F): the files after the first, when they are in
    // the first one's folder, open in the next panes.
    let mut paths = cli.paths.into_iter();
    let first = paths.next();
    let more: Vec<String> = match first.as_deref().map(gloss::corpus::split_path) {
        Some((dir, Some(_))) => paths
            .map(|p| gloss::corpus::split_path(&p))
            .filter(|(d, name)| name.is_some() && same_folder(d, &dir))
            .filter_map(|(_, name)| name)
            .collect(),
        _ => Vec::new(),
    };
    let corpus = match first.or(cli.corpus) {
        // A command given an article works on the article's folder.
        Some(file) if cli.command.is_some() && file.is_file() => gloss::corpus::split_path(&file).0,
        Some(dir) => dir,
        None => default_corpus().map_err(CliError::input)?,
    };
    match cli.command {
        None => open_window(corpus, more),
        Some(Commands::Export {
            format,
            output,
            force,
        }) => export_command(&corpus, format.into(), output.as_deref(), force),
        Some(Commands::Check { json }) => check_command(&corpus, json),
        Some(Commands::Compare {
            a,
            b,
            json,
            format,
            all,
            order,
        }) => {
            use gloss::compare::report::Format as F;
            let format = match format {
                None if json => F::Json,
                None | Some(CompareFormat::Text) => F::Text,
                Some(CompareFormat::Json) => F::Json,
                Some(CompareFormat::Csv) => F::Csv,
                Some(CompareFormat::Markdown) => F::Markdown,
            };
            let order = match order {
                TableOrder::A => gloss::compare::table::Order::A,
                TableOrder::B => gloss::compare::table::Order::B,
            };
            compare_command(&corpus, &a, &b, format, all, order)
        }
        Some(Commands::Text {
            article,
            json,
            paragraphs,
        }) => text_command(&corpus, &article, json, paragraphs),
        Some(Commands::Diff { article, json }) => diff_command(&corpus, &article, json),
        Some(Commands::Search {
            query,
            json,
            case_sensitive,
            whole_word,
            limit,
        }) => search_command(
            &corpus,
            &query,
            json,
            gloss::search::Options {
                match_case: case_sensitive,
                whole_word,
            },
            gloss::search::Keep::at_most(limit),
        ),
        Some(Commands::Import { file, article }) => {
            import_command(&corpus, &file, article.as_deref())
        }
        Some(Commands::Man | Commands::Completions { .. } | Commands::DesktopInstall { .. }) => {
            unreachable!("answered above")
        }
    }
}

/// `gloss desktop-install [--uninstall]`: the launcher entry and icons in, or out.
fn desktop_install(uninstall: bool) -> Result<ExitCode, CliError> {
    use gloss::desktop_entry as entry;
    let home = entry::data_home()
        .ok_or_else(|| CliError::input("neither XDG_DATA_HOME nor HOME is set"))?;
    let files = if uninstall {
        entry::uninstall(&home)
    } else {
        let exe = std::env::current_exe()
            .map_err(|e| CliError::failed(format!("cannot tell where gloss is: {e}")))?;
        entry::install(&home, &exe)
    }
    .map_err(|e| CliError::failed(format!("{}: {e}", home.display())))?;
    let verb = if uninstall { "removed" } else { "wrote" };
    for f in &files {
        println!("{verb} {}", f.display());
    }
    if files.is_empty() {
        println!("nothing to remove under {}", home.display());
    }
    // Best effort: desktops that cache these pick the change up now rather than at login.
    let _ = std::process::Command::new("update-desktop-database")
        .arg(home.join("applications"))
        .status();
    let _ = std::process::Command::new("gtk-update-icon-cache")
        .args(["-q", "-t"])
        .arg(home.join("icons/hicolor"))
        .status();
    Ok(ExitCode::SUCCESS)
}

/// `gloss man`: the manual page, generated from the command definitions (`clap_mangen`), so
/// it never lists an option the program does not have: the page of `gloss` itself, then a
/// section per command with its synopsis, description and options.
fn man_page() -> Result<ExitCode, CliError> {
    let failed = |e: std::io::Error| CliError::failed(format!("cannot write the manual page: {e}"));
    let command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut out)
        .map_err(failed)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        let man = clap_mangen::Man::new(sub.clone().bin_name(format!("gloss {name}")));
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section).map_err(failed)?;
        man.render_description_section(&mut section)
            .map_err(failed)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut section).map_err(failed)?;
        }
        // One section per command; its parts become subsections.
        out.extend_from_slice(
            format!(".SH \"COMMAND: GLOSS {}\"\n", name.to_uppercase()).as_bytes(),
        );
        let text = String::from_utf8_lossy(&section).replace(".SH ", ".SS ");
        out.extend_from_slice(text.as_bytes());
    }
    use std::io::Write;
    std::io::stdout().write_all(&out).map_err(failed)?;
    Ok(ExitCode::SUCCESS)
}

/// Whether two folders are the same one (however they were written).
fn same_folder(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    canonical(a) == canonical(b)
}

fn open_window(corpus: PathBuf, more: Vec<String>) -> Result<ExitCode, CliError> {
    // Without a logger, eframe's and the graphics stack's explanations of a failure (no
    // OpenGL, no display) would be silently dropped.
    // html5ever warns about every odd node of a saved page it serialises ("weird namespace"):
    // nothing a reader can act on, so only its errors are shown.
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,html5ever=error"),
    )
    .init();
    let Err(e) = gloss::ui::run(corpus, more) else {
        return Ok(ExitCode::SUCCESS);
    };
    let mut message = format!("cannot open the window: {e}");
    if matches!(
        e,
        eframe::Error::Glutin(_) | eframe::Error::NoGlutinConfigs(..)
    ) {
        message.push_str(
            "\nthe window needs OpenGL 2 or newer; without a graphics driver install Mesa's \
             software one (Debian/Ubuntu: libgl1-mesa-dri libegl1)",
        );
    }
    if matches!(e, eframe::Error::WinitEventLoop(_)) {
        let var = |name| std::env::var(name).unwrap_or_else(|_| "unset".into());
        message.push_str(&format!(
            "\nno display to open the window on (DISPLAY: {}, WAYLAND_DISPLAY: {}); an X server \
             may also refuse a client without its cookie (XAUTHORITY). `gloss export`, `import` \
             and `check` work without a display.",
            var("DISPLAY"),
            var("WAYLAND_DISPLAY")
        ));
    }
    Err(CliError::failed(message))
}

/// Says on standard error what was done with the notes file's sync-conflict copies.
fn report_sync_copies(ws: &Workspace) {
    for m in &ws.sync_merges {
        eprintln!("gloss: {m}");
    }
}

/// Exit status when another gloss holds the corpus.
const EXIT_LOCKED: u8 = 3;

fn import_command(corpus: &Path, file: &Path, article: Option<&str>) -> Result<ExitCode, CliError> {
    let text = read_import_file(file)
        .map_err(|e| CliError::input(format!("cannot read {}: {e}", file.display())))?;
    let (records, skipped) = gloss::import::parse(&text)
        .map_err(|e| CliError::input(format!("{}: {e}", file.display())))?;
    let mut ws = Workspace::open(corpus).map_err(|e| CliError::input(e.to_string()))?;
    report_sync_copies(&ws);
    match ws.read_only() {
        Some(gloss::workspace::ReadOnly::Locked(gloss::store::lock::LockError::Held {
            ..
        })) => {
            return Err(CliError::locked(format!(
                "refusing to import: {}. Close it and try again.",
                ws.read_only_reason().unwrap_or_default()
            )));
        }
        Some(gloss::workspace::ReadOnly::Locked(_) | gloss::workspace::ReadOnly::UnsafeFile(_)) => {
            // Without the lock (or with a link where the backup goes) this process must not
            // write: another one might be writing.
            return Err(CliError::locked(format!(
                "refusing to import: {}",
                ws.read_only_reason().unwrap_or_default()
            )));
        }
        _ => {}
    }
    if let Some(name) = article
        && ws.corpus.article(name).is_none()
    {
        return Err(CliError::input(format!(
            "no article {name:?} in {}",
            ws.corpus.root.display()
        )));
    }
    let report = gloss::import::import(&mut ws, records, article)
        .map_err(|e| CliError::failed(format!("refusing to import: {e}")))?;
    ws.save()
        .map_err(|e| CliError::failed(format!("the import could not be saved: {e}")))?;
    println!("imported from {}: {report}", file.display());
    if skipped > 0 {
        println!("{skipped} entries without a quoted passage (page notes, replies) were skipped");
    }
    if report.not_taken() > 0 {
        return Err(CliError::failed(format!(
            "{} of the annotations were not taken (see the limits in the README); the others \
             were saved",
            report.not_taken()
        )));
    }
    Ok(ExitCode::SUCCESS)
}

fn check_command(corpus: &Path, json: bool) -> Result<ExitCode, CliError> {
    let report = gloss::check::check(corpus).map_err(|e| CliError::input(e.to_string()))?;
    if json {
        print_json(&report)?;
    } else {
        print!("{report}");
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Writes `value` as pretty JSON to standard output, streamed: `gloss search` for a common
/// letter over a book-length corpus prints millions of hits, and building the whole text in
/// memory first doubled the process's peak (989 MB for "e" over 18 MB).
fn print_json(value: &impl serde::Serialize) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush())
        .map_err(|e| CliError::failed(format!("writing to standard output: {e}")))
}

/// `./corpus` when it exists; otherwise the sample corpus, created on first use.
fn default_corpus() -> Result<PathBuf, String> {
    let local = PathBuf::from("corpus");
    if local.is_dir() {
        return Ok(local);
    }
    let data =
        dirs::data_dir().ok_or("no user data folder is known on this system; pass --corpus DIR")?;
    let sample = data.join("gloss").join("sample-corpus");
    gloss::corpus::ensure_sample_corpus(&sample).map_err(|e| {
        format!(
            "cannot create the sample corpus in {}: {e}",
            sample.display()
        )
    })?;
    Ok(sample)
}

/// Reads the file to import, up to [`gloss::limits::MAX_IMPORT_BYTES`] (a pipe is fine; a
/// device that never ends is cut off at the limit and refused).
fn read_import_file(file: &Path) -> Result<String, String> {
    use std::io::Read;
    let limit = gloss::limits::MAX_IMPORT_BYTES;
    let f = std::fs::File::open(file).map_err(|e| e.to_string())?;
    if f.metadata().is_ok_and(|m| m.is_dir()) {
        return Err("it is a directory".into());
    }
    let mut bytes = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "larger than the {} gloss imports at once; split it into smaller files",
            gloss::safe_file::megabytes(limit)
        ));
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text (JSON must be UTF-8)".into())
}

/// A file of the corpus that an export must not replace.
struct Protected {
    what: String,
    /// gloss's own state under `.gloss/`: refused even with `--force` (nothing a reader
    /// would mean to replace with an export).
    always: bool,
}

/// Which of the corpus's own files `output` would replace, if any: anything under `.gloss/`,
/// the notes file and its copies (`annotations.*`), the lock file, an article. Links are
/// resolved first, so a link to the notes file counts as the notes file.
fn protected_target(ws: &Workspace, output: &Path) -> Option<Protected> {
    let plain = |what: String| {
        Some(Protected {
            what,
            always: false,
        })
    };
    let root = ws.corpus.root.canonicalize().ok()?;
    // gloss's own folder (kept versions, the merge base, merged copies): whatever the name,
    // and whether `.gloss` is a real folder or a link to one, by name or once resolved.
    let lexical = gloss::safe_file::lexically_normal(
        &std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf()),
    );
    let corpus_root = gloss::safe_file::lexically_normal(
        &std::path::absolute(&ws.corpus.root).unwrap_or(root.clone()),
    );
    let in_own = |p: &Path, base: &Path| {
        p.strip_prefix(base)
            .ok()
            .and_then(|rest| rest.components().next())
            .is_some_and(|c| c.as_os_str() == ".gloss")
    };
    let own = root.join(".gloss");
    let resolved = match output.canonicalize() {
        Ok(p) => Some(p),
        Err(_) => {
            let parent = match output.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            parent
                .canonicalize()
                .ok()
                .and_then(|p| Some(p.join(output.file_name()?)))
        }
    };
    let own_resolved = own.canonicalize().ok();
    let resolved_in_own = resolved.as_ref().is_some_and(|r| {
        r.starts_with(&own) || own_resolved.as_ref().is_some_and(|o| r.starts_with(o))
    });
    if in_own(&lexical, &corpus_root) || in_own(&lexical, &root) || resolved_in_own {
        return Some(Protected {
            what: format!(
                "{}, inside the corpus's .gloss folder (gloss's own files)",
                lexical.display()
            ),
            always: true,
        });
    }
    let resolved = resolved?;
    if resolved.parent()? != root {
        return None;
    }
    let name = resolved.file_name()?.to_string_lossy().into_owned();
    if name.starts_with("annotations.") || gloss::store::sync_copies::is_sync_copy(&name) {
        plain(format!(
            "{name}, the corpus's notes file or one of its copies"
        ))
    } else if name == gloss::store::lock::LOCK_FILE {
        plain(format!("{name}, the corpus's lock file"))
    } else if ws.corpus.article(&name).is_some() {
        plain(format!("{name}, an article of the corpus"))
    } else {
        None
    }
}

fn export_command(
    corpus: &Path,
    format: Format,
    output: Option<&Path>,
    force: bool,
) -> Result<ExitCode, CliError> {
    let ws = Workspace::open_read_only(corpus).map_err(|e| CliError::input(e.to_string()))?;
    report_sync_copies(&ws);
    if let Some(e) = &ws.load_error {
        return Err(CliError::failed(format!("cannot export: {e}")));
    }
    for s in &ws.corpus.skipped {
        eprintln!("gloss: skipped {}: {}", s.file_name, s.reason);
    }
    if let Some(path) = output
        && let Some(Protected { what, always }) = protected_target(&ws, path)
        && (!force || always)
    {
        if force {
            return Err(CliError::input(format!(
                "refusing to export over {what} ({}), even with --force; choose another file",
                path.display()
            )));
        }
        return Err(CliError::input(format!(
            "refusing to export over {what} ({}); choose another file, or pass --force",
            path.display()
        )));
    }
    let text = export::render(format, &ws);
    match output {
        None => print!("{text}"),
        Some(path) => {
            std::fs::write(path, text)
                .map_err(|e| CliError::failed(format!("cannot write {}: {e}", path.display())))?;
            eprintln!(
                "gloss: exported {} annotations to {}",
                ws.notebook().annotations().len(),
                path.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
