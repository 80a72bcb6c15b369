//! The model loader on arbitrary bytes: `artifact::from_bytes` returns
//! `Ok` or `Err` and never panics, aborts or runs out of memory.
//!
//! Seed the corpus with the real models (`seed.sh` copies
//! `models/*.model` into `corpus/model_load/`) and run with
//! `-max_len=600000`. Random mutations of a real file almost always fail
//! the CRC-32 check; `model_mutate` is the target that gets past it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsclass::io::artifact;

fuzz_target!(|data: &[u8]| {
    if let Ok((model, _version)) = artifact::from_bytes(data) {
        // A model that loads must also work.
        let _ = model.predict("Envoys resumed peace talks in Geneva.", None);
        let _ = model.validate();
    }
});
