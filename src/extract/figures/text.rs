//! Text helpers of the figure stage: lowercasing that keeps byte offsets,
//! slicing that respects character boundaries, the words before an amount
//! without its hedge. No I/O, no entities.

/// Lowercases without moving byte offsets (characters whose lowercase form
/// has another length are kept as they are).
pub(super) fn lowercase_same_offsets(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

pub(super) fn safe_slice(s: &str, mut a: usize, mut b: usize) -> Option<&str> {
    while a > 0 && !s.is_char_boundary(a) {
        a -= 1;
    }
    while b < s.len() && !s.is_char_boundary(b) {
        b += 1;
    }
    s.get(a..b)
}

/// The words before an amount without its hedge ("to achieve over" ->
/// "to achieve"), trailing spaces trimmed.
pub(super) fn before_hedge<'a>(before: &'a str, hedge: Option<&str>) -> &'a str {
    let prev = before.trim_end();
    hedge
        .and_then(|h| prev.strip_suffix(h))
        .unwrap_or(prev)
        .trim_end()
}
