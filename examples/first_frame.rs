use ratatui::{Terminal, backend::TestBackend, layout::Rect};
use std::time::Instant;
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let bytes = tread::formats::native::write(&tread::synthetic::discussion(100_000));
    for _ in 0..3 {
        let t = Instant::now();
        let document = tread::formats::load(bytes.as_bytes(), None)
            .unwrap()
            .document;
        let t1 = t.elapsed();
        let mut app = tread::app::App::new(
            document,
            "b".into(),
            tread::app::keymap::Keymap::default_keymap(),
            Rect::new(0, 0, 200, 60),
        );
        let t2 = t.elapsed();
        app.update(tread::app::Message::Resize {
            width: 200,
            height: 60,
        });
        let t3 = t.elapsed();
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
        let t4 = t.elapsed();
        println!(
            "load {t1:?} new {t2:?} resize {t3:?} draw {t4:?} ({} MB)",
            bytes.len() / 1_000_000
        );
        std::mem::forget(app);
    }
}
