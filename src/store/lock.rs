//! Who may open an embedded store at once: any number of readers, or one
//! writer. Each newskg process takes an advisory lock (`flock`) on
//! `newskg.lock` in the store directory before it opens the database:
//! shared to read, exclusive to write. Oxigraph's read-only mode must not
//! see a store another process writes, and this lock is what keeps it from
//! doing so. When the lock is taken, the processes that hold it are named
//! (pid and command line, from `/proc/locks`). Touches only that file.

use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

const FILE: &str = "newskg.lock";

/// What a process wants to do with a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read only: many readers at once.
    Read,
    /// Read and write (creating the store when it is missing): one at a time.
    Write,
}

/// A lock held on a store directory, released when dropped (or when the
/// process ends, however it ends).
#[derive(Debug)]
pub struct StoreLock {
    _file: Option<File>,
}

/// The lock could not be had without waiting.
#[derive(Debug)]
pub struct Held {
    /// The processes that hold it, as "pid (command)", where they are known.
    pub holders: Vec<Holder>,
}

/// A process that holds a store's lock.
#[derive(Debug, Clone)]
pub struct Holder {
    pub pid: u32,
    pub writes: bool,
    pub command: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.command.is_empty() {
            write!(f, "process {}", self.pid)
        } else {
            write!(f, "process {} ({})", self.pid, self.command)
        }
    }
}

/// Takes the lock of the store in `dir` for `access`. Without `wait`, a
/// lock held by another process is an error naming its holders; with it,
/// `waiting` is called once with them and the call blocks until the lock is
/// free. A directory where the lock file cannot be created (a read-only
/// copy of a store) is read without one: nobody can write there either.
pub fn acquire(
    dir: &Path,
    access: Access,
    wait: bool,
    waiting: &mut dyn FnMut(&[Holder]),
) -> Result<StoreLock, LockError> {
    let path = dir.join(FILE);
    let file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if access == Access::Read && e.kind() == ErrorKind::PermissionDenied => {
            match File::open(&path) {
                Ok(f) => f,
                Err(_) => return Ok(StoreLock { _file: None }),
            }
        }
        Err(e) => return Err(LockError::Io { path, error: e }),
    };
    let tried = match access {
        Access::Read => file.try_lock_shared(),
        Access::Write => file.try_lock(),
    };
    match tried {
        Ok(()) => return Ok(StoreLock { _file: Some(file) }),
        Err(std::fs::TryLockError::Error(error)) => return Err(LockError::Io { path, error }),
        Err(std::fs::TryLockError::WouldBlock) => {}
    }
    let holders = holders(&file);
    if !wait {
        return Err(LockError::Held(Held { holders }));
    }
    waiting(&holders);
    let locked = match access {
        Access::Read => file.lock_shared(),
        Access::Write => file.lock(),
    };
    locked.map_err(|error| LockError::Io { path, error })?;
    Ok(StoreLock { _file: Some(file) })
}

#[derive(Debug)]
pub enum LockError {
    Held(Held),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// The processes other than this one that hold a lock on `file`, from
/// `/proc/locks` (empty where that is not available).
fn holders(file: &File) -> Vec<Holder> {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = file.metadata() else {
        return Vec::new();
    };
    let Ok(locks) = std::fs::read_to_string("/proc/locks") else {
        return Vec::new();
    };
    let me = std::process::id();
    let mut out: Vec<Holder> = Vec::new();
    for line in locks.lines() {
        // "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF"; waiters have "->".
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() < 6 || fields[1] == "->" || fields[1] != "FLOCK" {
            continue;
        }
        let (Ok(pid), Some(inode)) = (fields[4].parse::<u32>(), fields[5].rsplit(':').next())
        else {
            continue;
        };
        if inode.parse::<u64>().ok() != Some(meta.ino()) || !same_device(fields[5], meta.dev()) {
            continue;
        }
        if pid == me || out.iter().any(|h| h.pid == pid) {
            continue;
        }
        out.push(Holder {
            pid,
            writes: fields[3] == "WRITE",
            command: command_of(pid),
        });
    }
    out.sort_by_key(|h| h.pid);
    out
}

/// Whether "MAJ:MIN:INODE" (hexadecimal device numbers) names device `dev`.
fn same_device(field: &str, dev: u64) -> bool {
    let mut parts = field.split(':');
    let (Some(maj), Some(min)) = (parts.next(), parts.next()) else {
        return false;
    };
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    u64::from_str_radix(maj, 16).ok() == Some(major)
        && u64::from_str_radix(min, 16).ok() == Some(minor)
}

/// A process's command line, shortened for a message ("" when unknown).
fn command_of(pid: u32) -> String {
    let Ok(raw) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
        return String::new();
    };
    let mut words = raw
        .split(|b| *b == 0)
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned());
    let Some(program) = words.next() else {
        return String::new();
    };
    let program = Path::new(&program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(program);
    let mut line = std::iter::once(program)
        .chain(words)
        .collect::<Vec<_>>()
        .join(" ");
    if line.chars().count() > 80 {
        line = line.chars().take(77).collect::<String>() + "...";
    }
    line
}

/// "process 12 (newskg repl)" or "processes 12 (…) and 13 (…)".
pub fn describe(holders: &[Holder]) -> String {
    match holders {
        [] => "another process".to_string(),
        [one] => one.to_string(),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|h| h.to_string().replacen("process ", "", 1))
                .collect();
            let (last, rest) = names.split_last().expect("two or more");
            format!("processes {} and {last}", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_share_and_a_writer_is_told_who_reads() {
        let dir = tempfile::tempdir().unwrap();
        let mut never = |_: &[Holder]| panic!("must not wait");
        let a = acquire(dir.path(), Access::Read, false, &mut never).unwrap();
        let b = acquire(dir.path(), Access::Read, false, &mut never).unwrap();
        // Same process: /proc/locks lists it, but holders() leaves it out.
        match acquire(dir.path(), Access::Write, false, &mut never) {
            Err(LockError::Held(h)) => assert!(h.holders.is_empty(), "{h:?}"),
            other => panic!("expected Held, got {other:?}"),
        }
        drop((a, b));
        let w = acquire(dir.path(), Access::Write, false, &mut never).unwrap();
        assert!(matches!(
            acquire(dir.path(), Access::Read, false, &mut never),
            Err(LockError::Held(_))
        ));
        drop(w);
        acquire(dir.path(), Access::Read, false, &mut never).unwrap();
    }

    #[test]
    fn holders_are_described_in_a_sentence() {
        let h = |pid| Holder {
            pid,
            writes: false,
            command: format!("newskg q{pid}"),
        };
        assert_eq!(describe(&[]), "another process");
        assert_eq!(describe(&[h(1)]), "process 1 (newskg q1)");
        assert_eq!(
            describe(&[h(1), h(2), h(3)]),
            "processes 1 (newskg q1), 2 (newskg q2) and 3 (newskg q3)"
        );
    }
}
