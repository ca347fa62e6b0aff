//! A thread opened by its address: fetched from its site, and kept in the
//! library's cache so that it opens offline, from the kept copy, when the
//! site cannot be reached. An address that names no discussion tread
//! knows is a web page, read in reader mode (`article`).

use std::sync::Arc;

use super::{InputSource, SourceError, article};
use crate::formats::{self, Format, Loaded, Warning};
use crate::net::{self, Address, ApiBases, Client, Fetched, NetError, Progress, Timeouts};
use crate::store::Store;

/// Fetches the thread at `address` (as `TREAD_*_API` say where each site
/// is), counting into `progress`.
pub(super) fn fetch(
    address: &Address,
    limit: u64,
    progress: &Arc<Progress>,
) -> Result<Fetched, NetError> {
    let client = Client::with(limit, Timeouts::default(), Arc::clone(progress));
    net::fetch(address, &ApiBases::from_env(), &client)
}

/// The thread at `address`, fetched and kept; offline, the kept copy (when
/// `offline_copy`), with a warning saying how old it is.
pub(super) fn load(
    name: &str,
    address: &str,
    (forced, limit): (Option<Format>, u64),
    progress: &Arc<Progress>,
    offline_copy: bool,
) -> Result<Loaded, SourceError> {
    if article::page_address(address).is_some() {
        let (document, warning) = if offline_copy {
            article::fetch_or_kept(address, &article::page_key(address), limit, progress)?
        } else {
            let key = article::page_key(address);
            (article::fetch_page(address, &key, limit, progress)?, None)
        };
        return Ok(Loaded {
            document,
            warnings: warning.into_iter().collect(),
        });
    }
    let discussion = Address::parse(address)?;
    let key = discussion.key();
    // Without a data directory there is nothing to keep, and reading goes on.
    let store = Store::from_env().ok();
    let format = forced.or(Some(discussion.format()));
    let parse = |bytes: &[u8]| {
        formats::load(bytes, format).map_err(|source| SourceError::Load {
            name: name.to_string(),
            source,
        })
    };
    match fetch(&discussion, limit, progress) {
        Ok(fetched) => {
            let loaded = parse(&fetched.bytes)?;
            // Kept only once it reads: a copy that cannot be kept (a full
            // disk) costs the offline copy, not this reading.
            if let Some(store) = &store {
                let _ = store.keep_copy(&key, &fetched.bytes);
            }
            Ok(loaded)
        }
        Err(error) if offline_copy && error.is_offline() => {
            let Some((bytes, fetched_at)) = store.and_then(|s| s.kept_copy(&key, limit)) else {
                return Err(error.into());
            };
            let mut loaded = parse(&bytes)?;
            loaded.warnings.insert(0, Warning::Offline { fetched_at });
            Ok(loaded)
        }
        Err(error) => Err(error.into()),
    }
}

/// What the library and the reader need to know of an input's address.
impl InputSource {
    /// The kept copy of an address's thread, read, when there is one: what
    /// the reader shows at once while a fresh copy is fetched.
    pub fn load_kept(
        &self,
        forced: Option<Format>,
        limit: u64,
    ) -> Option<Result<Loaded, SourceError>> {
        let InputSource::Address(address) = self else {
            return None;
        };
        if article::page_address(address).is_some() {
            let (document, _) = article::kept_page(&article::page_key(address), limit)?;
            let warnings = Vec::new();
            return Some(Ok(Loaded { document, warnings }));
        }
        let discussion = Address::parse(address).ok()?;
        let (bytes, _) = Store::from_env()
            .ok()?
            .kept_copy(&discussion.key(), limit)?;
        let format = forced.or(Some(discussion.format()));
        Some(
            formats::load(&bytes, format).map_err(|source| SourceError::Load {
                name: self.display_name(),
                source,
            }),
        )
    }

    /// The thread with the replies of Reddit stub `stub` fetched into it,
    /// and kept so for next time. The thread must have a kept copy (it was
    /// opened by its address).
    pub fn expand_stub(
        &self,
        stub: &str,
        forced: Option<Format>,
        limit: u64,
    ) -> Result<Loaded, SourceError> {
        let name = self.display_name();
        let refuse = |why: &str| SourceError::Load {
            name: name.clone(),
            source: formats::LoadError::Import(why.to_string()),
        };
        let discussion = match self {
            InputSource::Address(address) => Address::parse(address)?,
            _ => return Err(refuse("its replies are not in this file")),
        };
        if !matches!(discussion, Address::Reddit { .. }) || stub.starts_with("more") {
            return Err(refuse(
                "those replies are fetched by opening the thread at its comment",
            ));
        }
        let key = discussion.key();
        let store = Store::from_env().map_err(|_| refuse("no data directory for the thread"))?;
        let (bytes, _) = store
            .kept_copy(&key, limit)
            .ok_or_else(|| refuse("the thread's kept copy is gone; R fetches it again"))?;
        let client = Client::new(limit);
        let expanded = net::expand_more(&bytes, stub, &ApiBases::from_env(), &client)?;
        let loaded =
            formats::load(&expanded, forced.or(Some(discussion.format()))).map_err(|source| {
                SourceError::Load {
                    name: name.clone(),
                    source,
                }
            })?;
        let _ = store.keep_copy(&key, &expanded);
        Ok(loaded)
    }

    /// A fresh copy of an address's thread, kept for next time; no kept copy
    /// stands in for it when the site cannot be reached.
    pub fn load_fresh(&self, forced: Option<Format>, limit: u64) -> Result<Loaded, SourceError> {
        match self {
            InputSource::Address(address) => load(
                &self.display_name(),
                address,
                (forced, limit),
                &Arc::default(),
                false,
            ),
            other => other.load(forced, limit),
        }
    }

    /// What the library files this input under, the same however it was
    /// written (an address's `old.` or `www.`, a relative path); None for
    /// standard input, which cannot be opened again.
    pub fn library_key(&self) -> Option<String> {
        match self {
            InputSource::Demo => Some("demo".to_string()),
            InputSource::Stdin => None,
            InputSource::Address(address) => match article::page_address(address) {
                Some(_) => Some(article::page_key(address)),
                None => Address::parse(address).ok().map(|a| a.key()),
            },
            InputSource::File(_) => self.absolute_path(),
            // Two files have no one path to open them again by.
            InputSource::Pair(_) => None,
        }
    }

    /// The comment an address points at (a Reddit comment's permalink), by
    /// the id its thread gives it.
    pub fn focus(&self) -> Option<String> {
        match self {
            InputSource::Address(address) => Address::parse(address).ok()?.comment_key(),
            _ => None,
        }
    }

    /// Where the input is from, for the library: a site's host, "file", or
    /// "demo".
    pub fn site(&self) -> String {
        match self {
            InputSource::Demo => "demo".to_string(),
            InputSource::Address(address) => Address::parse(address).map_or_else(
                |_| net::host_of_address(address).unwrap_or_else(|| "web".to_string()),
                |a| a.host(),
            ),
            _ => "file".to_string(),
        }
    }
}
