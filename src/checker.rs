//! A checker: the pipeline for one document, assembled. Segments are analysed once, the engine
//! runs the rules on them, the findings layer places the hits in the input, scores and the gate
//! judge each paragraph and the file; a run's files make a report. The command line, the
//! streaming mode and the library API all check through here.

use std::collections::BTreeSet;

use rayon::prelude::*;
use unicode_script::Script;

use crate::engine::{self, Engine, Known, Prepared, Selection};
use crate::error::Error;
use crate::findings::{self, Filter};
use crate::gate::Gate;
use crate::hash::fnv1a;
use crate::input::{DocInfo, DocPath, Document, Segment};
use crate::report::{FileReport, PackRef, ParagraphReport, Report, RuleInfo, Scoring, Summary};
use crate::rules::Pack;
use crate::score::{self, Weights, round2};
use crate::text::script::{is_unspaced, script_name};
use crate::text::{Analysis, dominant_script};
use crate::vocab::Severity;

/// How a run checks and judges, besides which rules run (`Selection`).
#[derive(Debug, Clone, Default)]
pub struct Judging {
    pub filter: Filter,
    pub weights: Weights,
    pub gate: Gate,
    /// Every paragraph is its own document.
    pub segments: bool,
    /// The paragraphs' texts left out of their reports: no renderer of the run shows them (the
    /// HTML report alone does), and a held document would hold its text twice.
    pub without_text: bool,
}

pub struct Checker {
    pub engine: Engine,
    pub judging: Judging,
    config_hash: String,
}

impl Checker {
    /// Check that the packs and every rule and pack id the settings name exist, and build the
    /// checker.
    pub fn new(
        packs: Vec<Pack>,
        mut selection: Selection,
        mut judging: Judging,
    ) -> Result<Checker, Error> {
        // Old ids of moved rules name them still: settings are read with the ids they have now.
        let now = |id: &String| {
            packs
                .iter()
                .flat_map(|p| &p.rules)
                .find(|r| r.answers_to(id))
                .map_or_else(|| id.clone(), |r| r.id.clone())
        };
        selection.disabled = selection.disabled.iter().map(now).collect();
        for p in &mut selection.paths {
            p.disabled = p.disabled.iter().map(now).collect();
        }
        judging.filter.severity = std::mem::take(&mut judging.filter.severity)
            .into_iter()
            .map(|(id, s)| (now(&id), s))
            .collect();
        crate::rules::unique(&packs)?;
        let ids: std::collections::BTreeSet<&str> = packs
            .iter()
            .flat_map(|p| &p.rules)
            .map(|r| r.id.as_str())
            .collect();
        let pack_ids: std::collections::BTreeSet<&str> =
            packs.iter().map(|p| p.info.id.as_str()).collect();
        let named = selection
            .disabled
            .iter()
            .chain(judging.filter.severity.keys())
            .chain(selection.paths.iter().flat_map(|p| &p.disabled));
        for id in named {
            if !ids.contains(id.as_str()) {
                return Err(Error::usage(format!(
                    "unknown rule `{id}` (see `mtqc rules list`)"
                )));
            }
        }
        let wanted = selection.packs.iter().flatten().chain(
            selection
                .paths
                .iter()
                .flat_map(|p| p.packs.iter().flatten()),
        );
        for p in wanted {
            if !pack_ids.contains(p.as_str()) {
                return Err(Error::usage(format!("unknown pack `{p}`")));
            }
        }
        let config_hash = config_hash(&packs, &selection, &judging);
        Ok(Checker {
            engine: Engine::new(packs, selection),
            judging,
            config_hash,
        })
    }

    pub fn gate(&self) -> &Gate {
        &self.judging.gate
    }

    /// Check one whole document.
    pub fn check(&self, doc: &Document) -> FileReport {
        self.check_segments(&doc.path, &doc.info, &doc.segments, None, 0)
    }

    /// What a stream's start says of it: its language and script, decided as for a document
    /// whose paragraphs are `sample`.
    pub fn known(&self, path: &DocPath, info: &DocInfo, sample: &[Segment]) -> Known {
        let analyses: Vec<Analysis> = sample.iter().map(|s| Analysis::new(&s.text)).collect();
        let script = dominant_script(&analyses);
        self.engine.know(&path.project, info, &analyses, script)
    }

