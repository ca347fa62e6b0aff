//! A drawn screen as an SVG picture: the TestBackend's cells on a fixed
//! grid, their colours from a fixed palette (xterm's sixteen and its 256
//! colour cube), for the README's screenshots.

use std::fmt::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use tread::text::wrap::display_width;

/// One cell's size in pixels, and the font size that fills it: a monospace
/// font's advance is 0.6 of its size.
const CELL_WIDTH: u32 = 9;
const CELL_HEIGHT: u32 = 18;
const FONT_SIZE: u32 = 15;
/// Where the text's baseline sits below the top of its row.
const BASELINE: u32 = 14;
const FONTS: &str =
    "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, 'Noto Sans Mono CJK JP', monospace";

/// The terminal's own colours, where a cell says `Reset`.
const DEFAULT_FOREGROUND: &str = "#d0d0d0";
const DEFAULT_BACKGROUND: &str = "#121212";

/// xterm's default sixteen colours, in ANSI order.
const ANSI: [&str; 16] = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
    "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
];

/// `buffer` as an SVG document titled `title`.
pub fn render(buffer: &Buffer, title: &str) -> String {
    let area = buffer.area;
    let (width, height) = (
        u32::from(area.width) * CELL_WIDTH,
        u32::from(area.height) * CELL_HEIGHT,
    );
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONTS}\" font-size=\"{FONT_SIZE}\">"
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(title));
    let _ = writeln!(
        svg,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"{DEFAULT_BACKGROUND}\"/>"
    );
    let rows: Vec<Vec<Drawn>> = (0..area.height)
        .map(|y| row_cells(buffer, area.y + y))
        .collect();
    for (y, row) in rows.iter().enumerate() {
        backgrounds(&mut svg, row, y as u32);
    }
    svg.push_str("<g>\n");
    for (y, row) in rows.iter().enumerate() {
        texts(&mut svg, row, y as u32);
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// What one visible cell shows: its text, how many columns it takes, and
/// its colours with reversal applied.
struct Drawn<'a> {
    symbol: &'a str,
    column: u32,
    width: u32,
    foreground: String,
    background: String,
    modifier: Modifier,
}

/// The cells of row `y` a terminal shows: the cells a wide character
/// covers are left out, as ratatui leaves them out when it draws.
fn row_cells(buffer: &Buffer, y: u16) -> Vec<Drawn<'_>> {
    let area = buffer.area;
    let mut cells = Vec::new();
    let mut covered = 0;
    for x in area.x..area.right() {
        if covered > 0 {
            covered -= 1;
            continue;
        }
        let cell = &buffer[(x, y)];
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(char::is_control),
            "a control character reached the screen at ({x}, {y}): {symbol:?}"
        );
        let width = display_width(symbol).max(1) as u32;
        covered = width - 1;
        let (foreground, background) = colours(cell);
        cells.push(Drawn {
            symbol,
            column: u32::from(x - area.x),
            width,
            foreground,
            background,
            modifier: cell.modifier,
        });
    }
    cells
}

/// A cell's text and background colours as drawn.
fn colours(cell: &Cell) -> (String, String) {
    let foreground = hex(cell.fg).unwrap_or_else(|| DEFAULT_FOREGROUND.to_string());
    let background = hex(cell.bg).unwrap_or_else(|| DEFAULT_BACKGROUND.to_string());
    if cell.modifier.contains(Modifier::REVERSED) {
        (background, foreground)
    } else {
        (foreground, background)
    }
}

/// A colour as `#rrggbb`; None for the terminal's default.
fn hex(colour: Color) -> Option<String> {
    let ansi = |index: usize| Some(ANSI[index].to_string());
    match colour {
        Color::Reset => None,
        Color::Black => ansi(0),
        Color::Red => ansi(1),
        Color::Green => ansi(2),
        Color::Yellow => ansi(3),
        Color::Blue => ansi(4),
        Color::Magenta => ansi(5),
        Color::Cyan => ansi(6),
        Color::Gray => ansi(7),
        Color::DarkGray => ansi(8),
        Color::LightRed => ansi(9),
        Color::LightGreen => ansi(10),
        Color::LightYellow => ansi(11),
        Color::LightBlue => ansi(12),
        Color::LightMagenta => ansi(13),
        Color::LightCyan => ansi(14),
        Color::White => ansi(15),
        Color::Indexed(index) => Some(indexed(index)),
        Color::Rgb(r, g, b) => Some(format!("#{r:02x}{g:02x}{b:02x}")),
    }
}

