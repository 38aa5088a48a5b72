//! Rule KINDS, one file each. A kind reads the analysed text and returns hits (spans plus the
//! values its message needs); it never prints nor formats a report. This file is the registry:
//! the kinds a rule file may name and how each one's options are compiled.

pub mod attribution;
pub mod attribution_cited;
mod code_pages;
pub mod consistency;
pub mod consistency_characters;
pub mod encoding_mojibake;
pub mod encoding_replacement;
pub mod invisible_bidi;
pub mod invisible_control;
pub mod invisible_format;
pub mod language;
pub mod length_limit;
mod measures;
pub mod misspelled_word;
pub mod mixed_script;
pub mod mixed_script_span;
pub mod mixed_script_stray_word;
pub mod numerals_mixed_in_number;
pub mod numerals_mixed_systems;
pub mod orphan_mark;
pub mod orphan_mark_doubled;
pub mod orphan_mark_doubled_cluster;
pub mod orphan_mark_stacked_signs;
pub mod pattern;
pub mod repetition;
pub mod repetition_coordinated;
pub mod repetition_list;
pub mod repetition_loop;
mod required;
mod shared;
pub mod source_brackets;
pub mod source_codes;
pub mod source_consistency;
pub mod source_consistency_target;
pub mod source_foreign_addition;
pub mod source_glossary;
pub mod source_length;
pub mod source_length_empty;
pub mod source_numbers;
pub mod source_placeholders;
pub mod source_placeholders_order;
pub mod source_quotes;
pub mod source_untranslated;
pub mod source_untranslated_span;
pub mod source_whitespace;
pub mod terminology;

use std::fmt::Debug;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::ValueDeserializer;
use unicode_script::Script;

use crate::fields::struct_fields;
use crate::lexicon::Lexicon;
use crate::text::{Analysis, Span};

/// One place a rule fires, in paragraph byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub span: Span,
    /// Values for `{name}` placeholders of the rule's message (`{match}` is always the text).
    pub vars: Vec<(&'static str, String)>,
    pub suggestion: Option<String>,
}

impl Hit {
    pub fn new(span: Span) -> Hit {
        Hit {
            span,
            vars: Vec::new(),
            suggestion: None,
        }
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Hit {
        // Exactly: a hit has a var or two, and a paragraph may have a million hits.
        self.vars.reserve_exact(1);
        self.vars.push((name, value.into()));
        self
    }

    pub fn suggest(mut self, suggestion: impl Into<String>) -> Hit {
        self.suggestion = Some(suggestion.into());
        self
    }
}

/// A hit of a document-level rule: which paragraph it sits in.
#[derive(Debug, Clone, PartialEq)]
pub struct DocHit {
    pub paragraph: usize,
    pub hit: Hit,
}

/// What every rule knows about the document it runs on.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The script most letters of the document are written in.
    pub script: Option<Script>,
    /// The document's language (ISO 639-1 where one exists).
    pub language: String,
    /// The language its translation units were translated from, when known (the file's
    /// declaration or `--source-lang`).
    pub source_language: Option<String>,
    /// The language data of the packs active on the document (endings...).
    pub lexicon: std::sync::Arc<Lexicon>,
    /// The project's glossary for the document's language (`--glossary`).
    pub glossary: std::sync::Arc<crate::glossary::Glossary>,
}

/// A compiled rule kind. Paragraph rules implement `paragraph`; document rules implement
/// `judgement`, which sees the document a paragraph at a time, so a document of any size is
/// judged without holding it (`document` runs a judgement over paragraphs in memory).
pub trait Check: Send + Sync + Debug {
    fn paragraph(&self, _p: &Analysis, _ctx: &Context, _out: &mut Vec<Hit>) {}
    /// A document rule's judgement of one new document; `None` for a paragraph rule.
    fn judgement(&self) -> Option<Box<dyn Judgement + '_>> {
        None
    }
    /// Judge a document whose paragraphs are all in memory.
    fn document(&self, ps: &[Analysis], ctx: &Context, out: &mut Vec<DocHit>) {
        if let Some(mut j) = self.judgement() {
            judge_whole(&mut *j, ps, ctx, out);
        }
    }
    /// Whether the rule compares the translation units of one file with each other (one
    /// source translated two ways): it sees every unit of the file even with `--segments`,
    /// where other document rules see one segment at a time.
    fn file_scope(&self) -> bool {
        false
    }
    /// A regex that matches wherever the rule can fire, so the engine can skip the rule on
    /// paragraphs that one multi-pattern scan rules out.
    fn gate(&self) -> Option<&str> {
        None
    }
    /// Whether the rule's `found` paragraph hits in a document in memory (`ps`) stand: a rule
    /// whose hits are slips only where the document chooses otherwise (a house style) drops
    /// them all where the document has chosen them. A document judged as it streams asks the
    /// rule's judgement instead (`Judgement::keeps`).
    fn stands(&self, _found: usize, _ps: &[Analysis], _ctx: &Context) -> bool {
        true
    }
}