    /// Check `segments` of the input at `path` as one document (or, in segments mode, each its
    /// own); `known` is what is known of the text beyond them; paragraphs are numbered from
    /// `first_index`.
    pub fn check_segments(
        &self,
        path: &DocPath,
        info: &DocInfo,
        segments: &[Segment],
        known: Option<&Known>,
        first_index: usize,
    ) -> FileReport {
        let (analyses, script) = engine::analyse(segments);
        self.check_analysed(
            path,
            info,
            &[segments],
            analyses,
            script,
            known,
            first_index,
        )
    }

    /// `check_segments` for segments already analysed (`analyses`, of the document's script
    /// `script`), which come in `batches` (a document read a batch at a time: `large`).
    #[allow(clippy::too_many_arguments)]
    pub fn check_analysed(
        &self,
        path: &DocPath,
        info: &DocInfo,
        batches: &[&[Segment]],
        analyses: Vec<Analysis>,
        script: Option<Script>,
        known: Option<&Known>,
        first_index: usize,
    ) -> FileReport {
        let prepared = self
            .engine
            .prepare(&path.project, info, &analyses, script, known);
        let found = self
            .engine
            .find(&prepared, &analyses, self.judging.segments);
        let mut locator = findings::Locator::new(
            &prepared.rules,
            &self.judging.filter,
            &path.project,
            info.target_language.as_deref(),
            self.judging.segments,
        );
        let mut located = findings::Located::default();
        let (mut first, mut rest) = (0, &found[..]);
        for batch in batches {
            let n = rest.partition_point(|f| f.paragraph < first + batch.len());
            located.add(locator.locate(batch, first, &rest[..n]));
            (first, rest) = (first + batch.len(), &rest[n..]);
        }
        debug_assert!(rest.is_empty(), "a hit past the last batch");
        let segments: Vec<&Segment> = batches.iter().flat_map(|b| b.iter()).collect();
        debug_assert_eq!(segments.len(), analyses.len());
        let mut scorer = self.scorer(&prepared.ctx);
        // Reports on all threads, counted in order.
        let reports: Vec<(ParagraphReport, f64)> = analyses
            .par_iter()
            .zip(segments)
            .zip(located.paragraphs)
            .enumerate()
            .map(|(i, ((a, s), findings))| {
                scorer.report(first_index + i, s, scorer.words(a), findings)
            })
            .collect();
        let paragraphs = reports.into_iter().map(|r| scorer.add(r)).collect();
        let mut file = scorer.file(path, info, &prepared);
        file.paragraphs = paragraphs;
        file.suppressed = located.suppressed;
        file.baselined = located.baselined.len();
        file.baselined_findings = located.baselined;
        // Freed on all threads (a document held whole leaves hundreds of thousands of
        // allocations: 0.09 s for 100 MB on one thread).
        analyses.into_par_iter().for_each(drop);
        file
    }

    /// The scorer of a document's paragraphs.
    pub fn scorer(&self, ctx: &crate::checks::Context) -> Scorer<'_> {
        Scorer {
            checker: self,
            unspaced: ctx.script.is_some_and(is_unspaced),
            words: 0,
            penalty: 0.0,
            pass: true,
        }
    }

    /// Assemble the report of a run from its files' reports, the number of inputs that could
    /// not be read, and the project file it read.
    pub fn report(
        &self,
        mut files: Vec<FileReport>,
        unread: usize,
        project_file: Option<String>,
    ) -> Report {
        // Sorted by path: the report is the same whatever the order of the command line.
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let gate = &self.judging.gate;
        let mut summary = Summary {
            files: files.len(),
            pass: gate.run(files.iter().map(|f| f.pass), unread),
            unread,
            ..Summary::default()
        };
        let mut penalty = 0.0;
        for f in &files {
            summary.paragraphs += f.paragraph_count();
            summary.words += f.words;
            penalty += f.paragraph_penalty();
            summary.baselined += f.baselined;
            summary.suppressed += f.suppressed;
            summary.skipped += f.skipped.values().sum::<usize>();
            let counts = f.finding_counts();
            summary.findings.minor += counts.minor;
            summary.findings.major += counts.major;
            summary.findings.critical += counts.critical;
        }
        summary.penalty = round2(penalty);
        summary.score = round2(score::score(penalty, summary.words));
        summary.penalty_per_1000_words = round2(score::per_thousand(penalty, summary.words));
        let ran: BTreeSet<&str> = files
            .iter()
            .flat_map(|f| &f.rules)
            .map(String::as_str)
            .collect();
        let mut rules: Vec<RuleInfo> = self
            .engine
            .rules()
            .filter(|r| ran.contains(r.id.as_str()))
            .map(|r| RuleInfo {
                id: r.id.clone(),
                kind: r.kind,
                severity: self.judging.filter.severity_of(&r.id, r.severity),
                category: r.category.clone(),
                message: r.message.clone(),
                summary: r.summary.clone(),
                doc: r.doc.clone(),
            })
            .collect();
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Report {
            version: 1,
            mtqc_version: env!("CARGO_PKG_VERSION"),
            packs: self
                .engine
                .packs
                .iter()
                .map(|p| PackRef {
                    id: p.info.id.clone(),
                    version: p.info.version.clone(),
                })
                .collect(),
            config_hash: self.config_hash.clone(),
            project_file,
            scoring: Scoring {
                model: score::MODEL,
                weights: self.judging.weights,
                fail_on: gate.fail_on().as_str().to_string(),
                fail_under: gate.fail_under,
                gate: gate.describe(),
            },
            files,
            summary,
            rules,
        }
    }
}

