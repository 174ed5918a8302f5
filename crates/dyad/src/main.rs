//! `dyad`: the command-line front end. Parses arguments and hands the work to the library
//! crates; everything it does is also available from them.

mod kb;
mod pipeline;
mod table;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand};
use dyad_lexicon::Lexicon;
use dyad_recognize::Date;
use dyad_store::filters;

/// The pipeline makes many small, short-lived strings and vectors per document; mimalloc's
/// per-thread free lists cut the time spent in the allocator by about two thirds against
/// glibc's (BENCHMARKS.md), for one small C file in the build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Bilateral-relations facts from news, with provenance.
#[derive(Parser)]
#[command(name = "dyad", version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("DYAD_COMMIT"), ")"), about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract facts (JSONL v1) from articles: .txt, .html/.htm, .jsonl files, folders, or - for stdin.
    Extract(ExtractArgs),
    /// Show every mention the engine sees, one JSON object a line, to see why a fact was or was not found.
    Tag(TagArgs),
    /// For each fact of the articles, the rule that fired, what it used and the evidence; and the
    /// sentences whose triggers came close to a fact but gave none.
    Explain(ExplainArgs),
    /// Extract and store articles in the knowledge base (SQLite or PostgreSQL): idempotent, crash-safe.
    Ingest(IngestArgs),
    /// Figures as a time series, merged across articles.
    Figures(FiguresArgs),
    /// Events as a timeline, merged across articles.
    Events(EventsArgs),
    /// The relationship of two countries on one page.
    Profile(ProfileArgs),
    /// A country's partners, ranked by events and figures, with the latest trade turnover.
    Partners(PartnersArgs),
    /// Full-text search over the stored sentences (the most recently stored first), with the facts each gave.
    Search(SearchArgs),
    /// Export the knowledge base: facts JSONL, CSV, or GDELT 2.0 event rows.
    Export(ExportArgs),
    /// Ingest the bundled sample articles into a fresh database and show what dyad makes of them.
    Demo(DemoArgs),
    /// Serve the knowledge base: a JSON API (/api/openapi.json) and web pages.
    Serve(ServeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to standard output.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `dyad man > dyad.1; man ./dyad.1`.
    Man,
}

/// HOST:PORT to a socket address: an IP, or a name resolved now (its first IPv4 address, as
/// "localhost" is usually meant, else its first).
fn listen_address(s: &str) -> Result<std::net::SocketAddr, String> {
    use std::net::ToSocketAddrs;
    if let Ok(a) = s.parse() {
        return Ok(a);
    }
    let found: Vec<_> =
        s.to_socket_addrs().map_err(|e| format!("not HOST:PORT, or the host is unknown: {e}"))?.collect();
    found.iter().find(|a| a.is_ipv4()).or(found.first()).copied().ok_or_else(|| format!("{s} has no address"))
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Address to listen on, HOST:PORT (an IP or a name: localhost:8080; loopback unless told
    /// otherwise).
    #[arg(long, default_value = "127.0.0.1:8080", value_parser = listen_address)]
    addr: std::net::SocketAddr,
    /// The token POST /api/ingest must carry (Authorization: Bearer TOKEN) [default: $DYAD_TOKEN;
    /// without one, ingesting over HTTP is refused].
    #[arg(long)]
    token: Option<String>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    max_body: usize,
    /// Seconds a request's header or body may take to arrive, and a kept-alive connection may
    /// wait for its next request (a fifth of it when over half the connections are open).
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    /// Connections open at once; more are answered 503 and closed [default: what the process's
    /// open-file limit allows, up to 16384].
    #[arg(long, value_name = "N")]
    max_connections: Option<usize>,
    /// Answers computed at once (pages not already kept); more wait [default: one per two cores, 1 to 4].
    #[arg(long, value_name = "N")]
    workers: Option<usize>,
    /// Requests that may wait for a worker; more are answered 503 at once.
    #[arg(long, default_value_t = 64, value_name = "N")]
    queue: usize,
    /// Pages computed before serving, and again after the database changes: those of the most
    /// reported countries, pairs and people, so that their first visits are fast (0: none).
    #[arg(long, default_value_t = 300, value_name = "N")]
    warm: usize,
}

#[derive(Args)]
struct DbArgs {
    /// The database: a SQLite file, or a PostgreSQL URL (postgres://USER@HOST:PORT/DB)
    /// [default: $DYAD_DB, else dyad.db].
    #[arg(long, value_name = "FILE|URL")]
    db: Option<PathBuf>,
}

#[derive(Args)]
struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = kb::Format::Table)]
    format: kb::Format,
}

