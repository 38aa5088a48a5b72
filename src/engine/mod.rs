//! The engine runs rules: given a document's analysed paragraphs, it works out which rules
//! apply (`select`) and runs them, paragraph rules on all threads and document rules on the
//! whole document or one segment at a time, into hits ordered by place then rule. What the hits
//! mean for the reader (positions, messages, scores) is the `findings` layer's.

pub mod prefilter;
pub mod select;

use std::sync::Arc;

use rayon::prelude::*;
use unicode_script::Script;

use crate::checks::{Context, DocHit, Hit, Judgement};
use crate::input::{DocInfo, Segment};
use crate::rules::{Pack, Rule};
use crate::text::{Analysis, dominant_script};

pub use prefilter::Prefilter;
pub use select::{PathRule, Selection, Selector};

/// What is known of a text beyond one part of it (a stream of segments: its language and
/// script are decided from its start).
#[derive(Debug, Clone)]
pub struct Known {
    pub language: String,
    pub script: Option<Script>,
    /// The language its units were translated from, when known.
    pub source_language: Option<String>,
}

/// What one rule found in one paragraph; `rule` indexes the rules of its `Prepared`.
#[derive(Debug, Clone)]
pub struct Found {
    pub paragraph: usize,
    pub rule: usize,
    pub hit: Hit,
}

/// The rules to run on one document, and what they know of it.
pub struct Prepared<'e> {
    pub rules: Vec<&'e Rule>,
    pub ctx: Context,
    prefilter: Arc<Prefilter>,
    gates: Vec<Option<usize>>,
}

pub struct Engine {
    pub packs: Vec<Pack>,
    pub selector: Selector,
}

impl Engine {
    pub fn new(packs: Vec<Pack>, selection: Selection) -> Engine {
        Engine {
            packs,
            selector: Selector::new(selection),
        }
    }

    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.packs.iter().flat_map(|p| &p.rules)
    }

    /// A document's language and script: a configured language (the project's, else the
    /// file's declaration) wins over detection and brings its script (a Bengali document is
    /// expected in Bengali, whatever most of its paragraphs are written in); else both are
    /// detected (`script` is the dominant one). The source language: the project's, else the
    /// file's.
    pub fn know(
        &self,
        path: &str,
        info: &DocInfo,
        analyses: &[Analysis],
        script: Option<Script>,
    ) -> Known {
        self.know_by(path, info, script, || {
            self.selector
                .language_of(&self.packs, path, analyses, script)
        })
    }

    /// `know`, with the language detected by `detect` when none is configured.
    pub fn know_by(
        &self,
        path: &str,
        info: &DocInfo,
        script: Option<Script>,
        detect: impl FnOnce() -> String,
    ) -> Known {
        let source_language = self
            .selector
            .selection
            .source_language
            .clone()
            .or_else(|| info.source_language.clone());
        match self.configured_language(path, info) {
            Some(language) => {
                let together = crate::lang::scripts_together(&language);
                let script = match crate::lang::script_of(&language) {
                    Some(own) => Some(own),
                    None if !together.is_empty()
                        && script.is_none_or(|s| !together.contains(&s)) =>
                    {
                        Some(together[0])
                    }
                    None => script,
                };
                Known {
                    script,
                    language,
                    source_language,
                }
            }
            None => Known {
                language: detect(),
                script,
                source_language,
            },
        }
    }

    /// The language configured for a document: the project's (`--lang`), else the file's
    /// declaration, else `--target-lang`.
    pub fn configured_language(&self, path: &str, info: &DocInfo) -> Option<String> {
        self.selector
            .configured_language(path)
            .or_else(|| info.target_language.clone())
            .or_else(|| self.selector.selection.target_language.clone())
    }

    /// The document's language and script (known beforehand, configured, or detected) and the
    /// rules that run on it.
    pub fn prepare(
        &self,
        path: &str,
        info: &DocInfo,
        analyses: &[Analysis],
        script: Option<Script>,
        known: Option<&Known>,
    ) -> Prepared<'_> {
        let known = known
            .cloned()
            .unwrap_or_else(|| self.know(path, info, analyses, script));
        let chosen = self.selector.active(
            &self.packs,
            &known.language,
            known.source_language.as_deref(),
            path,
        );
        let gates = chosen.prefilter.gates(&chosen.rules);
        Prepared {
            prefilter: chosen.prefilter,
            rules: chosen.rules,
            ctx: Context {
                script: known.script,
                language: known.language,
                source_language: known.source_language,
                lexicon: chosen.lexicon,
                glossary: chosen.glossary,
            },
            gates,
        }
    }

    /// Run the prepared rules over the analysed paragraphs. With `segments`, document rules see
    /// one paragraph at a time.
    pub fn find(&self, prepared: &Prepared, analyses: &[Analysis], segments: bool) -> Vec<Found> {
        find(
            &prepared.rules,
            analyses,
            &prepared.ctx,
            segments,
            Some((prepared.prefilter.set(), &prepared.gates)),
        )
    }
}

