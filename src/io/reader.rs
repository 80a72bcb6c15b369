//! Reading labeled or unlabeled documents: JSONL, CSV/TSV with a header,
//! and a folder whose sub-folders are classes holding `.txt` files.
//!
//! Files are read as a stream, one record at a time. A bad record is an
//! [`Error::Input`] naming file, line and what is wrong; with
//! `skip_invalid` the reader skips it and counts it instead.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The labels a record carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Labels {
    /// One label (single-label tasks).
    Single(String),
    /// A set of labels, possibly empty (multi-label tasks).
    Multi(Vec<String>),
}

/// One document read from an input.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The record's `id` field as written (string or number), if any.
    pub id: Option<Value>,
    /// The text.
    pub text: String,
    /// Its labels, if the input has them.
    pub labels: Option<Labels>,
    /// Its stance target, when a target field is configured.
    pub target: Option<String>,
    /// 1-based line (JSONL, CSV) or 0 for whole files.
    pub line: u64,
    /// The file it came from.
    pub source: Arc<Path>,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated with a header row.
    Csv,
    /// Tab-separated with a header row.
    Tsv,
    /// A directory of class folders of `.txt` files.
    Folder,
}

impl InputFormat {
    /// Guesses the format from a path: a directory is a folder corpus,
    /// `.csv`/`.tsv` are delimited, everything else is JSONL.
    pub fn detect(path: &Path) -> InputFormat {
        if path.is_dir() {
            return InputFormat::Folder;
        }
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => InputFormat::Csv,
            Some("tsv") | Some("tab") => InputFormat::Tsv,
            _ => InputFormat::Jsonl,
        }
    }
}

/// Field names and error handling.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Field holding the text. Default: `text`.
    pub text_field: String,
    /// Field holding the label(s). Default: `label`, or `labels` when a
    /// record has no `label`.
    pub label_field: Option<String>,
    /// Field holding the record id. Default: `id`.
    pub id_field: String,
    /// Field holding the stance target, read when set.
    pub target_field: Option<String>,
    /// Whether every record must carry labels (training, evaluation).
    pub require_labels: bool,
    /// Skip bad records (counting them) instead of failing.
    pub skip_invalid: bool,
    /// Longest line accepted, in bytes: a guard against a file with no
    /// line breaks exhausting memory. Default: 64 MiB.
    pub max_line_bytes: usize,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            text_field: "text".into(),
            label_field: None,
            id_field: "id".into(),
            target_field: None,
            require_labels: false,
            skip_invalid: false,
            max_line_bytes: 64 << 20,
            lossy: false,
        }
    }
}

/// Reads every record of `paths` into memory, in order. Returns the records
/// and how many bad ones were skipped.
pub fn read_all(paths: &[PathBuf], opts: &ReadOptions) -> Result<(Vec<Record>, usize)> {
    let mut out = Vec::new();
    let mut skipped = 0;
    for p in paths {
        let mut reader = RecordReader::open(p, opts)?;
        for r in reader.by_ref() {
            out.push(r?);
        }
        skipped += reader.skipped();
    }
    Ok((out, skipped))
}

/// A streaming reader over one input.
pub struct RecordReader {
    inner: Inner,
    opts: ReadOptions,
    source: Arc<Path>,
    skipped: usize,
}

enum Inner {
    Jsonl {
        reader: Box<dyn BufRead>,
        line: u64,
        buf: Vec<u8>,
    },
    Delimited {
        reader: csv::Reader<Box<dyn Read>>,
        text_col: usize,
        label_col: Option<(usize, bool)>,
        id_col: Option<usize>,
        target_col: Option<usize>,
        record: csv::ByteRecord,
    },
    Folder {
        files: std::vec::IntoIter<(PathBuf, String)>,
    },
}

fn open_file(path: &Path) -> Result<Box<dyn Read>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin()));
    }
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::File {
            path: path.into(),
            message: "is a directory".into(),
        });
    }
    Ok(Box::new(f))
}

