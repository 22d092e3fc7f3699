//! The `gloss` command: opens the reader, or runs a headless command on a corpus.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use gloss::export::{self, Format};
use gloss::workspace::Workspace;

/// Read articles side by side, highlight passages and keep notes next to them.
#[derive(Parser)]
#[command(name = "gloss", version, about)]
struct Cli {
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
    /// Write the corpus's annotations as W3C Web Annotation JSON-LD or Markdown.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (default: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    W3c,
    Markdown,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::W3c => Format::W3c,
            ExportFormat::Markdown => Format::Markdown,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let corpus = match cli.corpus {
        Some(dir) => dir,
        None => match default_corpus() {
            Ok(dir) => dir,
            Err(e) => {
                eprintln!("gloss: {e}");
                return ExitCode::from(2);
            }
        },
    };
    match cli.command {
        None => {
            // Without a logger, eframe's and the graphics stack's explanations of a failure
            // (no OpenGL, no display) would be silently dropped.
            env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
                .init();
            match gloss::ui::run(corpus) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("gloss: cannot open the window: {e}");
                    if matches!(
                        e,
                        eframe::Error::Glutin(_) | eframe::Error::NoGlutinConfigs(..)
                    ) {
                        eprintln!(
                            "gloss: the window needs OpenGL 2 or newer; without a graphics driver \
                             install Mesa's software one (Debian/Ubuntu: libgl1-mesa-dri libegl1)"
                        );
                    }
                    if matches!(e, eframe::Error::WinitEventLoop(_)) {
                        let var = |name| std::env::var(name).unwrap_or_else(|_| "unset".into());
                        eprintln!(
                            "gloss: no display to open the window on (DISPLAY: {}, \
                             WAYLAND_DISPLAY: {}); an X server may also refuse a client without \
                             its cookie (XAUTHORITY). `gloss export`, `import` and `check` work \
                             without a display.",
                            var("DISPLAY"),
                            var("WAYLAND_DISPLAY")
                        );
                    }
                    ExitCode::FAILURE
                }
            }
        }
        Some(Commands::Export { format, output }) => {
            export_command(&corpus, format.into(), output.as_deref())
        }
        Some(Commands::Check { json }) => check_command(&corpus, json),
        Some(Commands::Import { file, article }) => {
            import_command(&corpus, &file, article.as_deref())
        }
    }
}

/// Exit status when another gloss holds the corpus.
const EXIT_LOCKED: u8 = 3;

fn import_command(corpus: &Path, file: &Path, article: Option<&str>) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("gloss: cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let (records, skipped) = match gloss::import::parse(&text) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("gloss: {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let mut ws = match Workspace::open(corpus) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("gloss: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(gloss::workspace::ReadOnly::Locked(why)) = ws.read_only() {
        eprintln!("gloss: refusing to import: {why}. Close it and try again.");
        return ExitCode::from(EXIT_LOCKED);
    }
    if let Some(name) = article
        && ws.corpus.article(name).is_none()
    {
        eprintln!("gloss: no article {name:?} in {}", ws.corpus.root.display());
        return ExitCode::from(2);
    }
    let report = match gloss::import::import(&mut ws, records, article) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("gloss: refusing to import: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = ws.save() {
        eprintln!("gloss: the import could not be saved: {e}");
        return ExitCode::FAILURE;
    }
    println!("imported from {}: {report}", file.display());
    if skipped > 0 {
        println!("{skipped} entries without a quoted passage (page notes, replies) were skipped");
    }
    ExitCode::SUCCESS
}

fn check_command(corpus: &Path, json: bool) -> ExitCode {
    let report = match gloss::check::check(corpus) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("gloss: {e}");
            return ExitCode::from(2);
        }
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("the report always serialises")
        );
    } else {
        print!("{report}");
    }
    if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
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

fn export_command(corpus: &Path, format: Format, output: Option<&Path>) -> ExitCode {
    let ws = match Workspace::open_read_only(corpus) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("gloss: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(e) = &ws.load_error {
        eprintln!("gloss: cannot export: {e}");
        return ExitCode::FAILURE;
    }
    for s in &ws.corpus.skipped {
        eprintln!("gloss: skipped {}: {}", s.file_name, s.reason);
    }
    let text = export::render(format, &ws);
    match output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => {
                eprintln!(
                    "gloss: exported {} annotations to {}",
                    ws.notebook().annotations().len(),
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("gloss: cannot write {}: {e}", path.display());
                ExitCode::FAILURE
            }
        },
    }
}
