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
        None => match gloss::ui::run(corpus) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gloss: cannot open the window: {e}");
                ExitCode::FAILURE
            }
        },
        Some(Commands::Export { format, output }) => {
            export_command(&corpus, format.into(), output.as_deref())
        }
        Some(Commands::Check { json }) => check_command(&corpus, json),
    }
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