/// A document's paragraphs scored and gated one at a time, in order, and the file's totals
/// from them.
pub struct Scorer<'c> {
    checker: &'c Checker,
    unspaced: bool,
    words: usize,
    penalty: f64,
    pass: bool,
}

impl Scorer<'_> {
    /// The words of a paragraph, as the MQM score counts them.
    pub fn words(&self, a: &Analysis) -> usize {
        score::words(a, self.unspaced)
    }

    /// The report of paragraph `index`, segment `s` with `words` words and its findings,
    /// counted in the file's score.
    pub fn paragraph(
        &mut self,
        index: usize,
        s: &Segment,
        words: usize,
        findings: Vec<crate::findings::Finding>,
    ) -> ParagraphReport {
        let scored = self.report(index, s, words, findings);
        self.add(scored)
    }

    /// Count a paragraph's report in the file's score (paragraphs in order: the penalty is a
    /// sum of floats).
    pub fn add(&mut self, (report, penalty): (ParagraphReport, f64)) -> ParagraphReport {
        self.words += report.words;
        self.penalty += penalty;
        self.pass &= report.pass;
        report
    }

    /// The report of a paragraph and its penalty before rounding, not yet counted (`add`).
    pub fn report(
        &self,
        index: usize,
        s: &Segment,
        words: usize,
        findings: Vec<crate::findings::Finding>,
    ) -> (ParagraphReport, f64) {
        let judging = &self.checker.judging;
        let p: f64 = findings
            .iter()
            .flat_map(|f| Severity::ALL.into_iter().zip(f.counts()))
            .map(|(s, n)| judging.weights.of(s) * n as f64)
            .sum();
        let ok = judging.gate.paragraph(&findings);
        let unit = s.unit.as_deref();
        let report = ParagraphReport {
            id: unit.map(|u| u.id.clone()),
            source: unit.and_then(|u| u.source.as_ref()).map(|t| t.text.clone()),
            target: unit.map(|_| s.text.clone()),
            index,
            line: s.at.line,
            words,
            penalty: round2(p),
            score: round2(score::score(p, words)),
            pass: ok,
            findings,
            text: if judging.without_text {
                String::new()
            } else {
                s.text.clone()
            },
        };
        (report, p)
    }

    /// The file's report so far, without its paragraphs, suppressed and baselined findings.
    pub fn file(&self, path: &DocPath, info: &DocInfo, prepared: &Prepared) -> FileReport {
        let gate = &self.checker.judging.gate;
        let (words, penalty) = (self.words, self.penalty);
        let file_score = score::score(penalty, words);
        let untranslated = info.untranslated();
        FileReport {
            path: path.shown.clone(),
            relative_path: path.relative.clone(),
            project_path: path.project.clone(),
            declared_language: info.target_language.clone(),
            language: prepared.ctx.language.clone(),
            script: prepared
                .ctx
                .script
                .map(|s: Script| script_name(s).to_string()),
            words,
            penalty: round2(penalty),
            score: round2(file_score),
            penalty_per_1000_words: round2(score::per_thousand(penalty, words)),
            pass: gate.file(self.pass, file_score) && gate.untranslated(untranslated),
            source_language: info
                .units
                .then(|| prepared.ctx.source_language.clone())
                .flatten(),
            skipped: info
                .skipped
                .iter()
                .map(|(k, v)| (k.as_str().to_string(), *v))
                .collect(),
            untranslated,
            suppressed: 0,
            paragraphs: Vec::new(),
            baselined: 0,
            baselined_findings: Vec::new(),
            rules: prepared.rules.iter().map(|r| r.id.clone()).collect(),
            spilled: None,
        }
    }
}

