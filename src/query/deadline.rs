//! A time limit for one query: a watchdog thread that cancels the query's
//! token when the limit passes, and ends as soon as the query does. Touches
//! nothing but the token.

use oxigraph::sparql::CancellationToken;
use std::sync::mpsc;
use std::time::Duration;

/// Cancels `token` after `limit` unless dropped first.
pub struct Deadline {
    done: Option<mpsc::Sender<()>>,
    watchdog: Option<std::thread::JoinHandle<()>>,
}

impl Deadline {
    /// Starts the watch; `None` as the limit starts none.
    pub fn start(token: &CancellationToken, limit: Option<Duration>) -> Deadline {
        let Some(limit) = limit else {
            return Deadline {
                done: None,
                watchdog: None,
            };
        };
        let (done, finished) = mpsc::channel::<()>();
        let token = token.clone();
        let watchdog = std::thread::Builder::new()
            .name("deadline".into())
            .spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(limit) {
                    token.cancel();
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
