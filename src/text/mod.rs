//! Segmentation only, no judgements: each paragraph is analysed once and every rule reads the
//! result. Spans are byte offsets into the paragraph.

pub mod language;
pub mod marks;
pub mod numbers;
pub mod placeholders;
pub mod props;
mod scan;
pub mod script;
pub mod sentences;
pub mod words;

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_script::Script;

pub use numbers::Number;
pub use words::{Word, WordKind};

/// NFC of `s`, borrowed when it is already NFC.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if is_nfc(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Whether `s` is in NFC. The quick check on cached properties, and where it says "maybe"
/// for a starter (Bengali া and ৗ compose with a preceding ে; Hangul jamo), the only thing that
/// could change it: whether that starter composes with the character right before it (any
/// other character before it blocks composition). A "maybe" with a non-zero combining class
/// goes to the crate's full check. A test holds this against the crate.
pub fn is_nfc(s: &str) -> bool {
    scan::run(s, Nfc::default()).0
}

/// The NFC check, a character at a time. On its own it stops at the first character that
/// decides "not NFC"; in the analysis's one pass it goes on and records every character where
/// the check could fail (`suspects`): a character not NFC on its own, one that composes with or
/// reorders against the one before it, one that asks for the crate's full check. A word with
/// no suspect character is NFC, since a word's own check sees, at each character after its
/// first, the same character before it (and before its first, none).
#[derive(Default)]
struct Nfc {
    prev: Option<char>,
    last_ccc: u8,
    full_check: bool,
    /// Decided: not NFC.
    not: bool,
    /// Where to record the suspect characters (byte offsets), if anywhere.
    suspects: Option<Vec<usize>>,
}

impl Nfc {
    fn recording() -> Nfc {
        Nfc {
            suspects: Some(Vec::new()),
            ..Nfc::default()
        }
    }
}

impl scan::Machine for Nfc {
    type Out = (bool, Vec<usize>);

    #[inline(always)]
    fn step(&mut self, _: &str, i: usize, c: char, p: &props::Props) {
        if self.not && self.suspects.is_none() {
            return;
        }
        let ccc = p.ccc;
        let mut suspect = false;
        if p.has(props::NFC_NO) {
            (self.not, suspect) = (true, true);
        } else if p.has(props::NFC_MAYBE) {
            if ccc != 0 {
                (self.full_check, suspect) = (true, true);
            } else if self
                .prev
                .is_some_and(|p| unicode_normalization::char::compose(p, c).is_some())
            {
                (self.not, suspect) = (true, true);
            }
        }
        if ccc != 0 && self.last_ccc > ccc {
            (self.not, suspect) = (true, true);
        }
        if suspect && let Some(s) = self.suspects.as_mut() {
            s.push(i);
        }
        (self.prev, self.last_ccc) = (Some(c), ccc);
    }

    /// Of combining class 0 and quick check Yes: no suspect.
    #[inline(always)]
    fn plain(&mut self, text: &str, i: usize, c: char, p: &props::Props) {
        if p.ccc != 0 || p.has(props::NFC_NO | props::NFC_MAYBE) {
            return self.step(text, i, c, p);
        }
        (self.prev, self.last_ccc) = (Some(c), 0);
    }

    fn finish(self, text: &str) -> (bool, Vec<usize>) {
        let nfc = !self.not && (!self.full_check || unicode_normalization::is_nfc(text));
        (nfc, self.suspects.unwrap_or_default())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
            || (self.start == self.end && other.start <= self.start && self.start <= other.end)
    }
}

/// Spans sorted and those that overlap or touch joined: what `covers`, `overlaps_any` and
/// `inside_any` read (by binary search, so a paragraph of thousands of placeholders costs no
/// more per word than one of a few).
pub fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Whether byte `at` lies in one of `merged` spans.
pub fn covers(merged: &[Span], at: usize) -> bool {
    let k = merged.partition_point(|m| m.start <= at);
    k > 0 && at < merged[k - 1].end
}

/// Whether `s` shares a byte with one of `merged` spans.
pub fn overlaps_any(merged: &[Span], s: Span) -> bool {
    let k = merged.partition_point(|m| m.start < s.end);
    k > 0 && merged[k - 1].end > s.start
}

