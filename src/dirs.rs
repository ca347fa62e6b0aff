//! Where tread keeps things on this platform: the data directory (the
//! store) and the config directory, as DESIGN.md fixes them.

/// tread's data and config directories on this platform.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "tread")
}
