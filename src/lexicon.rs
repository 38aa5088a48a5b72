//! Language data a pack shares with all its rules (inflection endings, source-language words,
//! reduplication, number words), merged over the packs active on a document.

use std::sync::OnceLock;

use regex::{RegexSet, RegexSetBuilder};
use serde::Deserialize;

use crate::hash::FastSet;

/// The size and nesting limits of the regexes of language data, as for rule regexes.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_NEST_LIMIT: u32 = 64;

/// How a source word is written (see `Lexicon::source_word`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceCase {
    Lower,
    Capitalised,
}

/// Language data a pack shares with all its rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Inflection endings (case, number, definiteness): `রাশিয়ার` is `রাশিয়া` + `র`.
    #[serde(default)]
    pub endings: Vec<String>,
    /// Frequent words of the usual source language (`the`, `however`, `a`), lowercase: never
    /// names or units, so a lone one in a translation was left untranslated.
    #[serde(default)]
    pub source_words: Vec<String>,
    /// Source words that open a sentence as an adverb or a conjunction (`then`, `so`,
    /// `however`), lowercase: capitalised before a word of the translation's script (`Then
    /// রোগীদের`) they were left untranslated, where a pronoun there may open a title (`Her`).
    #[serde(default)]
    pub sentence_openers: Vec<String>,
    /// Words and short phrases of the usual source language's software interfaces (`cancel`,
    /// `sign in`, `settings`), lowercase, none of them a product's name: a translation into
    /// another script always renders them, so a target that copies one whole is untranslated.
    #[serde(default)]
    pub interface_words: Vec<String>,
    /// Finite forms of the language's reporting verbs (`sagte`, `dijo`, `a déclaré`'s
    /// `déclaré`), lowercase: a sentence's opening clause that holds one reports, so the clause
    /// said again with its verb first closes an attribution said twice (`Der Minister sagte,
    /// …, sagte der Minister`), where another clause so said again is chiasmus (`La vida
    /// sigue, …, sigue la vida`).
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    /// Words that repeat by grammar (`ধীরে ধীরে`, `धीरे-धीरे`): never a stutter. A word of a
    /// script written without spaces may be a phrase (`研究` for the verb said twice, `研究研究`).
    #[serde(default)]
    pub reduplicated: Vec<String>,
    /// Regexes of the word classes that repeat by grammar (participles: `কাঁদতে কাঁদতে`;
    /// distributive nouns: `দেশে দেশে`), matched on the word in NFC. A bad regex, one that can
    /// match the empty string or a list too large for one set is a load error
    /// (`rules::load`).
    #[serde(default)]
    pub reduplication: Vec<String>,
    /// Regexes of the words said on both sides of a conjunction by grammar (`more and more`,
    /// `again and again`, `faster and faster`), matched on the word in NFC: after a conjunction
    /// they make `and more and more`, which is no phrase said twice. Checked at load as
    /// `reduplication` is.
    #[serde(default)]
    pub iterated: Vec<String>,
    /// Interjections and sound words (`হা`, `哈`, `ха`, `टक`): said twice they are no stutter,
    /// and a run of them is a loop only when it is very long (laughter: `हा हा हा`).
    #[serde(default)]
    pub interjections: Vec<String>,
    /// Function words that never reduplicate, in a language whose other words do: a doubled
    /// one is a stutter (`的的` where `人人`, `看看` are grammar; Turkish `ve ve` where `yavaş
    /// yavaş` is), even where the language has no other reduplication data.
    #[serde(default)]
    pub particles: Vec<String>,
    /// Words of a script written without spaces that hold a particle (`目的` goal, `的确`
    /// indeed): a doubled particle that belongs to one is no stutter (`目的的` of the goal,
    /// `的的确` of ... indeed).
    #[serde(default)]
    pub compounds: Vec<String>,
    /// Words that join a word to itself in an idiom (`कम से कम` at least, `साल दर साल` year
    /// after year, `কোনো না কোনো` some or other): `से कम से कम` is that idiom after a word,
    /// not a phrase said twice.
    #[serde(default)]
    pub linkers: Vec<String>,
    /// Coordinating conjunctions (`ও`, `और`, `и`): `X and X` coordinates a word with itself.
    #[serde(default)]
    pub conjunctions: Vec<String>,
    /// Closed-class words of the language (pronouns, conjunctions, prepositions), lowercase:
    /// capitalised where they open a sentence, they are no name, so one said twice is a
    /// stutter (`Это Это`, `Он Он`) where a short name may be said twice (`Лин Лин`).
    #[serde(default)]
    pub function_words: Vec<String>,
    /// Negations that make `X and not X` an antonym pair.
    #[serde(default)]
    pub negations: Vec<String>,
    /// A word said twice with a comma is a stutter in this language wherever it stands (as
    /// measured on its professional translations). Without it a copy that goes on into its
    /// sentence may open a chained clause (`Was wir wissen, wissen wir`, `What it is, is`,
    /// `选择抗菌皂，抗菌皂可能`), and only a copy that ends its sentence is judged.
    #[serde(default)]
    pub comma_repeats: bool,
    /// Every noun of the language is capitalised (German): a capitalised word said twice is
    /// no name for that (`die Regierung Regierung`).
    #[serde(default)]
    pub capitalised_nouns: bool,
    /// The language writes a name said twice with a hyphen (Russian `Бора-Бора`, `Пэго-Пэго`):
    /// a capitalised word of its script said twice with a space is no name for that (`Когда
    /// Когда`, `Китай Китай`).
    #[serde(default)]
    pub hyphenated_names: bool,
    /// Words the `reduplication` patterns would take for grammar that the language never says
    /// twice (Arabic `وفقًا` according to, `أيضًا` also: adverbs in the accusative, like the
    /// distributive `رويدًا رويدًا`): said twice, they are a stutter.
    #[serde(default)]
    pub not_reduplicated: Vec<String>,
    /// Numbers written as words, with their value (`তিন` = 3, `three` = 3).
    #[serde(default)]
    pub number_words: std::collections::BTreeMap<String, f64>,
    /// Words that multiply the number before them (`লাখ` = 100000, `million` = 1000000).
    #[serde(default)]
    pub number_scales: std::collections::BTreeMap<String, f64>,
    /// Words that may stand between a number and its scale word, saying "more than" or
    /// "about" (Chinese `多`, `余`: `20多万` more than 200,000): the scale still applies.
    #[serde(default)]
    pub number_approximators: Vec<String>,
    /// Words that add a fraction to the number word after them or at their end, with the
    /// fraction (`साढ़े तीन` 3.5: `साढ़े` = 0.5; `पौने दो` 1.75: `पौने` = -0.25; Marathi
    /// `साडेतीन`, one word).
    #[serde(default)]
    pub number_fractions: std::collections::BTreeMap<String, f64>,
    /// Words that join the parts of one number: English `and` (`a hundred and two`), Spanish
    /// `y` (`treinta y cinco` 35), French `et` (`vingt et un` 21).
    #[serde(default)]
    pub number_joiners: Vec<String>,
    /// The months by name, with their number (`मार्च` = 3, `марта` = 3): a day or month of a
    /// date written in digits may be written so (`03/05/2020` as `5 मार्च 2020`).
    #[serde(default)]
    pub month_names: std::collections::BTreeMap<String, u8>,
    /// Units of measure written as words or in the language's abbreviations, lowercase, with
    /// the unit each names (`কেজি` = `kg`, `км/ч` = `km/h`, `millas por hora` = `mph`, `个月` =
    /// `month`; the ids are `measure::Unit`'s): the unit written right after a number (a scale
    /// word and a `unit_joiners` word passed by) is compared with the other side's. Only forms
    /// that name a unit wherever they follow a number (not English `in` or `pounds`).
    #[serde(default)]
    pub unit_names: std::collections::BTreeMap<String, crate::measure::Unit>,
    /// Currencies written as words, lowercase, with the signs each may stand for (`ডলার` =
    /// [`$`], `টাকা` = [`৳`, `₹`], `美元` = [`US$`], `rs` = [`₹`]): right after a number (or
    /// right before it: `dola 1,000`, `Rs 500`), compared as the currency signs are.
    #[serde(default)]
    pub currency_names: std::collections::BTreeMap<String, Vec<String>>,
    /// Years of a calendar near the Gregorian one that the language's readers count in, as
    /// offsets from the Gregorian year (Amharic: -8 and -7, the Ethiopian calendar).
    #[serde(default)]
    pub year_offsets: Vec<f64>,
    /// The language's decimal mark, where it has one firm convention (`.`: Hindi, Chinese,
    /// English; `,`: German, Russian), for reading a translation's numbers: with `.`, `1.250` is
    /// one and a quarter and `1,250` twelve hundred and fifty; with `,`, `2.500` is two
    /// thousand five hundred. Without it both readings are taken.
    #[serde(default)]
    pub decimal_mark: Option<char>,
    /// Words that may stand between a scale word and the unit or currency after it (Spanish
    /// `de`: `2 millones de dólares`).
    #[serde(default)]
    pub unit_joiners: Vec<String>,
    /// Endings that make an ordinal of a number word, with what the number word ends with
    /// instead (Marathi `व्या` = "": `दहाव्या` the 10th; Tamil `ாம்` = `ு`: `பதினைந்தாம்`, the
    /// 15th, of `பதினைந்து`).
    #[serde(default)]
    pub ordinal_endings: std::collections::BTreeMap<String, String>,
    /// A number word may open a longer word whatever follows it (Malayalam runs a number into
    /// the word after it: `നാലുപേരും` all four, `മൂന്നുദിവസം` three days): a word that starts
    /// with a number word stands for that number. Number words are never required, so this can
    /// only hide a finding, never make one.
    #[serde(default)]
    pub number_words_open: bool,
    /// Languages written in this language's script that a paragraph may be in instead, each
    /// told by letters this language never writes (Ukrainian `і`, `ї`, `є` in Russian) or by
    /// frequent words it never writes (Hindi `है`, `में` in Marathi): a paragraph whose words
    /// are many of them is in that language (`common.foreign-paragraph`).
    #[serde(default)]
    pub look_alikes: Vec<LookAlike>,
    /// Every letter the language writes, lowercase (Russian `абв…эюя`). With it, a word holding
    /// a letter that neither the language nor a look-alike writes (`ӏ`, `ӡ`, `ӣ`: a third
    /// language of the script, such as Adyghe or Evenki) speaks for no look-alike, nor does a
    /// look-alike's capital letter inside a word (`цІыф`, where `І` stands for the palochka).
    #[serde(default)]
    pub alphabet: String,
    /// Where each pack's regexes start in `reduplication` and `iterated` once packs are merged
    /// (leave it to its default).
    #[serde(skip)]
    pub sets: PackSets,
    /// The scripts the number words of the document's own language are written in (`merge_own`),
    /// not those of a source language's pack (`three` of `source-en` in a Portuguese
    /// document): a language without number words in its script may write a small number as a
    /// word no rule reads (leave it to its default).
    #[serde(skip)]
    pub own_number_scripts: Vec<unicode_script::Script>,
    /// The word lists above in NFC as sets, and the regexes compiled: made on first use, after
    /// the packs' data is merged (leave it to its default).
    #[serde(skip)]
    pub cache: LexiconCache,
}