/// Whether `s` lies inside one of `merged` spans.
pub fn inside_any(merged: &[Span], s: Span) -> bool {
    let k = merged.partition_point(|m| m.start <= s.start);
    k > 0 && s.end <= merged[k - 1].end
}

/// The scripts of a whitespace token's letters and marks (Common and Inherited aside): the
/// first, whether another comes after it, and whether a letter of no script is among them
/// (`µ`, `𝐚`, which a foreign word may be made of). A token whose letters are all of the
/// document's script is no foreign word, and the mixed-script kinds pass it by without
/// reading it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenScripts {
    pub first: Option<Script>,
    pub mixed: bool,
    pub unscripted_letter: bool,
}

impl TokenScripts {
    /// A letter (`letter`) or mark of script `s` in the token.
    #[inline(always)]
    fn add(&mut self, s: Script, letter: bool) {
        match (self.first, s) {
            (_, Script::Common | Script::Inherited | Script::Unknown) => {
                self.unscripted_letter |= letter;
            }
            (None, s) => self.first = Some(s),
            (Some(f), s) => self.mixed |= f != s,
        }
    }

    /// Whether the token may hold a letter or mark of a script other than `s`: one of another
    /// script, or a letter of none.
    pub fn other_than(&self, s: Script) -> bool {
        self.mixed || self.unscripted_letter || self.first.is_some_and(|f| f != s)
    }
}

/// Letter-and-mark counts per script, most frequent first (ties by script name, so results are stable).
#[derive(Debug, Clone, Default)]
pub struct ScriptCounts(pub Vec<(Script, usize)>);

impl ScriptCounts {
    pub fn of(text: &str) -> ScriptCounts {
        ScriptCounts::of_unmasked(text, &[])
    }

    /// The counts of a text less its `masked` spans (sorted).
    pub fn of_unmasked(text: &str, masked: &[Span]) -> ScriptCounts {
        scan::run(text, Scripts::new(masked))
    }

    pub fn merge(&mut self, other: &ScriptCounts) {
        self.merge_unsorted(other);
        self.sort();
    }

    fn merge_unsorted(&mut self, other: &ScriptCounts) {
        for &(s, n) in &other.0 {
            match self.0.iter_mut().find(|(x, _)| *x == s) {
                Some(e) => e.1 += n,
                None => self.0.push((s, n)),
            }
        }
    }

    fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| a.0.full_name().cmp(b.0.full_name()))
        });
    }

    pub fn total(&self) -> usize {
        self.0.iter().map(|(_, n)| n).sum()
    }

    pub fn dominant(&self) -> Option<Script> {
        self.0.first().map(|(s, _)| *s)
    }

    pub fn count(&self, script: Script) -> usize {
        self.0
            .iter()
            .find(|(s, _)| *s == script)
            .map_or(0, |(_, n)| *n)
    }
}

/// Letters and marks by script, a character at a time: Indic vowel signs are marks, and
/// leaving them out would under-weigh abugidas against alphabets. Characters inside the
/// `masked` spans (sorted; they may overlap) count for no script.
struct Scripts<'m> {
    counts: ScriptCounts,
    /// The entry of the last script counted.
    last: Option<(Script, usize)>,
    masked: &'m [Span],
}

impl<'m> Scripts<'m> {
    fn new(masked: &'m [Span]) -> Scripts<'m> {
        Scripts {
            counts: ScriptCounts::default(),
            last: None,
            masked,
        }
    }
}

impl scan::Machine for Scripts<'_> {
    type Out = ScriptCounts;

    #[inline(always)]
    fn step(&mut self, _: &str, i: usize, _: char, p: &props::Props) {
        if !p.has(props::LETTER | props::MARK) {
            return;
        }
        match p.script {
            Script::Common | Script::Inherited | Script::Unknown => {}
            s => self.count(i, s),
        }
    }

    /// A letter or mark of a script.
    #[inline(always)]
    fn plain(&mut self, _: &str, i: usize, _: char, p: &props::Props) {
        self.count(i, p.script);
    }

    fn finish(mut self, _: &str) -> ScriptCounts {
        self.counts.sort();
        self.counts
    }
}