/// Rules gated by a RegexSet: the set, and each rule's index in it (`None`: not gated).
type Gating<'a> = Option<(&'a regex::RegexSet, &'a [Option<usize>])>;

/// Run `rules` over analysed paragraphs, without a prefilter when `gating` is `None`.
pub fn find(
    rules: &[&Rule],
    analyses: &[Analysis],
    ctx: &Context,
    segments: bool,
    gating: Gating,
) -> Vec<Found> {
    // Document rules see the whole document, or one segment at a time (segments on all
    // threads); rules that compare the units of a file always see all of them.
    let (each, whole): (Vec<usize>, Vec<usize>) =
        (0..rules.len()).partition(|&r| segments && !rules[r].check.file_scope());
    // The rules that judge the whole document run beside the paragraph rules rather than after
    // them: one of them (consistency) is a large share of the work, and on its own it would
    // leave the other threads idle.
    let (mut found, judged) = rayon::join(
        || {
            let mut found = find_in_paragraphs(rules, analyses, ctx, gating, 0);
            settle(rules, &mut found, analyses, ctx, segments);
            // One segment at a time: every such rule on a segment, the segments on all threads.
            if !each.is_empty() {
                found.par_extend((0..analyses.len()).into_par_iter().flat_map_iter(|i| {
                    let mut hits = Vec::new();
                    let mut out = Vec::new();
                    for &r in &each {
                        rules[r].check.document(&analyses[i..=i], ctx, &mut hits);
                        if !hits.is_empty() {
                            out.extend(hits.drain(..).map(|d: DocHit| Found {
                                paragraph: i,
                                rule: r,
                                hit: d.hit,
                            }));
                        }
                    }
                    out
                }));
            }
            found
        },
        // Side by side on all threads; their hits in rule order.
        || {
            whole
                .par_iter()
                .map(|&r| {
                    let mut hits = Vec::new();
                    rules[r].check.document(analyses, ctx, &mut hits);
                    hits.into_iter()
                        .map(|d| Found {
                            paragraph: d.paragraph,
                            rule: r,
                            hit: d.hit,
                        })
                        .collect()
                })
                .collect::<Vec<Vec<Found>>>()
        },
    );
    found.extend(judged.into_iter().flatten());
    sort_found(&mut found);
    found
}

/// One order whatever the threads did: by position, then rule (stable: hits of one rule at one
/// place keep the order it gave them in).
pub fn sort_found(found: &mut [Found]) {
    found.sort_by_key(|f| (f.paragraph, f.hit.span.start, f.hit.span.end, f.rule));
}

/// Drop the paragraph hits that their document does not let stand (`Check::stands`, a house
/// style): a rule's hits counted in the whole document, or with `segments` in each segment (its
/// own document; a rule of `file_scope` sees the whole file).
fn settle(
    rules: &[&Rule],
    found: &mut Vec<Found>,
    analyses: &[Analysis],
    ctx: &Context,
    segments: bool,
) {
    let whole: Vec<bool> = rules
        .iter()
        .map(|r| !segments || r.check.file_scope())
        .collect();
    // The document a hit is judged in (`None`: the whole one), and its rule.
    let scope = |f: &Found| ((!whole[f.rule]).then_some(f.paragraph), f.rule);
    let mut counts: std::collections::BTreeMap<(Option<usize>, usize), usize> = Default::default();
    for f in found.iter() {
        *counts.entry(scope(f)).or_default() += 1;
    }
    let fallen: std::collections::BTreeSet<(Option<usize>, usize)> = counts
        .into_iter()
        .filter(|&((paragraph, r), n)| {
            let document = paragraph.map_or(analyses, |i| &analyses[i..=i]);
            !rules[r].check.stands(n, document, ctx)
        })
        .map(|(key, _)| key)
        .collect();
    if !fallen.is_empty() {
        found.retain(|f| !fallen.contains(&scope(f)));
    }
}

