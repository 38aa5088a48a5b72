//! The bytes as a PO file, read by mtqc's gettext PO reader: errors must name a line
//! and a column, and texts keep their invariants (see `mtqc_fuzz::rdr_po`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mtqc_fuzz::rdr_po(data));
