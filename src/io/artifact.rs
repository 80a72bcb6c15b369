//! The model file: one file per model, written atomically.
//!
//! ```text
//! offset  size  content
//! 0       8     magic tag  b"NEWSCLAS"
//! 8       4     format version, u32 little-endian (FORMAT_VERSION)
//! 12      8     payload length N, u64 little-endian
//! 20      N     payload: postcard encoding of { crate_version, model }
//! 20+N    4     CRC-32 (IEEE) of the payload, u32 little-endian
//! ```
//!
//! postcard is a compact, documented, stable serde format (1.0 wire
//! format); enums are written as variant indices, so new variants are only
//! ever appended. Any change that old readers cannot decode bumps
//! `FORMAT_VERSION`. Floats are written bit-exactly, so the same model
//! always gives the same bytes.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ModelError, Result};
use crate::model::Model;

/// The first eight bytes of every model file.
pub const MAGIC: &[u8; 8] = b"NEWSCLAS";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
const HEADER: usize = 8 + 4 + 8;

#[derive(Serialize)]
struct PayloadRef<'a> {
    crate_version: &'a str,
    model: &'a Model,
}

#[derive(Deserialize)]
struct Payload {
    crate_version: String,
    model: Model,
}

/// A loaded model and the newsclass version that wrote it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The model.
    pub model: Model,
    /// `CARGO_PKG_VERSION` of the writer.
    pub crate_version: String,
    /// Size of the file in bytes.
    pub file_size: u64,
}

/// Encodes a model into the bytes of a model file.
pub fn to_bytes(model: &Model) -> Result<Vec<u8>> {
    let payload = postcard::to_allocvec(&PayloadRef {
        crate_version: env!("CARGO_PKG_VERSION"),
        model,
    })
    .map_err(|e| Error::Data(format!("cannot encode the model: {e}")))?;
    let mut out = Vec::with_capacity(HEADER + payload.len() + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    Ok(out)
}

/// Decodes the bytes of a model file, saying which check failed.
pub fn from_bytes(bytes: &[u8]) -> std::result::Result<(Model, String), ModelError> {
    if bytes.is_empty() {
        return Err(ModelError::Empty);
    }
    let n = bytes.len().min(MAGIC.len());
    if bytes[..n] != MAGIC[..n] {
        return Err(ModelError::NotAModel);
    }
    if bytes.len() < HEADER {
        return Err(ModelError::Truncated {
            got: bytes.len() as u64,
            expected: HEADER as u64,
        });
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(ModelError::Version {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let len = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let expected = len.saturating_add(HEADER as u64 + 4);
    let got = bytes.len() as u64;
    if got < expected {
        return Err(ModelError::Truncated { got, expected });
    }
    if got > expected {
        return Err(ModelError::TrailingBytes {
            extra: got - expected,
        });
    }
    let payload = &bytes[HEADER..HEADER + len as usize];
    let stored = u32::from_le_bytes(bytes[HEADER + len as usize..].try_into().expect("4 bytes"));
    let computed = crc32fast::hash(payload);
    if stored != computed {
        return Err(ModelError::Checksum { stored, computed });
    }
    let (p, rest): (Payload, _) =
        postcard::take_from_bytes(payload).map_err(|e| ModelError::Decode(e.to_string()))?;
    if !rest.is_empty() {
        return Err(ModelError::Decode(format!(
            "{} bytes left after the model",
            rest.len()
        )));
    }
    p.model.validate().map_err(ModelError::Invalid)?;
    Ok((p.model, p.crate_version))
}

/// Loads a model file.
pub fn load(path: &Path) -> Result<Loaded> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (model, crate_version) = from_bytes(&bytes).map_err(|kind| Error::Model {
        path: path.to_path_buf(),
        kind,
    })?;
    Ok(Loaded {
        model,
        crate_version,
        file_size: bytes.len() as u64,
    })
}

/// Saves `model` to `path` atomically: the bytes go to a temporary file in
/// the same directory, are flushed to disk, and the file is renamed over
/// `path`. A failure at any point leaves an existing model untouched.
pub fn save(model: &Model, path: &Path) -> Result<u64> {
    let bytes = to_bytes(model)?;
    write_atomic(path, &bytes)?;
    Ok(bytes.len() as u64)
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let file_name = path.file_name().ok_or_else(|| Error::File {
        path: path.to_path_buf(),
        message: "output path has no file name".into(),
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(Error::File {
            path: path.to_path_buf(),
            message: "output path is a directory".into(),
        });
    }
    let prefix = format!(".{}.tmp-", file_name.to_string_lossy());
    remove_stale_temps(&dir, &prefix);
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable; not every platform can open a
        // directory, so a failure here is not an error.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Removes temporary files a killed writer left behind (`.NAME.tmp-PID`
/// whose process is gone). Only Linux can tell a dead PID (via /proc);
/// elsewhere nothing is removed.
fn remove_stale_temps(dir: &Path, prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
