//! Carrying out what the app asked for: store changes (here, or on the
//! saving thread), opening a link, copying, and what needs the terminal
//! itself (suspending, redrawing it whole).

use std::io;

use crate::app::{App, Effect, Message};
use crate::store::Store;

use super::browser;
use super::external;
use super::saving::{self, Saver};
use super::terminal;

/// Where the store effects go.
pub(super) enum Saves<'a> {
    /// No data directory: nothing can be saved, and the reader says so.
    Nowhere,
    /// Saved here and now, the answers applied before returning.
    Here(&'a Store),
    /// Handed to the saving thread; its answers come back to the loop.
    Background(&'a Saver),
}

/// Carries out the app's queued effects (store changes, opening a link,
/// copying) in the foreground, telling the app how they went. Without a
/// store (no data directory) the reader goes on and says so.
pub fn run_effects(app: &mut App, store: Option<&Store>) {
    carry_out_effects(app, store.map_or(Saves::Nowhere, Saves::Here));
}

pub(super) fn carry_out_effects(app: &mut App, saves: Saves) {
    let effects = std::mem::take(&mut app.effects);
    for effect in effects {
        match effect {
            // Started by the event loop, which has the fetches.
            Effect::FetchReplies { .. } | Effect::FetchArticle { .. } => app.effects.push(effect),
            Effect::OpenUrl(url) => {
                if let Err(error) = browser::open_url(&url) {
                    let why = browser::why_not_opened(&url, &error);
                    app.update(Message::StoreNotice(why));
                }
            }
            Effect::CopyToClipboard(text) => terminal::copy_to_clipboard(&text),
            // Carried out by the event loop, which has the terminal.
            Effect::Suspend | Effect::Redraw => {}
            effect => match saves {
                Saves::Nowhere => app.update(Message::StoreNotice(
                    "Not saved: no data directory (set TREAD_DATA_DIR)".to_string(),
                )),
                Saves::Here(store) => {
                    for message in saving::save(store, effect, crate::age::now()) {
                        app.update(message);
                    }
                }
                Saves::Background(saver) => saver.send(effect),
            },
        }
    }
}

/// Where the store effects of the running reader go.
pub(super) fn saves(saver: Option<&Saver>) -> Saves<'_> {
    saver.map_or(Saves::Nowhere, Saves::Background)
}

/// Carries out what needs the terminal itself (suspending, redrawing it
/// whole), then the other effects.
pub(super) fn carry_out(
    app: &mut App,
    saver: Option<&Saver>,
    guard: &mut terminal::TerminalGuard,
) -> io::Result<()> {
    let mut suspend = false;
    let mut redraw = false;
    let mut jobs = Vec::new();
    app.effects.retain(|effect| match effect {
        Effect::Page(text) => {
            jobs.push(external::Job::Page(text.clone()));
            false
        }
        Effect::Pipe { command, text } => {
            jobs.push(external::Job::Pipe {
                command: command.clone(),
                text: text.clone(),
            });
            false
        }
        Effect::Suspend => {
            suspend = true;
            false
        }
        Effect::Redraw => {
            redraw = true;
            false
        }
        _ => true,
    });
    carry_out_effects(app, saves(saver));
    for job in jobs {
        let said = external::run(guard, job)?;
        app.update(Message::StoreNotice(said));
    }
    if suspend {
        terminal::suspend(guard)?;
    } else if redraw {
        terminal::redraw_whole(guard)?;
    }
    Ok(())
}
