//! `pattern`: a regular expression that must not match (spacing, punctuation, typography),
//! with an optional suggestion (`$1` expands a capture group). `group` picks the capture group
//! that is flagged, so context can be matched without being flagged (the regex crate has no
//! look-behind). Regexes are compiled once, with size and nesting limits, and run in linear time.
//!
//! With `house_style`, a regex for the other way of writing the same thing (a danda right
//! after its word), the pattern is a slip only in a document that mostly writes it the other
//! way: a document that writes it this way throughout (verse typography, ` ।`) has chosen it.
//! A house style needs `HOUSE_STYLE_EVIDENCE` occurrences of either way; a shorter document (a
//! single segment) is judged as without one.

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Hir, HirKind};
use serde::Deserialize;
use toml::Spanned;

use super::required::Required;
use super::{BuildError, Check, Context, DocHit, Hit, Judgement};
use crate::text::{Analysis, Span};

/// Largest compiled regex a pack may hold; a hostile pack cannot exhaust memory.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// Fewest occurrences of a pattern and its house-style alternative that show a house style.
pub const HOUSE_STYLE_EVIDENCE: usize = 3;
/// Most bytes of context after a flagged group that the search reads again (`each_group`).
const RESCAN: usize = 16;
/// Deepest nesting of groups a pack's regex may use.
pub const REGEX_NEST_LIMIT: u32 = 64;

#[derive(Debug, Deserialize)]
pub struct Options {
    regex: Spanned<String>,
    #[serde(default)]
    suggestion: Option<String>,
    #[serde(default)]
    group: Option<Spanned<usize>>,
    #[serde(default)]
    house_style: Option<Spanned<String>>,
    /// How many times as often a document must write the other way for the pattern to be its
    /// slip (default 1: more often than not). An old spelling that old texts mix with the new
    /// (`ধর্ম্ম` beside `ধর্ম`) is a slip only where the new one clearly prevails.
    #[serde(default = "one")]
    house_style_ratio: f64,
    /// In a unit whose source has a match too, the target's matches are the source's own, not
    /// flagged (`&amp;` in a source and its target that are both escaped text; a space a
    /// source ends with, kept by its target).
    #[serde(default)]
    unless_in_source: bool,
}

#[derive(Debug)]
pub struct Pattern {
    regex: PackRegex,
    suggestion: Option<String>,
    group: usize,
    /// The other way of writing what the regex matches; see the module doc.
    house_style: Option<PackRegex>,
    house_style_ratio: f64,
    unless_in_source: bool,
}

fn one() -> f64 {
    1.0
}

/// A rule's regex. A user's pack compiles it at load, so its errors and its share of the
/// pack's budget come before any text is read; an embedded pack (`super::Deferred`) compiles
/// it when the rule first runs, so a run compiles only the regexes of its documents'
/// languages. The tests compile every embedded regex as a user's would be
/// (`rules::load::tests`).
#[derive(Debug)]
struct PackRegex {
    source: String,
    compiled: std::sync::OnceLock<Option<Regex>>,
    /// The literals one of which each match holds: a paragraph without them is not searched.
    required: std::sync::OnceLock<Required>,
}

impl PackRegex {
    fn new(source: &Spanned<String>) -> Result<PackRegex, BuildError> {
        let compiled = std::sync::OnceLock::new();
        if !super::deferring() {
            let _ = compiled.set(Some(compile_regex(source)?));
        }
        Ok(PackRegex {
            source: source.get_ref().clone(),
            compiled,
            required: std::sync::OnceLock::new(),
        })
    }

    /// Whether the regex may match `text` (false: `text` holds none of its required literals).
    fn may_match(&self, text: &str) -> bool {
        self.required
            .get_or_init(|| Required::of(&self.source))
            .may_match(text)
    }

    /// The regex; `None` only for an embedded regex that does not compile, which the tests
    /// rule out.
    fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| within_limits(&self.source).ok())
            .as_ref()
    }
}

/// Compiled size of the regexes a pack may hold in all (each also within `REGEX_SIZE_LIMIT`):
/// a hostile pack of hundreds of regexes near the limit would take gigabytes.
pub const PACK_REGEX_BUDGET: usize = 32 << 20;