/// Where each merged pack's regexes start in `reduplication` and `iterated` (after the first
/// pack's, at 0): each pack's are compiled as one set, the set its load built (`regex_set`),
/// so that no merge of packs makes a set too large to build. One set of all would be over the
/// size limit with a large enough pack beside the embedded ones, and would lose every class of
/// every pack.
#[derive(Debug, Clone, Default)]
pub struct PackSets {
    reduplication: Vec<usize>,
    iterated: Vec<usize>,
}

/// The groups of `list` that start at `starts` (and at 0).
fn groups<'a>(list: &'a [String], starts: &'a [usize]) -> impl Iterator<Item = &'a [String]> {
    let bounds = std::iter::once(0)
        .chain(starts.iter().copied())
        .chain(std::iter::once(list.len()));
    bounds
        .clone()
        .zip(bounds.skip(1))
        .filter(|(a, b)| a < b)
        .map(|(a, b)| &list[a..b])
}

/// Add `theirs` (grouped by `their_starts`) to `mine` (grouped by `starts`), each pattern once:
/// a group's new patterns are a group of their own.
fn merge_groups(
    mine: &mut Vec<String>,
    starts: &mut Vec<usize>,
    theirs: &[String],
    their_starts: &[usize],
) {
    let mut seen: std::collections::HashSet<String> = mine.iter().cloned().collect();
    for group in groups(theirs, their_starts) {
        let at = mine.len();
        mine.extend(group.iter().filter(|p| seen.insert((*p).clone())).cloned());
        if at > 0 && mine.len() > at {
            starts.push(at);
        }
    }
}

