//! The `tread` binary: parses arguments, runs one command, and prints an
//! error as one line before exiting non-zero.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use ratatui::layout::Rect;
use tread::app::App;
use tread::app::library::LibraryItem;
use tread::app::linked_article::ArticleOffer;
use tread::app::loading::Loading;
use tread::cli::{BookmarksCommand, Cli, Command, ConvertTarget, ExportFormat, InputOptions};
use tread::commands::{bookmarks as bookmarks_cmd, dump};
use tread::config::{self, Config};
use tread::error::Error;
use tread::formats::{Loaded, Warning};
use tread::opening::{self, article_fetcher, expander_for, refresh_in_background};
use tread::source::{InputSource, article};
use tread::store::Store;
use tread::store::library::LibraryEntry;
use tread::tui::library::Choice;
use tread::tui::{Session, loading::Outcome};
use tread::{formats::native, formats::text, tui};

// Loading a large thread makes hundreds of thousands of small strings;
// mimalloc allocates and frees them markedly faster than the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `dump` wraps to this width when standard output is not a terminal.
const DEFAULT_DUMP_WIDTH: usize = 80;

fn main() -> ExitCode {
    let cli = tread::manual::parse_args();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Write { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            // `tread dump | head`: the reader went away, which is not an error.
            ExitCode::SUCCESS
        }
        Err(error) => {
            // Errors name files, URLs and lines of the user's config: cleaned
            // like any text from outside before they reach the terminal.
            let line = tread::document::sanitize::clean_owned(error.to_string());
            // Not eprintln!, which panics when stderr is gone (a terminal
            // that hung up).
            let _ = writeln!(std::io::stderr(), "tread: {line}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Some(Command::Dump {
            file,
            second,
            width,
            with_article,
            input,
        }) => {
            let source = InputSource::from_args(file.as_deref(), second.as_deref());
            let mut loaded = load(&source, input)?;
            if with_article {
                tread::commands::article::attach(&source, &mut loaded.document, input.limit())?;
            }
            let width = width.map(usize::from).unwrap_or_else(terminal_width);
            let zone = tread::age::local_zone();
            dump::write(&loaded.document, width, &zone, std::io::stdout().lock()).map_err(
                |source| Error::Write {
                    what: "standard output".to_string(),
                    source,
                },
            )
        }
        Some(Command::Convert {
            file,
            second,
            to,
            input,
        }) => {
            let source = InputSource::from_args(file.as_deref(), second.as_deref());
            let loaded = load(&source, input)?;
            print(&match to {
                ConvertTarget::Json => native::write(&loaded.document),
                ConvertTarget::Text => text::write(&loaded.document),
            })
        }
        Some(Command::Bookmarks(command)) => print(&bookmarks_command(command)?),
        Some(Command::Library { json }) => print(&tread::commands::library::list(
            &Store::from_env()?,
            json,
            tread::age::now(),
        )?),
        Some(Command::Config { default: true }) => print(config::DEFAULT_CONFIG),
        Some(Command::Config { default: false }) => print(&config::describe_path()),
        Some(Command::Completions { shell }) => print(&tread::manual::completions(shell)),
        Some(Command::Manpage) => print(&tread::manual::page::render()),
        None => {
            // Nothing given: the library (which holds the demo on a first run).
            let source = (cli.file.is_some())
                .then(|| InputSource::from_args(cli.file.as_deref(), cli.second.as_deref()));
            read(source, cli.theme.as_deref(), cli.input, cli.no_resume)
        }
    }
}

