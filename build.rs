//! Build provenance for `tread --version`: the git commit the binary was
//! built from, when it is built from a checkout (or from a package cargo
//! made of one, which records its commit in `.cargo_vcs_info.json`).
//! Without either, the version alone.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let commit = checkout_commit(&manifest).or_else(|| packaged_commit(&manifest));
    let long = match commit {
        Some(commit) => format!("{version} (commit {commit})"),
        None => version,
    };
    println!("cargo:rustc-env=TREAD_VERSION={long}");
    println!("cargo:rerun-if-changed=build.rs");
}

/// `git rev-parse HEAD` in the source tree, if it is a checkout and git is
/// there; asks cargo to run this again when HEAD or the branch moves.
fn checkout_commit(manifest: &Path) -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git")
            .args(args)
            .current_dir(manifest)
            .output()
            .ok()?;
        let text = String::from_utf8(output.stdout).ok()?;
        (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
    };
    // Only a checkout of this very tree: not a parent folder's repository
    // that happens to hold an unpacked copy.
    let top = git(&["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != manifest.canonicalize().ok()? {
        return None;
    }
    let commit = git(&["rev-parse", "HEAD"])?;
    // HEAD, and the branch it names (in the common folder of a worktree).
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    watched.extend(git(&["symbolic-ref", "-q", "HEAD"]));
    for name in watched {
        let Some(path) = git(&["rev-parse", "--git-path", &name]) else {
            continue;
        };
        let path = manifest.join(path);
        // A file that is not there would make cargo run this at every build.
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    Some(commit.chars().take(12).collect())
}

/// The commit `cargo package` recorded, for a build from a published crate.
fn packaged_commit(manifest: &Path) -> Option<String> {
    let path = manifest.join(".cargo_vcs_info.json");
    let info = std::fs::read_to_string(&path).ok()?;
    println!("cargo:rerun-if-changed={}", path.display());
    let at = info.find("\"sha1\"")?;
    let rest = &info[at + "\"sha1\"".len()..];
    let start = rest.find('"')? + 1;
    let end = start + rest[start..].find('"')?;
    let sha = &rest[start..end];
    sha.chars()
        .all(|c| c.is_ascii_hexdigit())
        .then(|| sha.chars().take(12).collect())
}
