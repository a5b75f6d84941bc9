//! How a REPL session holds its store: open to read, so that other newskg
//! processes can read the same store while the session stays open all day,
//! and open to write only for the statement or command that writes (an
//! update, `.load`, `.build`), which then needs every other reader to have
//! let go. Opens and closes the store; runs nothing on it.

use super::Session;
use crate::store::{Access, Location, Store, StoreError};
use std::sync::Arc;

/// Opens the store at `at` for a session: to read, after creating it when
/// the directory does not exist. Returns the store and whether it is new.
pub(super) fn open(at: &Location) -> Result<(Store, bool), StoreError> {
    let new = matches!(at, Location::Local { dir, .. } if !dir.join("CURRENT").exists());
    if new {
        drop(Store::connect(at, Access::Write)?);
    }
    Ok((Store::connect(at, Access::Read)?, new))
}

impl Session {
    /// The store (there is always one between statements).
    pub(super) fn store(&self) -> &Arc<Store> {
        self.store
            .as_ref()
            .expect("the session holds a store between statements")
    }

    /// Opens the store to write, in place of the reader. When another
    /// process reads or writes it, says who (the reader stays open).
    pub(super) fn open_to_write(&mut self) -> Result<(), String> {
        if self.store().is_writable() {
            return Ok(());
        }
        let Some(at) = self.at.clone() else {
            return Err(format!(
                "the store {} is open only to read",
                self.store().name()
            ));
        };
        // A cancelled query still being planned holds the reader: let it end.
        for cancelled in self.abandoned.drain(..) {
            let _ = cancelled.join();
        }
        // The reader goes first: its lock would exclude this process too.
        self.store = None;
        match Store::connect(&at, Access::Write) {
            Ok(writer) => {
                self.store = Some(Arc::new(writer));
                Ok(())
            }
            Err(e) => {
                self.open_to_read();
                Err(e.to_string())
            }
        }
    }

    /// Opens the store to read again after a write (or a failed attempt),
    /// waiting for a writer that came in between. A store that cannot be
    /// opened any more ends the session.
    pub(super) fn open_to_read(&mut self) {
        let Some(at) = self.at.clone() else {
            return;
        };
        if self
            .store
            .as_ref()
            .is_some_and(|s| s.is_remote() || !s.is_writable())
        {
            return;
        }
        self.store = None;
        let at = match at {
            Location::Local { dir, .. } => Location::Local { dir, wait: true },
            remote => remote,
        };
        match Store::connect(&at, Access::Read) {
            Ok(reader) => self.store = Some(Arc::new(reader)),
            Err(e) => {
                eprintln!("newskg: {e}; the session ends");
                std::process::exit(crate::cli::EXIT_BAD_INPUT);
            }
        }
    }
}