/// The reader on `source`, in the terminal.
fn read(
    first: Option<InputSource>,
    theme: Option<&str>,
    input: InputOptions,
    no_resume: bool,
) -> Result<(), Error> {
    // A broken config stops tread before anything else happens.
    let config = Config::load(theme)?;
    if !std::io::stdout().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let mut session: Option<Session> = None;
    let mut next = first;
    let mut no_resume = no_resume;
    // Why the document chosen last could not be opened, for the library.
    let mut message = None;
    let mut notices = Vec::new();
    let mut reloading = false;
    // Only the command line's document ends tread when it cannot be
    // opened; one chosen since (in the library, by a bookmark) goes back.
    let mut from_command_line = true;
    loop {
        // A reload fetches a fresh copy behind the loading screen.
        let fresh = std::mem::take(&mut reloading);
        let chosen = next.is_none() || !std::mem::replace(&mut from_command_line, false);
        let source = match next.take() {
            Some(source) => source,
            None => match choose_in_library(&mut session, &config, message.take())? {
                Some(source) => source,
                None => break,
            },
        };
        let opened = match open_in_terminal(&mut session, &source, input, fresh) {
            Ok(Some(opened)) => opened,
            // Cancelled while loading: back where the user came from.
            Ok(None) if chosen => continue,
            Ok(None) => break,
            Err(error) if chosen => {
                message = Some(error.to_string());
                continue;
            }
            Err(error) => return Err(error),
        };
        let taken = session.as_mut().expect("the terminal is taken once open");
        let ended = run_reader(taken, &config, &source, opened, (input, no_resume))?;
        no_resume = false;
        notices.extend(ended.notices);
        match after_reader(ended.open, (ended.reload, ended.to_library), source) {
            Some((then, fresh)) => (next, reloading) = (then, fresh),
            None => break,
        }
    }
    // The screen is the shell's again: what the saves said goes to stderr,
    // which may be gone (a hang-up).
    drop(session);
    for notice in notices {
        let _ = writeln!(std::io::stderr(), "tread: {notice}");
    }
    Ok(())
}

/// What follows the reader: the document to open next (None: the library)
/// and whether that is a reload, or None to quit.
fn after_reader(
    open: Option<String>,
    (reload, to_library): (bool, bool),
    source: InputSource,
) -> Option<(Option<InputSource>, bool)> {
    match (open, reload, to_library) {
        // Another document's bookmark was chosen: that document next.
        (Some(other), ..) => Some((Some(InputSource::from_saved(&other)), false)),
        // Opened again where the reader left it; if that fails, the
        // library says why.
        (None, true, _) => Some((Some(source), true)),
        (None, false, true) => Some((None, false)),
        (None, false, false) => None,
    }
}

/// The library screen, taking the terminal if it is not yet; the document
/// chosen, or None to quit. `message` is shown first.
fn choose_in_library(
    session: &mut Option<Session>,
    config: &Config,
    message: Option<String>,
) -> Result<Option<InputSource>, Error> {
    let session = terminal_of(session)?;
    let store = Store::from_env().ok();
    let choice = tui::library::choose(session, store.as_ref(), &config.theme, demo_item(), message)
        .map_err(|source| Error::Terminal { source })?;
    Ok(match choice {
        Choice::Open(source) => Some(InputSource::from_saved(&source)),
        Choice::Quit => None,
    })
}