/// A set for each group of `list` (`PackSets`). Every group was built as one set when its pack
/// loaded, and every regex alone (the tests build the embedded packs' as a user's): should a
/// group fail even so, its regexes are sets of their own, none left out.
fn compile_groups(list: &[String], starts: &[usize]) -> Vec<RegexSet> {
    let mut sets = Vec::new();
    for group in groups(list, starts) {
        match regex_set(group) {
            Ok(set) => sets.push(set),
            Err(_) => sets.extend(
                group
                    .iter()
                    .filter_map(|p| regex_set(std::slice::from_ref(p)).ok()),
            ),
        }
    }
    sets
}

/// Fewest words of a look-alike language in a text judged to be in it: a name or two of that
/// language (`Київ`) is no text in it.
pub const LOOK_ALIKE_WORDS: usize = 3;
/// Fewest words of the text's script in a text judged at all.
pub const LOOK_ALIKE_PARAGRAPH: usize = 6;
/// The share of a text's words that a look-alike's letters alone must mark (a letter the
/// lexicon's language never writes is strong evidence).
pub const LOOK_ALIKE_LETTER_SHARE: f64 = 0.125;
/// The share of a text's words that must be a look-alike's, by its words or letters.
pub const LOOK_ALIKE_SHARE: f64 = 0.25;

/// A text's words of letters of `script`, NFC, and whether each has case.
fn words_of(text: &str, script: unicode_script::Script) -> Vec<(String, bool)> {
    crate::text::words::words(text)
        .into_iter()
        .filter(|w| w.is_letters() && w.script == Some(script))
        .map(|w| (crate::text::nfc(w.text(text)).into_owned(), w.has_case))
        .collect()
}

/// Whether a text of `total` words of its script, `by_letter` of them holding a look-alike's
/// letters and `n` of them its letters or words, is in that look-alike: two words and
/// `LOOK_ALIKE_LETTER_SHARE` by letters, or `LOOK_ALIKE_WORDS` and `share` in all.
pub fn look_alike_enough(by_letter: usize, n: usize, total: usize, share: f64) -> bool {
    let total = total as f64;
    (by_letter >= 2 && by_letter as f64 >= LOOK_ALIKE_LETTER_SHARE * total)
        || (n >= LOOK_ALIKE_WORDS && n as f64 >= share * total)
}

/// The language a text of the lexicon's script is in, when it is not the lexicon's own: one of
/// its look-alikes (an index of `look_alikes`), or a third language of the script, which the
/// lexicon's `alphabet` tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    Of(usize),
    Third,
}

