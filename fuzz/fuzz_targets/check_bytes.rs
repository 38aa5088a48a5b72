//! The bytes as an input file, checked with the embedded packs and reported in every format;
//! offsets, flagged texts, penalties and scores are held to their invariants (see
//! `mtqc_fuzz::check_bytes`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mtqc_fuzz::check_bytes(data));
