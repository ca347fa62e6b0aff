//! What the reader waits for on other threads, arriving as [`Message`]s
//! while it runs: the rest of a large file opened in parts (its start is
//! on screen at once), a fresh copy of a thread, the replies of a stub, a
//! linked article. The glue between where bytes come from (`source`) and
//! the reader (`app`, `tui`), which know nothing of each other.

use std::sync::{Arc, mpsc};

use crate::app::Message;
use crate::app::loading::{Finished, Loading};
use crate::cli::InputOptions;
use crate::formats::{Format, Loaded};
use crate::source::article;
use crate::source::in_parts::{Part, open_in_parts};
use crate::source::{InputSource, SourceError};
use crate::tui;

/// A document opened in parts: its start, how far loading is, and the
/// messages that bring the rest.
pub struct InParts {
    pub loaded: Loaded,
    pub loading: Loading,
    pub rest: mpsc::Receiver<Message>,
}

/// Opens `source` in parts, when it is a large file of a format read so;
/// None when it is to be read whole.
pub fn open(
    source: &InputSource,
    forced: Option<Format>,
    limit: u64,
) -> Result<Option<InParts>, SourceError> {
    let (send, rest) = mpsc::channel();
    let deliver = move |part| {
        // The reader may have quit: what is still read goes nowhere.
        let _ = send.send(message_of(part));
    };
    let Some(opening) = open_in_parts(source, forced, limit, deliver)? else {
        return Ok(None);
    };
    Ok(Some(InParts {
        loaded: Loaded {
            document: opening.preview.document,
            warnings: opening.preview.warnings,
        },
        loading: Loading::of(opening.total),
        rest,
    }))
}

fn message_of(part: Part) -> Message {
    match part {
        Part::Comments { comments, parsed } => Message::Arrived { comments, parsed },
        Part::Done(done) => match *done {
            Ok(rest) => Message::Loaded(Box::new(Finished {
                warning: rest.warnings.first().map(ToString::to_string),
                whole: rest.whole,
                document: rest.document,
            })),
            Err(error) => Message::LoadFailed(error.to_string()),
        },
    }
}

/// For a thread opened by its address: fetching the replies of a stub, on
/// a thread, the thread with them coming back to the reader.
pub fn expander_for(source: &InputSource, input: InputOptions) -> Option<tui::Expander> {
    if !matches!(source, InputSource::Address(_)) {
        return None;
    }
    let source = source.clone();
    Some(Box::new(move |stub: &str| {
        let (source, stub) = (source.clone(), stub.to_string());
        Some(tui::in_background(move || {
            match source.expand_stub(&stub, input.format, input.limit()) {
                Ok(loaded) => Message::Refreshed(Box::new(loaded.document)),
                Err(error) => Message::RepliesFailed(error.to_string()),
            }
        }))
    }))
}

/// Fetches a link post's article on a thread, for the reader to take.
pub fn article_fetcher(thread_key: Option<String>, input: InputOptions) -> tui::ArticleFetcher {
    Box::new(move |address: &str| {
        let address = address.to_string();
        let key = article::linked_key(thread_key.as_deref(), &address);
        tui::in_background(move || {
            match article::fetch_page(&address, &key, input.limit(), &Arc::default()) {
                Ok(page) => Message::ArticleFetched {
                    address,
                    page: Box::new(page),
                },
                Err(error) => Message::ArticleFailed {
                    address,
                    why: error.to_string(),
                },
            }
        })
    })
}

/// Fetches a fresh copy of `source` on a thread, for the reader to take.
pub fn refresh_in_background(source: &InputSource, input: InputOptions) -> tui::Refresh {
    let source = source.clone();
    tui::in_background(
        move || match source.load_fresh(input.format, input.limit()) {
            Ok(loaded) => Message::Refreshed(Box::new(loaded.document)),
            Err(error) => Message::RefreshFailed(error.to_string()),
        },
    )
}
