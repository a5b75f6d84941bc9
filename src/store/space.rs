//! Disk space around a store directory: what is free on its file system,
//! how much the store takes, and whether an error means the disk is full.
//! Reads file system figures only; writes nothing.

use std::path::Path;

/// Whether a storage error's text says the device is full (ENOSPC).
pub fn is_disk_full(message: &str) -> bool {
    message.contains("No space left on device") || message.contains("os error 28")
}

/// Bytes free to an unprivileged writer on the file system holding `path`.
pub fn free_bytes(path: &Path) -> Option<u64> {
    let st = rustix::fs::statvfs(path).ok()?;
    Some(st.f_bavail.saturating_mul(st.f_frsize))
}

/// Bytes taken by the files directly in `dir` (a store keeps no folders).
pub fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// "180 KB", "1.4 MB", "2.0 GB".
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    let mut value = bytes as f64 / 1024.0;
    if value < 1.0 {
        return format!("{bytes} bytes");
    }
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human(512), "512 bytes");
        assert_eq!(human(180 * 1024), "180 KB");
        assert_eq!(human(1_468_006), "1.4 MB");
        assert_eq!(human(3 << 30), "3.0 GB");
    }

    #[test]
    fn a_full_device_is_told_from_other_errors() {
        assert!(is_disk_full(
            "IO error: No space left on device: While appending to file: kg/000047.sst"
        ));
        assert!(!is_disk_full("IO error: Permission denied"));
        assert!(free_bytes(Path::new("/")).is_some());
        assert!(free_bytes(Path::new("/no/such/dir")).is_none());
    }
}
