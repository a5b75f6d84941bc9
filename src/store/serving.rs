//! A store that `newskg serve` holds open says so in a file inside its
//! directory (`newskg-serving`: the query endpoint's URL), so that another
//! newskg command on the same directory goes through the endpoint instead
//! of being locked out. The file is only a hint: it is believed when the
//! store is locked and the endpoint answers. Writes and removes that one
//! file; never touches the store's own files.

use super::server::{RemoteConfig, RemoteSettings, ServerKind};
use std::path::{Path, PathBuf};

const FILE: &str = "newskg-serving";

fn file(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Says that `dir` is served at `url` until the returned guard is dropped
/// (or [`withdraw`] is called).
pub fn announce(dir: &Path, url: &str) -> std::io::Result<Announcement> {
    std::fs::write(file(dir), format!("{url}\n"))?;
    Ok(Announcement {
        dir: dir.to_path_buf(),
    })
}

/// Takes back what [`announce`] said (for a process about to exit).
pub fn withdraw(dir: &Path) {
    let _ = std::fs::remove_file(file(dir));
}

/// Removes the announcement when dropped.
pub struct Announcement {
    dir: PathBuf,
}

impl Drop for Announcement {
    fn drop(&mut self) {
        withdraw(&self.dir);
    }
}

/// How to reach the server that says it serves `dir`, if one does.
pub(super) fn served_at(dir: &Path) -> Option<RemoteConfig> {
    let text = std::fs::read_to_string(file(dir)).ok()?;
    let url = text.lines().next()?.trim();
    RemoteConfig::new(RemoteSettings {
        endpoint: url.to_string(),
        kind: Some(ServerKind::Oxigraph),
        ..Default::default()
    })
    .ok()
}