impl RecordReader {
    /// Opens `path` (`-` is standard input, read as JSONL), detecting its format.
    pub fn open(path: &Path, opts: &ReadOptions) -> Result<Self> {
        let format = if path.as_os_str() == "-" {
            InputFormat::Jsonl
        } else {
            if !path.exists() {
                return Err(Error::File {
                    path: path.into(),
                    message: "no such file or directory".into(),
                });
            }
            InputFormat::detect(path)
        };
        Self::open_as(path, format, opts)
    }

    /// Reads JSONL, CSV or TSV records from any reader (`name` is used in
    /// error messages). Folders need a path: use [`RecordReader::open`].
    pub fn from_reader(
        reader: Box<dyn Read>,
        name: &Path,
        format: InputFormat,
        opts: &ReadOptions,
    ) -> Result<Self> {
        let inner = match format {
            InputFormat::Jsonl => Inner::Jsonl {
                reader: Box::new(BufReader::with_capacity(1 << 16, reader)),
                line: 0,
                buf: Vec::new(),
            },
            InputFormat::Csv | InputFormat::Tsv => open_delimited_from(reader, name, format, opts)?,
            InputFormat::Folder => {
                return Err(Error::File {
                    path: name.into(),
                    message: "a folder corpus cannot be read from a stream".into(),
                })
            }
        };
        Ok(RecordReader {
            inner,
            opts: opts.clone(),
            source: Arc::from(name),
            skipped: 0,
        })
    }

    /// Opens `path` as `format`.
    pub fn open_as(path: &Path, format: InputFormat, opts: &ReadOptions) -> Result<Self> {
        let source: Arc<Path> = Arc::from(path);
        let inner = match format {
            InputFormat::Jsonl => Inner::Jsonl {
                reader: Box::new(BufReader::with_capacity(1 << 16, open_file(path)?)),
                line: 0,
                buf: Vec::new(),
            },
            InputFormat::Csv | InputFormat::Tsv => open_delimited(path, format, opts)?,
            InputFormat::Folder => Inner::Folder {
                files: list_folder(path)?.into_iter(),
            },
        };
        Ok(RecordReader {
            inner,
            opts: opts.clone(),
            source,
            skipped: 0,
        })
    }