#[derive(Args)]
struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Documents extracted in parallel; what is stored is the same for every value.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 1)]
    jobs: usize,
    #[command(flatten)]
    rules: RulesArgs,
    /// Extract every article again, even one stored from the same input by this same build
    /// (which is otherwise skipped).
    #[arg(long)]
    force: bool,
    /// The inputs are facts JSONL written by `dyad extract --with-text` (files, folders of
    /// .jsonl files, - for standard input): stored as they are, not extracted again.
    #[arg(long, conflicts_with_all = ["force", "rules", "lexicon", "jobs"])]
    facts: bool,
}

#[derive(Args)]
struct FiguresArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Two countries (ISO3 code or name), in either order.
    #[arg(long, num_args = 2, value_names = ["A", "B"], value_parser = filters::country)]
    pair: Option<Vec<String>>,
    /// One metric: trade_turnover, exports, imports, investment, deal_value, tourists, companies.
    #[arg(long, value_parser = filters::metric)]
    metric: Option<String>,
    /// Most figures shown: those of the latest periods.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Every figure the filters select, however many (for exports of a whole series).
    #[arg(long, conflicts_with = "limit")]
    all: bool,
    #[command(flatten)]
    when: WhenArgs,
    #[command(flatten)]
    format: FormatArgs,
}

/// The time filters of the queries.
#[derive(Args)]
struct WhenArgs {
    /// Dates and periods from this one on (2015, 2015-06, 2015-06-01). A fact without a date
    /// counts as of its article's publication date (shown as "as of").
    #[arg(long, value_parser = filters::period)]
    since: Option<String>,
    /// Dates and periods up to this one (2019 includes all of 2019).
    #[arg(long, value_parser = filters::period)]
    until: Option<String>,
    /// Leave out facts without a date of their own instead of dating them by their article.
    #[arg(long)]
    dated_only: bool,
}

#[derive(Args)]
struct EventsArgs {
    #[command(flatten)]
    db: DbArgs,
    /// A country among the parties (ISO3 code or name).
    #[arg(long, value_parser = filters::country)]
    country: Option<String>,
    /// Another country among the parties.
    #[arg(long, value_parser = filters::country)]
    with: Option<String>,
    /// One event type: VISIT, MEET, AGREE, RATIFY, RELATIONS, PRAISE, INTEND, INVITE, AID, OPEN.
    #[arg(long = "type", value_parser = filters::event_type)]
    kind: Option<String>,
    /// Events naming this person (any part of the name, any case: "Tokayev").
    #[arg(long)]
    person: Option<String>,
    /// Most events shown: the latest ones.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Every event the filters select, however many.
    #[arg(long, conflicts_with = "limit")]
    all: bool,
    #[command(flatten)]
    when: WhenArgs,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Args)]
struct ProfileArgs {
    /// One country (ISO3 code or name).
    #[arg(value_parser = filters::country)]
    a: String,
    /// The other.
    #[arg(value_parser = filters::country)]
    b: String,
    /// The latest events and articles shown.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// The figures of the latest N periods shown.
    #[arg(long, default_value_t = 50, value_name = "N")]
    figures: usize,
    /// Every period's figures.
    #[arg(long, conflicts_with = "figures")]
    all_figures: bool,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Args)]
