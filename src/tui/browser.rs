//! Handing a link to the system's web browser.

use std::io;

/// Opens `url` with `$BROWSER`, else the desktop's opener, detached and with
/// its output discarded so the screen is not disturbed. The URL was checked
/// by the app (http, https or mailto, no control characters).
pub fn open_url(url: &str) -> io::Result<()> {
    use std::process::{Command, Stdio};
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let (program, mut args): (String, Vec<String>) = match browser {
        Some(browser) => {
            let mut words = browser.split_whitespace().map(str::to_string);
            let program = words.next().unwrap_or_default();
            (program, words.collect())
        }
        None if cfg!(target_os = "macos") => ("open".to_string(), Vec::new()),
        None => ("xdg-open".to_string(), Vec::new()),
    };
    // `$BROWSER` may say where the URL goes with %s.
    if let Some(slot) = args.iter_mut().find(|a| a.contains("%s")) {
        *slot = slot.replace("%s", url);
    } else {
        args.push(url.to_string());
    }
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Reap it whenever it ends, without waiting here.
    std::thread::spawn(move || child.wait());
    Ok(())
}