/// A language written in the script of the lexicon's language, and how to tell its words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LookAlike {
    /// Its name, as a finding states it (`Ukrainian`).
    pub name: String,
    /// Its language code (`uk`): a document in that language is not judged against it.
    pub code: String,
    /// Letters it writes and the lexicon's language never does: a word holding one is its.
    #[serde(default)]
    pub letters: String,
    /// Frequent words of it that the lexicon's language never writes, lowercase.
    #[serde(default)]
    pub words: Vec<String>,
}

/// The repetition data of a lexicon and its endings by last byte, ready to look up: each made
/// on first use.
#[derive(Debug, Clone, Default)]
pub struct LexiconCache {
    compiled: OnceLock<Compiled>,
    endings: OnceLock<EndingIndex>,
}

/// The endings by their last byte (in list order within each): a word is compared with the
/// endings that can end it, not with all of them; and as a set, for a pack of thousands of
/// endings, where a word's own suffixes are fewer than the endings sharing its last byte.
#[derive(Debug, Clone)]
struct EndingIndex {
    by_last: Vec<Vec<u32>>,
    set: crate::hash::FastSet<String>,
    /// The longest ending's length in bytes.
    longest: usize,
}

impl EndingIndex {
    /// `Lexicon::split_ending` by looking up the word's suffixes, the longest first (the suffix
    /// that starts earliest, no longer than the longest ending, leaving a stem long enough).
    fn split_by_suffixes<'w>(&self, word: &'w str, min_stem: usize) -> (&'w str, &'w str) {
        for (k, _) in word.char_indices() {
            let (stem, ending) = word.split_at(k);
            if ending.len() <= self.longest
                && self.set.contains(ending)
                && stem.chars().count() >= min_stem
            {
                return (stem, ending);
            }
        }
        (word, "")
    }
}

/// Past this many endings with a word's last byte, `split_ending` looks the word's suffixes up
/// in the set instead (a word has a few dozen at most).
const ENDINGS_SCANNED: usize = 64;

#[derive(Debug, Clone, Default)]
struct Compiled {
    reduplicated: FastSet<String>,
    not_reduplicated: FastSet<String>,
    /// One set for each pack's regexes (`PackSets`).
    reduplication: Vec<RegexSet>,
    iterated: Vec<RegexSet>,
    interjections: FastSet<String>,
    particles: FastSet<String>,
    linkers: FastSet<String>,
    compounds: FastSet<String>,
    function_words: FastSet<String>,
    /// The words of each look-alike, NFC; its letters; the script it is written in (of its
    /// first letter or word).
    look_alike_words: Vec<FastSet<String>>,
    look_alike_letters: Vec<Vec<char>>,
    /// `alphabet`'s letters, sorted, the script they are of, and every look-alike's letters.
    alphabet: Vec<char>,
    alphabet_script: Option<unicode_script::Script>,
    all_letters: Vec<char>,
    /// A searcher for each look-alike letter's UTF-8 bytes: `str::contains` of a char searches
    /// for its last byte, which in Bengali is the last byte of the commonest letters too.
    look_alike_finders: Vec<Vec<memchr::memmem::Finder<'static>>>,
    look_alike_scripts: Vec<Option<unicode_script::Script>>,
}

fn nfc_set(words: &[String]) -> FastSet<String> {
    words
        .iter()
        .map(|w| crate::text::nfc(w).into_owned())
        .collect()
}

/// The one set a run makes of a pack's `reduplication` or `iterated` regexes, within the size
/// and nesting limits; the load of a pack builds it too, so a list too large for one set is a
/// load error, with its place in the file, never a class lost on a document.
pub fn regex_set(patterns: &[String]) -> Result<RegexSet, regex::Error> {
    RegexSetBuilder::new(patterns)
        .size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
}

impl Lexicon {
    /// The script look-alike `i` is written in.
    pub fn look_alike_script(&self, i: usize) -> Option<unicode_script::Script> {
        self.compiled().look_alike_scripts.get(i).copied().flatten()
    }

    /// Whether a text may hold a word of look-alike `i`: it has words, or the text holds one of
    /// its letters (one search of the text per letter, not one per character).
    pub fn may_hold_look_alike(&self, i: usize, text: &str) -> bool {
        let c = self.compiled();
        !c.look_alike_words[i].is_empty()
            || c.look_alike_finders[i]
                .iter()
                .any(|f| f.find(text.as_bytes()).is_some())
    }

    /// Whether a word holds one of look-alike `i`'s letters, and, where the language's
    /// `alphabet` is known, every other letter of it is the language's or a look-alike's
    /// (Kazakh `өзінің`: `і` is Ukrainian's too), and a capital of the look-alike's opens it (or
    /// the word is in capitals).
    pub fn has_look_alike_letter(&self, i: usize, word: &str) -> bool {
        let c = self.compiled();
        let Some(letters) = c.look_alike_letters.get(i).filter(|l| !l.is_empty()) else {
            return false;
        };
        if !word.chars().any(|ch| letters.contains(&ch)) {
            return false;
        }
        let capitals = !word.chars().any(char::is_lowercase);
        c.alphabet.is_empty()
            || word.chars().enumerate().all(|(k, ch)| {
                if letters.contains(&ch) {
                    k == 0 || capitals || !ch.is_uppercase()
                } else {
                    self.in_alphabet(ch, &c.all_letters)
                }
            })
    }

