//! The build's pipeline: inputs are read group by group (bounded by count
//! and bytes) and their items processed in parallel chunks on the rayon
//! pool, on a second thread, while the calling thread consumes the results
//! in input order through a bounded channel. Knows nothing of stores or RDF.

use crate::ingest::Input;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Inputs read together, and items processed together, at most.
pub(super) const BATCH: usize = 256;
/// Bytes of input files read together (a larger file is read alone).
const BATCH_BYTES: u64 = 64 * 1024 * 1024;

/// Splits inputs into groups read together: at most [`BATCH`] inputs and,
/// past the first, at most [`BATCH_BYTES`] of files.
pub(super) fn groups(inputs: &[Input]) -> Vec<&[Input]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, input) in inputs.iter().enumerate() {
        let size = match input {
            Input::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Input::Stdin => 0,
        };
        if i > start && (i - start >= BATCH || bytes + size > BATCH_BYTES) {
            out.push(&inputs[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
    }
    out
}

/// What the pipeline hands on, in input order: an input begins (with what
/// reading it said about it), one of its items (processed), the input ends.
pub(super) enum Event<H, T> {
    Begin(H),
    Item(T),
    End,
}

/// Processes `inputs` on a second thread, which uses the rayon pool: group by
/// group (see [`groups`]) the inputs are opened in parallel (`read` gives a
/// header and the items of one input, read already or as they are taken),
/// then their items are taken and processed in parallel chunks of [`BATCH`]
/// items (across inputs, and within one large input alike). Meanwhile the calling thread consumes the events in input
/// order; at most two chunks wait for it, so memory is bounded by a group's
/// reading and a chunk's results, whatever the number of inputs. Stops early
/// when `stop` is set (returning `Ok(false)`; an input cut short gets no
/// `End`) or when `consume` fails.
pub(super) fn pipeline<H: Send, R: Send, T: Send, E, I>(
    inputs: &[Input],
    stop: Option<&AtomicBool>,
    read: impl Fn(&Input) -> (H, I) + Sync,
    process: impl Fn(R) -> T + Sync,
    mut consume: impl FnMut(Event<H, T>) -> Result<(), E>,
) -> Result<bool, E>
where
    I: IntoIterator<Item = R>,
    I::IntoIter: Send,
{
    let stopped = || stop.is_some_and(|s| s.load(Ordering::SeqCst));
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Event<H, T>>>(2);
    std::thread::scope(|scope| {
        let (read, process) = (&read, &process);
        scope.spawn(move || {
            'groups: for group in groups(inputs) {
                let read: Vec<(H, I::IntoIter)> = group
                    .par_iter()
                    .map(|input| {
                        let (h, items) = read(input);
                        (h, items.into_iter())
                    })
                    .collect();
                let mut events = read.into_iter().flat_map(|(h, items)| {
                    std::iter::once(Event::Begin(h))
                        .chain(items.map(Event::Item))
                        .chain(std::iter::once(Event::End))
                });
                loop {
                    if stopped() {
                        break 'groups;
                    }
                    let mut chunk = Vec::new();
                    let mut items = 0;
                    for e in events.by_ref() {
                        items += usize::from(matches!(e, Event::Item(_)));
                        chunk.push(e);
                        if items == BATCH {
                            break;
                        }
                    }
                    if chunk.is_empty() {
                        break;
                    }
                    let done: Vec<Event<H, T>> = chunk
                        .into_par_iter()
                        .map(|e| match e {
                            Event::Begin(h) => Event::Begin(h),
                            Event::Item(r) => Event::Item(process(r)),
                            Event::End => Event::End,
                        })
                        .collect();
                    if tx.send(done).is_err() {
                        break 'groups;
                    }
                }
            }
        });
        for events in rx {
            for e in events {
                consume(e)?;
            }
        }
        Ok(!stopped())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_bounded_by_count_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, len: u64| {
            let p = dir.path().join(name);
            std::fs::File::create(&p).unwrap().set_len(len).unwrap();
            Input::File(p)
        };
        let mb = 1024 * 1024;
        let inputs = vec![
            file("a", 40 * mb),
            file("b", 20 * mb),
            file("c", 10 * mb),
            file("d", 100 * mb),
            file("e", 1),
        ];
        let sizes: Vec<usize> = groups(&inputs).iter().map(|g| g.len()).collect();
        assert_eq!(sizes, [2, 1, 1, 1]);
        let many: Vec<Input> = (0..BATCH + 1).map(|_| Input::Stdin).collect();
        let sizes: Vec<usize> = groups(&many).iter().map(|g| g.len()).collect();
        assert_eq!(sizes, [BATCH, 1]);
    }
}