/// The reader on a loaded document, until it quits or asks for the library.
fn run_reader(
    session: &mut Session,
    config: &Config,
    source: &InputSource,
    (loaded, warning, refresh, rest): OpenedDocument,
    (input, no_resume): (InputOptions, bool),
) -> Result<tui::Ended, Error> {
    let loaded_warnings = loaded.warnings;
    let mut app = App::new(
        loaded.document,
        source.display_name(),
        config.keymap.clone(),
        Rect::default(),
    );
    // Opened in parts: what waits for comments (the saved position) knows
    // from the start that more are coming.
    let (loading, rest) = rest.unzip();
    let in_parts = loading.is_some();
    app.loading = loading;
    app.theme = config.theme;
    app.settings = config.settings.clone();
    app.mouse = config.settings.mouse;
    app.hyperlinks = config.hyperlinks.unwrap_or_else(|| {
        config.theme != tread::config::theme::MONO && tui::terminal::follows_hyperlinks()
    });
    app.doc_path = source.absolute_path();
    let kept_copy = refresh.is_some();
    let remember = library_entry(source, &app, &loaded_warnings, kept_copy);
    let thread_key = source.library_key();
    let article = article::linked_article(&app.document).map(|address| ArticleOffer {
        kept: article::kept_page(
            &article::linked_key(thread_key.as_deref(), &address),
            input.limit(),
        )
        .map(|(page, _)| Box::new(page)),
        fetch_now: config.fetch_articles,
        address,
    });
    let opening = tui::startup::Opening {
        no_resume,
        warning,
        remember,
        focus: source.focus(),
        article,
    };
    let (store, seen) = tui::startup::open(&mut app, opening);
    let fetches = tui::Fetches {
        pending: refresh.into_iter().chain(seen).collect(),
        loading: rest,
        expander: expander_for(source, input),
        articles: Some(article_fetcher(thread_key, input)),
    };
    let ended =
        tui::run(session, app, store, fetches).map_err(|source| Error::Terminal { source })?;
    if in_parts && let Some(key) = source.library_key() {
        tui::startup::recount_in_library(&key, ended.comments);
    }
    Ok(ended)
}

/// The demo as the library shows it on a first run, when it is empty.
fn demo_item() -> LibraryItem {
    let demo = tread::formats::load(tread::source::DEMO.as_bytes(), None).ok();
    LibraryItem {
        key: "demo".to_string(),
        title: demo
            .as_ref()
            .map_or_else(|| "The demo".to_string(), |d| d.document.title.clone()),
        source: "<demo>".to_string(),
        site: "demo".to_string(),
        comments: demo.map_or(0, |d| d.document.comments.comment_count()),
        bookmarks: 0,
        read_at: None,
    }
}

/// What the library keeps of the document the reader opened, under its
/// key; a fresh fetch (not an offline copy) is dated now.
fn library_entry(
    source: &InputSource,
    app: &App,
    warnings: &[Warning],
    kept_copy: bool,
) -> Option<(String, LibraryEntry)> {
    let key = source.library_key()?;
    let now = tread::age::now();
    let offline = warnings
        .iter()
        .any(|w| matches!(w, Warning::Offline { .. }));
    let fetched = matches!(source, InputSource::Address(_)) && !offline && !kept_copy;
    let entry = LibraryEntry {
        source: source
            .absolute_path()
            .unwrap_or_else(|| source.display_name()),
        title: app.document.title.clone(),
        site: source.site(),
        comments: app.document.comments.comment_count(),
        doc_key: app.doc_key.clone(),
        read_at: now,
        fetched_at: fetched.then_some(now),
        ..LibraryEntry::default()
    };
    Some((key, entry))
}

/// A document loaded (or its start, when it opens in parts), the first
/// warning for the status bar, its fresh copy on the way when the kept one
/// was opened, and the rest on its way when it opens in parts.
type OpenedDocument = (
    Loaded,
    Option<String>,
    Option<tui::Refresh>,
    Option<(Loading, tui::Refresh)>,
);

/// The terminal, taken now if it is not yet.
fn terminal_of(session: &mut Option<Session>) -> Result<&mut Session, Error> {
    match session {
        Some(session) => Ok(session),
        None => Ok(session.insert(Session::start().map_err(|source| Error::Terminal { source })?)),
    }
}