/// The paragraph rules' hits, every paragraph on its own, on all threads; paragraphs are
/// numbered from `first`.
fn find_in_paragraphs(
    rules: &[&Rule],
    analyses: &[Analysis],
    ctx: &Context,
    gating: Gating,
    first: usize,
) -> Vec<Found> {
    analyses
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, a)| {
            let mut hits = Vec::new();
            let mut out = Vec::new();
            // Most paragraphs match no gate: one search that stops at the first match (the
            // lazy DFA's fast loop) rules them out before the search for every gate that opens.
            let open = gating.map(|(set, _)| set.is_match(a.text).then(|| set.matches(a.text)));
            for (r, rule) in rules.iter().enumerate() {
                if let (Some(open), Some((_, gates))) = (&open, gating)
                    && let Some(g) = gates[r]
                    && !open.as_ref().is_some_and(|o| o.matched(g))
                {
                    continue;
                }
                rule.check.paragraph(a, ctx, &mut hits);
                // Most rules find nothing in most paragraphs: no drain to make and drop then.
                if !hits.is_empty() {
                    out.extend(hits.drain(..).map(|hit| Found {
                        paragraph: first + i,
                        rule: r,
                        hit,
                    }));
                }
            }
            a.memo.clear();
            if let Some(source) = a.source() {
                source.memo.clear();
            }
            out
        })
        .collect()
}

/// The document rules of a document judged as it streams by, a batch of paragraphs at a
/// time (see `Judgement`): the first pass `learn`s, the second `judge`s, and hits come out by
/// paragraph once no judgement can add to them.
pub struct Judges<'r> {
    /// Each judgement, with its rule's index and the paragraphs it asked to see again.
    list: Vec<(usize, Box<dyn Judgement + 'r>, Vec<usize>)>,
}

impl<'r> Judges<'r> {
    pub fn new(prepared: &'r Prepared) -> Judges<'r> {
        let list = prepared
            .rules
            .iter()
            .enumerate()
            .filter_map(|(r, rule)| rule.check.judgement().map(|j| (r, j, Vec::new())))
            .collect();
        Judges { list }
    }

    /// Whether any judgement needs the first pass.
    pub fn learn_any(&self) -> bool {
        self.list.iter().any(|(_, j, _)| j.learns())
    }

    /// The first pass: a batch of paragraphs numbered from `first`.
    pub fn learn(&mut self, first: usize, analyses: &[Analysis], ctx: &Context) {
        // Each judgement on its own thread.
        self.list
            .par_iter_mut()
            .filter(|(_, j, _)| j.learns())
            .for_each(|(_, j, _)| {
                for (i, a) in analyses.iter().enumerate() {
                    j.learn(first + i, a, ctx);
                }
            });
    }

    /// After the first pass: the paragraphs any judgement wants to see again, ascending.
    pub fn decide(&mut self, ctx: &Context) -> Vec<usize> {
        let mut all = Vec::new();
        for (_, j, wanted) in &mut self.list {
            *wanted = j.decide(ctx);
            all.extend_from_slice(wanted);
        }
        all.sort_unstable();
        all.dedup();
        all
    }

    /// A paragraph `decide` asked for, to the judgements that asked.
    pub fn recall(&mut self, i: usize, a: &Analysis, ctx: &Context) {
        for (_, j, wanted) in &mut self.list {
            if wanted.binary_search(&i).is_ok() {
                j.recall(i, a, ctx);
            }
        }
    }

    /// How many paragraphs a paragraph's hits may wait for.
    pub fn lag(&self) -> usize {
        self.list.iter().map(|(_, j, _)| j.lag()).max().unwrap_or(0)
    }

    /// The second pass: a batch of paragraphs numbered from `first`, their paragraph rules'
    /// hits and the document rules' hits given so far (of these paragraphs or of up to `lag`
    /// before them); `last` ends the document, giving every hit still waiting.
    pub fn judge(
        &mut self,
        prepared: &Prepared,
        first: usize,
        analyses: &[Analysis],
        last: bool,
    ) -> Vec<Found> {
        let ctx = &prepared.ctx;
        let mut found = find_in_paragraphs(
            &prepared.rules,
            analyses,
            ctx,
            Some((prepared.prefilter.set(), &prepared.gates)),
            first,
        );
        // Paragraph hits their document does not let stand (`Judgement::keeps`).
        let fallen: Vec<usize> = self
            .list
            .iter()
            .filter(|(_, j, _)| !j.keeps())
            .map(|(r, _, _)| *r)
            .collect();
        if !fallen.is_empty() {
            found.retain(|f| !fallen.contains(&f.rule));
        }
        // Each judgement on its own thread; their hits in rule order.
        let judged: Vec<Vec<Found>> = self
            .list
            .par_iter_mut()
            .map(|(r, j, _)| {
                let mut hits = Vec::new();
                for (i, a) in analyses.iter().enumerate() {
                    j.judge(first + i, a, ctx, &mut hits);
                }
                if last {
                    j.finish(ctx, &mut hits);
                }
                hits.into_iter()
                    .map(|d| Found {
                        paragraph: d.paragraph,
                        rule: *r,
                        hit: d.hit,
                    })
                    .collect()
            })
            .collect();
        found.extend(judged.into_iter().flatten());
        sort_found(&mut found);
        found
    }
}

/// Analyse every paragraph (on all threads) and find the document's script.
pub fn analyse(segments: &[Segment]) -> (Vec<Analysis<'_>>, Option<Script>) {
    let analyses: Vec<Analysis> = segments.par_iter().map(Analysis::of_segment).collect();
    let script = dominant_script(&analyses);
    (analyses, script)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Document, ParagraphMode};