/// xterm's 256 colours: the sixteen, a 6×6×6 cube, then 24 greys.
fn indexed(index: u8) -> String {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match index {
        0..=15 => ANSI[usize::from(index)].to_string(),
        16..=231 => {
            let cube = index - 16;
            let (r, g, b) = (cube / 36, cube / 6 % 6, cube % 6);
            let level = |i: u8| LEVELS[usize::from(i)];
            format!("#{:02x}{:02x}{:02x}", level(r), level(g), level(b))
        }
        _ => {
            let grey = 8 + 10 * (index - 232);
            format!("#{grey:02x}{grey:02x}{grey:02x}")
        }
    }
}

/// One rectangle for each run of cells on a row with the same background
/// other than the terminal's.
fn backgrounds(svg: &mut String, row: &[Drawn], y: u32) {
    let mut start = 0;
    while start < row.len() {
        let fill = &row[start].background;
        let end = start
            + row[start..]
                .iter()
                .take_while(|c| &c.background == fill)
                .count();
        if fill != DEFAULT_BACKGROUND {
            let last = &row[end - 1];
            let x = row[start].column * CELL_WIDTH;
            let width = (last.column + last.width) * CELL_WIDTH - x;
            let _ = writeln!(
                svg,
                "<rect x=\"{x}\" y=\"{}\" width=\"{width}\" height=\"{CELL_HEIGHT}\" fill=\"{fill}\"/>",
                y * CELL_HEIGHT
            );
        }
        start = end;
    }
}

/// The style a run of text shares.
fn text_style<'a>(cell: &'a Drawn) -> (&'a str, Modifier) {
    let shown = Modifier::BOLD | Modifier::DIM | Modifier::ITALIC | Modifier::UNDERLINED;
    (&cell.foreground, cell.modifier & shown)
}

/// One `<text>` for each run of cells on a row with the same style, its
/// length fixed to the cells it covers so the grid holds whatever font
/// draws it. A wide character is a run of its own: spreading a run's
/// letters evenly would put the narrow ones beside it off the grid.
fn texts(svg: &mut String, row: &[Drawn], y: u32) {
    let mut start = 0;
    while start < row.len() {
        let style = text_style(&row[start]);
        let wide = row[start].width > 1;
        let end = if wide {
            start + 1
        } else {
            start
                + row[start..]
                    .iter()
                    .take_while(|c| c.width == 1 && text_style(c) == style)
                    .count()
        };
        text_run(svg, &row[start..end], y);
        start = end;
    }
}

/// A run of cells of one style as `<text>`, without the blanks at its ends
/// (nothing to draw there unless it is underlined).
fn text_run(svg: &mut String, run: &[Drawn], y: u32) {
    let (foreground, modifier) = text_style(&run[0]);
    let underlined = modifier.contains(Modifier::UNDERLINED);
    let blank = |c: &&Drawn| c.symbol.trim().is_empty();
    let run = if underlined {
        run
    } else {
        let Some(first) = run.iter().position(|c| !blank(&c)) else {
            return;
        };
        let last = run.iter().rposition(|c| !blank(&c)).unwrap_or(first);
        &run[first..=last]
    };
    let x = run[0].column * CELL_WIDTH;
    let length: u32 = run.iter().map(|c| c.width).sum::<u32>() * CELL_WIDTH;
    // No-break spaces: browsers collapse runs of plain ones, whatever
    // xml:space says, and would spread the letters to fill the length.
    let text: String = run
        .iter()
        .map(|c| c.symbol.replace(' ', "\u{a0}"))
        .collect();
    let mut attributes = format!(
        "x=\"{x}\" y=\"{}\" textLength=\"{length}\" fill=\"{foreground}\"",
        y * CELL_HEIGHT + BASELINE
    );
    for (flag, attribute) in [
        (Modifier::BOLD, " font-weight=\"bold\""),
        (Modifier::ITALIC, " font-style=\"italic\""),
        (Modifier::UNDERLINED, " text-decoration=\"underline\""),
        (Modifier::DIM, " opacity=\"0.6\""),
    ] {
        if modifier.contains(flag) {
            attributes.push_str(attribute);
        }
    }
    let _ = writeln!(svg, "<text {attributes}>{}</text>", escape(&text));
}

/// Text safe inside an XML element or attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            _ => escaped.push(c),
        }
    }
    escaped
}
