//! Sorting more lines than memory should hold: lines are gathered up to a
//! budget, sorted and written to temporary run files, then merged. The
//! result is every distinct line once, in byte order, the same as sorting
//! them all in memory. Knows nothing of RDF: export gives it lines.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};

/// Lines (without newlines) sorted and deduplicated in bounded memory.
pub struct ExternalSort {
    budget: usize,
    held: Vec<String>,
    held_bytes: usize,
    runs: Vec<std::fs::File>,
}

impl ExternalSort {
    /// Holds at most about `budget` bytes of lines in memory.
    pub fn new(budget: usize) -> ExternalSort {
        ExternalSort {
            budget,
            held: Vec::new(),
            held_bytes: 0,
            runs: Vec::new(),
        }
    }

    /// Adds a line; it must not contain a newline.
    pub fn push(&mut self, line: String) -> std::io::Result<()> {
        debug_assert!(!line.contains('\n'));
        self.held_bytes += line.len() + std::mem::size_of::<String>();
        self.held.push(line);
        if self.held_bytes >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    fn spill(&mut self) -> std::io::Result<()> {
        self.held.sort_unstable();
        self.held.dedup();
        let mut file = tempfile::tempfile()?;
        {
            let mut w = BufWriter::new(&mut file);
            for line in self.held.drain(..) {
                w.write_all(line.as_bytes())?;
                w.write_all(b"\n")?;
            }
            w.flush()?;
        }
        file.rewind()?;
        self.runs.push(file);
        self.held_bytes = 0;
        Ok(())
    }

    /// Every distinct line once, in byte order.
    pub fn finish(mut self) -> std::io::Result<Box<dyn Iterator<Item = std::io::Result<String>>>> {
        if self.runs.is_empty() {
            self.held.sort_unstable();
            self.held.dedup();
            return Ok(Box::new(self.held.into_iter().map(Ok)));
        }
        if !self.held.is_empty() {
            self.spill()?;
        }
        let mut readers: Vec<std::io::Lines<BufReader<std::fs::File>>> = self
            .runs
            .into_iter()
            .map(|f| BufReader::with_capacity(1 << 16, f).lines())
            .collect();
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some(line) = r.next() {
                heap.push(Reverse((line?, i)));
            }
        }
        let mut last: Option<String> = None;
        Ok(Box::new(std::iter::from_fn(move || loop {
            let Reverse((line, i)) = heap.pop()?;
            match readers[i].next() {
                Some(Ok(next)) => heap.push(Reverse((next, i))),
                Some(Err(e)) => return Some(Err(e)),
                None => {}
            }
            if last.as_deref() == Some(line.as_str()) {
                continue;
            }
            last = Some(line.clone());
            return Some(Ok(line));
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_into_the_same_order_as_one_sort() {
        let lines: Vec<String> = (0..5000u32)
            .map(|i| format!("<http://e/{}> \"{}\"", (i * 7919) % 1000, i % 37))
            .collect();
        let mut small = ExternalSort::new(2_000);
        for l in &lines {
            small.push(l.clone()).unwrap();
        }
        assert!(small.runs.len() > 10);
        let merged: Vec<String> = small.finish().unwrap().map(Result::unwrap).collect();
        let mut expected = lines.clone();
        expected.sort();
        expected.dedup();
        assert_eq!(merged, expected);
        let mut big = ExternalSort::new(usize::MAX);
        for l in &lines {
            big.push(l.clone()).unwrap();
        }
        let whole: Vec<String> = big.finish().unwrap().map(Result::unwrap).collect();
        assert_eq!(whole, expected);
    }
}