thread_local! {
    /// Compiled size (Thompson NFA bytes) of the regexes compiled since `budget_start`.
    static SPENT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Start counting the compiled size of a pack's regexes.
pub fn budget_start() {
    SPENT.with(|s| s.set(0));
}

/// The compiled size of the regexes compiled since `budget_start`.
pub fn budget_spent() -> usize {
    SPENT.with(|s| s.get())
}

/// What to say when the regexes compiled since `budget_start` are over `PACK_REGEX_BUDGET`.
pub fn over_budget() -> Option<String> {
    let spent = budget_spent();
    (spent > PACK_REGEX_BUDGET).then(|| {
        format!(
            "the pack's regexes compile to {} MiB, over the budget of {} MiB",
            spent >> 20,
            PACK_REGEX_BUDGET >> 20
        )
    })
}

/// The regex of `source` within the size and nesting limits.
fn within_limits(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
}

/// The syntax tree of a regex of a pack, within the nesting limit.
fn parse(source: &Spanned<String>) -> Result<Hir, BuildError> {
    regex_syntax::ParserBuilder::new()
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .parse(source.get_ref())
        .map_err(|e| BuildError::at(source.span(), format!("invalid regex: {e}")))
}

/// Compile a regex of a pack: Rust's `regex` (linear time), within the size and nesting
/// limits; a regex that can match the empty string is refused (it would flag every position,
/// or none, and loops on nothing). Its compiled size counts against the pack's budget. Every
/// regex a pack brings goes through here: a rule's options and the language data's lists
/// (`rules::load`).
pub fn compile_regex(source: &Spanned<String>) -> Result<Regex, BuildError> {
    let at = |m: String| BuildError::at(source.span(), m);
    let hir = parse(source)?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(at(format!(
            "regex `{}` can match the empty string: every regex of a pack must match some text",
            source.get_ref()
        )));
    }
    let regex = within_limits(source.get_ref()).map_err(|e| at(format!("invalid regex: {e}")))?;
    let nfa = regex_automata::nfa::thompson::Compiler::new()
        .configure(
            regex_automata::nfa::thompson::Config::new().nfa_size_limit(Some(REGEX_SIZE_LIMIT)),
        )
        .build_from_hir(&hir)
        .map_err(|e| at(format!("invalid regex: {e}")))?;
    SPENT.with(|s| s.set(s.get() + nfa.memory_usage()));
    Ok(regex)
}

/// `compile_regex` for the regex of an option other than a pattern's `regex`: its errors name
/// the option (`` `agreement`: regex `x?` can match the empty string ``).
pub fn compile_option_regex(option: &str, source: &Spanned<String>) -> Result<Regex, BuildError> {
    compile_regex(source).map_err(|e| BuildError {
        span: e.span,
        message: format!("`{option}`: {}", e.message),
    })
}