    /// Bad records skipped so far (with `skip_invalid`).
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    fn err(&self, line: u64, message: impl Into<String>) -> Error {
        Error::Input {
            path: self.source.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    fn next_raw(&mut self) -> Option<Result<Record>> {
        let opts = &self.opts;
        let source = self.source.clone();
        match &mut self.inner {
            Inner::Jsonl { reader, line, buf } => loop {
                buf.clear();
                *line += 1;
                let n = match read_line_bounded(reader.as_mut(), buf, opts.max_line_bytes) {
                    Ok(n) => n,
                    Err(LineError::Io(e)) => return Some(Err(Error::io(&*source, e))),
                    Err(LineError::TooLong) => {
                        let l = *line;
                        return Some(Err(self.err(
                            l,
                            format!(
                                "line longer than {} bytes (the limit on one record)",
                                opts.max_line_bytes
                            ),
                        )));
                    }
                };
                if n == 0 {
                    return None;
                }
                let mut bytes: &[u8] = buf;
                if *line == 1 {
                    bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                }
                while let [rest @ .., b'\n' | b'\r'] = bytes {
                    bytes = rest;
                }
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let l = *line;
                let text = match decode_utf8(bytes, opts.lossy) {
                    Ok(t) => t,
                    Err(m) => return Some(Err(self.err(l, m))),
                };
                return Some(
                    parse_json_record(&text, opts)
                        .map(|r| r.at(l, source))
                        .map_err(|m| self.err(l, m)),
                );
            },
            Inner::Delimited {
                reader,
                text_col,
                label_col,
                id_col,
                target_col,
                record,
            } => match reader.read_byte_record(record) {
                Ok(false) => None,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    let msg = match e.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => {
                            format!("row has {len} fields, the header has {expected_len}")
                        }
                        _ => e.to_string(),
                    };
                    Some(Err(self.err(line, msg)))
                }
                Ok(true) => {
                    let line = record.position().map_or(0, |p| p.line());
                    let field = |i: usize| -> std::result::Result<String, String> {
                        decode_utf8(record.get(i).unwrap_or_default(), opts.lossy)
                            .map(|c| c.into_owned())
                    };
                    let mut build = || -> std::result::Result<Record, String> {
                        let text = field(*text_col)?;
                        let labels = match label_col {
                            Some((c, multi)) => {
                                let v = field(*c)?;
                                Some(if *multi {
                                    Labels::Multi(
                                        v.split('|')
                                            .map(str::trim)
                                            .filter(|s| !s.is_empty())
                                            .map(String::from)
                                            .collect(),
                                    )
                                } else if v.trim().is_empty() {
                                    return Err("empty label".into());
                                } else {
                                    Labels::Single(v.trim().to_string())
                                })
                            }
                            None => None,
                        };
                        let id = id_col.map(field).transpose()?.map(Value::String);
                        let target = target_col.map(field).transpose()?;
                        Ok(Record {
                            id,
                            text,
                            labels,
                            target,
                            line,
                            source: source.clone(),
                        })
                    };
                    Some(build().map_err(|m| self.err(line, m)))
                }
            },
            Inner::Folder { files } => {
                let (path, label) = files.next()?;
                let mut bytes = Vec::new();
                if let Err(e) = File::open(&path).and_then(|mut f| f.read_to_end(&mut bytes)) {
                    return Some(Err(Error::io(path, e)));
                }
                let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                let text = match decode_utf8(bytes, opts.lossy) {
                    Ok(t) => t.into_owned(),
                    Err(m) => return Some(Err(Error::File { path, message: m })),
                };
                let id = path
                    .strip_prefix(&*source)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                Some(Ok(Record {
                    id: Some(Value::String(id)),
                    text,
                    labels: Some(Labels::Single(label)),
                    target: None,
                    line: 0,
                    source: Arc::from(path.as_path()),
                }))
            }
        }
    }
}