    /// Whether `ch` is no letter nor mark, or one of the language's `alphabet` (in any case)
    /// or of `letters`.
    fn in_alphabet(&self, ch: char, letters: &[char]) -> bool {
        let alphabet = &self.compiled().alphabet;
        let mark = unicode_normalization::char::is_combining_mark(ch);
        (!ch.is_alphabetic() && !mark)
            || ch
                .to_lowercase()
                .all(|l| alphabet.binary_search(&l).is_ok() || letters.contains(&l))
    }

    /// Whether a word holds a letter of the alphabet's script, or a combining mark, that
    /// neither the language (its `alphabet`, when known) nor any of its look-alikes writes: a
    /// word of a third language of the script (a Latin `i` typed for `і` is no such letter).
    fn of_no_look_alike(&self, word: &str) -> bool {
        let c = self.compiled();
        let Some(script) = c.alphabet_script else {
            return false;
        };
        word.chars().any(|ch| {
            let ours = unicode_normalization::char::is_combining_mark(ch)
                || crate::text::script::script_of(ch) == Some(script);
            ours && !self.in_alphabet(ch, &c.all_letters)
        })
    }

    /// The look-alike (an index of `look_alikes`) that a text of `script` is written in, other
    /// than `own`: the one with the most of the text's words of that script, `look_alike_enough`
    /// by `LOOK_ALIKE_SHARE`, among `LOOK_ALIKE_PARAGRAPH` words at least, capitalised words
    /// not counted for it (the paragraph rule also leaves out quoted words).
    pub fn look_alike_of_text(
        &self,
        text: &str,
        script: unicode_script::Script,
        own: &str,
    ) -> Option<Likeness> {
        let candidates = self.look_alike_candidates(text, script, own);
        if candidates.is_empty() && !self.has_alphabet() {
            return None;
        }
        let words = words_of(text, script);
        if words.len() < LOOK_ALIKE_PARAGRAPH {
            return None;
        }
        // Capitalised words are names or open a sentence (`Поезд из Києва в Дніпро`): only
        // the others speak for a look-alike, and a text two words in five of which are
        // capitalised is a list of names or a title.
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let names = words.iter().filter(|(w, _)| capitalised(w)).count();
        if names * 5 >= words.len() * 2 {
            return None;
        }
        let counted = words
            .iter()
            .filter(|(w, _)| !capitalised(w))
            .map(|(w, has_case)| (w.as_str(), *has_case));
        self.best_look_alike(&candidates, counted, words.len(), LOOK_ALIKE_SHARE)
    }

    /// The look-alikes a text of `script` may be in, other than `own`: written in that script,
    /// with words, or with one of their letters in the text.
    pub fn look_alike_candidates(
        &self,
        text: &str,
        script: unicode_script::Script,
        own: &str,
    ) -> Vec<usize> {
        (0..self.look_alikes.len())
            .filter(|&i| {
                self.look_alikes[i].code != own
                    && self.look_alike_script(i) == Some(script)
                    && self.may_hold_look_alike(i, text)
            })
            .collect()
    }

    /// Whether the language's `alphabet` is known.
    pub fn has_alphabet(&self) -> bool {
        !self.compiled().alphabet.is_empty()
    }

    /// Of `candidates`, the look-alike with the most of the `counted` words (NFC, and whether
    /// each has case) by its letters or its words, `look_alike_enough` among `total` words;
    /// the first listed wins a tie. Where the language's `alphabet` is known, words of a third
    /// language of the script (`of_no_look_alike`: Adyghe `ӏ`, Evenki `ӣ`, Belarusian `ў`)
    /// speak for none of them: enough of them (`look_alike_enough`, by letters) and the text
    /// is in another language of the script, one of them and it is in none (no verdict).
    pub fn best_look_alike<'w>(
        &self,
        candidates: &[usize],
        counted: impl Iterator<Item = (&'w str, bool)> + Clone,
        total: usize,
        share: f64,
    ) -> Option<Likeness> {
        let third = counted
            .clone()
            .filter(|(w, _)| self.of_no_look_alike(w))
            .count();
        if third > 0 {
            return look_alike_enough(third, third, total, share).then_some(Likeness::Third);
        }
        let mut best: Option<(usize, usize)> = None;
        for &i in candidates {
            let (mut by_letter, mut n) = (0, 0);
            for (w, has_case) in counted.clone() {
                if self.has_look_alike_letter(i, w) {
                    by_letter += 1;
                    n += 1;
                } else if self.is_look_alike_word(i, w, has_case) {
                    n += 1;
                }
            }
            if look_alike_enough(by_letter, n, total, share) && best.is_none_or(|(_, m)| n > m) {
                best = Some((i, n));
            }
        }
        best.map(|(i, _)| Likeness::Of(i))
    }

