//! `language`: a paragraph that is not in the document's language, typically a segment MT left
//! untranslated. A paragraph whose letters are mostly (`min_share`) of another script than the
//! document's is foreign; with `same_script = true`, whatlang also compares languages that share
//! a script, but only when it is confident (`min_confidence`) on a long paragraph. Short
//! paragraphs (`min_letters`) and mixed ones stay quiet.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::rules::Lexicon;
use crate::text::language::{detect, name_of};
use crate::text::script::script_name;
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    #[serde(default = "default_min_letters")]
    min_letters: usize,
    #[serde(default = "default_min_share")]
    min_share: f64,
    #[serde(default)]
    same_script: bool,
    #[serde(default = "default_min_confidence")]
    min_confidence: f64,
}

fn default_min_letters() -> usize {
    20
}
fn default_min_share() -> f64 {
    0.6
}
fn default_min_confidence() -> f64 {
    0.9
}

#[derive(Debug)]
pub struct Language {
    o: Options,
}

pub fn build(o: Options, _: &Lexicon) -> Result<Language, BuildError> {
    if !(0.5..=1.0).contains(&o.min_share) {
        return Err(BuildError::new("`min_share` must lie between 0.5 and 1.0"));
    }
    Ok(Language { o })
}

fn trimmed(text: &str) -> Span {
    let start = text.len() - text.trim_start().len();
    Span::new(start, text.trim_end().len().max(start))
}

impl Check for Language {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(doc_script) = ctx.script else { return };
        let total = p.scripts.total();
        let Some(top) = p.scripts.dominant() else {
            return;
        };
        if total < self.o.min_letters {
            return;
        }
        let expected = name_of(&ctx.language)
            .unwrap_or(ctx.language.as_str())
            .to_string();
        if top != doc_script {
            if (p.scripts.count(top) as f64) < self.o.min_share * total as f64 {
                return;
            }
            let language =
                detect(p.text).map_or_else(|| script_name(top).to_string(), |d| d.name.to_string());
            out.push(
                Hit::new(trimmed(p.text))
                    .var("language", language)
                    .var("expected", expected),
            );
        } else if self.o.same_script && total >= self.o.min_letters * 4 {
            let Some(d) = detect(p.text) else { return };
            if d.reliable && d.confidence >= self.o.min_confidence && d.code != ctx.language {
                out.push(
                    Hit::new(trimmed(p.text))
                        .var("language", d.name)
                        .var("expected", expected),
                );
            }
        }
    }
}