impl Iterator for RecordReader {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let r = self.next_raw()?;
            match r {
                Err(e @ Error::Input { .. }) if self.opts.skip_invalid => {
                    let _ = e;
                    self.skipped += 1;
                }
                Ok(rec) => {
                    if self.opts.require_labels && rec.labels.is_none() {
                        let e = self.err(rec.line, "record has no label");
                        if self.opts.skip_invalid {
                            self.skipped += 1;
                            continue;
                        }
                        return Some(Err(e));
                    }
                    return Some(Ok(rec));
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

struct Partial {
    id: Option<Value>,
    text: String,
    labels: Option<Labels>,
    target: Option<String>,
}

impl Partial {
    fn at(self, line: u64, source: Arc<Path>) -> Record {
        Record {
            id: self.id,
            text: self.text,
            labels: self.labels,
            target: self.target,
            line,
            source,
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse_json_record(line: &str, opts: &ReadOptions) -> std::result::Result<Partial, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(mut obj) = value else {
        return Err(format!("expected a JSON object, got {}", type_name(&value)));
    };
    let text = match obj.remove(&opts.text_field) {
        Some(Value::String(s)) => s,
        Some(v) => {
            return Err(format!(
                "field '{}' must be a string, got {}",
                opts.text_field,
                type_name(&v)
            ))
        }
        None => return Err(format!("missing text field '{}'", opts.text_field)),
    };
    if text.contains('\0') {
        return Err(format!("field '{}' contains a NUL byte", opts.text_field));
    }
    let labels = read_labels(&mut obj, opts)?;
    let target = match &opts.target_field {
        None => None,
        Some(f) => match obj.remove(f) {
            Some(Value::String(s)) => Some(s),
            Some(Value::Null) | None => None,
            Some(v) => {
                return Err(format!(
                    "field '{f}' must be a string, got {}",
                    type_name(&v)
                ))
            }
        },
    };
    let id = obj.remove(&opts.id_field).filter(|v| !v.is_null());
    Ok(Partial {
        id,
        text,
        labels,
        target,
    })
}

fn read_labels(
    obj: &mut Map<String, Value>,
    opts: &ReadOptions,
) -> std::result::Result<Option<Labels>, String> {
    let (name, value) = match &opts.label_field {
        Some(f) => (f.as_str(), obj.remove(f)),
        None => match obj.remove("label") {
            Some(v) => ("label", Some(v)),
            None => ("labels", obj.remove("labels")),
        },
    };
    let missing = || {
        if opts.require_labels {
            Err(match &opts.label_field {
                Some(f) => format!("missing label field '{f}'"),
                None => "missing label field 'label' (or 'labels')".to_string(),
            })
        } else {
            Ok(None)
        }
    };
    match value {
        None | Some(Value::Null) => missing(),
        Some(Value::String(s)) => {
            if s.trim().is_empty() {
                Err(format!("field '{name}' is an empty string"))
            } else {
                Ok(Some(Labels::Single(s)))
            }
        }
        Some(Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, it) in items.into_iter().enumerate() {
                match it {
                    Value::String(s) if !s.trim().is_empty() => out.push(s),
                    Value::String(_) => {
                        return Err(format!("field '{name}'[{i}] is an empty string"))
                    }
                    v => {
                        return Err(format!(
                            "field '{name}'[{i}] must be a string, got {}",
                            type_name(&v)
                        ))
                    }
                }
            }
            out.sort();
            out.dedup();
            Ok(Some(Labels::Multi(out)))
        }
        Some(Value::Number(n)) => Ok(Some(Labels::Single(n.to_string()))),
        Some(v) => Err(format!(
            "field '{name}' must be a string or an array of strings, got {}",
            type_name(&v)
        )),
    }
}

fn decode_utf8(
    bytes: &[u8],
    lossy: bool,
) -> std::result::Result<std::borrow::Cow<'_, str>, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(std::borrow::Cow::Borrowed(s)),
        Err(_) if lossy => Ok(String::from_utf8_lossy(bytes)),
        Err(e) => Err(format!(
            "invalid UTF-8 at byte {} of the line (use --lossy to replace bad bytes)",
            e.valid_up_to()
        )),
    }
}

enum LineError {
    Io(std::io::Error),
    TooLong,
}

/// `read_until(b'\n')` that stops with `TooLong` past `max` bytes instead
/// of growing the buffer without bound.
fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::result::Result<usize, LineError> {
    let mut total = 0;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(LineError::Io(e)),
        };
        if available.is_empty() {
            return Ok(total);
        }
        let (done, used) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (true, i + 1),
            None => (false, available.len()),
        };
        if buf.len() + used > max.saturating_add(2) {
            // consume the rest of the line so the reader could go on
            r.consume(used);
            if !done {
                skip_line(r).map_err(LineError::Io)?;
            }
            return Err(LineError::TooLong);
        }
        buf.extend_from_slice(&available[..used]);
        r.consume(used);
        total += used;
        if done {
            return Ok(total);
        }
    }
}

fn skip_line(r: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let available = r.fill_buf()?;
        if available.is_empty() {
            return Ok(());
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = available.len();
                r.consume(n);
            }
        }
    }
}

fn open_delimited(path: &Path, format: InputFormat, opts: &ReadOptions) -> Result<Inner> {
    open_delimited_from(open_file(path)?, path, format, opts)
}

