//! The bytes as a Markdown file, read by mtqc's Markdown reader: errors must name a line
//! and a column, and texts keep their invariants (see `mtqc_fuzz::rdr_markdown`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mtqc_fuzz::rdr_markdown(data));
