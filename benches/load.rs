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

criterion_group!(benches, load, mail_month);
criterion_main!(benches);