/// The shortest text capture group `index` of `hir` can match: `None` when there is no such
/// group, `Some(None)` when it can match nothing at all.
fn group_minimum_len(hir: &Hir, index: u32) -> Option<Option<usize>> {
    match hir.kind() {
        HirKind::Capture(c) if c.index == index => Some(c.sub.properties().minimum_len()),
        HirKind::Capture(c) => group_minimum_len(&c.sub, index),
        HirKind::Repetition(r) => group_minimum_len(&r.sub, index),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => {
            hs.iter().find_map(|h| group_minimum_len(h, index))
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => None,
    }
}

/// The flagged group of a pattern: it exists, and it cannot match the empty string (a finding
/// of no text, `(x?)a` on `a`), as the whole regex cannot (`compile_regex`).
fn check_group(source: &Spanned<String>, group: &Spanned<usize>) -> Result<(), BuildError> {
    let at = |m: String| BuildError::at(group.span(), m);
    let index = *group.get_ref();
    if index == 0 {
        return Ok(());
    }
    let hir = parse(source)?;
    match u32::try_from(index)
        .ok()
        .and_then(|i| group_minimum_len(&hir, i))
    {
        None => Err(at(format!(
            "`group` {index} does not exist in the regex `{}`",
            source.get_ref()
        ))),
        Some(Some(0)) => Err(at(format!(
            "`group` {index} of regex `{}` can match the empty string: a flagged group must \
             match some text",
            source.get_ref()
        ))),
        Some(_) => Ok(()),
    }
}

pub fn build(o: Options) -> Result<Pattern, BuildError> {
    let regex = PackRegex::new(&o.regex)?;
    let group = o.group.unwrap_or_else(|| Spanned::new(0..0, 0));
    // With the regex (a user's pack; every embedded one in the tests).
    if regex.compiled.get().is_some() {
        check_group(&o.regex, &group)?;
    }
    let group = group.into_inner();
    if o.unless_in_source && o.house_style.is_some() {
        return Err(BuildError::new(
            "`unless_in_source` and `house_style` cannot be combined: a house style is judged \
             over the whole document, not unit by unit",
        ));
    }
    if !(o.house_style_ratio.is_finite() && o.house_style_ratio >= 1.0) {
        return Err(BuildError::new(format!(
            "`house_style_ratio` must be a number of 1 or more, not {}",
            o.house_style_ratio
        )));
    }
    Ok(Pattern {
        regex,
        suggestion: o.suggestion,
        group,
        house_style: o.house_style.as_ref().map(PackRegex::new).transpose()?,
        house_style_ratio: o.house_style_ratio,
        unless_in_source: o.unless_in_source,
    })
}

impl Pattern {
    /// How many of the other way decide a document with `found` matches: one more than the
    /// ratio allows.
    fn needed(&self, found: usize) -> usize {
        (self.house_style_ratio * found as f64).floor() as usize + 1
    }

    /// The rule's regex, when it has its group.
    fn regex(&self) -> Option<&Regex> {
        self.regex.get().filter(|r| self.group < r.captures_len())
    }

    /// How many hits `hits` would give.
    fn count(&self, text: &str) -> usize {
        let Some(regex) = self.regex().filter(|_| self.regex.may_match(text)) else {
            return 0;
        };
        if self.group == 0 {
            return regex.find_iter(text).count();
        }
        let mut n = 0;
        self.each_group(text, |_, _| n += 1);
        n
    }

    fn hits(&self, text: &str, out: &mut Vec<Hit>) {
        let Some(regex) = self.regex().filter(|_| self.regex.may_match(text)) else {
            return;
        };
        if self.group == 0 && self.suggestion.is_none() {
            out.extend(
                regex
                    .find_iter(text)
                    .map(|m| Hit::new(Span::new(m.start(), m.end()))),
            );
            return;
        }
        self.each_group(text, |caps, m| {
            let mut hit = Hit::new(Span::new(m.start(), m.end()));
            if let Some(template) = &self.suggestion {
                let mut s = String::new();
                caps.expand(template, &mut s);
                hit = hit.suggest(s);
            }
            out.push(hit);
        });
    }

    /// Each match with its flagged group, left to right. The search goes on from the end of
    /// the flagged group, not of the match, when what the match holds after the group is
    /// short context (at most `RESCAN` bytes): that context (the space after a detached
    /// ending) may be the context before the next one (`त्या ला आणि घेण्या साठी`). Longer
    /// context is not read again, so the search stays linear in the text.
    fn each_group<'t>(
        &self,
        text: &'t str,
        mut f: impl FnMut(&regex::Captures<'t>, regex::Match<'t>),
    ) {
        let Some(regex) = self.regex() else { return };
        // Captures cost more than a search: only where there is a match.
        if !regex.is_match(text) {
            return;
        }
        let mut at = 0;
        while at <= text.len() {
            let Some(caps) = regex.captures_at(text, at) else {
                break;
            };
            let Some(whole) = caps.get(0) else { break };
            let next = match caps.get(self.group) {
                Some(m) => {
                    f(&caps, m);
                    if whole.end() - m.end() <= RESCAN {
                        m.end()
                    } else {
                        whole.end()
                    }
                }
                None => whole.end(),
            };
            // A regex never matches the empty string (`compile_regex`): this moves on.
            at = if next > whole.start() {
                next
            } else {
                whole.end()
            };
        }
    }
}

