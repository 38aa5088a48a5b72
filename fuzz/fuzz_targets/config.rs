//! The bytes as `mtqc.toml`, read by the real loader; a project file that loads drives an engine
//! over the samples (see `mtqc_fuzz::config`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mtqc_fuzz::config(data));