fn open_delimited_from(
    input: Box<dyn Read>,
    path: &Path,
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<Inner> {
    let delim = if format == InputFormat::Tsv {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(true)
        .flexible(false)
        .from_reader(input);
    let headers = reader
        .byte_headers()
        .map_err(|e| Error::File {
            path: path.into(),
            message: format!("cannot read the header row: {e}"),
        })?
        .clone();
    if headers.is_empty() {
        return Err(Error::File {
            path: path.into(),
            message: "empty file: expected a header row".into(),
        });
    }
    let names: Vec<String> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let s = String::from_utf8_lossy(h).trim().to_string();
            if i == 0 {
                s.trim_start_matches('\u{feff}').to_string()
            } else {
                s
            }
        })
        .collect();
    let find = |f: &str| names.iter().position(|n| n == f);
    let missing = |what: &str, f: &str| Error::Input {
        path: path.into(),
        line: 1,
        message: format!(
            "header has no {what} column '{f}' (columns: {})",
            names.join(", ")
        ),
    };
    let text_col = find(&opts.text_field).ok_or_else(|| missing("text", &opts.text_field))?;
    let label_col = match &opts.label_field {
        Some(f) => match find(f) {
            Some(i) => Some((i, f == "labels")),
            None if opts.require_labels => return Err(missing("label", f)),
            None => None,
        },
        None => match (find("label"), find("labels")) {
            (Some(i), _) => Some((i, false)),
            (None, Some(i)) => Some((i, true)),
            (None, None) if opts.require_labels => return Err(missing("label", "label")),
            (None, None) => None,
        },
    };
    let id_col = find(&opts.id_field);
    let target_col = match &opts.target_field {
        Some(f) => Some(find(f).ok_or_else(|| missing("target", f))?),
        None => None,
    };
    Ok(Inner::Delimited {
        reader,
        text_col,
        label_col,
        id_col,
        target_col,
        record: csv::ByteRecord::new(),
    })
}