impl Check for Pattern {
    fn gate(&self) -> Option<&str> {
        Some(self.regex.source.as_str())
    }

    /// The pattern's matches; a house style's stand or fall with its document (`stands`,
    /// `HouseStyle`).
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        // A house style whose other way does not compile (an embedded regex, which the tests
        // rule out) judges nothing, held or streamed.
        if self.house_style.as_ref().is_some_and(|h| h.get().is_none()) {
            return;
        }
        let from = out.len();
        self.hits(p.text, out);
        if self.unless_in_source
            && out.len() > from
            && let Some(source) = p.source()
            && self.regex().is_some_and(|r| r.is_match(source.text))
        {
            out.truncate(from);
        }
    }

    /// A document in memory: its `found` matches (the paragraph hits, found under the gate)
    /// are slips unless it writes the pattern as its house style; the other way is counted
    /// only as far as the decision needs (a document's dandas after their word up to one more
    /// than its slips). The same decision as the judgement's (`slip`).
    fn stands(&self, found: usize, ps: &[Analysis], _: &Context) -> bool {
        let Some(other_way) = &self.house_style else {
            return true;
        };
        let Some(other) = other_way.get() else {
            return false;
        };
        let cap = self.needed(found);
        let mut others = 0;
        for p in ps.iter().filter(|p| other_way.may_match(p.text)) {
            others += other.find_iter(p.text).take(cap - others).count();
            if others == cap {
                break;
            }
        }
        slip(found, others, self.house_style_ratio)
    }

    /// Nothing more than the paragraph hits and `stands` in memory; the judgement is for a
    /// document that streams.
    fn document(&self, _: &[Analysis], _: &Context, _: &mut Vec<DocHit>) {}

    fn judgement(&self) -> Option<Box<dyn Judgement + '_>> {
        let other_way = self.house_style.as_ref()?;
        Some(Box::new(HouseStyle {
            rule: self,
            other_way,
            other: other_way.get()?,
            found: 0,
            others: 0,
            slip: false,
        }))
    }
}

/// Whether a document with `found` matches of a house-style pattern and `others` of its other
/// way slips: the other way is written more than `ratio` times as often, or there is too
/// little of either to show a house style. Exact for any `others` above `ratio * found`
/// (`document` stops counting there).
fn slip(found: usize, others: usize, ratio: f64) -> bool {
    found > 0 && (others as f64 > ratio * found as f64 || others + found < HOUSE_STYLE_EVIDENCE)
}

/// A house-style rule on a document that streams: the first pass counts both ways of writing
/// it; the pattern's paragraph hits stand where it is the minority way (or where there is too
/// little of either to show a house style).
struct HouseStyle<'a> {
    rule: &'a Pattern,
    other_way: &'a PackRegex,
    other: &'a Regex,
    found: usize,
    others: usize,
    /// The pattern is a slip in this document.
    slip: bool,
}