/// How a document rule judges a document without holding it: it sees every paragraph twice,
/// in order. The first pass (`learn`) gathers what the judgement needs (a majority, counts per
/// spelling, a house style); `decide` concludes, and may ask to see a few paragraphs again
/// (`recall`, in the order asked) whose text a finding will quote; the second pass (`judge`)
/// gives the hits. A judgement keeps state bounded by what it counts (distinct spellings,
/// distinct sources), never by the document's length.
pub trait Judgement: Send {
    /// Whether it needs the first pass (a rule told what to expect does not); `decide` is
    /// called either way.
    fn learns(&self) -> bool {
        true
    }
    /// The first pass: paragraph `i`.
    fn learn(&mut self, _i: usize, _p: &Analysis, _ctx: &Context) {}
    /// After the first pass: the paragraphs it wants to see again before judging, ascending.
    fn decide(&mut self, _ctx: &Context) -> Vec<usize> {
        Vec::new()
    }
    /// A paragraph it asked for in `decide`.
    fn recall(&mut self, _i: usize, _p: &Analysis, _ctx: &Context) {}
    /// The second pass: the hits of paragraph `i`, and of paragraphs up to `lag` before it
    /// whose hits waited for it.
    fn judge(&mut self, i: usize, p: &Analysis, ctx: &Context, out: &mut Vec<DocHit>);
    /// After the second pass: the hits still waiting.
    fn finish(&mut self, _ctx: &Context, _out: &mut Vec<DocHit>) {}
    /// After `decide`: whether the rule's paragraph hits in this document stand (see
    /// `Check::stands`).
    fn keeps(&self) -> bool {
        true
    }
    /// How many paragraphs the hits of a paragraph may wait for: when `judge(i)` returns,
    /// paragraphs `0..=i - lag` have all their hits (with `lag` 0, paragraph `i` too).
    fn lag(&self) -> usize {
        0
    }
}

/// Run a judgement over a document in memory.
pub fn judge_whole(j: &mut dyn Judgement, ps: &[Analysis], ctx: &Context, out: &mut Vec<DocHit>) {
    if j.learns() {
        for (i, p) in ps.iter().enumerate() {
            j.learn(i, p, ctx);
        }
    }
    for i in j.decide(ctx) {
        if let Some(p) = ps.get(i) {
            j.recall(i, p, ctx);
        }
    }
    for (i, p) in ps.iter().enumerate() {
        j.judge(i, p, ctx, out);
    }
    j.finish(ctx, out);
}

thread_local! {
    /// Whether the rules being built make their costly parts when first run (`Deferred`).
    static DEFERRED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// While held, the rules being built leave their costly parts (a pattern's regex, a
/// glossary's automaton) to be made when the rule first runs: for the embedded packs, which
/// the tests build eagerly, so that a run pays only for its documents' languages. A user's
/// pack is built at load, its errors reported before any text is read.
pub struct Deferred(());

impl Deferred {
    pub fn start() -> Deferred {
        DEFERRED.with(|d| d.set(true));
        Deferred(())
    }
}

impl Drop for Deferred {
    fn drop(&mut self) {
        DEFERRED.with(|d| d.set(false));
    }
}

/// Whether a `Deferred` is held.
pub(crate) fn deferring() -> bool {
    DEFERRED.with(|d| d.get())
}

/// Why a rule's options do not compile: a message and, where known, the span of the bad value
/// in the rule file.
#[derive(Debug)]
pub struct BuildError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl BuildError {
    pub fn new(message: impl Into<String>) -> BuildError {
        BuildError {
            span: None,
            message: message.into(),
        }
    }

    pub fn at(span: Range<usize>, message: impl Into<String>) -> BuildError {
        BuildError {
            span: Some(span),
            message: message.into(),
        }
    }
}

impl From<toml::de::Error> for BuildError {
    fn from(e: toml::de::Error) -> BuildError {
        BuildError {
            span: e.span(),
            message: e.message().to_string(),
        }
    }
}

type Compile = fn(ValueDeserializer<'_>) -> Result<Box<dyn Check>, BuildError>;

/// One entry of the registry.
pub struct KindInfo {
    pub name: &'static str,
    /// The values its hits give a message besides `{match}` (the flagged text): a rule's
    /// message may use these placeholders and no others.
    pub placeholders: &'static [&'static str],
    pub fields: fn() -> &'static [&'static str],
    pub compile: Compile,
}

/// Deserialise a kind's options and build its check.
fn compile<O, C>(
    de: ValueDeserializer<'_>,
    build: fn(O) -> Result<C, BuildError>,
) -> Result<Box<dyn Check>, BuildError>
where
    O: DeserializeOwned,
    C: Check + 'static,
{
    let options = O::deserialize(de)?;
    Ok(Box::new(build(options)?))
}