fn list_folder(root: &Path) -> Result<Vec<(PathBuf, String)>> {
    let read_sorted = |dir: &Path| -> Result<Vec<PathBuf>> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        Ok(v)
    };
    let mut files = Vec::new();
    for class_dir in read_sorted(root)? {
        if !class_dir.is_dir() {
            continue;
        }
        let label = class_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for f in read_sorted(&class_dir)? {
            if f.is_file() && f.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
                files.push((f, label.clone()));
            }
        }
    }
    if files.is_empty() {
        return Err(Error::File {
            path: root.into(),
            message: "no class sub-folders with .txt files".into(),
        });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
        let p = dir.join(name);
        File::create(&p).unwrap().write_all(content).unwrap();
        p
    }

    fn opts() -> ReadOptions {
        ReadOptions {
            require_labels: true,
            ..Default::default()
        }
    }

    #[test]
    fn jsonl_single_and_multi_with_bom_and_crlf() {
        let d = tempfile::tempdir().unwrap();
        let p = write(
            d.path(),
            "a.jsonl",
            b"\xEF\xBB\xBF{\"id\": 7, \"text\": \"one\", \"label\": \"x\"}\r\n\n{\"text\": \"two\", \"labels\": [\"b\", \"a\"]}\r\n",
        );
        let (recs, skipped) = read_all(&[p], &opts()).unwrap();
        assert_eq!(skipped, 0);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].id, Some(Value::from(7)));
        assert_eq!(recs[0].labels, Some(Labels::Single("x".into())));
        assert_eq!(
            recs[1].labels,
            Some(Labels::Multi(vec!["a".into(), "b".into()]))
        );
        assert_eq!(recs[1].line, 3);
    }

    #[test]
    fn bad_records_name_file_line_and_problem() {
        let d = tempfile::tempdir().unwrap();
        let cases: [(&[u8], &str); 6] = [
            (
                b"{\"text\": \"a\", \"label\": \"x\"}\n{oops}\n",
                ":2: invalid JSON",
            ),
            (b"{\"label\": \"x\"}\n", ":1: missing text field 'text'"),
            (
                b"{\"text\": 5, \"label\": \"x\"}\n",
                "field 'text' must be a string, got a number",
            ),
            (b"{\"text\": \"a\"}\n", "missing label field"),
            (
                b"{\"text\": \"a\", \"label\": {}}\n",
                "must be a string or an array of strings",
            ),
            (
                b"{\"text\": \"a\xff\", \"label\": \"x\"}\n",
                "invalid UTF-8 at byte 11",
            ),
        ];
        for (i, (content, want)) in cases.iter().enumerate() {
            let p = write(d.path(), &format!("bad{i}.jsonl"), content);
            let err = read_all(std::slice::from_ref(&p), &opts())
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "case {i}: {err}");
            assert!(err.contains(&format!("bad{i}.jsonl")), "case {i}: {err}");
            let skip = ReadOptions {
                skip_invalid: true,
                ..opts()
            };
            let (_, skipped) = read_all(&[p], &skip).unwrap();
            assert_eq!(skipped, 1, "case {i}");
        }
    }

    #[test]
    fn overlong_line_is_an_error_not_oom() {
        let d = tempfile::tempdir().unwrap();
        let mut content = b"{\"text\": \"".to_vec();
        content.extend(std::iter::repeat_n(b'a', 5000));
        content.extend(b"\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": \"y\"}\n");
        let p = write(d.path(), "long.jsonl", &content);
        let small = ReadOptions {
            max_line_bytes: 1000,
            ..opts()
        };
        let err = read_all(std::slice::from_ref(&p), &small)
            .unwrap_err()
            .to_string();
        assert!(err.contains(":1: line longer than 1000 bytes"), "{err}");
        let skip = ReadOptions {
            skip_invalid: true,
            ..small
        };
        let (recs, skipped) = read_all(&[p], &skip).unwrap();
        assert_eq!((recs.len(), skipped), (1, 1));
        assert_eq!(recs[0].line, 2);
    }

    #[test]
    fn csv_and_tsv() {
        let d = tempfile::tempdir().unwrap();
        let p = write(
            d.path(),
            "a.csv",
            b"id,text,label\n1,\"Hello, world\",greet\n2,bye,part\n",
        );
        let (recs, _) = read_all(&[p], &opts()).unwrap();
        assert_eq!(recs[0].text, "Hello, world");
        assert_eq!(recs[1].labels, Some(Labels::Single("part".into())));
        assert_eq!(recs[1].line, 3);
        let p = write(d.path(), "b.tsv", b"text\tlabels\nsome text\ta|b\nnone\t\n");
        let (recs, _) = read_all(&[p], &opts()).unwrap();
        assert_eq!(
            recs[0].labels,
            Some(Labels::Multi(vec!["a".into(), "b".into()]))
        );
        assert_eq!(recs[1].labels, Some(Labels::Multi(vec![])));
        let p = write(d.path(), "ragged.csv", b"text,label\na,b\nc\n");
        let err = read_all(&[p], &opts()).unwrap_err().to_string();
        assert!(
            err.contains("ragged.csv:3: row has 1 fields, the header has 2"),
            "{err}"
        );
        let p = write(d.path(), "nolabel.csv", b"text,lbl\na,b\n");
        let err = read_all(&[p], &opts()).unwrap_err().to_string();
        assert!(err.contains("header has no label column 'label'"), "{err}");
    }

    #[test]
    fn folder_of_classes() {
        let d = tempfile::tempdir().unwrap();
        for (c, f, t) in [
            ("sport", "1.txt", "goal"),
            ("econ", "2.txt", "rates"),
            ("econ", "1.txt", "bank"),
        ] {
            std::fs::create_dir_all(d.path().join(c)).unwrap();
            write(&d.path().join(c), f, t.as_bytes());
        }
        let (recs, _) = read_all(&[d.path().to_path_buf()], &opts()).unwrap();
        let got: Vec<_> = recs
            .iter()
            .map(|r| (r.id.clone().unwrap(), r.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Value::from("econ/1.txt"), "bank"),
                (Value::from("econ/2.txt"), "rates"),
                (Value::from("sport/1.txt"), "goal")
            ]
        );
    }

    #[test]
    fn missing_file_is_named() {
        let err = read_all(&[PathBuf::from("/nonexistent/x.jsonl")], &opts())
            .unwrap_err()
            .to_string();
        assert_eq!(err, "/nonexistent/x.jsonl: no such file or directory");
    }
}