impl Scripts<'_> {
    /// A letter or mark of script `s` at byte `i`, unless masked.
    #[inline(always)]
    fn count(&mut self, i: usize, s: Script) {
        while let Some(m) = self.masked.first() {
            if i < m.end {
                if i >= m.start {
                    return;
                }
                break;
            }
            self.masked = &self.masked[1..];
        }
        let counts = &mut self.counts.0;
        match self.last {
            Some((ls, li)) if ls == s => counts[li].1 += 1,
            _ => {
                let i = match counts.iter().position(|(x, _)| *x == s) {
                    Some(i) => i,
                    None => {
                        counts.push((s, 0));
                        counts.len() - 1
                    }
                };
                counts[i].1 += 1;
                self.last = Some((s, i));
            }
        }
    }
}

/// The script of a document: each paragraph votes for its own dominant script with the square
/// root of its letter count (ties go to the script with more letters). Counting paragraphs
/// keeps one long untranslated paragraph from turning a document of short native ones into a
/// document of its language; the square root keeps a few short captions or URLs (`Photo:
/// Reuters`) from outvoting long native paragraphs.
pub fn dominant_script(analyses: &[Analysis]) -> Option<Script> {
    use rayon::prelude::*;
    // Tallied on all threads: sums, and a ranking that no order of adding changes.
    analyses
        .par_chunks(4096)
        .map(|chunk| {
            let mut tally = ScriptTally::default();
            chunk.iter().for_each(|a| tally.add(&a.scripts));
            tally
        })
        .reduce(ScriptTally::default, |mut a, b| {
            a.merge(&b);
            a
        })
        .dominant()
}

/// The votes of `dominant_script`, added a paragraph at a time (a document too large to hold
/// is tallied as it streams by).
#[derive(Debug, Clone, Default)]
pub struct ScriptTally {
    votes: Vec<(Script, usize)>,
    letters: ScriptCounts,
}

impl ScriptTally {
    /// Add a paragraph's letters by script.
    pub fn add(&mut self, scripts: &ScriptCounts) {
        self.letters.merge_unsorted(scripts);
        if let Some(&(s, n)) = scripts.0.first() {
            self.vote(s, n.isqrt());
        }
    }

    fn vote(&mut self, s: Script, weight: usize) {
        match self.votes.iter_mut().find(|(x, _)| *x == s) {
            Some(v) => v.1 += weight,
            None => self.votes.push((s, weight)),
        }
    }

    /// Add the votes and letters of another part of the document.
    fn merge(&mut self, other: &ScriptTally) {
        self.letters.merge_unsorted(&other.letters);
        for &(s, weight) in &other.votes {
            self.vote(s, weight);
        }
    }

    pub fn dominant(&self) -> Option<Script> {
        let mut letters = self.letters.clone();
        letters.sort();
        self.votes
            .iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1).then_with(|| {
                    // More letters wins; the letter ranking is total, so the result is stable.
                    let rank = |s: Script| letters.0.iter().position(|(x, _)| *x == s);
                    rank(b.0).cmp(&rank(a.0))
                })
            })
            .map(|(s, _)| *s)
    }
}

/// One value of a type of the rules' own that several rules derive from a paragraph alike (the
/// repetition kinds' tokens and loops), made by the first rule that asks and read by the others
/// until the paragraph rules are done with the paragraph.
#[derive(Default)]
pub struct Memo(std::sync::Mutex<Option<MemoValue>>);

type MemoValue = std::sync::Arc<dyn std::any::Any + Send + Sync>;

impl Memo {
    /// The value, made by `make` on the first call; `None` when the slot holds another type
    /// (then the caller makes its own).
    pub fn get_or_init<T: std::any::Any + Send + Sync>(
        &self,
        make: impl FnOnce() -> T,
    ) -> Option<std::sync::Arc<T>> {
        let mut slot = self.0.lock().ok()?;
        let value = slot.get_or_insert_with(|| std::sync::Arc::new(make()));
        std::sync::Arc::clone(value).downcast().ok()
    }

