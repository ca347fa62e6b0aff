//! The reader on a generated 100,000-comment thread: time from bytes to the
//! first drawn frame, and keypresses (update + draw) that touch the whole
//! tree. Drawn to ratatui's TestBackend at 200x60. By size and format: the
//! first frame of a large file opened in parts (its preview), and the time
//! until all of it has arrived.
//!
//! Run: `cargo bench --bench reader` (`TREAD_BENCH_MILLION=1` adds
//! 1,000,000 comments to `first_frame/` and `full_load/`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use tread::app::PromptKey;
use tread::app::loading::{Finished, Loading};
use tread::app::{Action, App, Message};
use tread::formats::{self, native, stream};
use tread::synthetic;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

fn open(bytes: &[u8]) -> App {
    let document = formats::load(bytes, None).unwrap().document;
    let mut app = App::new(
        document,
        "bench".to_string(),
        tread::config::default_keymap(),
        Rect::new(0, 0, WIDTH, HEIGHT),
    );
    app.update(Message::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    app
}

/// The reader on the preview of `bytes`, as a large file opens: its first
/// megabyte and its last 64 KiB read, the rest still to come; and the
/// format the rest is read in.
fn open_in_parts(bytes: &[u8]) -> (App, formats::Format) {
    let tail = &bytes[bytes.len().saturating_sub(stream::TAIL_BYTES)..];
    let prefix = &bytes[..bytes.len().min(stream::PREVIEW_BYTES)];
    let preview = stream::preview(prefix, Some(tail), None)
        .unwrap()
        .expect("a preview");
    let mut app = App::new(
        preview.document,
        "bench".to_string(),
        tread::config::default_keymap(),
        Rect::new(0, 0, WIDTH, HEIGHT),
    );
    app.loading = Some(Loading::of(bytes.len() as u64));
    app.update(Message::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    (app, preview.format)
}

/// Reads the rest of `bytes` into `app`, opened on its preview, batch by
/// batch through `App::update` as the reader takes them.
fn load_rest(app: &mut App, format: formats::Format, bytes: Vec<u8>) {
    let (send, arrived) = std::sync::mpsc::channel();
    let skip = app.document.comments.len();
    let rest = stream::load_rest(bytes, format, skip, move |comments, at| {
        let _ = send.send(Message::Arrived {
            comments,
            parsed: at as u64,
        });
    })
    .unwrap();
    for message in arrived.try_iter() {
        app.update(message);
    }
    app.update(Message::Loaded(Box::new(Finished {
        whole: rest.whole,
        document: rest.document,
        warning: None,
    })));
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
}

fn first_frame(c: &mut Criterion) {
    let native_json = native::write(&synthetic::discussion(100_000));
    // An HN export: comment HTML is converted lazily, so this also shows
    // what the first frame costs with only the comments on screen converted.
    let hn = synthetic::hn_algolia_json(100_000);
    let mut group = c.benchmark_group("reader_100k");
    group.sample_size(10);
    bytes_to_first_frame(
        &mut group,
        &[
            ("bytes_to_first_frame", &native_json),
            ("hn_bytes_to_first_frame", &hn),
        ],
    );
    group.finish();
}

/// Bytes to the first frame by size and format, opened in parts as the
/// reader opens a large file: it should not grow with the file. And bytes
/// to the last comment arrived. `TREAD_BENCH_MILLION=1` adds 1,000,000
/// comments.
fn first_frame_by_size(c: &mut Criterion) {
    let mut sizes = vec![10_000, 100_000];
    if std::env::var_os("TREAD_BENCH_MILLION").is_some() {
        sizes.push(1_000_000);
    }
    let mut group = c.benchmark_group("in_parts");
    group.sample_size(10);
    for comments in sizes {
        let document = synthetic::discussion(comments);
        let files = [
            (format!("native_{comments}"), native::write(&document)),
            (
                format!("hn_{comments}"),
                synthetic::hn_algolia_json_of(&document),
            ),
            (
                format!("reddit_{comments}"),
                synthetic::reddit_json(&document),
            ),
        ];
        drop(document);
        for (name, bytes) in &files {
            group.bench_function(format!("first_frame/{name}"), |b| {
                b.iter_batched(
                    || (),
                    |()| {
                        let (app, _) = open_in_parts(black_box(bytes.as_bytes()));
                        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
                        draw(&mut terminal, &app);
                        app
                    },
                    BatchSize::PerIteration,
                )
            });
            group.bench_function(format!("full_load/{name}"), |b| {
                // The file as read into memory, which the rest's reading
                // takes over: copied outside the time measured.
                b.iter_batched(
                    || bytes.as_bytes().to_vec(),
                    |read| {
                        let (mut app, format) = open_in_parts(black_box(&read));
                        load_rest(&mut app, format, read);
                        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
                        draw(&mut terminal, &app);
                        app
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

fn bytes_to_first_frame(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    files: &[(&str, &String)],
) {
    for &(name, bytes) in files {
        group.bench_function(name, |b| {
            b.iter_batched(
                || (),
                |()| {
                    let app = open(black_box(bytes.as_bytes()));
                    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
                    draw(&mut terminal, &app);
                    app
                },
                BatchSize::PerIteration,
            )
        });
    }
}

/// Times `action` + a frame, after `prepare` (untimed) sets the state up.
fn keypress(
    c: &mut Criterion,
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    name: &str,
    prepare: &[Action],
    action: Action,
) {
    c.bench_function(&format!("reader_100k/keypress/{name}"), |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                for &step in prepare {
                    app.update(step);
                }
                draw(terminal, app);
                let start = Instant::now();
                app.update(action);
                draw(terminal, app);
                total += start.elapsed();
            }
            total
        })
    });
}

fn keypresses(c: &mut Criterion) {
    let bytes = native::write(&synthetic::discussion(100_000));
    let mut app = open(bytes.as_bytes());
    app.update(Action::FocusNext);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    use Action::*;
    keypress(
        c,
        &mut app,
        &mut terminal,
        "unfold_all",
        &[FoldAll],
        UnfoldAll,
    );
    keypress(
        c,
        &mut app,
        &mut terminal,
        "fold_all",
        &[UnfoldAll],
        FoldAll,
    );
    keypress(
        c,
        &mut app,
        &mut terminal,
        "last_comment",
        &[UnfoldAll, Top],
        Bottom,
    );
    keypress(
        c,
        &mut app,
        &mut terminal,
        "page_down_at_end",
        &[UnfoldAll, Bottom],
        PageDown,
    );
    keypress(
        c,
        &mut app,
        &mut terminal,
        "next_comment",
        &[UnfoldAll, Top],
        NextComment,
    );
    // Rebuilds the whole tree in the next order: the one key that does.
    keypress(
        c,
        &mut app,
        &mut terminal,
        "sort_comments",
        &[],
        SortComments,
    );
}

/// Search on the whole 100k-comment thread: from Enter in the prompt to the
/// frame showing the first match, typing the query untimed. Folded threads
/// are searched too, so the thread is folded first.
fn search(c: &mut Criterion) {
    let bytes = native::write(&synthetic::discussion(100_000));
    let mut app = open(bytes.as_bytes());
    app.update(Action::FocusNext);
    app.update(Action::FoldAll);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let queries = [
        ("common_word", "sleeper", false),
        ("rare_phrase", "compartment operator infrastructure", false),
        ("capitals_exact", "Europe", false),
        ("regex", "chea?per|fast(er)?", true),
    ];
    for (name, query, regex) in queries {
        c.bench_function(&format!("reader_100k/search/{name}"), |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    app.update(Action::Search);
                    if regex != app.prompt_is_regex() {
                        app.update(Message::Prompt(PromptKey::ToggleRegex));
                    }
                    for c in query.chars() {
                        app.update(Message::Prompt(PromptKey::Char(c)));
                    }
                    let start = Instant::now();
                    app.update(Message::Prompt(PromptKey::Enter));
                    draw(&mut terminal, &app);
                    total += start.elapsed();
                }
                total
            })
        });
    }
}

criterion_group!(
    benches,
    first_frame,
    first_frame_by_size,
    keypresses,
    search
);
criterion_main!(benches);