macro_rules! kind {
    ($name:literal, $module:ident, [$($var:literal),*]) => {
        KindInfo {
            name: $name,
            placeholders: &[$($var),*],
            fields: || struct_fields::<$module::Options>(),
            compile: |de| compile(de, $module::build),
        }
    };
}

/// Every kind, one algorithm each. A kind that belongs to a family is named with the family
/// as prefix (`orphan-mark-doubled`), so tools matching the family keep working.
pub const KINDS: &[KindInfo] = &[
    kind!("attribution", attribution, ["first", "verb"]),
    kind!("attribution-cited", attribution_cited, ["first"]),
    kind!("consistency", consistency, ["majority", "count"]),
    kind!(
        "consistency-characters",
        consistency_characters,
        ["majority", "count"]
    ),
    kind!("encoding-mojibake", encoding_mojibake, ["repaired"]),
    kind!("encoding-replacement", encoding_replacement, []),
    kind!("invisible-bidi", invisible_bidi, ["name"]),
    kind!("invisible-control", invisible_control, ["code"]),
    kind!("invisible-format", invisible_format, ["name"]),
    kind!("language", language, ["language", "expected"]),
    kind!("length-limit", length_limit, ["length", "limit", "unit"]),
    kind!("misspelled-word", misspelled_word, ["expected"]),
    kind!("mixed-script", mixed_script, []),
    kind!("mixed-script-span", mixed_script_span, []),
    kind!("mixed-script-stray-word", mixed_script_stray_word, []),
    kind!(
        "numerals-mixed-in-number",
        numerals_mixed_in_number,
        ["systems"]
    ),
    kind!(
        "numerals-mixed-systems",
        numerals_mixed_systems,
        ["system", "expected"]
    ),
    kind!("orphan-mark", orphan_mark, []),
    kind!("orphan-mark-doubled", orphan_mark_doubled, []),
    kind!(
        "orphan-mark-doubled-cluster",
        orphan_mark_doubled_cluster,
        []
    ),
    kind!("orphan-mark-stacked-signs", orphan_mark_stacked_signs, []),
    kind!("pattern", pattern, []),
    kind!("repetition", repetition, []),
    kind!("repetition-coordinated", repetition_coordinated, []),
    kind!("repetition-list", repetition_list, []),
    kind!("repetition-loop", repetition_loop, ["count", "unit"]),
    kind!("source-brackets", source_brackets, []),
    kind!("source-quotes", source_quotes, []),
    kind!("source-codes", source_codes, ["change", "source", "target"]),
    kind!("source-consistency", source_consistency, ["other", "count"]),
    kind!(
        "source-consistency-target",
        source_consistency_target,
        ["other", "count"]
    ),
    kind!("source-foreign-addition", source_foreign_addition, []),
    kind!("source-glossary", source_glossary, ["term", "expected"]),
    kind!("source-length", source_length, ["ratio", "bound"]),
    kind!("source-length-empty", source_length_empty, []),
    kind!(
        "source-numbers",
        source_numbers,
        ["change", "source", "target"]
    ),
    kind!(
        "source-placeholders",
        source_placeholders,
        ["change", "source", "target"]
    ),
    kind!(
        "source-placeholders-order",
        source_placeholders_order,
        ["source", "target"]
    ),
    kind!("source-untranslated", source_untranslated, ["language"]),
    kind!("source-untranslated-span", source_untranslated_span, []),
    kind!(
        "source-whitespace",
        source_whitespace,
        ["edge", "source_edge", "target_edge"]
    ),
    kind!("terminology", terminology, ["right"]),
];

/// Kinds as rule files named them before one kind held one algorithm: `(kind, mode, kind
/// now)`. A rule with an old kind and its `mode` loads as the kind now; `mode` is dropped.
pub const ALIASES: &[(&str, &str, &str)] = &[
    ("mixed-script", "word", "mixed-script"),
    ("mixed-script", "stray-word", "mixed-script-stray-word"),
    ("numerals", "mixed-in-number", "numerals-mixed-in-number"),
    ("numerals", "mixed-systems", "numerals-mixed-systems"),
    ("orphan-mark", "orphan", "orphan-mark"),
    ("orphan-mark", "doubled-mark", "orphan-mark-doubled"),
    (
        "orphan-mark",
        "doubled-cluster",
        "orphan-mark-doubled-cluster",
    ),
    ("orphan-mark", "stacked-signs", "orphan-mark-stacked-signs"),
    ("repetition", "repeated", "repetition"),
    ("repetition", "coordinated", "repetition-coordinated"),
];

pub fn kind_info(name: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.name == name)
}

