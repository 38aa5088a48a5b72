//! `consistency`: one name or term spelled two ways in one document (`কেসিএনএ` / `কেসিএএনএ`).
//!
//! Edit distance alone cannot tell a variant from another word one letter away (চিকিৎসা /
//! চিকিৎসক), so spellings are grouped by a key that forgives only what variants are made of:
//! inflection endings are stripped (the pack's `endings`, so `রাশিয়া` / `রাশিয়ার` is one
//! spelling), and so are proclitics the rule lists as `prefixes` (Arabic `والإمارات` is
//! `الإمارات` is `إمارات`), letters the pack lists as `confusables` (ন/ণ, শ/ষ/স) are folded
//! together, and a letter typed twice counts once. Within a group, the majority spelling (at least
//! `min_majority` occurrences, more than any other) is taken as right and each minority
//! spelling whose strsim similarity to it reaches `min_similarity` is flagged. With `window`,
//! the majority must hold within that many paragraphs of the variant, so a file of unrelated
//! segments does not pit one translator against another across the file.

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use std::sync::Arc;

use crate::hash::FastMap;
use crate::lexicon::Lexicon;
use crate::text::script::{VIRAMA_CLASS, combining_class};

use super::{BuildError, Check, Context, DocHit, Hit, Judgement};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Shortest stem judged, in characters.
    #[serde(default = "default_min_chars")]
    min_chars: usize,
    /// Fewest occurrences of the majority spelling.
    #[serde(default = "default_min_majority")]
    min_majority: usize,
    #[serde(default = "default_similarity")]
    min_similarity: f64,
    /// Groups of letters that spell one sound: the first of each group stands for all.
    #[serde(default)]
    confusables: Vec<Vec<String>>,
    /// Groups folded only inside a stem, not as its last letter: Bengali writes a word-final
    /// long or short vowel both ways by standard (`সরকারি` / `সরকারী`), but not a medial one.
    #[serde(default)]
    medial_confusables: Vec<Vec<String>>,
    /// Groups folded only inside a stem, neither as its first letter nor as its last: Arabic
    /// writes a madda on a medial alif or leaves it off (`لقآح` / `لقاح`), where a word-initial
    /// one tells words apart (`آخر` other, `أخر` delayed). The letter after one of `articles`
    /// is a first letter too (`الآمن` safe, `الأمن` security). Single characters.
    #[serde(default)]
    inner_confusables: Vec<Vec<String>>,
    /// Articles written onto a word's start and kept in its key (Arabic `ال`): see
    /// `inner_confusables`.
    #[serde(default)]
    articles: Vec<String>,
    /// Slips for the first of `articles` at a word's start, folded to it when at least
    /// `ARTICLE_VARIANT_REST` letters follow (Arabic `آل` for `ال`: `آلمدارس` / `المدارس`; the
    /// words that open with `آل` are short, `آلة`, `آلام`, `آلاف`, `آلية`).
    #[serde(default)]
    article_variants: Vec<String>,
    /// Groups folded only as a word's last letter, before its ending is looked for, and never
    /// in the endings themselves: Arabic writes a final ة as ه and a final ى as ي, and the ه
    /// and ي endings (his, my) must not swallow them (`المرضى` patients is not `المرض` disease
    /// with an ending). Single characters.
    #[serde(default)]
    final_confusables: Vec<Vec<String>>,
    /// A letter written twice in a row counts once (`এএ` = `এ`).
    #[serde(default = "default_true")]
    collapse_repeats: bool,
    /// Paragraphs between a variant and the nearest majority spelling (0 = whole document).
    #[serde(default)]
    window: usize,
    /// Also compare spellings whose keys are one edit apart (a letter added, dropped,
    /// replaced or two swapped) when both keys have at least this many characters (0: off).
    #[serde(default)]
    edit_chars: usize,
    /// Which one-letter edits `edit_chars` compares: `double` (a letter typed twice, also
    /// where the second starts a conjunct: `মধধ্যে` / `মধ্যে`), `drop` (a letter left out or
    /// added), `sign` (a combining sign or virama left out or added), `virama` (a virama alone),
    /// `replace`, `swap`.
    /// Default: all five.
    #[serde(default = "default_edits")]
    edits: Vec<String>,
    /// Letters the language doubles by grammar: a `double` edit of one of them is no variant
    /// (Russian -нн- / -н-: `использованных` / `использованы`).
    #[serde(default)]
    grammatical_doubles: Vec<char>,
    /// The letters a `drop` edit may add or remove (empty: any): Russian drops a soft sign
    /// (`персоналной` / `персональной`) where a dropped consonant is mostly another word.
    #[serde(default)]
    drop_letters: Vec<char>,
    /// The signs a `sign` edit may add or remove (empty: any): Hindi loanwords lose or gain the
    /// ॉ only English words carry (`कॉमर्शियल` / `कमर्शियल`), where other vowel signs tell words
    /// apart (`क्षत्रिय` / `क्षेत्रीय`, `निकलने` / `निकालने`).
    #[serde(default)]
    sign_letters: Vec<char>,
    /// Letter sequences in which a dropped letter is grammar, not a slip: Russian `тьс`, the
    /// infinitive `-ться` beside the third person `-тся` (`учиться` / `учится`).
    #[serde(default)]
    grammatical_drops: Vec<String>,
    /// Letters of `drop_letters` whose drop is a variant at the end of a stem too, when the two
    /// words share an ending: Russian ь before the ending (`здоровья` / `здоровя`), where a
    /// stem with and without it and no shared ending are two words (`здоров` / `здоровья`).
    #[serde(default)]
    final_drops: Vec<char>,
    /// Pairs of endings whose exchange at a key's end is a variant: a name transliterated two
    /// ways (`ki` / `ky`: `Zelenski` / `Zelensky`, `Tchaikovski` / `Tchaikovsky`), where any
    /// other last letter changed may be another word or another name (`Antonio` / `Antonia`;
    /// Polish `Zielony` / `Zieloni`, Greek `Ευρωπαίοι` / `Ευρωπαίου`: inflection).
    #[serde(default)]
    final_replacements: Vec<[String; 2]>,
    /// Most occurrences in the document of a spelling flagged as a variant (0: any number).
    #[serde(default)]
    max_variant: usize,
    /// Most distinct stems remembered per document (bounded memory on huge inputs).
    #[serde(default = "default_max_stems")]
    max_stems: usize,
    /// Proclitics written onto a word (Arabic `و`, `ب`, `ل`), taken off its start before it is
    /// compared: each once, in the order listed, while at least `min_chars` characters stay.
    /// `min_chars` still counts them.
    #[serde(default)]
    prefixes: Vec<String>,
    /// A word whose stem is too short to judge, but which is itself at least `min_chars`
    /// long, is compared as a whole word (its ending kept), with words that are whole words
    /// too: `त्यांनि` with `त्यांनी` (them + by), where the stem `त्यां` alone is too short.
    #[serde(default)]
    whole_words: bool,
    /// Shortest word compared whole, in characters (default `min_chars`).
    #[serde(default)]
    min_whole_chars: Option<usize>,
    /// Only names are judged: words of a cased script that start with a capital inside a
    /// sentence (not its first word). For a language whose inflection changes letters inside
    /// its words (`распространились` / `распространилась`, `நிகழ்வுகளில்` / `நிகழ்வுகளின்`)
    /// and whose pack gives no confusables; a script without case has no such words.
    #[serde(default)]
    names_only: bool,
    /// Spellings that are words of their own though they fold together (minimal pairs, Hindi
    /// `दवा` medicine / `दबा` pressed): two spellings both listed are never a majority and its
    /// variant. Matched on the spelling compared, the word without its ending.
    #[serde(default)]
    distinct: Vec<String>,
}

fn default_min_chars() -> usize {
    4
}
fn default_min_majority() -> usize {
    2
}
fn default_similarity() -> f64 {
    0.75
}
fn default_true() -> bool {
    true
}
fn default_edits() -> Vec<String> {
    ["double", "drop", "sign", "replace", "swap"]
        .map(String::from)
        .to_vec()
}

/// A one-letter edit between two spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Double,
    Drop,
    Sign,
    /// A virama left out or added (`अल्बोर्न` / `अलबोर्न`): `virama`; `sign` takes it too.
    Virama,
    Replace,
    Swap,
}