struct PartnersArgs {
    /// The country (ISO3 code or name).
    #[arg(value_parser = filters::country)]
    country: String,
    /// How partners are ranked: by facts (events and figures) shared, by articles, or by the
    /// latest trade turnover.
    #[arg(long, value_enum, default_value_t = kb::PartnerRank::Facts)]
    by: kb::PartnerRank,
    /// Most partners shown.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Args)]
struct SearchArgs {
    /// Words to find (every one must be in the sentence).
    text: String,
    #[command(flatten)]
    db: DbArgs,
    /// Most sentences shown.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    db: DbArgs,
    /// What to write.
    #[arg(long, value_enum, default_value_t = kb::ExportFormat::Jsonl)]
    format: kb::ExportFormat,
    /// Which facts (all kinds for JSONL when not given; figures for CSV and Parquet).
    #[arg(long, value_enum)]
    kind: Option<kb::ExportKind>,
    /// Write to this file (required for Parquet) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// One row per claim (the facts of all articles merged, figures or events) with its source
    /// count, documents, URLs and first and last publication dates, instead of one per fact.
    #[arg(long)]
    claims: bool,
}

#[derive(Args)]
struct DemoArgs {
    /// The demo database (made afresh).
    #[arg(long, value_name = "FILE", default_value = "dyad-demo.db")]
    db: PathBuf,
}

#[derive(Args)]
struct InputArgs {
    /// Files and folders to read (folders recursively); - reads standard input.
    #[arg(default_value = "-")]
    paths: Vec<PathBuf>,
    /// A folder of lexicon files that extend or override the built-in ones (see the lexicon README).
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// Largest document read, in bytes; larger files (or JSONL lines) are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    max_doc_bytes: usize,
}

#[derive(Args)]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Documents worked on in parallel; the output is the same for every value.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 1)]
    jobs: usize,
    #[command(flatten)]
    rules: RulesArgs,
    /// After each document's facts, a `text` record with its text and sentences: what
    /// `dyad ingest --facts` stores without extracting again.
    #[arg(long)]
    with_text: bool,
}

#[derive(Args)]
struct RulesArgs {
    /// A folder of rule files (events.tsv, metrics.tsv, modality.tsv) that extend the built-in ones.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

impl RulesArgs {
    /// The rules extended by `--rules DIR`, or None for the embedded ones.
    fn load(&self) -> io::Result<Option<dyad_facts::rules::Rules>> {
        self.rules
            .as_deref()
            .map(|dir| dyad_facts::rules::Rules::load(Some(dir)).map_err(|e| io::Error::other(format!("rules: {e}"))))
            .transpose()
    }
}

#[derive(Args)]
struct ExplainArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    rules: RulesArgs,
    /// Only the N-th fact of each document (1-based, in the order `extract` writes them).
    #[arg(long, value_name = "N")]
    fact: Option<usize>,
}