    /// How many words of `script` in a text, not capitalised, hold a letter or mark that
    /// neither the language (its `alphabet`) nor a look-alike writes (`of_no_look_alike`:
    /// Karakalpak `ҳ`, Evenki `ӣ`); none without an `alphabet`.
    pub fn third_language_words(&self, text: &str, script: unicode_script::Script) -> usize {
        if !self.has_alphabet() {
            return 0;
        }
        words_of(text, script)
            .iter()
            .filter(|(w, _)| {
                !w.chars().next().is_some_and(char::is_uppercase) && self.of_no_look_alike(w)
            })
            .count()
    }

    /// Whether a text has words enough of `script` for `look_alike_of_text` to judge it.
    pub fn judges_text(&self, text: &str, script: unicode_script::Script) -> bool {
        words_of(text, script).len() >= LOOK_ALIKE_PARAGRAPH
    }

    /// Whether a word (NFC) is one of look-alike `i`'s words, whatever its case.
    pub fn is_look_alike_word(&self, i: usize, word: &str, has_case: bool) -> bool {
        self.compiled()
            .look_alike_words
            .get(i)
            .is_some_and(|words| {
                !words.is_empty()
                    && (words.contains(word) || (has_case && words.contains(&word.to_lowercase())))
            })
    }

    /// Split a word into stem and ending, taking the longest ending that leaves a stem of at
    /// least `min_stem` characters. Endings are tried longest first.
    pub fn split_ending<'w>(&self, word: &'w str, min_stem: usize) -> (&'w str, &'w str) {
        let Some(&last) = word.as_bytes().last() else {
            return (word, "");
        };
        let index = self.ending_index();
        let candidates = &index.by_last[usize::from(last)];
        if candidates.len() > ENDINGS_SCANNED {
            index.split_by_suffixes(word, min_stem)
        } else {
            self.split_by_candidates(candidates, word, min_stem)
        }
    }

    /// `split_ending` by comparing the word with each ending of `candidates`.
    fn split_by_candidates<'w>(
        &self,
        candidates: &[u32],
        word: &'w str,
        min_stem: usize,
    ) -> (&'w str, &'w str) {
        let mut best: (&str, &str) = (word, "");
        for &i in candidates {
            let e = &self.endings[i as usize];
            if e.len() > best.1.len()
                && let Some(stem) = word.strip_suffix(e.as_str())
                && stem.chars().count() >= min_stem
            {
                best = (stem, &word[stem.len()..]);
            }
        }
        best
    }

    /// Add another pack's numbers written as words and scale words, months, units and currencies only.
    pub fn merge_numbers(&mut self, other: &Lexicon) {
        for (w, v) in &other.number_words {
            self.number_words.entry(w.clone()).or_insert(*v);
        }
        for (w, v) in &other.number_scales {
            self.number_scales.entry(w.clone()).or_insert(*v);
        }
        for (w, v) in &other.number_fractions {
            self.number_fractions.entry(w.clone()).or_insert(*v);
        }
        for w in &other.number_joiners {
            if !self.number_joiners.contains(w) {
                self.number_joiners.push(w.clone());
            }
        }
        for w in &other.number_approximators {
            if !self.number_approximators.contains(w) {
                self.number_approximators.push(w.clone());
            }
        }
        for (w, m) in &other.month_names {
            self.month_names.entry(w.clone()).or_insert(*m);
        }
        for (w, u) in &other.unit_names {
            self.unit_names.entry(w.clone()).or_insert(*u);
        }
        for (w, c) in &other.currency_names {
            self.currency_names
                .entry(w.clone())
                .or_insert_with(|| c.clone());
        }
        for w in &other.unit_joiners {
            if !self.unit_joiners.contains(w) {
                self.unit_joiners.push(w.clone());
            }
        }
        for (e, r) in &other.ordinal_endings {
            self.ordinal_endings
                .entry(e.clone())
                .or_insert_with(|| r.clone());
        }
        self.number_words_open |= other.number_words_open;
        self.cache = LexiconCache::default();
    }

    /// Add the data of a pack of the document's own language (not a source language's): as
    /// `merge`, and the scripts of its number words are noted.
    pub fn merge_own(&mut self, other: &Lexicon) {
        for w in other.number_words.keys() {
            if let Some(s) = w.chars().find_map(crate::text::script::script_of)
                && !self.own_number_scripts.contains(&s)
            {
                self.own_number_scripts.push(s);
            }
        }
        self.merge(other);
    }

    /// Add another pack's data: linear in both (a set for what is there), whatever their
    /// sizes; endings stay longest first.
    pub fn merge(&mut self, other: &Lexicon) {
        let mut seen: std::collections::HashSet<&str> =
            self.endings.iter().map(String::as_str).collect();
        let new: Vec<String> = other
            .endings
            .iter()
            .filter(|e| seen.insert(e.as_str()))
            .cloned()
            .collect();
        if !new.is_empty() {
            self.endings.extend(new);
            self.endings
                .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        }
        // Word lists looked up by binary search: kept sorted.
        for (mine, theirs) in [
            (&mut self.sentence_openers, &other.sentence_openers),
            (&mut self.reporting_verbs, &other.reporting_verbs),
            (&mut self.interface_words, &other.interface_words),
            (&mut self.source_words, &other.source_words),
        ] {
            if !theirs.is_empty() {
                mine.extend(theirs.iter().cloned());
                mine.sort();
                mine.dedup();
            }
        }
        merge_groups(
            &mut self.reduplication,
            &mut self.sets.reduplication,
            &other.reduplication,
            &other.sets.reduplication,
        );
        merge_groups(
            &mut self.iterated,
            &mut self.sets.iterated,
            &other.iterated,
            &other.sets.iterated,
        );
        for (mine, theirs) in [
            (&mut self.reduplicated, &other.reduplicated),
            (&mut self.not_reduplicated, &other.not_reduplicated),
            (&mut self.interjections, &other.interjections),
            (&mut self.particles, &other.particles),
            (&mut self.linkers, &other.linkers),
            (&mut self.compounds, &other.compounds),
            (&mut self.conjunctions, &other.conjunctions),
            (&mut self.negations, &other.negations),
            (&mut self.function_words, &other.function_words),
        ] {
            let seen: std::collections::HashSet<&String> = mine.iter().collect();
            let new: Vec<String> = theirs
                .iter()
                .filter(|w| !seen.contains(w))
                .cloned()
                .collect();
            mine.extend(new);
        }
        for l in &other.look_alikes {
            if !self.look_alikes.iter().any(|m| m.code == l.code) {
                self.look_alikes.push(l.clone());
            }
        }
        if self.alphabet.is_empty() {
            self.alphabet.clone_from(&other.alphabet);
        }
        self.decimal_mark = self.decimal_mark.or(other.decimal_mark);
        if self.year_offsets.is_empty() {
            self.year_offsets.clone_from(&other.year_offsets);
        }
        self.comma_repeats |= other.comma_repeats;
        self.capitalised_nouns |= other.capitalised_nouns;
        self.hyphenated_names |= other.hyphenated_names;
        self.merge_numbers(other);
    }

    fn compiled(&self) -> &Compiled {
        self.cache.compiled.get_or_init(|| Compiled {
            reduplicated: nfc_set(&self.reduplicated),
            not_reduplicated: nfc_set(&self.not_reduplicated),
            reduplication: compile_groups(&self.reduplication, &self.sets.reduplication),
            iterated: compile_groups(&self.iterated, &self.sets.iterated),
            interjections: nfc_set(&self.interjections),
            particles: nfc_set(&self.particles),
            linkers: nfc_set(&self.linkers),
            compounds: nfc_set(&self.compounds),
            function_words: nfc_set(&self.function_words),
            look_alike_words: self.look_alikes.iter().map(|l| nfc_set(&l.words)).collect(),
            look_alike_letters: self
                .look_alikes
                .iter()
                .map(|l| l.letters.chars().collect())
                .collect(),
            alphabet: {
                let mut a: Vec<char> = self.alphabet.chars().collect();
                a.sort_unstable();
                a
            },
            alphabet_script: self
                .alphabet
                .chars()
                .find_map(crate::text::script::script_of),
            all_letters: self
                .look_alikes
                .iter()
                .flat_map(|l| l.letters.chars())
                .collect(),
            look_alike_finders: self
                .look_alikes
                .iter()
                .map(|l| {
                    l.letters
                        .chars()
                        .map(|c| memchr::memmem::Finder::new(c.to_string().as_bytes()).into_owned())
                        .collect()
                })
                .collect(),
            look_alike_scripts: self
                .look_alikes
                .iter()
                .map(|l| {
                    l.letters
                        .chars()
                        .chain(l.words.iter().flat_map(|w| w.chars()))
                        .find_map(crate::text::script::script_of)
                })
                .collect(),
        })
    }

    /// Whether a word (in NFC) repeats by grammar: it is listed in `reduplicated` or
    /// `interjections`, or its class matches a regex of `reduplication`.
    pub fn reduplicates(&self, word: &str) -> bool {
        let c = self.compiled();
        if c.not_reduplicated.contains(word) {
            return false;
        }
        c.reduplicated.contains(word)
            || c.interjections.contains(word)
            || c.reduplication.iter().any(|r| r.is_match(word))
    }

    /// Whether the language data says anything of reduplication (`reduplicated` or
    /// `reduplication`): without it, a language's reduplicated words are unknown.
    pub fn knows_reduplication(&self) -> bool {
        !(self.reduplicated.is_empty() && self.reduplication.is_empty())
    }

    /// Whether a word or phrase (in NFC) is listed as repeating by grammar (`reduplicated`,
    /// `interjections`), classes aside.
    pub fn is_reduplicated(&self, word: &str) -> bool {
        let c = self.compiled();
        c.reduplicated.contains(word) || c.interjections.contains(word)
    }

    /// Whether a word (in NFC) is an interjection or a sound word.
    pub fn is_interjection(&self, word: &str) -> bool {
        self.compiled().interjections.contains(word)
    }

    /// Whether a character (in NFC) is a function character that never reduplicates.
    pub fn is_particle(&self, word: &str) -> bool {
        self.compiled().particles.contains(word)
    }

    /// Whether a word (in NFC) is a compound that holds a particle (`目的`).
    pub fn is_compound(&self, word: &str) -> bool {
        self.compiled().compounds.contains(word)
    }

    /// Whether a word (in NFC) is said on both sides of a conjunction by grammar (`more and
    /// more`): a regex of `iterated` matches it.
    pub fn iterates(&self, word: &str) -> bool {
        self.compiled().iterated.iter().any(|r| r.is_match(word))
    }

    /// Whether a word (in NFC) is a coordinating conjunction.
    pub fn is_conjunction(&self, word: &str) -> bool {
        self.conjunctions.iter().any(|c| c == word)
    }

    /// Whether a word (in NFC, any case) is one of the language's `function_words`.
    pub fn is_function_word(&self, word: &str) -> bool {
        let words = &self.compiled().function_words;
        !words.is_empty() && (words.contains(word) || words.contains(&word.to_lowercase()))
    }

    /// Whether a word (in NFC) links a word to itself in an idiom (`कम से कम`).
    pub fn is_linker(&self, word: &str) -> bool {
        self.compiled().linkers.contains(word)
    }

    /// Whether a word (any case) is a source word that opens a sentence as an adverb or a
    /// conjunction (`sentence_openers`).
    pub fn is_sentence_opener(&self, word: &str) -> bool {
        listed(&self.sentence_openers, word)
    }

    /// Whether a text (any case, its words joined by one space) is one of the source
    /// language's `interface_words`.
    pub fn is_interface_word(&self, text: &str) -> bool {
        listed(&self.interface_words, text)
    }

    /// Whether a word (any case) is one of the language's `reporting_verbs`.
    pub fn is_reporting_verb(&self, word: &str) -> bool {
        listed(&self.reporting_verbs, word)
    }

    pub fn is_ending(&self, s: &str) -> bool {
        self.ending_index().set.contains(s)
    }

    /// The endings indexed, made on first use.
    fn ending_index(&self) -> &EndingIndex {
        self.cache.endings.get_or_init(|| {
            let mut by_last = vec![Vec::new(); 256];
            for (i, e) in self.endings.iter().enumerate() {
                if let Some(&b) = e.as_bytes().last() {
                    by_last[usize::from(b)].push(i as u32);
                }
            }
            EndingIndex {
                by_last,
                set: self.endings.iter().cloned().collect(),
                longest: self.endings.iter().map(String::len).max().unwrap_or(0),
            }
        })
    }

    /// How `word` stands as a source word: `Lower` (`which`), `Capitalised` (`However`: a
    /// capital, then lowercase letters, two letters at least), or `None`: not a source word,
    /// or written as one never is in running text (`A` is a grade or a vitamin, `IT` an
    /// acronym).
    pub fn source_word(&self, word: &str) -> Option<SourceCase> {
        if self.source_words.is_empty() {
            return None;
        }
        let mut chars = word.chars();
        let first = chars.next()?;
        let rest_lower = chars.clone().all(char::is_lowercase);
        let case = if first.is_lowercase() && rest_lower {
            SourceCase::Lower
        } else if first.is_uppercase() && rest_lower && chars.next().is_some() {
            SourceCase::Capitalised
        } else {
            return None;
        };
        listed(&self.source_words, word).then_some(case)
    }
}