/// The kind an old `kind` and `mode` pair names now.
pub fn alias(kind: &str, mode: &str) -> Option<&'static KindInfo> {
    ALIASES
        .iter()
        .find(|(k, m, _)| *k == kind && *m == mode)
        .and_then(|(_, _, now)| kind_info(now))
}

/// Helpers for the kinds' unit tests: compile options written as TOML, run on a text.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::input::{Document, ParagraphMode};

    /// Letters, marks, viramas, characters that decompose, joiners, spaces, hyphens and digits
    /// of Bengali, Devanagari, Latin, Greek and Tibetan: where the orphan-mark kinds look.
    pub fn marked_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        const ALPHABET: &[char] = &[
            'ক', 'ব', 'য', 'র', 'ম', 'অ', 'ড', 'ঢ', 'া', 'ি', 'ী', 'ু', 'ে', 'ো', '্', '়', 'ঁ', 'ং',
            '\u{09DF}', '\u{09DD}', 'क', 'र', 'ि', '्', '़', 'a', 'e', 'é', '\u{0301}', '\u{0344}',
            '\u{0F73}', '\u{0F71}', '\u{FE0F}', '\u{200D}', ' ', '-', ',', '।', '1', '১',
        ];
        proptest::collection::vec(proptest::sample::select(ALPHABET), 0..24)
            .prop_map(|v| v.into_iter().collect())
    }

    /// `find` (a text, the byte offsets to judge, the hits) finds the same hits at the text's
    /// mark events as at every character.
    pub fn same_at_events(
        text: &str,
        find: impl Fn(&str, &[usize], &mut Vec<Hit>),
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let every: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let (mut all, mut at_events) = (Vec::new(), Vec::new());
        find(text, &every, &mut all);
        find(text, &crate::text::marks::mark_events(text), &mut at_events);
        proptest::prop_assert_eq!(all, at_events, "{:?}", text);
        Ok(())
    }

    /// Compile `options` (the inside of a TOML inline table) for `kind`.
    pub fn compile(kind: &str, options: &str) -> Result<Box<dyn Check>, BuildError> {
        let source = format!("{{ {options} }}");
        let de = ValueDeserializer::parse(&source).expect("options parse as TOML");
        (kind_info(kind).expect("a known kind").compile)(de)
    }

    pub fn bn_lexicon() -> Lexicon {
        Lexicon {
            endings: ["ের", "এর", "র", "কে", "তে", "য়", "এ", "ে", "রা", "দের", "টি"]
                .map(String::from)
                .to_vec(),
            // Sorted, as the loader leaves them.
            source_words: [
                "a", "however", "in", "is", "of", "the", "was", "which", "your",
            ]
            .map(String::from)
            .to_vec(),
            sentence_openers: vec!["however".to_string()],
            ..Lexicon::default()
        }
    }

    /// The flagged texts of a check on a Bengali `target` with its `source`.
    pub fn flagged_against(check: &dyn Check, source: &str, target: &str) -> Vec<String> {
        let t = crate::checks::source_placeholders::tests::pair(source, target);
        let ctx = Context {
            script: Some(unicode_script::Script::Bengali),
            ..Context::default()
        };
        let mut out = Vec::new();
        check.paragraph(&t, &ctx, &mut out);
        out.into_iter()
            .map(|h| t.slice(h.span).to_string())
            .collect()
    }

    /// The flagged texts of a check on `text` (a paragraph per line), with its suggestions.
    pub fn flagged(check: &dyn Check, text: &str, language: &str) -> Vec<(String, Option<String>)> {
        let doc = Document::from_text("t", text, ParagraphMode::Line);
        let analyses: Vec<Analysis> = doc
            .segments
            .iter()
            .map(|s| Analysis::new(&s.text))
            .collect();
        let ctx = Context {
            script: crate::text::dominant_script(&analyses),
            language: language.to_string(),
            lexicon: std::sync::Arc::new(bn_lexicon()),
            ..Context::default()
        };
        let mut out = Vec::new();
        let mut found = Vec::new();
        for a in &analyses {
            let mut hits = Vec::new();
            check.paragraph(a, &ctx, &mut hits);
            found.extend(hits.into_iter().map(|h| (a, h)));
        }
        if check.stands(found.len(), &analyses, &ctx) {
            out.extend(
                found
                    .into_iter()
                    .map(|(a, h)| (a.slice(h.span).to_string(), h.suggestion)),
            );
        }
        let mut doc_hits = Vec::new();
        check.document(&analyses, &ctx, &mut doc_hits);
        out.extend(doc_hits.into_iter().map(|d| {
            (
                analyses[d.paragraph].slice(d.hit.span).to_string(),
                d.hit.suggestion,
            )
        }));
        out
    }

    pub fn texts(check: &dyn Check, text: &str, language: &str) -> Vec<String> {
        flagged(check, text, language)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }
}
