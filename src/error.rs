//! The library's error type.
//!
//! Every variant carries what a user needs to fix the problem: the file and
//! line of a bad record, the parameter and the value that was refused, or
//! which check a model file failed.

use std::path::PathBuf;

/// Errors returned by the newsclass library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A record in an input file is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Input {
        /// The file the record came from (`-` for standard input).
        path: PathBuf,
        /// 1-based line number (for CSV: the record's line).
        line: u64,
        /// What is wrong with the record.
        message: String,
    },
    /// An input file as a whole is unusable (missing, empty, unreadable).
    #[error("{}: {message}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A parameter value is out of its valid range.
    #[error("invalid parameter {name}: {message}")]
    Param {
        /// The parameter's name as the user sees it.
        name: &'static str,
        /// Why the value is refused.
        message: String,
    },
    /// The training data cannot produce a model (e.g. only one class).
    #[error("training data: {0}")]
    Data(String),
    /// A model file failed one of its checks.
    #[error("{}: {kind}", path.display())]
    Model {
        /// The model file.
        path: PathBuf,
        /// Which check failed.
        kind: ModelError,
    },
    /// An I/O error with the path it happened on.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An error raised by linfa's traits.
    #[error(transparent)]
    Linfa(#[from] linfa::Error),
}

/// Why a model file could not be loaded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModelError {
    /// The file is empty.
    #[error("the model file is empty")]
    Empty,
    /// The file does not start with the newsclass magic tag.
    #[error("not a newsclass model file (no NEWSCLAS magic tag at the start)")]
    NotAModel,
    /// Written by a format version this build does not read.
    #[error("model format version {found}, but this build of newsclass reads version {expected}; retrain the model or use a matching newsclass release")]
    Version {
        /// Version in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// The file ends before its declared length.
    #[error("truncated model file: {got} bytes, expected {expected}")]
    Truncated {
        /// Bytes present.
        got: u64,
        /// Bytes the header announces.
        expected: u64,
    },
    /// The file is longer than its declared length.
    #[error("corrupted model file: {extra} unexpected bytes after the checksum")]
    TrailingBytes {
        /// How many bytes are too many.
        extra: u64,
    },
    /// The payload checksum does not match.
    #[error(
        "corrupted model file: checksum mismatch (stored {stored:08x}, computed {computed:08x})"
    )]
    Checksum {
        /// Checksum stored in the file.
        stored: u32,
        /// Checksum of the bytes read.
        computed: u32,
    },
    /// The payload passed the checksum but does not decode.
    #[error("corrupted model file: payload does not decode ({0})")]
    Decode(String),
    /// The model decodes but is internally inconsistent.
    #[error("invalid model: {0}")]
    Invalid(String),
    /// The model is not the kind the caller asked for.
    #[error("wrong kind of model: {0}")]
    WrongKind(String),
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Shorthand for [`Error::Param`].
    pub fn param(name: &'static str, message: impl Into<String>) -> Self {
        Error::Param {
            name,
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Whether the error is the user's input (exit code 2) rather than an
    /// internal or environmental failure.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Linfa(_))
    }
}