/// A hash of everything that shapes findings and scores, so two reports can be compared.
fn config_hash(packs: &[Pack], s: &Selection, j: &Judging) -> String {
    let mut text = format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}",
        s.language,
        s.packs,
        s.disabled,
        j.filter.severity,
        j.filter.allow,
        j.weights,
        j.gate.fail_on,
        j.gate.fail_under,
        j.segments
    );
    for p in packs {
        text.push_str(&format!(
            "|{}@{}:{}",
            p.info.id,
            p.info.version,
            p.rules.len()
        ));
    }
    // Settings added to the hash later count only when set, so a run without them keeps the
    // hash its reports had.
    if let Some(l) = &s.source_language {
        text.push_str(&format!("|source:{l}"));
    }
    for p in &s.paths {
        text.push_str(&format!(
            "|path:{}:{:?}:{:?}:{:?}",
            p.glob.glob(),
            p.language,
            p.packs,
            p.disabled
        ));
    }
    for t in &s.glossary.terms {
        text.push_str(&format!(
            "|term:{}:{:?}:{:?}",
            t.written, t.targets, t.language
        ));
    }
    if j.gate.fail_on_untranslated {
        text.push_str("|fail-on-untranslated");
    }
    format!("{:016x}", fnv1a(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ParagraphMode;

    /// Settings that change findings change the hash `mtqc diff` compares; a run without the
    /// settings added later keeps the hash it had.
    #[test]
    fn the_config_hash_covers_paths_sources_glossaries_and_untranslated() {
        let packs = crate::rules::load_embedded().unwrap();
        let base = Selection::default();
        let judging = Judging::default();
        let plain = config_hash(&packs, &base, &judging);
        let with_path = Selection {
            paths: vec![crate::engine::PathRule {
                glob: globset::Glob::new("legacy/**").unwrap().compile_matcher(),
                language: None,
                packs: None,
                disabled: vec!["bn.spelling-variant".into()],
            }],
            ..Selection::default()
        };
        let from_zh = Selection {
            source_language: Some("zh".into()),
            ..Selection::default()
        };
        let mut untranslated = Judging::default();
        untranslated.gate.fail_on_untranslated = true;
        let hashes = [
            plain.clone(),
            config_hash(&packs, &with_path, &judging),
            config_hash(&packs, &from_zh, &judging),
            config_hash(&packs, &base, &untranslated),
        ];
        let distinct: std::collections::BTreeSet<&String> = hashes.iter().collect();
        assert_eq!(distinct.len(), 4, "{hashes:?}");
        assert_eq!(config_hash(&packs, &base, &judging), plain);
    }

    fn checker() -> Checker {
        Checker::new(
            crate::rules::load_embedded().unwrap(),
            Selection::default(),
            Judging::default(),
        )
        .unwrap()
    }

    /// The document's language and script come from most of its paragraphs: one long
    /// untranslated paragraph among short native ones is the foreign one.
    #[test]
    fn one_long_foreign_paragraph_does_not_change_the_document_language() {
        let checker = checker();
        let text = "আকাশে মেঘ করেছে।\nনদীর জল বাড়ছে।\nগ্রামে বৃষ্টি নামল।\n\
            The health ministry said on Tuesday that the number of new infections had fallen \
            for the third week in a row, although hospitals in the north were still under \
            heavy pressure and more staff would be needed before the winter.\n\
            মাঠে ধান পেকেছে।\nসবাই ঘরে ফিরল।\n";
        let report = checker.check(&Document::from_text("t", text, ParagraphMode::Line));
        assert_eq!(report.language, "bn");
        let flagged: Vec<usize> = report
            .paragraphs
            .iter()
            .filter(|p| {
                p.findings
                    .iter()
                    .any(|f| f.rule == "common.foreign-paragraph")
            })
            .map(|p| p.index)
            .collect();
        assert_eq!(flagged, [3]);

        // Nor do a few short captions and links among long native paragraphs.
        let long = "রাশিয়ার রাষ্ট্রপতি ভ্লাদিমির পুতিন উত্তর কোরিয়ার নেতা কিম জং উনকে একটি চিঠি পাঠিয়েছেন, যেখানে তিনি দুই দেশের সম্পর্ক আরও দৃঢ় করার অঙ্গীকার করেছেন এবং সামরিক সহযোগিতার প্রশংসা করেছেন।";
        let text = format!(
            "{long}\nPhoto: Reuters\n{long}\nSource: KCNA\nhttps://example.org/news/2025/08/15\n"
        );
        let report = checker.check(&Document::from_text("t", &text, ParagraphMode::Line));
        assert_eq!(report.language, "bn");
        assert!(
            report
                .findings()
                .all(|f| f.rule != "common.foreign-paragraph")
        );
    }
}