    /// Forget the value: a document held whole keeps its paragraphs' analyses for the
    /// document rules, not what the paragraph rules shared.
    pub fn clear(&self) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = None;
        }
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// Everything the rules read about one paragraph, computed once.
#[derive(Debug)]
pub struct Analysis<'a> {
    pub text: &'a str,
    pub words: Vec<Word>,
    /// NFC forms of the words whose text is not NFC (most are: one check per paragraph).
    norms: String,
    pub numbers: Vec<Number>,
    pub sentences: Vec<Span>,
    pub scripts: ScriptCounts,
    /// Whitespace-separated tokens: the words MQM counts in spaced scripts, the tokens the
    /// mixed-script kinds judge.
    pub tokens: Vec<Span>,
    /// The scripts of each token's letters and marks, as `tokens` are ordered.
    pub token_scripts: Vec<TokenScripts>,
    /// The longest run of one character (`উউউউ`): where it is short, no rule looks for one.
    pub longest_run: usize,
    /// Where a combining mark may be misplaced (`marks::mark_events`): what the orphan-mark
    /// kinds judge.
    pub mark_events: Vec<usize>,
    /// What several rules derive from the paragraph alike, made by the first that asks.
    pub memo: Memo,
    /// For a translation unit's target: its source and what the file says of both.
    pub unit: Option<Box<UnitView<'a>>>,
}

/// What source-aware rules read about a translation unit besides its target.
#[derive(Debug)]
pub struct UnitView<'a> {
    /// The source, analysed like the target.
    pub source: Option<Analysis<'a>>,
    /// Inline codes of the source and of the target (tags, placeholders kept as codes).
    pub source_codes: &'a [crate::input::unit::InlineCode],
    pub target_codes: &'a [crate::input::unit::InlineCode],
    /// The file's length limit on the target.
    pub max_length: Option<crate::input::unit::MaxLength>,
    /// The plural form the target translates (PO `msgstr[n]`), if one.
    pub plural_form: Option<usize>,
    /// A plural form's other source text and its codes (PO `msgid_plural` of form 0).
    pub plural_other: Option<(&'a str, &'a [crate::input::unit::InlineCode])>,
    /// The unit's context (PO `msgctxt`).
    pub context: Option<&'a str>,
}

/// The letters of a text by script, less placeholders, markup, URLs and inline codes (they
/// are not language), as `Analysis::scripts` holds them.
pub fn scripts_of(text: &str) -> ScriptCounts {
    ScriptCounts::of_unmasked(text, &placeholders::masked(text))
}

thread_local! {
    /// The NFC forms of the words not in NFC met on this thread (see `WordForms`).
    static WORD_FORMS: std::cell::RefCell<WordForms> = std::cell::RefCell::new(WordForms::default());
}

/// The NFC forms of words not in NFC, kept as they are made: a text not in NFC is mostly so by
/// a few words said again and again (Bengali `য়` written as one character: 1,411 distinct
/// words of 84,342 in 20 MB of the bench corpus), and normalizing one takes the crate's
/// decomposition and recomposition, tens of times the cost of a hash lookup. Held to
/// `WordForms::MAX` words a thread, then started again: a text of endless distinct words is
/// normalized as if there were no table.
#[derive(Default)]
struct WordForms(crate::hash::FastMap<Box<str>, Box<str>>);

impl WordForms {
    /// Most words kept.
    const MAX: usize = 4096;
    /// Longest word kept, in bytes: with `MAX`, what a thread keeps stays under a megabyte
    /// whatever the text (a "word" of letters and marks may run for megabytes).
    const LONGEST: usize = 64;

    /// Append the NFC form of `word` (not in NFC) to `out`.
    fn push_nfc(&mut self, word: &str, out: &mut String) {
        if word.len() > WordForms::LONGEST {
            out.extend(word.nfc());
            return;
        }
        if let Some(form) = self.0.get(word) {
            out.push_str(form);
            return;
        }
        let form: String = word.nfc().collect();
        out.push_str(&form);
        if self.0.len() >= WordForms::MAX {
            self.0.clear();
        }
        self.0.insert(word.into(), form.into());
    }
}

