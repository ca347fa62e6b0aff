//! Loading speed: bytes of a generated 100,000-comment discussion into the
//! model, in each format, and a mailing list's month of 2,300 messages.
//!
//! Run: `cargo bench --bench load`. Throughput is reported in MiB/s. Each
//! loaded document is dropped, untimed, before the next load, as in real use
//! where one document is open at a time.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use tread::formats::{self, Format, native, text};
use tread::synthetic;

// The same allocator as the binary, so the numbers are the user's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn load(c: &mut Criterion) {
    let document = synthetic::discussion(100_000);
    let native_json = native::write(&document);
    let plain_text = text::write(&document);
    // Only the bytes are needed from here on.
    drop(document);

    let mut group = c.benchmark_group("load_100k_comments");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(native_json.len() as u64));
    group.bench_function("native_json", |b| {
        b.iter_batched(
            || (),
            |()| formats::load(black_box(native_json.as_bytes()), None).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.throughput(Throughput::Bytes(plain_text.len() as u64));
    group.bench_function("plain_text", |b| {
        b.iter_batched(
            || (),
            |()| formats::load(black_box(plain_text.as_bytes()), Some(Format::Text)).unwrap(),
            BatchSize::PerIteration,
        )
    });
    let hn = synthetic::hn_algolia_json(100_000);
    group.throughput(Throughput::Bytes(hn.len() as u64));
    group.bench_function("hn_algolia", |b| {
        b.iter_batched(
            || (),
            |()| formats::load(black_box(hn.as_bytes()), None).unwrap(),
            BatchSize::PerIteration,
        )
    });
    let generated = synthetic::discussion(100_000);
    for (name, bytes) in [
        ("reddit", synthetic::reddit_json(&generated)),
        ("discourse", synthetic::discourse_json(&generated)),
        ("mbox", synthetic::mbox(&generated)),
    ] {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter_batched(
                || (),
                |()| formats::load(black_box(bytes.as_bytes()), None).unwrap(),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// A busy mailing list's month: 2,300 messages.
fn mail_month(c: &mut Criterion) {
    let archive = synthetic::mbox(&synthetic::discussion(2_300));
    let mut group = c.benchmark_group("load_mail_month");
    group.throughput(Throughput::Bytes(archive.len() as u64));
    group.bench_function("mbox_2300_messages", |b| {
        b.iter_batched(
            || (),
            |()| formats::load(black_box(archive.as_bytes()), None).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// A news page of about `size` bytes: a header, navigation and a sidebar
/// of links around an article of paragraphs with links and emphasis, as
/// reader mode meets them.
fn news_page(size: usize) -> String {
    let mut page = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>The night train is back | The Paper</title>\
         <meta name=\"author\" content=\"Ann Example\"></head><body>\
         <header><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav></header>\
         <aside><ul>",
    );
    for n in 0..200 {
        page.push_str(&format!(
            "<li><a href=\"/story/{n}\">Another story {n}</a></li>"
        ));
    }
    page.push_str("</ul></aside><article><h1>The night train is back</h1>");
    let mut n = 0;
    while page.len() < size {
        page.push_str(&format!(
            "<p>Paragraph {n}: the sleeper service to the coast runs again from <em>this \
             spring</em>, three nights a week, with <a href=\"/timetable/{n}\">a timetable</a> \
             that the operator says will grow if the carriages fill, and a fare that costs \
             less than a hotel room for the night.</p>"
        ));
        n += 1;
    }
    page.push_str("</article><footer>© The Paper</footer></body></html>");
    page
}

/// Reader mode on a 1 MB page: detection, extraction, blocks.
fn page(c: &mut Criterion) {
    let page = news_page(1 << 20);
    let mut group = c.benchmark_group("load_page");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("reader_mode_1mb", |b| {
        b.iter(|| formats::load(black_box(page.as_bytes()), None).unwrap())
    });
    group.finish();
}

criterion_group!(benches, load, mail_month, page);
criterion_main!(benches);