/// The document loaded, with the first warning for the status bar, and
/// the terminal taken; None when the user cancelled. An address is fetched
/// behind the loading screen, as it takes a while; a file given on the
/// command line loads before the terminal is taken, so that an error is
/// one line in the shell.
fn open_in_terminal(
    session: &mut Option<Session>,
    source: &InputSource,
    input: InputOptions,
    fresh: bool,
) -> Result<Option<OpenedDocument>, Error> {
    let terminal_error = |source| Error::Terminal { source };
    if !fresh && let Some(kept) = source.load_kept(input.format, input.limit()) {
        // Read before: its kept copy at once, a fresh one fetched meanwhile.
        let loaded = kept?;
        terminal_of(session)?;
        let warning = loaded.warnings.first().map(ToString::to_string);
        return Ok(Some((
            loaded,
            warning,
            Some(refresh_in_background(source, input)),
            None,
        )));
    }
    if !matches!(source, InputSource::Address(_)) {
        // A large file: its start at once, the rest read while it is shown.
        if let Some(parts) = opening::open(source, input.format, input.limit())? {
            let warning = parts.loaded.warnings.first().map(ToString::to_string);
            terminal_of(session)?;
            let rest = Some((parts.loading, parts.rest));
            return Ok(Some((parts.loaded, warning, None, rest)));
        }
        if session.is_some() {
            // The screen is up (the library): warnings go to the status bar.
            let loaded = source.load(input.format, input.limit())?;
            release_freed_memory();
            let warning = loaded.warnings.first().map(ToString::to_string);
            return Ok(Some((loaded, warning, None, None)));
        }
        let loaded = load(source, input)?;
        let warning = (loaded.warnings.first()).map(|warning| format!("{warning} (see stderr)"));
        terminal_of(session)?;
        return Ok(Some((loaded, warning, None, None)));
    }
    let session = terminal_of(session)?;
    let progress = Arc::default();
    let job = {
        let (source, progress) = (source.clone(), Arc::clone(&progress));
        move || source.load_counted(input.format, input.limit(), &progress)
    };
    let what = source.display_name();
    match tui::loading::wait_for(session, &what, &progress, job).map_err(terminal_error)? {
        Outcome::Cancelled => Ok(None),
        Outcome::Done(loaded) => {
            let loaded = loaded?;
            release_freed_memory();
            // On the loading screen stderr is not seen: warnings go to the
            // status bar only.
            let warning = loaded.warnings.first().map(ToString::to_string);
            Ok(Some((loaded, warning, None, None)))
        }
    }
}

fn bookmarks_command(command: BookmarksCommand) -> Result<String, Error> {
    let store = Store::from_env()?;
    let now = tread::age::now();
    match command {
        BookmarksCommand::List { json } => bookmarks_cmd::list(&store, json, now),
        BookmarksCommand::Add {
            file,
            at,
            note,
            input,
        } => {
            let target = bookmarks_cmd::parse_at(&at)?;
            let source = InputSource::from_arg(Some(&file));
            let loaded = load(&source, input)?;
            bookmarks_cmd::add(&store, &source, &loaded.document, target, note, now)
        }
        BookmarksCommand::Remove { id } => bookmarks_cmd::remove(&store, &id),
        BookmarksCommand::Export { format } => match format {
            ExportFormat::Markdown => bookmarks_cmd::export_markdown(&store),
            ExportFormat::Json => bookmarks_cmd::export_json(&store),
        },
    }
}

/// Loads the input and reports warnings once, on stderr.
fn load(source: &InputSource, input: InputOptions) -> Result<Loaded, Error> {
    let loaded = source.load(input.format, input.limit())?;
    release_freed_memory();
    for warning in &loaded.warnings {
        let _ = writeln!(
            std::io::stderr(),
            "tread: {}: warning: {warning}",
            source.display_name()
        );
    }
    Ok(loaded)
}

/// Hands the input's bytes and the loaders' scratch, freed by now, back to
/// the system. mimalloc would keep them for a second, while the reader or
/// the dump fills fresh memory: the peak would hold the input twice over.
fn release_freed_memory() {
    #[cfg(feature = "mimalloc")]
    // SAFETY: mi_collect only walks mimalloc's own free lists; any thread
    // may call it at any time.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}

fn terminal_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((columns, _)) = crossterm::terminal::size()
        && columns > 0
    {
        return usize::from(columns);
    }
    DEFAULT_DUMP_WIDTH
}

fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|source| Error::Write {
            what: "standard output".to_string(),
            source,
        })
}
