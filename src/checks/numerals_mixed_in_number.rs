//! `numerals-mixed-in-number`: one number written with digits of more than one numbering
//! system (`600০০`; UTS #39 section 5.3, digits grouped by their zero): a reader cannot tell
//! what was meant, so the quantity itself is in doubt.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::Analysis;
use crate::text::script::numbering_system_name;

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct MixedInNumber;

pub fn build(_: Options) -> Result<MixedInNumber, BuildError> {
    Ok(MixedInNumber)
}

impl Check for MixedInNumber {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        for n in p.numbers.iter().filter(|n| n.is_mixed()) {
            let systems: Vec<String> = n
                .systems
                .iter()
                .map(|&z| numbering_system_name(z))
                .collect();
            out.push(Hit::new(n.span).var("systems", systems.join(" and ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn mixed_digits_name_their_systems() {
        let c = compile("numerals-mixed-in-number", "").unwrap();
        assert_eq!(
            texts(&*c, "প্রায় 600০০ সেনা এবং ১০,০০০ জন, 2,5০0", "bn"),
            ["600০০", "2,5০0"]
        );
    }
}
