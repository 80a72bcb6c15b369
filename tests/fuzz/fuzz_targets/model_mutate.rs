//! The model loader on corrupted-but-checksummed files.
//!
//! Takes the payload of a real model (`models/topic.model` or
//! `models/stance.model`, chosen by the first input byte), applies the
//! edits the rest of the input describes (flip, set, insert, delete,
//! truncate, plant huge varints or NaN floats at fuzzer-chosen positions),
//! then writes a fresh header (payload length) and recomputes the CRC-32,
//! so the postcard decoder and `Model::validate` see the corrupted payload.
//!
//! `from_bytes` returning `Err` or `Ok` is fine; panics, aborts and OOM are
//! findings. A model that loads must also predict without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsclass::io::artifact::{self, FORMAT_VERSION, MAGIC};

static TOPIC: &[u8] = include_bytes!("../../../models/topic.model");
static STANCE: &[u8] = include_bytes!("../../../models/stance.model");
const HEADER: usize = 8 + 4 + 8;
const MAX_OPS: usize = 32;

fn payload(file: &[u8]) -> &[u8] {
    &file[HEADER..file.len() - 4]
}

fn overwrite(p: &mut Vec<u8>, pos: usize, bytes: &[u8]) {
    for (i, &b) in bytes.iter().enumerate() {
        match p.get_mut(pos + i) {
            Some(slot) => *slot = b,
            None => p.push(b),
        }
    }
}

fn mutate(p: &mut Vec<u8>, ops: &[u8]) {
    for op in ops.chunks_exact(6).take(MAX_OPS) {
        let pos = u32::from_le_bytes([op[1], op[2], op[3], op[4]]) as usize % (p.len() + 1);
        let val = op[5];
        match op[0] % 8 {
            0 => {
                if let Some(b) = p.get_mut(pos) {
                    *b ^= val.max(1);
                }
            }
            1 => {
                if let Some(b) = p.get_mut(pos) {
                    *b = val;
                }
            }
            2 => p.truncate(pos),
            3 => p.insert(pos, val),
            4 => {
                let end = (pos + val as usize + 1).min(p.len());
                p.drain(pos..end);
            }
            // a huge u32 varint (a length or an index)
            5 => overwrite(p, pos, &[0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
            // a NaN / infinity / -0.0 f32 or f64
            6 => {
                let bits: &[u8] = match val % 4 {
                    0 => &f32::NAN.to_le_bytes(),
                    1 => &f32::INFINITY.to_le_bytes(),
                    2 => &f64::NAN.to_le_bytes(),
                    _ => &f64::NEG_INFINITY.to_le_bytes(),
                };
                overwrite(p, pos, bits);
            }
            // a small varint: val (0..=127), e.g. a length shrunk or grown
            _ => overwrite(p, pos, &[val & 0x7F]),
        }
    }
}

fn file_of(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len() + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, ops)) = data.split_first() else {
        return;
    };
    let base = if which & 1 == 0 { TOPIC } else { STANCE };
    let mut p = payload(base).to_vec();
    mutate(&mut p, ops);
    let file = file_of(&p);
    if let Ok((model, _version)) = artifact::from_bytes(&file) {
        // A model that loads must also work.
        for (text, target) in [
            ("Envoys resumed peace talks in Geneva on Monday.", None),
            (
                "Shares fell as oil prices climbed; the election looms.",
                Some("russia"),
            ),
            ("", None),
        ] {
            let pred = model.predict(text, target);
            for l in &pred.labels {
                let _ = model.labels.name(*l);
            }
        }
    }
});
