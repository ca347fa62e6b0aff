//! The loading screen, drawn while a document is fetched: what is being
//! fetched, how many requests and bytes so far, and how to cancel.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::draw_centered;

pub struct LoadingScreen<'a> {
    /// What is being fetched, as the user gave it.
    pub what: &'a str,
    pub requests: u32,
    pub bytes: u64,
    pub seconds: u64,
}

impl Widget for LoadingScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let requests = match self.requests {
            0 => "connecting".to_string(),
            1 => "1 request".to_string(),
            n => format!("{n} requests"),
        };
        let lines = [
            format!("Fetching {}", self.what),
            String::new(),
            format!("{requests} · {} · {} s", received(self.bytes), self.seconds),
            String::new(),
            "q cancel".to_string(),
        ];
        draw_centered(&lines, area, buf);
    }
}

/// Bytes as a reader glances at them: "0 KB", "143.2 KB", "12.5 MB".
fn received(bytes: u64) -> String {
    match bytes {
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1_000.0),
        b => format!("{:.1} MB", b as f64 / 1_000_000.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_how_far_and_how_to_cancel() {
        let area = Rect::new(0, 0, 60, 9);
        let mut buf = Buffer::empty(area);
        LoadingScreen {
            what: "https://news.ycombinator.com/item?id=1",
            requests: 2,
            bytes: 143_200,
            seconds: 3,
        }
        .render(area, &mut buf);
        let text: String = (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        assert!(
            text.contains("Fetching https://news.ycombinator.com/item?id=1"),
            "{text}"
        );
        assert!(text.contains("2 requests · 143.2 KB · 3 s"), "{text}");
        assert!(text.contains("q cancel"), "{text}");
    }
}