#[derive(Args)]
struct TagArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The date relative expressions resolve against when a document shows none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    ref_date: Option<Date>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => load_lexicon(&args.input).and_then(|lex| {
            pipeline::extract(
                &lex,
                args.rules.load()?,
                pipeline::options(&args.input.paths, args.input.max_doc_bytes),
                args.jobs.max(1),
                args.with_text,
            )
        }),
        Command::Explain(args) => load_lexicon(&args.input).and_then(|lex| {
            pipeline::explain(
                &lex,
                args.rules.load()?,
                pipeline::options(&args.input.paths, args.input.max_doc_bytes),
                args.fact,
            )
        }),
        Command::Ingest(args) if args.facts => kb::ingest_facts(&args.input.paths, &kb::db_path(args.db.db)),
        Command::Ingest(args) => load_lexicon(&args.input).and_then(|lex| {
            let rules = args.rules.load()?;
            // The same build with its own data extracts the same facts from the same input: an
            // article stored from it before is not extracted again (unless --force).
            let skip_unchanged = !args.force && rules.is_none() && args.input.lexicon.is_none();
            kb::ingest(
                &lex,
                rules,
                &args.input.paths,
                args.input.max_doc_bytes,
                args.jobs.max(1),
                &kb::db_path(args.db.db),
                skip_unchanged,
            )
        }),
        Command::Figures(a) => {
            let pair = a.pair.map(|p| (p[0].clone(), p[1].clone()));
            let (since, until, dated_only) = (a.when.since, a.when.until, a.when.dated_only);
            let q = dyad_store::FigureQuery { pair, metric: a.metric, since, until, dated_only };
            kb::figures(&kb::db_path(a.db.db), q, (!a.all).then_some(a.limit), a.format.format).map(|_| ok())
        }
        Command::Events(a) => {
            let (since, until, dated_only) = (a.when.since, a.when.until, a.when.dated_only);
            let (country, with, kind, person) = (a.country, a.with, a.kind, a.person);
            let q = dyad_store::EventQuery { country, with, kind, person, since, until, dated_only };
            kb::events(&kb::db_path(a.db.db), q, (!a.all).then_some(a.limit), a.format.format).map(|_| ok())
        }
        Command::Profile(a) => {
            let figures = (!a.all_figures).then_some(a.figures);
            kb::profile(&kb::db_path(a.db.db), &a.a, &a.b, a.limit, figures, a.format.format)
        }
        .map(|_| ok()),
        Command::Partners(a) => {
            kb::partners(&kb::db_path(a.db.db), &a.country, a.by, a.limit, a.format.format).map(|_| ok())
        }
        Command::Search(a) => kb::search(&kb::db_path(a.db.db), &a.text, a.limit, a.format.format).map(|_| ok()),
        Command::Export(a) if a.claims => {
            kb::export_claims(&kb::db_path(a.db.db), a.format, a.kind, a.output.as_deref()).map(|_| ok())
        }
        Command::Export(a) => kb::export(&kb::db_path(a.db.db), a.format, a.kind, a.output.as_deref()).map(|_| ok()),
        Command::Demo(a) => kb::demo(Lexicon::embedded(), &a.db),
        Command::Serve(a) => {
            let token = a.token.or_else(|| std::env::var("DYAD_TOKEN").ok()).filter(|t| !t.is_empty());
            if !(a.timeout.is_finite() && a.timeout > 0.0 && a.timeout <= 3600.0) {
                let _ = writeln!(io::stderr(), "dyad: --timeout must be between 0 and 3600 seconds");
                return ExitCode::from(2);
            }
            let mut config = dyad_server::Config::new(kb::db_path(a.db.db), a.addr);
            config.token = token;
            config.max_body = a.max_body;
            config.limits.timeout = std::time::Duration::from_secs_f64(a.timeout);
            if let Some(n) = a.max_connections {
                config.limits.max_connections = n.max(1);
            }
            if let Some(n) = a.workers {
                config.workers = n.max(1);
            }
            config.queue = a.queue;
            config.warm = a.warm;
            kb::serve(Lexicon::embedded(), config)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "dyad", &mut io::stdout());
            Ok(ok())
        }
        Command::Man => clap_mangen::Man::new(Cli::command()).render(&mut io::stdout()).map(|_| ok()),
        Command::Tag(args) => load_lexicon(&args.input).and_then(|lex| {
            pipeline::tag(&lex, pipeline::options(&args.input.paths, args.input.max_doc_bytes), args.ref_date)
        }),
    };
    match result {
        Ok(pipeline::Outcome { failed: 0 }) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(2),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "dyad: {e}");
            ExitCode::from(1)
        }
    }
}

fn ok() -> pipeline::Outcome {
    pipeline::Outcome { failed: 0 }
}

/// The embedded lexicon, or the embedded one extended by `--lexicon DIR`.
fn load_lexicon(input: &InputArgs) -> io::Result<Lexicon> {
    Lexicon::load(input.lexicon.as_deref()).map_err(|e| io::Error::other(format!("lexicon: {e}")))
}
