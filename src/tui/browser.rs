//! Handing a link to the system's web browser.

use std::io;

/// What the reader is told when `url` could not be opened: with no opener
/// at all, which one was looked for and how to name one.
pub fn why_not_opened(url: &str, error: &io::Error) -> String {
    let browser_set = std::env::var("BROWSER").is_ok_and(|b| !b.trim().is_empty());
    describe_failure(url, error, browser_set)
}

fn describe_failure(url: &str, error: &io::Error, browser_set: bool) -> String {
    match error.kind() {
        io::ErrorKind::NotFound if browser_set => {
            format!("Could not open {url}: the program $BROWSER names is not found")
        }
        io::ErrorKind::NotFound => {
            let opener = if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            };
            format!(
                "Could not open {url}: $BROWSER is not set and there is no {opener}; \
                 set one, as export BROWSER=firefox"
            )
        }
        _ => format!("Could not open {url}: {error}"),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_opener_is_named_with_how_to_set_one() {
        let missing = io::Error::from(io::ErrorKind::NotFound);
        let unset = describe_failure("https://x.org", &missing, false);
        assert!(unset.contains("$BROWSER is not set"), "{unset}");
        assert!(unset.contains("export BROWSER="), "{unset}");
        let set = describe_failure("https://x.org", &missing, true);
        assert!(
            set.contains("the program $BROWSER names is not found"),
            "{set}"
        );
    }
}
