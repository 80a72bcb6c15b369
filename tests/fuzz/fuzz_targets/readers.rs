//! The JSONL, CSV and TSV record readers on arbitrary bytes.
//!
//! The first byte picks the options (so the fuzzer explores them); the rest
//! is the file, read as JSONL, CSV and TSV in turn with `max_line_bytes`
//! 1024. Errors are fine; panics, hangs and OOM are not. Also checked:
//! * the reader ends: it yields at most one item per line break (+2);
//! * with `require_labels`, every `Ok` record has labels;
//! * with `skip_invalid`, no `Error::Input` comes out of the iterator;
//! * JSONL records have strictly increasing 1-based line numbers.
#![no_main]

use std::io::Cursor;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsclass::io::{InputFormat, ReadOptions, RecordReader};
use newsclass::Error;

fn run(file: &[u8], format: InputFormat, opts: &ReadOptions) {
    let name = match format {
        InputFormat::Jsonl => "fuzz.jsonl",
        InputFormat::Csv => "fuzz.csv",
        _ => "fuzz.tsv",
    };
    let reader = RecordReader::from_reader(
        Box::new(Cursor::new(file.to_vec())),
        Path::new(name),
        format,
        opts,
    );
    let Ok(mut reader) = reader else { return };
    // csv treats \r, \n and \r\n as terminators, JSONL only \n.
    let breaks = file.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    let limit = breaks + 2;
    let mut items = 0usize;
    let mut prev_line = 0u64;
    for item in reader.by_ref() {
        items += 1;
        assert!(
            items <= limit,
            "{format:?} reader yields more than {limit} items for {breaks} line breaks"
        );
        match item {
            Ok(rec) => {
                if opts.require_labels {
                    assert!(rec.labels.is_some(), "record without labels: {rec:?}");
                }
                if format == InputFormat::Jsonl {
                    assert!(
                        rec.line > prev_line,
                        "JSONL line {} after {prev_line}",
                        rec.line
                    );
                    prev_line = rec.line;
                    assert!(!rec.text.contains('\0'));
                }
            }
            Err(e @ Error::Input { .. }) => {
                assert!(
                    !opts.skip_invalid,
                    "skip_invalid let an input error through: {e}"
                );
            }
            Err(_) => {}
        }
    }
    let _ = reader.skipped();
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, file)) = data.split_first() else {
        return;
    };
    let opts = ReadOptions {
        require_labels: flags & 1 != 0,
        skip_invalid: flags & 2 != 0,
        lossy: flags & 4 != 0,
        target_field: (flags & 8 != 0).then(|| "target".to_string()),
        label_field: match (flags >> 4) & 3 {
            1 => Some("labels".to_string()),
            2 => Some("label".to_string()),
            3 => Some("topics".to_string()),
            _ => None,
        },
        max_line_bytes: 1024,
        ..Default::default()
    };
    for format in [InputFormat::Jsonl, InputFormat::Csv, InputFormat::Tsv] {
        run(file, format, &opts);
    }
});