impl Edit {
    fn parse(s: &str) -> Result<Edit, BuildError> {
        Ok(match s {
            "double" => Edit::Double,
            "drop" => Edit::Drop,
            "sign" => Edit::Sign,
            "virama" => Edit::Virama,
            "replace" => Edit::Replace,
            "swap" => Edit::Swap,
            _ => {
                return Err(BuildError::new(format!(
                    "`edits`: `{s}` is not one of double, drop, sign, virama, replace, swap"
                )));
            }
        })
    }

    /// The edit that turns one key into the other, when they are one edit apart, and the
    /// letter added or dropped (for a replacement or a swap, the first letter that differs).
    fn between(a: &str, b: &str) -> Option<(Edit, char)> {
        let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let (long, short) = if x.len() >= y.len() {
            (&x, &y)
        } else {
            (&y, &x)
        };
        match long.len() - short.len() {
            1 => {
                let i = (0..short.len())
                    .find(|&i| long[i] != short[i])
                    .unwrap_or(short.len());
                if long[i + 1..] != short[i..] {
                    return None;
                }
                let doubled = (i > 0 && long[i - 1] == long[i])
                    || (i + 1 < long.len() && long[i + 1] == long[i]);
                let edit = if doubled {
                    Edit::Double
                } else if combining_class(long[i]) == VIRAMA_CLASS {
                    Edit::Virama
                } else if crate::text::script::is_mark(long[i]) {
                    Edit::Sign
                } else {
                    Edit::Drop
                };
                Some((edit, long[i]))
            }
            0 => {
                let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
                match diff[..] {
                    [i] => Some((Edit::Replace, x[i])),
                    [i, j] if j == i + 1 && x[i] == y[j] && x[j] == y[i] => {
                        Some((Edit::Swap, x[i]))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

fn default_max_stems() -> usize {
    200_000
}

#[derive(Debug)]
pub struct Consistency {
    min_chars: usize,
    min_majority: usize,
    min_similarity: f64,
    /// Confusable letter -> the first of its group.
    fold: Fold,
    /// The same, for `medial_confusables`.
    medial: Fold,
    /// The same, for `final_confusables`.
    last: Fold,
    /// The same, for `inner_confusables`.
    inner: Fold,
    /// `articles`, folded as keys are.
    articles: Vec<String>,
    /// `article_variants`, folded as keys are.
    article_variants: Vec<String>,
    collapse_repeats: bool,
    window: usize,
    max_variant: usize,
    edit_chars: usize,
    edits: Vec<Edit>,
    grammatical_doubles: Vec<char>,
    drop_letters: Vec<char>,
    sign_letters: Vec<char>,
    grammatical_drops: Vec<String>,
    final_drops: Vec<char>,
    final_replacements: Vec<[String; 2]>,
    max_stems: usize,
    prefixes: Vec<String>,
    whole_words: bool,
    min_whole_chars: usize,
    names_only: bool,
    /// `distinct`, in NFC.
    distinct: std::collections::HashSet<String>,
    /// Words placed, handed from one document's judgement to the next (see `Placements`).
    placements: std::sync::Mutex<Vec<Placements>>,
}

/// What placing a word depends on besides the word: the rule, fixed, and the lexicon.
/// For each word, its key and the byte range of its spelling; `None`: the word is not judged.
type Placement = Option<(Arc<str>, (usize, usize))>;

/// Words placed, kept from one document to the next a thread checks (most words of a document
/// were in the ones before): one map a judgement at a time, at most `MAX_PLACEMENTS` words,
/// with the lexicon they were placed with and its endings folded as keys are (made once a map,
/// not once a document).
#[derive(Default, Debug)]
struct Placements {
    lexicon: Option<(Arc<Lexicon>, Lexicon)>,
    words: FastMap<Arc<str>, Placement>,
}

impl Placements {
    /// Ready for `ctx`'s lexicon: emptied when it was filled with another.
    fn for_lexicon(&mut self, rule: &Consistency, ctx: &Context) {
        if !self
            .lexicon
            .as_ref()
            .is_some_and(|(l, _)| Arc::ptr_eq(l, &ctx.lexicon))
        {
            self.words.clear();
            self.lexicon = Some((Arc::clone(&ctx.lexicon), folded_endings(rule, ctx)));
        }
    }

    /// The endings of the lexicon, folded (after `for_lexicon`).
    fn endings(&self) -> Option<&Lexicon> {
        self.lexicon.as_ref().map(|(_, folded)| folded)
    }
}

/// Confusable groups as (letter, the first of its group) pairs.
/// Confusable letters folded to the first of their group. A member may be two characters in NFC
/// (`ড়` is ড + nukta): the pair folds to the group's first, which is one character.
#[derive(Debug, Default)]
pub(super) struct Fold {
    singles: Vec<(char, char)>,
    pairs: Vec<((char, char), char)>,
    /// Bit `c mod 128` of each single member, and of each pair's first character: most
    /// letters are no member, and one test says so.
    single_bits: u128,
    pair_bits: u128,
}

fn bit(c: char) -> u128 {
    1 << (c as u32 & 127)
}

impl Fold {
    pub(super) fn new(groups: &[Vec<String>]) -> Result<Fold, BuildError> {
        let mut fold = Fold::default();
        for group in groups {
            let members: Vec<Vec<char>> = group.iter().map(|s| s.nfc().collect()).collect();
            let Some(first) = members.first() else {
                continue;
            };
            let [to] = first[..] else {
                return Err(BuildError::new(format!(
                    "confusable `{}`, the first of its group, must be one character",
                    group[0]
                )));
            };
            for (m, s) in members.iter().zip(group).skip(1) {
                match m[..] {
                    [c] => {
                        fold.singles.retain(|&(x, _)| x != c);
                        fold.singles.push((c, to));
                    }
                    [a, b] => {
                        fold.pairs.retain(|&(x, _)| x != (a, b));
                        fold.pairs.push(((a, b), to));
                    }
                    _ => {
                        return Err(BuildError::new(format!(
                            "confusable `{s}` must be one or two characters"
                        )));
                    }
                }
            }
        }
        fold.single_bits = fold.singles.iter().fold(0, |m, &(c, _)| m | bit(c));
        fold.pair_bits = fold.pairs.iter().fold(0, |m, &((c, _), _)| m | bit(c));
        Ok(fold)
    }

    /// The single-character members, each with the first of its group.
    pub(super) fn singles(&self) -> &[(char, char)] {
        &self.singles
    }

    /// Whether a group has a member of two characters (`ড়` as ড + nukta).
    pub(super) fn has_pairs(&self) -> bool {
        !self.pairs.is_empty()
    }

    fn single(&self, c: char) -> char {
        if self.single_bits & bit(c) == 0 {
            return c;
        }
        self.singles
            .iter()
            .find(|&&(x, _)| x == c)
            .map_or(c, |&(_, to)| to)
    }

    /// `s` with every confusable replaced by the first of its group.
    pub(super) fn apply(&self, s: &str, out: &mut String) {
        out.clear();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            let pair = chars
                .peek()
                .filter(|_| self.pair_bits & bit(c) != 0)
                .and_then(|&n| {
                    self.pairs
                        .iter()
                        .find(|&&(p, _)| p == (c, n))
                        .map(|&(_, to)| to)
                });
            match pair {
                Some(to) => {
                    chars.next();
                    out.push(to);
                }
                None => out.push(self.single(c)),
            }
        }
    }
}

/// Fewest letters after an `article_variants` spelling for it to be folded to the article.
const ARTICLE_VARIANT_REST: usize = 3;

pub fn build(o: Options) -> Result<Consistency, BuildError> {
    let fold = Fold::new(&o.confusables)?;
    let medial = Fold::new(&o.medial_confusables)?;
    if medial.has_pairs() {
        return Err(BuildError::new(
            "`medial_confusables` are single characters",
        ));
    }
    let last = Fold::new(&o.final_confusables)?;
    if last.has_pairs() {
        return Err(BuildError::new("`final_confusables` are single characters"));
    }
    let inner = Fold::new(&o.inner_confusables)?;
    if inner.has_pairs() {
        return Err(BuildError::new("`inner_confusables` are single characters"));
    }
    let mut articles = Vec::new();
    for a in &o.articles {
        let mut folded = String::new();
        fold.apply(&a.nfc().collect::<String>(), &mut folded);
        articles.push(folded);
    }
    let mut article_variants = Vec::new();
    for a in &o.article_variants {
        let mut folded = String::new();
        fold.apply(&a.nfc().collect::<String>(), &mut folded);
        article_variants.push(folded);
    }
    if !article_variants.is_empty() && articles.is_empty() {
        return Err(BuildError::new("`article_variants` need `articles`"));
    }
    if !(0.0..=1.0).contains(&o.min_similarity) {
        return Err(BuildError::new("`min_similarity` must lie between 0 and 1"));
    }
    Ok(Consistency {
        min_chars: o.min_chars,
        min_majority: o.min_majority.max(1),
        min_similarity: o.min_similarity,
        fold,
        medial,
        last,
        inner,
        articles,
        article_variants,
        collapse_repeats: o.collapse_repeats,
        window: o.window,
        max_variant: o.max_variant,
        edit_chars: o.edit_chars,
        // `sign` is any sign, a virama too.
        edits: o
            .edits
            .iter()
            .map(|e| Edit::parse(e))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flat_map(|e| match e {
                Edit::Sign => vec![Edit::Sign, Edit::Virama],
                e => vec![e],
            })
            .collect(),
        grammatical_doubles: o.grammatical_doubles,
        drop_letters: o.drop_letters,
        sign_letters: o.sign_letters,
        grammatical_drops: o
            .grammatical_drops
            .iter()
            .map(|s| s.nfc().collect())
            .collect(),
        final_drops: o.final_drops,
        final_replacements: o.final_replacements,
        max_stems: o.max_stems,
        prefixes: o.prefixes.iter().map(|p| p.nfc().collect()).collect(),
        whole_words: o.whole_words,
        min_whole_chars: o.min_whole_chars.unwrap_or(o.min_chars),
        names_only: o.names_only,
        distinct: o.distinct.iter().map(|w| w.nfc().collect()).collect(),
        placements: std::sync::Mutex::new(Vec::new()),
    })
}

impl Consistency {
    /// A word without its proclitics, and the proclitics: each of `prefixes` taken off once,
    /// in order, while at least `min_chars` characters stay.
    fn strip_prefixes<'w>(&self, word: &'w str) -> (&'w str, &'w str) {
        let mut rest = word;
        for p in &self.prefixes {
            if let Some(r) = rest.strip_prefix(p.as_str())
                && r.chars().count() >= self.min_chars
            {
                rest = r;
            }
        }
        (&word[..word.len() - rest.len()], rest)
    }

    /// Confusable letters replaced by the first of their group (one character for one).
    fn fold(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        self.fold_into(s, &mut out);
        out
    }

    fn fold_into(&self, s: &str, out: &mut String) {
        self.fold.apply(s, out);
    }

    /// A word folded for its key: the confusables, then its last letter by `final_confusables`.
    /// Endings are folded without the latter (see `Options::final_confusables`).
    fn fold_word(&self, s: &str, out: &mut String) {
        self.fold_into(s, out);
        if let Some((i, c)) = out.char_indices().next_back() {
            let to = self.last.single(c);
            if to != c {
                out.truncate(i);
                out.push(to);
            }
        }
    }

    /// The key of a word's form: folded as a word, letters typed twice counted once; a variant's
    /// word and the majority's form of it share it.
    fn form_key(&self, word: &str) -> String {
        let mut folded = String::new();
        self.fold_word(word, &mut folded);
        self.collapse(&folded)
    }

    /// Fold the medial confusables of a stem (every letter but the last) and the inner ones
    /// (every letter but the last and the first, or the first after an article).
    fn fold_medial(&self, stem: &str, out: &mut String) {
        out.clear();
        if let Some(rest) = self.article_variants.iter().find_map(|v| {
            stem.strip_prefix(v.as_str())
                .filter(|r| r.chars().count() >= ARTICLE_VARIANT_REST)
        }) {
            let mut spelled = String::with_capacity(stem.len());
            spelled.push_str(&self.articles[0]);
            spelled.push_str(rest);
            return self.fold_medial(&spelled, out);
        }
        let last = stem.char_indices().next_back().map_or(0, |(i, _)| i);
        let first = self
            .articles
            .iter()
            .find(|a| stem.len() > a.len() && stem.starts_with(a.as_str()))
            .map_or(0, |a| a.len());
        out.extend(stem.char_indices().map(|(i, c)| {
            if i >= last {
                return c;
            }
            let c = self.medial.single(c);
            if i > first { self.inner.single(c) } else { c }
        }));
    }

    /// A letter typed twice counted once, unless the second one starts a conjunct (`অনন্য` is
    /// not `অন্য`).
    fn collapse(&self, s: &str) -> String {
        let mut key = String::with_capacity(s.len());
        self.collapse_into(s, &mut key);
        key
    }

    fn collapse_into(&self, s: &str, key: &mut String) {
        key.clear();
        if !self.collapse_repeats {
            key.push_str(s);
            return;
        }
        let mut last = None;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            let conjunct = chars
                .peek()
                .is_some_and(|&n| combining_class(n) == VIRAMA_CLASS);
            if last != Some(c) || conjunct {
                key.push(c);
            }
            last = Some(c);
        }
    }
}

/// One spelling of a group: the word as written without its ending, how often it occurs, and
/// its distinct words (NFC) in order of first occurrence, of which `Spelling::forms` makes the
/// forms only where a majority or a doubled letter needs them.
struct Spelling {
    /// Its first word: the spelling is `first[at.0..at.1]` (kept in the word shared with the
    /// tables, not copied: a document of one segment makes a spelling for most of its words).
    first: Arc<str>,
    at: (usize, usize),
    count: usize,
    /// Its other distinct words, until `decide`.
    more: Vec<Arc<str>>,
}

impl Spelling {
    fn text(&self) -> &str {
        &self.first[self.at.0..self.at.1]
    }

    /// Its distinct words, in order of first occurrence.
    fn words(&self) -> impl Iterator<Item = &Arc<str>> {
        std::iter::once(&self.first).chain(&self.more)
    }

    /// The first word of each of its forms, with the form's key, in order of first occurrence.
    fn forms(&self, rule: &Consistency) -> Vec<(String, &str)> {
        let mut forms: Vec<(String, &str)> = Vec::new();
        for w in self.words() {
            let form = rule.form_key(w);
            if !forms.iter().any(|(f, _)| *f == form) {
                forms.push((form, w));
            }
        }
        forms
    }
}

/// The spellings that share one key.
struct Group {
    key: Arc<str>,
    spellings: Vec<Spelling>,
}

/// A spelling: its group and its index there.
type At = (usize, usize);

/// A variant to flag against a majority spelling, with their counts in the document.
struct Job {
    major: At,
    variant: At,
    major_count: usize,
    variant_count: usize,
}

/// A word of a spelling a job compares, where it stands.
struct Occurrence {
    spelling: At,
    span: Span,
    /// The word in NFC.
    word: String,
}

/// What a spelling is to the jobs: the jobs it is the variant of (in job order), and whether
/// it is a majority.
#[derive(Default)]
struct Role {
    variant_of: Vec<usize>,
    major: bool,
}

/// The consistency of one document. The first pass groups the words by key and counts each
/// spelling (the tables are bounded by `max_stems`, not by the document's length); `decide`
/// pairs each minority spelling with its majority (the jobs, in the order the groups' keys
/// sort); the second pass flags the variants' words. With `window`, the majority must hold
/// within `window` paragraphs of the variant, so a variant's hits wait `window` paragraphs.
struct Judging<'a> {
    rule: &'a Consistency,
    index: FastMap<Arc<str>, usize>,
    groups: Vec<Group>,
    /// Words already placed, each once (up to `max_stems`); `None`: the word is not judged.
    seen: FastMap<Arc<str>, Option<At>>,
    buffers: (String, String, String),
    /// Taken from the rule's pool, given back when the judgement is dropped.
    placements: Placements,
    jobs: Vec<Job>,
    roles: FastMap<At, Role>,
    /// The majority spellings' forms: folded form -> the first word of it.
    forms: FastMap<At, FastMap<String, String>>,
    /// The paragraphs of the window, from the oldest: their words of the jobs' spellings.
    recent: std::collections::VecDeque<(usize, Vec<Occurrence>)>,
    /// The paragraph `judge` sees next.
    next: usize,
}

impl Check for Consistency {
    fn judgement(&self) -> Option<Box<dyn Judgement + '_>> {
        Some(Box::new(Judging {
            rule: self,
            index: FastMap::default(),
            groups: Vec::new(),
            seen: FastMap::default(),
            buffers: Default::default(),
            placements: self
                .placements
                .lock()
                .ok()
                .and_then(|mut pool| pool.pop())
                .unwrap_or_default(),
            jobs: Vec::new(),
            roles: FastMap::default(),
            forms: FastMap::default(),
            recent: Default::default(),
            next: 0,
        }))
    }
}

/// A name without the case ending written after an apostrophe (Turkish `Türkiye'ye`,
/// `Ankara'da`, `İstanbul'a`; English `Obama's`): the endings differ where the name does not.
/// A capital after the apostrophe is part of the name (`O'Brien`), and so is everything of a
/// name in another script than Latin (Ukrainian `В'ячеслав`, `Прип'ять`).
fn before_suffix(word: &str) -> &str {
    let latin = word
        .chars()
        .next()
        .and_then(crate::text::script::script_of)
        .is_some_and(|s| s == unicode_script::Script::Latin);
    if !latin {
        return word;
    }
    match word.rfind(['\'', '\u{2019}']) {
        Some(k)
            if k > 0
                && word[k..].chars().skip(1).count() <= 6
                && word[k..].chars().skip(1).all(char::is_lowercase) =>
        {
            &word[..k]
        }
        _ => word,
    }
}

/// The words of a paragraph the rule judges: letters of the document's script, not of mixed
/// script; with `names_only`, those capitalised inside a sentence.
fn judged<'p>(
    p: &'p Analysis,
    ctx: &'p Context,
    names_only: bool,
) -> impl Iterator<Item = &'p crate::text::Word> + 'p {
    p.words.iter().filter(move |w| {
        w.is_letters()
            && w.script == ctx.script
            && !w.mixed_script
            && (!names_only
                || (w.has_case
                    && w.text(p.text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                    && !p.starts_sentence(w.span.start)))
    })
}

impl Judging<'_> {
    /// The place of a word already seen or placed: `None` when it is not judged.
    fn placed(&mut self, word: &str, ctx: &Context) -> Option<At> {
        if let Some(&place) = self.seen.get(word) {
            return place;
        }
        self.place(word, ctx, false).map(|(at, _)| at)
    }

    /// The group and spelling of a word, creating them when new (with `create`), and the word
    /// shared; `None` when the word is not judged.
    fn place(&mut self, word: &str, ctx: &Context, create: bool) -> Option<(At, Arc<str>)> {
        let rule = self.rule;
        self.placements.for_lexicon(rule, ctx);
        let Placements { lexicon, words } = &mut self.placements;
        let (word, placement) = match words.get_key_value(word) {
            Some((w, p)) => (Arc::clone(w), p.clone()),
            None => {
                let endings = &lexicon.as_ref()?.1;
                let placement = rule.placement(word, ctx, endings, &mut self.buffers);
                if words.len() >= MAX_PLACEMENTS {
                    words.clear();
                }
                let word: Arc<str> = Arc::from(word);
                words.insert(Arc::clone(&word), placement.clone());
                (word, placement)
            }
        };
        let (key, (from, to)) = placement?;
        let spelling = &word[from..to];
        let groups = &mut self.groups;
        let g = match self.index.get(&key) {
            Some(&g) => g,
            None if !create || groups.len() >= rule.max_stems => return None,
            None => {
                self.index.insert(Arc::clone(&key), groups.len());
                groups.push(Group {
                    key,
                    spellings: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let spellings = &mut groups[g].spellings;
        let k = match spellings.iter().position(|s| s.text() == spelling) {
            Some(k) => k,
            None if !create => return None,
            None => {
                spellings.push(Spelling {
                    first: Arc::clone(&word),
                    at: (from, to),
                    count: 0,
                    more: Vec::new(),
                });
                spellings.len() - 1
            }
        };
        Some(((g, k), word))
    }

    /// Pair `variant` with its majority `major` when it is similar enough and rare enough.
    fn job(&mut self, major: At, variant: At) {
        let rule = self.rule;
        let (m, v) = (
            &self.groups[major.0].spellings[major.1],
            &self.groups[variant.0].spellings[variant.1],
        );
        // A misspelled ending is no other word: the majority's stem, then what folds to the
        // start of one of the language's endings (`असल्याणे` for `असल्याने`: the key is the
        // same, so the whole word folds to the stem and an ending).
        let misspelled_ending = v.text().strip_prefix(m.text()).is_some_and(|rest| {
            let rest = rule.fold(rest);
            !rest.is_empty()
                && self
                    .placements
                    .endings()
                    .is_some_and(|e| e.endings.iter().any(|x| x.starts_with(rest.as_str())))
        });
        if !misspelled_ending
            && strsim::normalized_damerau_levenshtein(m.text(), v.text()) < rule.min_similarity
        {
            return;
        }
        // Two words of their own are no spelling of one.
        if rule.distinct.contains(m.text()) && rule.distinct.contains(v.text()) {
            return;
        }
        // A spelling the document uses again and again is the writer's, not a slip.
        if rule.max_variant > 0 && v.count > rule.max_variant {
            return;
        }
        // Without a window the majority must hold in the whole document.
        if rule.window == 0 && (m.count < rule.min_majority || m.count <= v.count) {
            return;
        }
        self.jobs.push(Job {
            major,
            variant,
            major_count: m.count,
            variant_count: v.count,
        });
    }

    /// Flag the words of `occ` (in paragraph `paragraph`) that are variants, each against the
    /// majority of each of its jobs; `near` counts a spelling's words where it stands.
    fn flag(
        &self,
        paragraph: usize,
        occ: &Occurrence,
        near: impl Fn(At) -> Option<usize>,
        out: &mut Vec<DocHit>,
    ) {
        let Some(role) = self.roles.get(&occ.spelling) else {
            return;
        };
        for &j in &role.variant_of {
            let job = &self.jobs[j];
            let (local_major, local_variant) = (
                near(job.major).unwrap_or(job.major_count),
                near(job.variant).unwrap_or(job.variant_count),
            );
            if local_major < self.rule.min_majority || local_major <= local_variant {
                continue;
            }
            // The majority's form of this very word: same ending, once folded.
            let this = &occ.word;
            let rule = self.rule;
            let right = self
                .forms
                .get(&job.major)
                .and_then(|f| f.get(&rule.form_key(this)))
                .cloned()
                .unwrap_or_else(|| {
                    let major = self.groups[job.major.0].spellings[job.major.1].text();
                    let variant = self.groups[job.variant.0].spellings[job.variant.1].text();
                    let (prefix, rest) = rule.strip_prefixes(this);
                    let ending = rest.strip_prefix(variant).unwrap_or("");
                    format!("{prefix}{major}{ending}")
                });
            let hit = Hit::new(occ.span)
                .var("majority", right.as_str())
                .var("count", local_major.to_string())
                .suggest(right);
            out.push(DocHit { paragraph, hit });
        }
    }

    /// Judge paragraph `p` of the window: its variants against the majority within `window`
    /// paragraphs of it.
    fn flag_in_window(&self, p: usize, out: &mut Vec<DocHit>) {
        let Some(&(first, _)) = self.recent.front() else {
            return;
        };
        let Some((_, occs)) = self.recent.get(p - first) else {
            return;
        };
        let (from, to) = (p.saturating_sub(self.rule.window), p + self.rule.window);
        let near = |s: At| {
            Some(
                self.recent
                    .iter()
                    .filter(|(q, _)| (from..=to).contains(q))
                    .flat_map(|(_, o)| o)
                    .filter(|o| o.spelling == s)
                    .count(),
            )
        };
        for o in occs {
            self.flag(p, o, near, out);
        }
    }
}

/// The pack's endings folded as words are, to strip them from keys.
fn folded_endings(rule: &Consistency, ctx: &Context) -> Lexicon {
    Lexicon {
        endings: ctx.lexicon.endings.iter().map(|e| rule.fold(e)).collect(),
        ..Lexicon::default()
    }
}

impl Drop for Judging<'_> {
    fn drop(&mut self) {
        if let Ok(mut pool) = self.rule.placements.lock()
            && pool.len() < MAX_POOLED
        {
            pool.push(std::mem::take(&mut self.placements));
        }
    }
}

impl Judgement for Judging<'_> {
    fn learn(&mut self, _: usize, p: &Analysis, ctx: &Context) {
        let rule = self.rule;
        // Room for the first paragraph's words at once: a document of one segment (`--segments`)
        // would otherwise grow its tables three or four times.
        if self.seen.is_empty() {
            let room = p.words.len().min(rule.max_stems);
            self.seen.reserve(room);
            self.index.reserve(room);
        }
        for w in judged(p, ctx, rule.names_only) {
            let word = before_suffix(p.norm(w));
            // Words repeat: each distinct word is placed once, and later occurrences are one
            // hash lookup.
            let place = match self.seen.get(word) {
                Some(&place) => place,
                None => {
                    let placed = self.place(word, ctx, true);
                    // A word seen for the first time (or past the cap, every time).
                    if let Some(((g, k), shared)) = &placed {
                        let spelling = &mut self.groups[*g].spellings[*k];
                        if !spelling.words().any(|w| **w == **shared) {
                            spelling.more.push(Arc::clone(shared));
                        }
                    }
                    let place = placed.as_ref().map(|(at, _)| *at);
                    if self.seen.len() < rule.max_stems {
                        let word = placed.map_or_else(|| Arc::from(word), |(_, w)| w);
                        self.seen.insert(word, place);
                    }
                    place
                }
            };
            if let Some((g, k)) = place {
                self.groups[g].spellings[k].count += 1;
            }
        }
    }

    fn decide(&mut self, _: &Context) -> Vec<usize> {
        let rule = self.rule;
        let mut varied: Vec<usize> = (0..self.groups.len())
            .filter(|&g| self.groups[g].spellings.len() > 1)
            .collect();
        varied.sort_by(|&a, &b| self.groups[a].key.cmp(&self.groups[b].key));
        for g in varied {
            let ranked = self.groups[g].ranked();
            let spellings = &self.groups[g].spellings;
            let major = spellings[ranked[0]].count;
            if major < rule.min_majority || spellings[ranked[1]].count >= major {
                continue;
            }
            for &v in &ranked[1..] {
                self.job((g, ranked[0]), (g, v));
            }
        }
        if rule.edit_chars > 0 {
            for (g, v) in rule.one_edit_apart(&self.groups) {
                let top = self.groups[g].ranked()[0];
                if self.groups[g].count() < rule.min_majority {
                    continue;
                }
                for s in self.groups[v].ranked() {
                    self.job((g, top), (v, s));
                }
            }
        }
        for (j, job) in self.jobs.iter().enumerate() {
            self.roles
                .entry(job.variant)
                .or_default()
                .variant_of
                .push(j);
            self.roles.entry(job.major).or_default().major = true;
        }
        for (&at, role) in &self.roles {
            if role.major {
                let forms = self.groups[at.0].spellings[at.1].forms(rule);
                let forms = forms.into_iter().map(|(f, w)| (f, w.to_string()));
                self.forms.insert(at, forms.collect());
            }
        }
        // What the second pass needs of the first: the groups' spellings, the words placed.
        for g in &mut self.groups {
            for s in &mut g.spellings {
                s.more = Vec::new();
            }
        }
        Vec::new()
    }

    fn judge(&mut self, i: usize, p: &Analysis, ctx: &Context, out: &mut Vec<DocHit>) {
        self.next = i + 1;
        if self.jobs.is_empty() {
            return;
        }
        let mut occs = Vec::new();
        for w in judged(p, ctx, self.rule.names_only) {
            let word = before_suffix(p.norm(w));
            let Some(spelling) = self.placed(word, ctx) else {
                continue;
            };
            if self.roles.contains_key(&spelling) {
                occs.push(Occurrence {
                    spelling,
                    span: w.span,
                    word: word.to_string(),
                });
            }
        }
        let window = self.rule.window;
        if window == 0 {
            for o in &occs {
                self.flag(i, o, |_| None, out);
            }
            return;
        }
        self.recent.push_back((i, occs));
        if i >= window {
            self.flag_in_window(i - window, out);
            // The next paragraph judged, `i + 1 - window`, looks back `window` paragraphs.
            while self
                .recent
                .front()
                .is_some_and(|(q, _)| q + 2 * window < i + 1)
            {
                self.recent.pop_front();
            }
        }
    }

    fn finish(&mut self, _: &Context, out: &mut Vec<DocHit>) {
        let window = self.rule.window;
        if window == 0 || self.jobs.is_empty() {
            return;
        }
        for p in self.next.saturating_sub(window)..self.next {
            self.flag_in_window(p, out);
        }
    }

    fn lag(&self) -> usize {
        self.rule.window
    }
}

impl Consistency {
    /// A word's key and the byte range of its spelling in it; `None` when it is not judged.
    fn placement(
        &self,
        word: &str,
        ctx: &Context,
        endings: &Lexicon,
        (folded, collapsed, key): &mut (String, String, String),
    ) -> Placement {
        // A word this long is no name or term, and comparing it would cost its length squared.
        if word.len() > MAX_WORD_BYTES {
            return None;
        }
        let (prefix, stripped) = self.strip_prefixes(word);
        // The key forgives what variants are made of: confusable letters folded, a letter
        // typed twice counted once (before the ending is found, so `ভাইরাসেরর` loses the same
        // ending as `ভাইরাসের`), and the ending.
        self.fold_word(stripped, folded);
        self.collapse_into(folded, collapsed);
        let (key_stem, _) = endings.split_ending(collapsed, 2);
        // The length judged is the word's as written, proclitics included, so taking them off
        // makes no word too short to judge.
        let prefix_chars = prefix.chars().count();
        // The spelling is the word as written without its ending; an ending the language does
        // not have is part of it (`ইউরোপীজ়`).
        let (mut spelling, _) = ctx.lexicon.split_ending(stripped, 2);
        if key_stem.chars().count() + prefix_chars >= self.min_chars {
            self.fold_medial(key_stem, key);
        } else if self.whole_words
            && collapsed.chars().count() + prefix_chars >= self.min_whole_chars
        {
            // A whole word's key is marked, so that it never meets a stem's.
            self.fold_medial(collapsed, key);
            key.push(WHOLE_WORD);
            spelling = stripped;
        } else {
            return None;
        }
        Some((
            Arc::from(key.as_str()),
            (prefix.len(), prefix.len() + spelling.len()),
        ))
    }

    /// Pairs (majority group, variant group) whose keys, both at least `edit_chars` long,
    /// are one edit apart (a letter added, dropped, replaced, or two swapped), the first more
    /// frequent than the second and frequent enough to be a majority; in key order. Keys one
    /// deletion apart are found through hashes of every key with one letter deleted (sorted,
    /// so that equal hashes stand together), then confirmed by the edit distance.
    fn one_edit_apart(&self, groups: &[Group]) -> Vec<(usize, usize)> {
        let counts: Vec<usize> = groups.iter().map(Group::count).collect();
        if !counts.iter().any(|&c| c >= self.min_majority) {
            return Vec::new();
        }
        // (hash, whole key or a deletion, group); a key's equal deletions (a letter typed
        // twice) count once. A pair holds a group of `min_majority` occurrences or more, so
        // only the hashes of such groups' keys and deletions can give one: the other groups'
        // entries are kept where they share such a hash (a short document has few such
        // groups, and most of its entries go unsorted).
        let mut entries: Vec<(u64, bool, usize)> = Vec::new();
        let mut prefixes = Vec::new();
        let mut majors: crate::hash::FastSet<u64> = Default::default();
        // Keys one edit apart differ in length by one character at most: another group's key
        // is hashed only when a majority's key is as long, or one character longer or shorter
        // (in a document of one segment, most keys are not).
        let mut major_lengths: crate::hash::FastSet<usize> = Default::default();
        for pass_of_majors in [true, false] {
            for (g, group) in groups.iter().enumerate() {
                if (counts[g] >= self.min_majority) != pass_of_majors {
                    continue;
                }
                let key = &group.key;
                // A whole word's key ends in a mark that is no letter of it.
                let letters = key.chars().filter(|&c| c != WHOLE_WORD).count();
                if letters < self.edit_chars {
                    continue;
                }
                let length = key.chars().count();
                if pass_of_majors {
                    major_lengths.insert(length);
                } else if ![length.saturating_sub(1), length, length + 1]
                    .iter()
                    .any(|n| major_lengths.contains(n))
                {
                    continue;
                }
                let mut add = |h: u64, whole: bool| {
                    if pass_of_majors {
                        majors.insert(h);
                        entries.push((h, whole, g));
                    } else if majors.contains(&h) {
                        entries.push((h, whole, g));
                    }
                };
                let whole = deletion_hashes(key, &mut prefixes, |h| add(h, false));
                add(whole, true);
            }
        }
        entries.sort_unstable();
        entries.dedup();
        let mut pairs = std::collections::BTreeSet::new();
        let mut consider = |a: usize, b: usize| {
            let (ca, cb) = (counts[a], counts[b]);
            if a == b || ca.max(cb) < self.min_majority {
                return;
            }
            let (ka, kb) = (&groups[a].key, &groups[b].key);
            // The edit must lie inside both keys: a changed first letter is a prefix (`অ-`,
            // "un-"; `অন্তঃ` / `আন্তঃ`), a changed last one a suffix (`বাংলাদেশ` / `বাংলাদেশী`).
            let edit = Edit::between(ka, kb);
            let final_drop = || {
                edit.is_some_and(|(e, letter)| {
                    e == Edit::Drop
                        && self.final_drops.contains(&letter)
                        && (ka.starts_with(kb.as_ref()) || kb.starts_with(ka.as_ref()))
                        && share_an_ending(self, &groups[a], &groups[b])
                })
            };
            // Two endings of `final_replacements` exchanged (`zelenski` / `zelensky`).
            let final_replacement = || {
                edit.is_some_and(|(e, _)| e == Edit::Replace)
                    && self
                        .final_replacements
                        .iter()
                        .any(|[x, y]| ends_apart(ka, kb, x, y) || ends_apart(ka, kb, y, x))
            };
            if !(interior_edit(ka, kb) || final_drop() || final_replacement())
                || !edit.is_some_and(|(e, letter)| {
                    self.edits.contains(&e)
                        && (e != Edit::Double
                            || !self.grammatical_doubles.contains(&letter)
                            || share_an_ending(self, &groups[a], &groups[b]))
                        && (e != Edit::Sign
                            || self.sign_letters.is_empty()
                            || self.sign_letters.contains(&letter))
                        && (e != Edit::Drop
                            || ((self.drop_letters.is_empty()
                                || self.drop_letters.contains(&letter))
                                && !self.grammatical_drop(ka, kb, letter)))
                })
            {
                return;
            }
            if ca > cb {
                pairs.insert((a, b));
            } else if cb > ca {
                pairs.insert((b, a));
            }
        };
        for run in entries.chunk_by(|x, y| x.0 == y.0) {
            let split = run.partition_point(|e| !e.1);
            let (deleted, whole) = run.split_at(split);
            // Many keys one letter from each other are a paradigm or a pattern, not one
            // word's spellings; capping the bucket keeps this linear on any input.
            if deleted.is_empty() || deleted.len() > MAX_NEIGHBOURS {
                continue;
            }
            // Same deletion: one letter replaced, or two swapped.
            for (x, a) in deleted.iter().enumerate() {
                for b in &deleted[x + 1..] {
                    consider(a.2, b.2);
                }
            }
            // A key that is another with one letter deleted.
            for a in whole {
                for b in deleted {
                    consider(a.2, b.2);
                }
            }
        }
        let mut pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
        pairs.sort_by(|x, y| {
            (&groups[x.0].key, &groups[x.1].key).cmp(&(&groups[y.0].key, &groups[y.1].key))
        });
        pairs
    }
}

/// The polynomial hash of `key` with each of its characters deleted, given to `each`
/// (each in constant time, from the hashes of the key's prefixes kept in `prefixes`); returns
/// the hash of the whole key. Equal strings hash equal; pairs found are confirmed by the edit.
fn deletion_hashes(key: &str, prefixes: &mut Vec<u64>, mut each: impl FnMut(u64)) -> u64 {
    const BASE: u64 = 0x100_0000_01b3;
    let bytes = key.as_bytes();
    prefixes.clear();
    prefixes.push(0);
    for &b in bytes {
        let h = *prefixes.last().unwrap_or(&0);
        prefixes.push(h.wrapping_mul(BASE).wrapping_add(u64::from(b) + 1));
    }
    let whole = prefixes[bytes.len()];
    // BASE to the power of the bytes after each character, built from the end.
    let mut power = 1u64;
    let mut end = bytes.len();
    for (start, _) in key.char_indices().rev() {
        // The suffix after the character, then the prefix before it shifted over the suffix.
        let suffix = whole.wrapping_sub(prefixes[end].wrapping_mul(power));
        each(prefixes[start].wrapping_mul(power).wrapping_add(suffix));
        for _ in start..end {
            power = power.wrapping_mul(BASE);
        }
        end = start;
    }
    whole
}

impl Consistency {
    /// Whether the longer of two keys one letter apart holds one of `grammatical_drops` where
    /// the shorter holds it without `letter`.
    fn grammatical_drop(&self, a: &str, b: &str, letter: char) -> bool {
        let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
        self.grammatical_drops
            .iter()
            .any(|s| long.contains(s.as_str()) && short.contains(s.replace(letter, "").as_str()))
    }
}

impl Group {
    /// Its spellings, most frequent first (ties by spelling).
    fn ranked(&self) -> Vec<usize> {
        let mut ranked: Vec<usize> = (0..self.spellings.len()).collect();
        ranked.sort_by(|&a, &b| {
            let (a, b) = (&self.spellings[a], &self.spellings[b]);
            b.count.cmp(&a.count).then(a.text().cmp(b.text()))
        });
        ranked
    }

    fn count(&self) -> usize {
        self.spellings.iter().map(|s| s.count).sum()
    }
}

/// Whether two groups have a word with the same ending: a letter doubled by grammar differs
/// with the ending (Russian `использованных` / `использованы`), a slip keeps it
/// (`лекарственного` / `лекарственого`).
fn share_an_ending(rule: &Consistency, a: &Group, b: &Group) -> bool {
    let endings = |g: &Group| -> Vec<String> {
        let stem = g.key.chars().count();
        g.spellings
            .iter()
            .flat_map(|s| s.forms(rule))
            .map(|(form, _)| form.chars().skip(stem).collect())
            .collect()
    };
    let of_a = endings(a);
    endings(b).iter().any(|e| of_a.contains(e))
}

/// Whether the part in which `a` and `b` differ leaves their first and last letters alone.
/// Whether key `a` ends in `x` and key `b` in `y`, the same before them (a whole word's mark
/// aside).
fn ends_apart(a: &str, b: &str, x: &str, y: &str) -> bool {
    let a = a.strip_suffix(WHOLE_WORD).unwrap_or(a);
    let b = b.strip_suffix(WHOLE_WORD).unwrap_or(b);
    match (a.strip_suffix(x), b.strip_suffix(y)) {
        (Some(s), Some(t)) => s == t && !s.is_empty(),
        _ => false,
    }
}

fn interior_edit(a: &str, b: &str) -> bool {
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let suffix = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix >= 1 && suffix >= 1
}

/// Most words a judgement keeps placed (see `Placements`): about 2 MB.
const MAX_PLACEMENTS: usize = 1 << 14;

/// Most placement maps the rule keeps for the judgements to come.
const MAX_POOLED: usize = 8;

/// Longest word judged, in bytes (64 Bengali characters).
const MAX_WORD_BYTES: usize = 192;

/// Ends the key of a word compared whole (`Options::whole_words`): no letter, so no stem's key
/// ends in it.
const WHOLE_WORD: char = '\u{1}';

/// Most keys sharing one deletion that are compared with each other.
const MAX_NEIGHBOURS: usize = 16;

#[cfg(test)]
mod tests {
    use super::deletion_hashes;
    use crate::checks::testing::{compile, flagged, texts};

    #[test]
    fn a_deletion_hashes_as_the_key_it_makes() {
        let mut prefixes = Vec::new();
        for key in ["কোভিড", "abcd", "ааб", "x"] {
            let mut deleted = Vec::new();
            deletion_hashes(key, &mut prefixes, |h| deleted.push(h));
            let mut expected: Vec<u64> = key
                .char_indices()
                .map(|(i, c)| {
                    let shorter = format!("{}{}", &key[..i], &key[i + c.len_utf8()..]);
                    deletion_hashes(&shorter, &mut Vec::new(), |_| ())
                })
                .collect();
            deleted.sort_unstable();
            expected.sort_unstable();
            assert_eq!(deleted, expected, "{key}");
        }
    }

    #[test]
    fn the_minority_spelling_is_flagged_with_the_majority_form() {
        let c = compile("consistency", r#"confusables = [["ন", "ণ"]]"#).unwrap();
        let text = "মন্ত্রণালয়ের ঘোষণা।\nমন্ত্রণালয়ের মুখপাত্র।\nমন্ত্রনালয়ের বিবৃতি।";
        assert_eq!(
            flagged(&*c, text, "bn"),
            [("মন্ত্রনালয়ের".to_string(), Some("মন্ত্রণালয়ের".to_string()))]
        );
    }

    #[test]
    fn window_and_ties_keep_it_quiet() {
        let c = compile("consistency", r#"confusables = [["ন", "ণ"]], window = 2"#).unwrap();
        let far = "মন্ত্রণালয় জানায়।\nমন্ত্রণালয় বলে।\nএক।\nদুই।\nতিন।\nমন্ত্রনালয় বলে।";
        assert!(
            texts(&*c, far, "bn").is_empty(),
            "the majority is not nearby"
        );
        let tie = "মন্ত্রণালয় জানায়।\nমন্ত্রনালয় বলে।";
        assert!(texts(&*c, tie, "bn").is_empty(), "no majority");
        assert!(compile("consistency", r#"confusables = [["নণ"]]"#).is_err());
    }

    #[test]
    fn doubled_letters_fold_unless_they_start_a_conjunct() {
        let c = compile("consistency", "").unwrap();
        assert_eq!(
            texts(&*c, "কেসিএনএ বলে।\nকেসিএনএ জানায়।\nকেসিএএনএ জানায়।", "bn"),
            ["কেসিএএনএ"]
        );
        assert!(texts(&*c, "অন্য দেশ।\nঅন্য মানুষ।\nঅনন্য কাজ।", "bn").is_empty());
        let off = compile("consistency", "collapse_repeats = false").unwrap();
        assert!(texts(&*off, "কেসিএনএ বলে।\nকেসিএনএ জানায়।\nকেসিএএনএ জানায়।", "bn").is_empty());
    }

    #[test]
    fn medial_vowels_fold_final_ones_do_not() {
        let c = compile(
            "consistency",
            r#"medial_confusables = [["ি", "ী"]], min_chars = 3"#,
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "ভ্লাদিমির এলেন।\nভ্লাদিমির বলেন।\nভ্লাদীমির গেলেন।", "bn"),
            ["ভ্লাদীমির"]
        );
        assert!(
            texts(&*c, "সরকারি দপ্তর।\nসরকারি নির্দেশ।\nসরকারী আদেশ।", "bn").is_empty(),
            "a word-final vowel is free"
        );
    }

    #[test]
    fn a_word_with_a_stem_too_short_is_compared_whole_when_asked() {
        // `দেশ` + `ের`: the stem has three characters, the word five.
        let text = "দেশের মানুষ।\nদেশের সরকার।\nদেষের নাগরিক।";
        let stems = compile(
            "consistency",
            r#"confusables = [["শ", "ষ"]], min_chars = 4"#,
        )
        .unwrap();
        assert!(texts(&*stems, text, "bn").is_empty());
        let whole = compile(
            "consistency",
            r#"confusables = [["শ", "ষ"]], min_chars = 4, whole_words = true"#,
        )
        .unwrap();
        assert_eq!(
            flagged(&*whole, text, "bn"),
            [("দেষের".to_string(), Some("দেশের".to_string()))]
        );
        // Compared whole, another ending is another word (`দেশ` + `টি`).
        assert!(texts(&*whole, "দেশের মানুষ।\nদেশের সরকার।\nদেষটি নয়।", "bn").is_empty());
    }

    #[test]
    fn an_ending_misspelled_with_a_confusable_is_a_variant() {
        // `ৈর` is no ending, but folds to the start of `ের`: the stem is the majority's.
        let c = compile(
            "consistency",
            r#"confusables = [["ে", "ৈ"]], min_similarity = 0.95"#,
        )
        .unwrap();
        let text = "মন্ত্রণালয়ের ঘোষণা।\nমন্ত্রণালয়ের মুখপাত্র।\nমন্ত্রণালয়ৈর বিবৃতি।";
        assert_eq!(texts(&*c, text, "bn"), ["মন্ত্রণালয়ৈর"]);
    }

    #[test]
    fn a_spelling_used_again_is_not_a_slip() {
        let text = "কেসিএনএ বলে।\nকেসিএনএ জানায়।\nকেসিএনএ লেখে।\nকেসিএএনএ জানায়।\nকেসিএএনএ বলে।";
        let any = compile("consistency", "").unwrap();
        assert_eq!(texts(&*any, text, "bn"), ["কেসিএএনএ", "কেসিএএনএ"]);
        let once = compile("consistency", "max_variant = 1").unwrap();
        assert!(texts(&*once, text, "bn").is_empty());
    }

    #[test]
    fn two_distinct_words_are_no_majority_and_variant() {
        let text = "बिहार में चुनाव।\nबिहार के लोग।\nमयूर विहार में।";
        let opts = r#"confusables = [["ब", "व"]], min_chars = 3"#;
        let folded = compile("consistency", opts).unwrap();
        assert_eq!(texts(&*folded, text, "hi"), ["विहार"]);
        let one = compile("consistency", &format!(r#"{opts}, distinct = ["विहार"]"#)).unwrap();
        assert_eq!(
            texts(&*one, text, "hi"),
            ["विहार"],
            "one listed word is still a variant"
        );
        let both = compile(
            "consistency",
            &format!(r#"{opts}, distinct = ["विहार", "बिहार"]"#),
        );
        assert!(texts(&*both.unwrap(), text, "hi").is_empty());
    }

    #[test]
    fn one_edit_apart_when_asked_and_inside_the_word() {
        let text = "পিয়ংইয়াং শহর।\nপিয়ংইয়াং থেকে।\nপিয়ংয়াং থেকে।\nসম্পূর্ণ কাজ।\nসম্পূর্ণ নয়।\nঅসম্পূর্ণ কাজ।";
        let off = compile("consistency", "").unwrap();
        assert!(texts(&*off, text, "bn").is_empty());
        let on = compile("consistency", "edit_chars = 6").unwrap();
        assert_eq!(
            texts(&*on, text, "bn"),
            ["পিয়ংয়াং"],
            "a negation prefix is not a spelling"
        );
    }

    #[test]
    fn inner_confusables_spare_the_first_letter_and_the_one_after_an_article() {
        let c = compile(
            "consistency",
            r#"min_chars = 4, confusables = [["ا", "أ"]], inner_confusables = [["ا", "آ"]],
               articles = ["ال"]"#,
        )
        .unwrap();
        let text = "لقاح جديد.\nلقاح آخر.\nلقآح ثالث.\nالأمن هنا.\nالأمن هناك.\nالآمن هنا.";
        assert_eq!(texts(&*c, text, "ar"), ["لقآح"]);
        assert!(compile("consistency", r#"inner_confusables = [["ا", "لآ"]]"#).is_err());
    }

    #[test]
    fn an_article_variant_folds_to_the_article_before_three_letters_or_more() {
        let c = compile(
            "consistency",
            r#"min_chars = 4, min_similarity = 0.65, articles = ["ال"], article_variants = ["آل"]"#,
        )
        .unwrap();
        let text = "المدارس هنا.\nالمدارس هناك.\nآلمدارس هنا.\nالكتب هنا.\nالكتب هناك.\nآلكتب هنا.\n\
                    الية هنا.\nالية هناك.\nآلية هنا.";
        assert_eq!(texts(&*c, text, "ar"), ["آلمدارس", "آلكتب"]);
        assert!(compile("consistency", r#"article_variants = ["آل"]"#).is_err());
    }

    #[test]
    fn only_the_letters_asked_for_drop_and_not_where_grammar_drops_them() {
        let c = compile(
            "consistency",
            r#"min_chars = 4, edit_chars = 5, edits = ["drop"], drop_letters = ["ь"],
               grammatical_drops = ["тьс"], window = 10, collapse_repeats = false"#,
        )
        .unwrap();
        let text = "персональной защиты\nперсональной помощи\nперсоналной связи\n\
                    надо учиться\nважно учиться\nон учится\n\
                    проверка данных\nпроверка данных\nпроврка данных";
        assert_eq!(texts(&*c, text, "ru"), ["персоналной"]);
    }

    /// A majority's key and its variant's differ in length by a letter at most, either way
    /// (the variant's key hashed only beside a majority's of about its length).
    #[test]
    fn a_variant_one_letter_longer_shorter_or_as_long_is_found() {
        let c = compile(
            "consistency",
            r#"min_chars = 4, edit_chars = 5, edits = ["drop", "replace"], window = 10,
               collapse_repeats = false"#,
        )
        .unwrap();
        let text = "проверка данных\nпроверка данных\nпровейрка данных\n\
                    проверка связи\nпроврка связи\n\
                    задача решена\nзадача решена\nзодача решена";
        assert_eq!(texts(&*c, text, "ru"), ["провейрка", "проврка", "зодача"]);
    }

    #[test]
    fn a_whole_word_is_as_long_as_its_letters_for_an_edit() {
        let opts = r#"min_chars = 6, whole_words = true, min_whole_chars = 4, edits = ["drop"],
                      collapse_repeats = false"#;
        let text = "আমরাই বলি।\nআমরাই যাই।\nআমাই বলি।";
        let five = compile("consistency", &format!("{opts}, edit_chars = 5")).unwrap();
        assert!(
            texts(&*five, text, "bn").is_empty(),
            "four letters are not five"
        );
        let four = compile("consistency", &format!("{opts}, edit_chars = 4")).unwrap();
        assert_eq!(texts(&*four, text, "bn"), ["আমাই"]);
    }

    #[test]
    fn only_the_edits_asked_for() {
        let text = "মধ্যে আছে।\nমধ্যে নেই।\nমধধ্যে ছিল।\nপ্রধান কথা।\nপ্রধান কাজ।\nপ্রদান করা।";
        let doubled = compile("consistency", r#"edit_chars = 4, edits = ["double"]"#).unwrap();
        assert_eq!(texts(&*doubled, text, "bn"), ["মধধ্যে"]);
        let all = compile("consistency", "edit_chars = 4").unwrap();
        assert_eq!(texts(&*all, text, "bn"), ["মধধ্যে", "প্রদান"]);
        assert!(compile("consistency", r#"edits = ["insert"]"#).is_err());
        // A virama left out is a variant; a vowel sign left out is another word (`निकलने` /
        // `निकालने`, come out / take out).
        let virama = compile("consistency", r#"edit_chars = 6, edits = ["virama"]"#).unwrap();
        for (text, flagged) in [
            ("अल्बोर्न आए।\nअल्बोर्न गए।\nअलबोर्न लौटे।", true),
            ("वे निकालने लगे।\nवे निकालने गए।\nवे निकलने लगे।", false),
        ] {
            assert_eq!(!texts(&*virama, text, "hi").is_empty(), flagged, "{text}");
        }
    }

    #[test]
    fn a_letter_with_a_nukta_folds_as_one() {
        let c = compile("consistency", r#"confusables = [["র", "ড়"]]"#).unwrap();
        assert_eq!(
            texts(&*c, "করোনাভাইরাস ছড়ায়।\nকরোনাভাইরাস থামে।\nকড়োনাভাইরাস বাড়ে।", "bn"),
            ["কড়োনাভাইরাস"]
        );
        assert!(compile("consistency", r#"confusables = [["ড়", "র"]]"#).is_err());
        assert!(compile("consistency", r#"medial_confusables = [["র", "ড়"]]"#).is_err());
    }

    /// The flagged words and suggestions of `check` on `text` with the Arabic endings ي (my)
    /// and ه (his).
    fn flagged_ar(check: &dyn crate::checks::Check, text: &str) -> Vec<(String, Option<String>)> {
        use crate::checks::Context;
        use crate::input::{Document, ParagraphMode};
        use crate::text::Analysis;
        let doc = Document::from_text("t", text, ParagraphMode::Line);
        let ps: Vec<Analysis> = doc
            .segments
            .iter()
            .map(|s| Analysis::new(&s.text))
            .collect();
        let ctx = Context {
            script: crate::text::dominant_script(&ps),
            language: "ar".to_string(),
            lexicon: std::sync::Arc::new(crate::lexicon::Lexicon {
                endings: vec!["ي".to_string(), "ه".to_string()],
                ..Default::default()
            }),
            ..Context::default()
        };
        let mut out = Vec::new();
        check.document(&ps, &ctx, &mut out);
        out.into_iter()
            .map(|d| {
                (
                    ps[d.paragraph].slice(d.hit.span).to_string(),
                    d.hit.suggestion,
                )
            })
            .collect()
    }

    #[test]
    fn final_letters_fold_before_the_ending_is_looked_for() {
        let opts = r#"confusables = [["ي", "ئ"]], final_confusables = [["ى", "ي"], ["ة", "ه"]]"#;
        let c = compile("consistency", opts).unwrap();
        let text = "نقل إلى مستشفى المدينة.\nمستشفى المدينة ممتلئ.\nمستشفي الأطفال مغلق.\n\
                    أجريت دراسة جديدة.\nالدراسة مهمة وهذه دراسة أخرى.\nنشرت دراسه ثالثة.";
        assert_eq!(
            flagged_ar(&*c, text),
            [
                ("مستشفي".to_string(), Some("مستشفى".to_string())),
                ("دراسه".to_string(), Some("دراسة".to_string())),
            ]
        );
        let pairs = "عانى المرضى من الحمى.\nالمرضى في المستشفى.\nبدأ المرض أمس.\n\
                     الخطوة الأولى مهمة.\nالمرحلة الأولى انتهت.\nالعدد الأول صدر.";
        assert!(
            flagged_ar(&*c, pairs).is_empty(),
            "a word and the same word with a final ى are two words"
        );
        let plain = compile("consistency", r#"confusables = [["ي", "ى", "ئ"]]"#).unwrap();
        let words: Vec<String> = flagged_ar(&*plain, pairs)
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            words,
            ["المرض", "الأول"],
            "folded everywhere, the ي ending swallows ى"
        );
        assert!(
            compile(
                "consistency",
                r#"final_confusables = [["ي", "ڑ"], ["ة", "ড়"]]"#
            )
            .is_err()
        );
    }

    #[test]
    fn names_only_judges_words_capitalised_inside_a_sentence() {
        let opts = r#"min_chars = 6, edit_chars = 6, edits = ["drop", "replace"], window = 10"#;
        let all = compile("consistency", opts).unwrap();
        let names = compile("consistency", &format!("{opts}, names_only = true")).unwrap();
        let words = "Они распространились быстро.\nСлухи распространились дальше.\nВести распространилась тоже.";
        assert_eq!(texts(&*all, words, "ru"), ["распространилась"]);
        assert!(texts(&*names, words, "ru").is_empty(), "no names");
        let text = "Vice president Schwarzenegger spoke.\nThen Schwarzenegger left.\nLater Schwarzeneger returned.\nSchwarzeneger opened the sentence.";
        assert_eq!(texts(&*names, text, "en"), ["Schwarzeneger"]);
    }

    #[test]
    fn proclitics_are_taken_off_before_comparing() {
        let text = "الإمارات دولة.\nوالإمارات عضو.\nبالإمارات مطار.\nالامارات تعلن.";
        let off = compile("consistency", r#"confusables = [["ا", "أ", "إ"]]"#).unwrap();
        assert!(
            texts(&*off, text, "ar").is_empty(),
            "each spelling with its own proclitics once: no majority"
        );
        let on = compile(
            "consistency",
            r#"confusables = [["ا", "أ", "إ"]], prefixes = ["و", "ب", "ال"]"#,
        )
        .unwrap();
        assert_eq!(
            flagged(&*on, text, "ar"),
            [("الامارات".to_string(), Some("الإمارات".to_string()))]
        );
        assert_eq!(
            flagged(&*on, "الإمارات دولة.\nالإمارات عضو.\nوبالامارات مطار.", "ar"),
            [("وبالامارات".to_string(), Some("وبالإمارات".to_string()))],
            "the variant's own proclitics in the suggestion"
        );
    }
}
