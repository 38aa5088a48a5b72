//! `length-limit`: a target longer than the limit its file sets (XLIFF 1.2 `maxwidth` with
//! `size-unit`, XLIFF 2 `slr:` size and storage restrictions), in characters or UTF-8 bytes:
//! it will be cut where it is shown. Values: `{length}`, `{limit}`, `{unit}`.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::input::unit::LengthUnit;
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct LengthLimit;

pub fn build(_: Options) -> Result<LengthLimit, BuildError> {
    Ok(LengthLimit)
}

impl Check for LengthLimit {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let Some(limit) = p.unit.as_ref().and_then(|u| u.max_length) else {
            return;
        };
        let (length, unit) = match limit.unit {
            LengthUnit::Chars => (p.text.chars().count(), "characters"),
            LengthUnit::Bytes => (p.text.len(), "bytes"),
        };
        if length > limit.max {
            out.push(
                Hit::new(Span::new(0, p.text.len()))
                    .var("length", length.to_string())
                    .var("limit", limit.max.to_string())
                    .var("unit", unit),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::unit::MaxLength;

    #[test]
    fn over_the_limit_in_characters_or_bytes() {
        let mut out = Vec::new();
        for (target, max, unit) in [
            ("সংরক্ষণ", 7, LengthUnit::Chars),
            ("সংরক্ষণ", 7, LengthUnit::Bytes),
            ("সংরক্ষণ করুন", 7, LengthUnit::Chars),
        ] {
            let mut t = Analysis::new(target);
            t.unit = Some(Box::new(crate::text::UnitView {
                source: None,
                source_codes: &[],
                target_codes: &[],
                max_length: Some(MaxLength { max, unit }),
                plural_form: None,
                plural_other: None,
                context: None,
            }));
            LengthLimit.paragraph(&t, &Context::default(), &mut out);
        }
        assert_eq!(out.len(), 2);
    }
}
