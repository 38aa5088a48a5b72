//! The bytes as the only file of a rule pack: loading never panics, and a pack that loads runs
//! its examples and checks the samples (see `mtqc_fuzz::rule_pack`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mtqc_fuzz::rule_pack(data));