impl Judgement for HouseStyle<'_> {
    fn learn(&mut self, _: usize, p: &Analysis, _: &Context) {
        self.found += self.rule.count(p.text);
        if self.other_way.may_match(p.text) {
            self.others += self.other.find_iter(p.text).count();
        }
    }

    fn decide(&mut self, _: &Context) -> Vec<usize> {
        self.slip = slip(self.found, self.others, self.rule.house_style_ratio);
        Vec::new()
    }

    /// The hits are the paragraph rule's (`Check::paragraph`), kept or dropped by `keeps`.
    fn judge(&mut self, _: usize, _: &Analysis, _: &Context, _: &mut Vec<DocHit>) {}

    fn keeps(&self) -> bool {
        self.slip
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, flagged_against};

    #[test]
    fn a_match_its_source_holds_is_the_source_s() {
        let c = compile(
            "pattern",
            "regex = '&(?:amp|quot);', unless_in_source = true",
        )
        .unwrap();
        // The source is escaped text as the target is; a source without a match leaves the
        // target's flagged.
        assert!(
            flagged_against(&*c, "Terms &amp; conditions", "শর্ত &amp; &quot;নিয়ম&quot;").is_empty()
        );
        assert_eq!(
            flagged_against(&*c, "Terms and conditions", "শর্ত &amp; নিয়ম"),
            ["&amp;"]
        );
        // Without a source every match is flagged.
        assert_eq!(flagged(&*c, "শর্ত &amp; নিয়ম", "bn").len(), 1);
        assert!(
            compile(
                "pattern",
                "regex = 'a', house_style = 'b', unless_in_source = true"
            )
            .is_err(),
            "a house style is judged over the document, not unit by unit"
        );
    }

    #[test]
    fn group_and_suggestion() {
        let c = compile(
            "pattern",
            r#"regex = '(\w+)( {2,})(\w+)', group = 2, suggestion = " ""#,
        )
        .unwrap();
        assert_eq!(
            flagged(&*c, "এক  দুই", "bn"),
            [("  ".to_string(), Some(" ".to_string()))]
        );
        let swap = compile("pattern", r#"regex = '(\w+)-(\w+)', suggestion = "$2-$1""#).unwrap();
        assert_eq!(
            flagged(&*swap, "ক-খ", "bn"),
            [("ক-খ".to_string(), Some("খ-ক".to_string()))]
        );
    }

    /// Context matched after a flagged group may be the context before the next one: the
    /// search goes on from the group's end, so two slips a space apart are two hits.
    #[test]
    fn context_after_a_group_may_open_the_next_match() {
        let c = compile("pattern", r#"regex = '(?:^|\s)(x y)(?:\s|$)', group = 1"#).unwrap();
        assert_eq!(
            crate::checks::testing::texts(&*c, "x y x y a x y", "en"),
            ["x y", "x y", "x y"]
        );
        let ctx = compile("pattern", r#"regex = '(\w+)( {2,})(\w+)', group = 2"#).unwrap();
        assert_eq!(
            crate::checks::testing::texts(&*ctx, "এক  দুই  তিন", "bn"),
            ["  ", "  "]
        );
    }

    #[test]
    fn house_style_flags_the_minority_way_only() {
        let c = compile(
            "pattern",
            r#"regex = '\S(\s+)।', group = 1, house_style = '\S।'"#,
        )
        .unwrap();
        let slip = "এক।\nদুই।\nতিন ।";
        assert_eq!(crate::checks::testing::texts(&*c, slip, "bn"), [" "]);
        let verse = "এক ।\nদুই ।\nতিন।";
        assert!(crate::checks::testing::texts(&*c, verse, "bn").is_empty());
        let segment = "এক কথা ।";
        assert_eq!(
            crate::checks::testing::texts(&*c, segment, "bn"),
            [" "],
            "too short for a house style"
        );
    }

    #[test]
    fn a_house_style_ratio_wants_the_other_way_to_prevail() {
        let c = compile(
            "pattern",
            "regex = 'র্ম্ম', house_style = 'র্ম[^্]', house_style_ratio = 3.0",
        )
        .unwrap();
        // an old spelling among three new ones: mixed, as old texts are
        let mixed = "ধর্ম্ম।\nকর্মী।\nধর্মের।\nকর্মে।";
        assert!(crate::checks::testing::texts(&*c, mixed, "bn").is_empty());
        // among four new ones: the new prevails, the old one is a slip
        let modern = "ধর্ম্ম।\nকর্মী।\nধর্মের।\nকর্মে।\nকর্মক্ষেত্র।";
        assert_eq!(crate::checks::testing::texts(&*c, modern, "bn"), ["র্ম্ম"]);
        assert!(
            compile(
                "pattern",
                "regex = 'a', house_style = 'b', house_style_ratio = 0.5"
            )
            .is_err()
        );
    }

    #[test]
    fn bad_regexes_are_build_errors_with_their_span() {
        let e = compile("pattern", "regex = 'a('").unwrap_err();
        assert!(e.message.starts_with("invalid regex") && e.span.is_some());
        assert!(compile("pattern", "regex = 'a', group = 3").is_err());
        let e = compile("pattern", "regex = '(x?)a', group = 1").unwrap_err();
        assert!(e.message.contains("can match the empty string") && e.span.is_some());
        assert!(
            compile("pattern", r"regex = '(?:\w{100}){100}'").is_err(),
            "size limit"
        );
    }
}