/// Whether `word`, lowercased, is in a sorted word list of the lexicon (none allocated for an
/// empty list).
fn listed(list: &[String], word: &str) -> bool {
    !list.is_empty() && list.binary_search(&word.to_lowercase()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two ways `split_ending` splits a word agree: comparing the word with every ending
    /// that shares its last byte, and looking its suffixes up in the set (taken past
    /// `ENDINGS_SCANNED` such endings, so thousands of endings cost a word's length, not their
    /// number). Every word of the fixtures, every embedded pack's endings, and a list of
    /// endings that share their last characters, at every stem length.
    #[test]
    fn splitting_by_suffixes_agrees_with_comparing_every_ending() {
        let text = crate::text::fixture_text();
        let words: Vec<&str> = text
            .split(|c: char| {
                c.is_whitespace() || c.is_ascii_punctuation() || "।॥,“”‘’—–".contains(c)
            })
            .filter(|w| !w.is_empty())
            .collect();
        let mut lexicons: Vec<Lexicon> = crate::rules::load_embedded()
            .unwrap()
            .into_iter()
            .map(|p| p.lexicon)
            .filter(|l| !l.endings.is_empty())
            .collect();
        let signs = ["ে", "র", "ের", "া", "ি", "ও", "ক"];
        let mut many = Lexicon::default();
        for a in ["", "গু", "দে", "টি", "কা", "ল", "ন"] {
            for b in ["", "লো", "রা", "তে", "দি"] {
                for c in signs {
                    many.endings.push(format!("{a}{b}{c}"));
                }
            }
        }
        many.endings.push(String::new());
        lexicons.push(many);
        let mut split = 0;
        for lexicon in &lexicons {
            let index = lexicon.ending_index();
            for word in &words {
                let last = usize::from(*word.as_bytes().last().unwrap());
                for min_stem in 0..4 {
                    let scanned = lexicon.split_by_candidates(&index.by_last[last], word, min_stem);
                    assert_eq!(index.split_by_suffixes(word, min_stem), scanned, "{word}");
                    split += usize::from(!scanned.1.is_empty());
                }
            }
        }
        assert!(split > 1000, "{split}");
    }
}