impl<'a> Analysis<'a> {
    pub fn new(text: &'a str) -> Analysis<'a> {
        // Placeholders, markup, URLs and inline codes are not language: their letters count for
        // no script and their words are no words of the text.
        let masked = placeholders::masked(text);
        let scan::Scan {
            mut words,
            numbers,
            sentences,
            scripts,
            tokens,
            token_scripts,
            longest_run,
            mark_events,
            nfc: (nfc, nfc_suspects),
        } = scan::scan(text, &masked);
        if !masked.is_empty() {
            words.retain(|w| !overlaps_any(&masked, w.span));
        }
        // One buffer for all of them, each word holding its range: no allocation per word.
        let mut norms = String::new();
        if !nfc {
            // Only a word holding a suspect character of the one pass may not be NFC.
            let mut suspects = nfc_suspects.iter().peekable();
            for w in &mut words {
                while suspects.next_if(|&&at| at < w.span.start).is_some() {}
                if suspects.peek().is_none_or(|&&at| at >= w.span.end) {
                    continue;
                }
                let t = w.text(text);
                if !is_nfc(t) {
                    let start = norms.len();
                    WORD_FORMS.with_borrow_mut(|forms| forms.push_nfc(t, &mut norms));
                    // Ranges are u32 to keep words small; past 4 GiB of forms (never, in a
                    // paragraph that fits in memory) words keep their text as written.
                    if let (Ok(a), Ok(b)) = (u32::try_from(start), u32::try_from(norms.len())) {
                        w.norm = Some((a, b));
                    }
                }
            }
        }
        Analysis {
            text,
            words,
            norms,
            numbers,
            sentences,
            scripts,
            tokens,
            token_scripts,
            longest_run,
            mark_events,
            memo: Memo::default(),
            unit: None,
        }
    }

    /// The analysis of a segment: its text, and for a translation unit its source.
    pub fn of_segment(segment: &'a crate::input::Segment) -> Analysis<'a> {
        let mut a = Analysis::new(&segment.text);
        if let Some(u) = segment.unit.as_deref() {
            a.unit = Some(Box::new(UnitView {
                source: u.source.as_ref().map(|t| Analysis::new(&t.text)),
                source_codes: u.source.as_ref().map_or(&[], |t| &t.codes[..]),
                target_codes: &u.codes,
                max_length: u.max_length,
                plural_form: u.plural_form,
                plural_other: u.plural_other.as_ref().map(|t| (&t.text[..], &t.codes[..])),
                context: u.context.as_deref(),
            }));
        }
        a
    }

    /// The source of a translation unit, analysed.
    pub fn source(&self) -> Option<&Analysis<'a>> {
        self.unit.as_ref().and_then(|u| u.source.as_ref())
    }

    /// A word of this paragraph in NFC, the form rules compare.
    #[inline]
    pub fn norm(&self, w: &Word) -> &str {
        match w.norm {
            Some(form) => self.form(form),
            None => w.text(self.text),
        }
    }

    /// A word's NFC form kept apart from the text (`Word::norm`, when it is `Some`).
    pub(crate) fn form(&self, (start, end): (u32, u32)) -> &str {
        &self.norms[start as usize..end as usize]
    }

    #[inline]
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// Whether a sentence starts at byte `at`, after any opening quotes or brackets.
    pub fn starts_sentence(&self, at: usize) -> bool {
        // The sentences are in order: only the last that starts at or before `at` may (an
        // earlier one's text up to `at` holds the later one's), found by binary search, so a
        // paragraph of a million sentences costs no more a word than one of a few.
        let k = self.sentences.partition_point(|s| s.start <= at);
        k > 0
            && self.text[self.sentences[k - 1].start..at]
                .chars()
                .all(|c| !c.is_alphanumeric() && !c.is_whitespace())
    }

    /// The text between two spans holds only whitespace.
    pub fn only_space_between(&self, a: Span, b: Span) -> bool {
        a.end <= b.start && self.text[a.end..b.start].chars().all(char::is_whitespace)
    }
}

/// The fixtures' text for unit tests: Bengali MT and professional text, English–Hindi MT.
#[cfg(test)]
pub(crate) fn fixture_text() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    [
        "bn-news-mt.txt",
        "tico19-bn-sample.txt",
        "wmt24-en-hi-labelled.tsv",
    ]
    .iter()
    .map(|name| std::fs::read_to_string(format!("{dir}/{name}")).unwrap())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word not in NFC has the crate's NFC form whether it is normalized or found in the
    /// thread's table (said again), and after the table has filled and started again.
    #[test]
    fn word_forms_from_the_table_are_the_crates() {
        let mut text = String::from("দে\u{09DF} দে\u{09DF}, প\u{09DC}ে; দে\u{09DF}। ");
        for i in 0..WordForms::MAX + 100 {
            text.push_str(&format!("\u{09DF}{i:x} "));
        }
        // A word too long to keep, normalized every time.
        let long = "\u{09DF}".repeat(WordForms::LONGEST);
        text.push_str(&long);
        let mut forms = WordForms::default();
        let mut out = String::new();
        forms.push_nfc(&long, &mut out);
        assert_eq!(out, long.nfc().collect::<String>());
        assert!(forms.0.is_empty(), "a long word is not kept");
        for _ in 0..2 {
            let a = Analysis::new(&text);
            assert_eq!(a.words.len(), WordForms::MAX + 105);
            for w in &a.words {
                let written = w.text(&text);
                assert!(!is_nfc(written), "{written}");
                assert_eq!(a.norm(w), written.nfc().collect::<String>(), "{written}");
            }
        }
    }