    /// A Bengali document's paragraphs analysed and its rules prepared.
    fn bengali<'e, 'd>(engine: &'e Engine, doc: &'d Document) -> (Vec<Analysis<'d>>, Prepared<'e>) {
        let (analyses, script) = analyse(&doc.segments);
        let known = Known {
            language: "bn".into(),
            script,
            source_language: None,
        };
        let prepared = engine.prepare("t", &DocInfo::default(), &analyses, script, Some(&known));
        (analyses, prepared)
    }

    /// Every language's gates fit in one RegexSet (together they may exceed the size limit, and
    /// then every rule would run ungated: the same results, much slower).
    #[test]
    fn every_language_has_its_prefilter() {
        let engine = Engine::new(crate::rules::load_embedded().unwrap(), Selection::default());
        let doc = Document::from_text("t", "একটি বাক্য। एक वाक्य।", ParagraphMode::Line);
        let (analyses, script) = analyse(&doc.segments);
        for language in [
            "bn", "hi", "mr", "ta", "ru", "ar", "zh", "ja", "ko", "en", "de", "es", "fr", "nl",
            "gu", "uk",
        ] {
            let known = Known {
                language: language.into(),
                script,
                source_language: None,
            };
            let prepared =
                engine.prepare("t", &DocInfo::default(), &analyses, script, Some(&known));
            assert!(!prepared.prefilter.is_empty(), "{language}: no prefilter");
        }
    }

    /// The RegexSet prefilter is a fast path: with it and without it, the same hits.
    #[test]
    fn the_prefilter_changes_no_result() {
        let engine = Engine::new(crate::rules::load_embedded().unwrap(), Selection::default());
        let texts = [
            include_str!("../../tests/fixtures/bn-news-mt.txt"),
            include_str!("../../tests/fixtures/tico19-bn-sample.txt"),
            "পুতিন  বলেন । হাসপাতাল -গুলো পূর্ণ।\rএবং \nশেষ। ",
        ];
        let mut fired = 0;
        for text in texts {
            for mode in [ParagraphMode::Line, ParagraphMode::BlankLine] {
                let doc = Document::from_text("t", text, mode);
                let (analyses, prepared) = bengali(&engine, &doc);
                assert!(!prepared.prefilter.is_empty(), "pattern rules are gated");
                let key = |f: &Found| (f.paragraph, f.rule, f.hit.span, f.hit.suggestion.clone());
                let gated: Vec<_> = engine
                    .find(&prepared, &analyses, false)
                    .iter()
                    .map(key)
                    .collect();
                let plain: Vec<_> = find(&prepared.rules, &analyses, &prepared.ctx, false, None)
                    .iter()
                    .map(key)
                    .collect();
                assert_eq!(gated, plain);
                fired += plain.len();
            }
        }
        assert!(fired > 20, "the texts make rules fire");
    }

    /// A house style's paragraph hits stand or fall with their document: the whole document
    /// held in memory, or each segment with `--segments`; with the gate or without.
    #[test]
    fn a_house_style_is_judged_per_document_or_per_segment() {
        let engine = Engine::new(crate::rules::load_embedded().unwrap(), Selection::default());
        let spaced = |text: &str, segments: bool, gated: bool| -> Vec<usize> {
            let doc = Document::from_text("t", text, ParagraphMode::Line);
            let (analyses, prepared) = bengali(&engine, &doc);
            let gating = gated.then_some((prepared.prefilter.set(), &prepared.gates[..]));
            find(&prepared.rules, &analyses, &prepared.ctx, segments, gating)
                .iter()
                .filter(|f| prepared.rules[f.rule].id == "bn.space-before-danda")
                .map(|f| f.paragraph)
                .collect()
        };
        // Spaced three times, attached once: the document's style, a slip in each segment.
        let verse = "এক কথা ।\nদুই কথা ।\nতিন কথা ।\nচার কথা।";
        // Attached but once: a slip either way.
        let prose = "এক কথা।\nদুই কথা।\nতিন কথা ।\nচার কথা।";
        for gated in [true, false] {
            assert_eq!(spaced(verse, false, gated), [] as [usize; 0]);
            assert_eq!(spaced(verse, true, gated), [0, 1, 2]);
            assert_eq!(spaced(prose, false, gated), [2]);
            assert_eq!(spaced(prose, true, gated), [2]);
        }
    }
}
