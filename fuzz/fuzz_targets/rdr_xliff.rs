//! The bytes as an XLIFF file, read by mtqc's XLIFF 1.2/2.0 reader: errors must name a line
//! and a column, and texts keep their invariants (see `mtqc_fuzz::rdr_xliff`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mtqc_fuzz::rdr_xliff(data));
