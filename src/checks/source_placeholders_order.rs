//! `source-placeholders-order`: placeholders whose meaning is their position (printf without
//! an argument number, `%s %d`; empty braces `{}`) in another order in the target than in the
//! source: the values are filled in the wrong places. Numbered and named placeholders
//! (`%1$s`, `{0}`, `{name}`) and tags may move with the grammar, so they are not judged here.
//! Only judged when both sides hold the same positional placeholders (a missing or extra one
//! is `source-placeholders`'s). Values: `{source}`, `{target}` (the two orders).

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::Analysis;
use crate::text::placeholders::placeholders;

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct PlaceholdersOrder;

pub fn build(_: Options) -> Result<PlaceholdersOrder, BuildError> {
    Ok(PlaceholdersOrder)
}

impl Check for PlaceholdersOrder {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        let positional = |text: &str| {
            placeholders(text)
                .into_iter()
                .filter(|x| x.class.positional())
                .collect::<Vec<_>>()
        };
        let src = positional(source.text);
        let tgt = positional(p.text);
        if src.len() < 2 || src.len() != tgt.len() {
            return;
        }
        let keys = |v: &[crate::text::placeholders::Placeholder]| {
            v.iter().map(|x| x.key.clone()).collect::<Vec<_>>()
        };
        let (s, t) = (keys(&src), keys(&tgt));
        let mut sorted_s = s.clone();
        let mut sorted_t = t.clone();
        sorted_s.sort();
        sorted_t.sort();
        if s == t || sorted_s != sorted_t {
            return;
        }
        let first = (0..t.len()).find(|&k| s[k] != t[k]).unwrap_or(0);
        out.push(
            Hit::new(tgt[first].span)
                .var("source", s.join(" "))
                .var("target", t.join(" ")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(source: &str, target: &str) -> Vec<String> {
        let t = crate::checks::source_placeholders::tests::pair(source, target);
        let mut out = Vec::new();
        PlaceholdersOrder.paragraph(&t, &Context::default(), &mut out);
        out.into_iter()
            .map(|h| t.slice(h.span).to_string())
            .collect()
    }

    #[test]
    fn positional_placeholders_swapped() {
        assert_eq!(flagged("%s of %d", "%d এর %s"), ["%d"]);
        assert!(
            flagged("%1$s of %2$d", "%2$d এর %1$s").is_empty(),
            "numbered may move"
        );
        assert!(flagged("{0} of {1}", "{1} এর {0}").is_empty());
        assert!(flagged("%s of %d", "%s এর %d").is_empty());
    }
}
