//! A time limit for one query: a watchdog thread that cancels the query's
//! token when the limit passes, and ends as soon as the query does. Touches
//! nothing but the token, except for a one-shot command's last resort
//! ([`Deadline::start_or_exit`]): some evaluation steps (a join of several
//! unrelated patterns) never look at the token, and then the process ends.

use oxigraph::sparql::CancellationToken;
use std::sync::mpsc;
use std::time::Duration;

/// Cancels `token` after `limit` unless dropped first.
pub struct Deadline {
    done: Option<mpsc::Sender<()>>,
    watchdog: Option<std::thread::JoinHandle<()>>,
}

/// How long a cancelled query may take to stop before a one-shot command
/// gives up on it.
pub const GRACE: Duration = Duration::from_secs(3);

impl Deadline {
    /// As [`Deadline::start`]; when the query has not stopped [`GRACE`] after
    /// its cancellation, `message` is printed and the process exits with 2.
    /// For commands that run one query and end (`query`, `run`), never for
    /// a session or a server.
    pub fn start_or_exit(token: &CancellationToken, limit: Duration, message: String) -> Deadline {
        Deadline::watch(token, limit, Some(message))
    }

    /// Starts the watch; `None` as the limit starts none.
    pub fn start(token: &CancellationToken, limit: Option<Duration>) -> Deadline {
        match limit {
            Some(limit) => Deadline::watch(token, limit, None),
            None => Deadline {
                done: None,
                watchdog: None,
            },
        }
    }

    fn watch(token: &CancellationToken, limit: Duration, exit_message: Option<String>) -> Deadline {
        let (done, finished) = mpsc::channel::<()>();
        let token = token.clone();
        let watchdog = std::thread::Builder::new()
            .name("deadline".into())
            .spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(limit) {
                    token.cancel();
                    let Some(message) = exit_message else {
                        return;
                    };
                    if let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(GRACE) {
                        eprintln!("newskg: {message}");
                        std::process::exit(2);
                    }
                }
            })
            .ok();
        Deadline {
            done: Some(done),
            watchdog,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        drop(self.done.take());
        if let Some(w) = self.watchdog.take() {
            let _ = w.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancels_after_the_limit_and_not_before() {
        let token = CancellationToken::new();
        {
            let _d = Deadline::start(&token, Some(Duration::from_secs(60)));
        }
        assert!(!token.is_cancelled(), "ended with its query");
        let _d = Deadline::start(&token, Some(Duration::from_millis(10)));
        std::thread::sleep(Duration::from_millis(200));
        assert!(token.is_cancelled());
    }
}