    /// The fast paths (NFC decided once per paragraph, a word's script set resolved only when
    /// its letters disagree) give what the crates give, on real text and on edge cases.
    #[test]
    fn fast_paths_agree_with_the_crates() {
        let text = [
            include_str!("../../tests/fixtures/bn-news-mt.txt"),
            include_str!("../../tests/fixtures/tico19-bn-sample.txt"),
            "য\u{09BC} \u{09DF} ে\u{09BE} \u{09CB} e\u{0301} é दृ\u{0951}ঢ় TNFα দৃsolid র\u{200D}্যাব",
            "\nক\u{09BE}ে \u{09BE}কে\u{09BE} a\u{0323}\u{0301}\u{0300} b\u{0301}\u{0323} ড়\u{09BC}ক \u{09DC}\u{09BC} ি\u{09BE}",
        ]
        .concat();
        for line in text.lines() {
            let a = Analysis::new(line);
            for w in &a.words {
                let t = w.text(line);
                let expected: String = t.nfc().collect();
                assert_eq!(a.norm(w), expected, "{t:?}");
                assert_eq!(w.mixed_script, script::is_mixed_script(t), "{t:?}");
            }
            let expected: String = line.nfc().collect();
            assert_eq!(is_nfc(line), expected == line, "{line:?}");
        }
    }

    /// A long document's script is tallied on all threads, a part at a time: the same script as
    /// one tally in order, in votes close enough that the tie-break by letters decides.
    #[test]
    fn a_script_tallied_in_parts_is_the_one_tallied_in_order() {
        // Long Latin paragraphs first (more letters), then as many short Bengali ones as tie
        // their votes, and the parts of the parallel tally fall across both.
        let (latin, bengali) = ("abcd ".repeat(20), "কখগঘ");
        let mut texts = vec![latin.as_str(); 4000];
        texts.extend(std::iter::repeat_n(bengali, 4000 * 8 / 2));
        for extra in [0, 1] {
            let mut texts = texts.clone();
            texts.extend(std::iter::repeat_n(bengali, extra));
            let analyses: Vec<Analysis> = texts.iter().map(|t| Analysis::new(t)).collect();
            let mut tally = ScriptTally::default();
            analyses.iter().for_each(|a| tally.add(&a.scripts));
            let expected = [Some(Script::Latin), Some(Script::Bengali)][extra];
            assert_eq!(tally.dominant(), expected);
            assert_eq!(dominant_script(&analyses), expected);
        }
    }

    /// The fast NFC check answers as the crate does on every pair and triple of characters
    /// that compose, reorder or decompose in the scripts mtqc is used on.
    #[test]
    fn is_nfc_agrees_with_the_crate() {
        let pool: Vec<char> = "কোৗোৌয়\u{09DF}\u{09BC}্ড\u{09DC}ঢ\u{09DD}aeé\u{0301}\u{0300}\u{0323}\u{0327}\
            \u{1100}\u{1161}\u{11A8}\u{AC00}\u{0B47}\u{0B3E}\u{0B56}\u{0BC6}\u{0BBE}\u{0BD7}\
            \u{0CC6}\u{0CC2}\u{0D46}\u{0D3E}\u{0DD9}\u{0DCF}\u{3099}\u{304B}\u{0344}\u{0958} \u{200D}"
            .chars()
            .collect();
        for &a in &pool {
            for &b in &pool {
                for &c in &pool {
                    let s: String = [a, b, c].iter().collect();
                    assert_eq!(is_nfc(&s), unicode_normalization::is_nfc(&s), "{s:?}");
                }
            }
        }
    }
}
