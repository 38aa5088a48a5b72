//! `attribution`: the same reporting clause (subject + reporting verb) more than once in one
//! sentence, as MT produces when it keeps the source's attribution and adds its own
//! (`তিনি বলেন, “…,” তিনি বলেন`). "The same" is the same verb in any of its forms, from the
//! pack's lexicon, with the same subject or a spelling variant of it (`কেসিএনএ` / `কেসিএএনএ`).
//!
//! A subject is the word right before the verb or, when the verb is not preceded by one, the
//! word after it that ends the sentence (`…, দাবি করেন অধ্যাপক।`) or, when the verb stands as a
//! tag (opening the sentence, after punctuation or a quotative), the last word of a short phrase
//! after it set off by punctuation or a complementiser (`«…», — сказал Лавров, — «…»`, `قال
//! الوزير إن`). Subjects are compared in NFC and case-folded (`Он` / `он`). In a pro-drop
//! language (`pro_drop`) a tag verb with no subject stands for itself: its form carries the
//! person (`قال: "…"، قال.`). A case marker written as a word (`subject_markers`, Hindi `ने`)
//! and adverbs (`verb_modifiers`, `他曾说`) may stand between a subject and its verb; a subject
//! in another case is the same speaker by the pack's case forms and endings (`उन्होंने` / `वे`,
//! `अधिकारियों` / `अधिकारी`). Compound verbs (a noun and a light verb, `মন্তব্য করা`) take every
//! form of their light verb (`light_verbs`), so a pack lists a paradigm once.
//!
//! Two statements of one speaker are not one attribution twice: a clause followed by a
//! complementiser (`कि`, `что`, `أن`) opens a statement of its own, so a later clause so
//! followed repeats none before it; a clause preceded by a quotative (`என்று`, `असे`), or right
//! before a sentence stop, closes a statement of its own, so no later clause repeats it,
//! unless the quotative comes right after it (`… என்று அமைச்சர் கூறினார், என்று அவர் கூறினார்`:
//! nothing new is quoted).
//!
//! A tag set apart at the end of the sentence whose speaker is a third-person pronoun of the
//! pack (`pronouns`) names the speaker of an earlier clause of the same verb: `Министр заявил,
//! что …, — заявил он`, `মন্ত্রী বলেন, …, তিনি বলেন।`. An inverted speaker may be followed by an
//! addressee or an adverb of `not_subjects` (`— сказал он журналистам.`).

use std::borrow::Cow;

use serde::Deserialize;
use toml::Spanned;

use super::shared::{is_joining_hyphen, nfc_all, single_chars};
use super::{BuildError, Check, Context, Hit};
use crate::hash::FastMap;
use crate::lexicon::Lexicon;
use crate::text::script::{is_unspaced, is_uppercase};
use crate::text::sentences::Quotes;
use crate::text::{Analysis, Span, Word, WordKind, nfc};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Reporting verbs: each a lemma and its forms (a form may be several words), or a compound
    /// of a noun and a light verb (`light`), which takes the light verb's forms.
    verbs: Vec<VerbSpec>,
    /// Light verbs (`করা`, `দেওয়া`) and their forms, for compound reporting verbs.
    #[serde(default)]
    light_verbs: Vec<LightVerb>,
    /// Words that stand before a verb without being its subject (`আরও`, `এবং`).
    #[serde(default)]
    not_subjects: Vec<String>,
    /// Endings of words that are never a subject (Tamil adverbs and complement clauses in
    /// -ஆக: `தெளிவாக` clearly, `வலுவடைந்து வருவதாக` that it is getting stronger).
    #[serde(default)]
    not_subject_endings: Vec<String>,
    /// Longest clause, in words, that opening and closing one sentence is flagged whatever its
    /// verb (0: off).
    #[serde(default)]
    frame_words: usize,
    /// Endings of the finite verb forms that close a reporting clause (`েন`, `েছে`), which the
    /// last word of a framing clause must have.
    #[serde(default)]
    frame_endings: Vec<String>,
    /// The framing clause may end in any word: for a language whose verb endings no pack
    /// lists (the common pack's rule), where the frame alone is the evidence.
    #[serde(default)]
    frame_any_ending: bool,
    /// Fewest words between a frame's two copies: what it frames is a statement, not a word
    /// or two of rhetoric (`Thank you, everyone, thank you`, `Never again, we promised, never
    /// again`).
    #[serde(default = "default_frame_min_between")]
    frame_min_between: usize,
    /// Marks that end the opening clause of a sentence frame: a comma by default; a language
    /// that writes a colon before a quotation adds it (`Министр заявил: «…», министр заявил`).
    #[serde(default = "default_frame_punctuation")]
    frame_punctuation: Vec<String>,
    /// The opening clause of a frame may be the first words of a longer first part (`El
    /// ministro dijo que …, dijo el ministro`, `मन्त्रीले भने कि …, मन्त्रीले भने`), where one
    /// of `complementisers`, not a comma, ends it; the longest that closes the sentence is taken.
    #[serde(default)]
    frame_open: bool,
    /// The closing copy of a frame may put the clause's verb first (`Министр заявил, …, заявил
    /// министр`), as languages that invert a speaker after a quotation do; not in a question
    /// (`It is not simple, is it?` is a tag question).
    #[serde(default)]
    frame_inverted: bool,
    /// Words that may open a frame's first clause and not its copy (`як`, `as`, `como`: `Як
    /// повідомили в ДСНС, …, повідомили в ДСНС.`): the clause is compared without it.
    #[serde(default)]
    frame_leaders: Vec<String>,
    /// First- and second-person pronouns: a frame that holds one is the writer's or the
    /// addressee's own tag (`I think that …, I think`, `Ich glaube, …, glaube ich`, `آپ جانتے
    /// ہیں کہ …`), not an attribution.
    #[serde(default)]
    frame_persons: Vec<String>,
    /// Two subjects are one when normalized Damerau-Levenshtein similarity reaches this.
    #[serde(default = "default_similarity")]
    min_similarity: f64,
    /// Words that follow a reporting clause and open what is reported (`कि`, `что`, `أن`,
    /// `যে`): a later clause so followed is a statement of its own (`उन्होंने कहा कि A, हालांकि
    /// उन्होंने कहा कि B`), not a repetition. A comma may stand between (`заявил, что`).
    #[serde(default)]
    complementisers: Vec<String>,
    /// Words that close what is reported right before a reporting clause (Tamil `என்று`,
    /// Marathi `असे`): an earlier clause so preceded closed a statement of its own (`A என்று அவர்
    /// கூறினார், B என்று அவர் கூறினார்`), and a later clause does not repeat it.
    #[serde(default)]
    quotatives: Vec<String>,
    /// The language drops subject pronouns (Arabic `قال`, Tamil `கூறினார்`): a reporting verb
    /// without a subject that stands as a tag (opening the sentence or after punctuation or a
    /// quotative, and followed by punctuation, the sentence end or a complementiser) is a clause
    /// whose speaker its form gives; it repeats a clause of the same form.
    #[serde(default)]
    pro_drop: bool,
    /// Conjunctions written onto a verb (`و`, `ف`: `وقال`), taken off its form before pro-drop
    /// clauses are compared.
    #[serde(default)]
    verb_prefixes: Vec<String>,
    /// Case markers written as a word of their own after a subject (Hindi ergative `ने`:
    /// `मंत्री ने कहा`, inverted `कहा मंत्री ने`): the subject is the word before the marker.
    #[serde(default)]
    subject_markers: Vec<String>,
    /// Words that close a phrase standing between a speaker and the verb (Hindi postpositions
    /// `से`, `को`, `में`: `उन्होंने पत्रकारों से कहा` "he said to reporters", `मंत्री ने बयान में कहा`;
    /// Chinese `上`, `中` of `他在会上说`): before a verb right after one, the speaker is the word
    /// before a subject marker or one of `adjunct_starts` (`在`) within `ADJUNCT_WORDS` words
    /// back, or a pronoun with a subject marker written on (`उन्होंने`).
    #[serde(default)]
    adjunct_ends: Vec<String>,
    /// Words that open a phrase of place or time (Chinese `在`, Russian `в`, `на`, Arabic
    /// `في`): with `adjunct_ends`, one between the speaker and the verb (`部长在记者会上表示`);
    /// and one after a clause, before its complementiser (`заявил на пресс-конференции, что`,
    /// `وقالت الوزيرة في بيان إن`) or closing the sentence after an inverted speaker (`—
    /// сказал Макрон в интервью.`), at most `ADJUNCT_TAIL_WORDS` words, which leaves the
    /// clause as set off as without it.
    #[serde(default)]
    adjunct_starts: Vec<String>,
    /// Prefixes written onto a speaker's word that name no one else, taken off both words
    /// before an according phrase's speaker and a later clause's are compared (Arabic `ال`,
    /// `ل` and `لل`: `وفقا للوزير، …، قال الوزير`; `حسب قول وزير الداخلية، …، أضاف الوزير`).
    #[serde(default)]
    name_prefixes: Vec<String>,
    /// Marks a writer may add or leave out (Arabic short vowels and shadda: `صرّح` is `صرح`),
    /// taken off words before verbs, speakers and phrases are compared.
    #[serde(default)]
    ignore_marks: Vec<String>,
    /// A speaker's phrase puts its head first (`министр иностранных дел`, `المتحدث باسم
    /// الحكومة`): its first word names the speaker as its last does (a name, `Сергей Лавров`),
    /// so a later clause may name either.
    #[serde(default)]
    head_first: bool,
    /// Words that may stand between a subject and its verb without being the subject (`曾`
    /// of `他曾说`, `也` of `他也表示`): the subject is the word before them.
    #[serde(default)]
    verb_modifiers: Vec<String>,
    /// Words after a verb's form that make it another word, no reporting verb (`说 了 算` has
    /// the final say, `说 不 定` perhaps): each entry its words separated by spaces.
    #[serde(default)]
    not_verbs_before: Vec<String>,
    /// Words that name one speaker in different cases (`उन्होंने` / `वे`, ergative and
    /// nominative of one pronoun): a subject in one of them is the same as in another.
    #[serde(default)]
    subject_forms: Vec<Vec<String>>,
    /// Case endings of nouns as (ending, ending of the direct case) pairs (Hindi oblique plural
    /// `ियों` / `ी`: `अधिकारियों ने` and `अधिकारी` name one speaker).
    #[serde(default)]
    subject_endings: Vec<[String; 2]>,
    /// Third-person subject pronouns (`он`, `उन्होंने`, `তিনি`, `他`): a tag set apart at the
    /// end of a sentence whose speaker is one of them names the speaker of an earlier clause of
    /// the same verb (`Министр заявил, что …, — заявил он`, `মন্ত্রী বলেন, …, তিনি বলেন`).
    #[serde(default)]
    pronouns: Vec<String>,
    /// In a pro-drop language, the agreement a verb form's affixes give, as (regex, class)
    /// pairs matched on the form without its `verb_prefixes`, the first that matches naming
    /// the class (a form no regex matches is of one class of its own): a tag without a subject
    /// that closes the sentence repeats an earlier subjectless clause of the same verb and
    /// class, whatever its tense (`وقال إن …، يقول`: both masculine singular).
    #[serde(default)]
    agreement: Vec<(Spanned<String>, String)>,
    /// Phrases that open a sentence and give what it says to the speaker after them, up to
    /// the sentence's first comma (`по словам`, `بحسب`, `据`): a clause of that speaker closing
    /// the sentence is the attribution again (`По словам министра, …, сказал министр`). Each
    /// entry its words separated by spaces; a `*` among them stands for the speaker inside the
    /// phrase, one word, when the phrase is the whole first part (`по * словам`: `По его
    /// словам, …, сказал он`).
    #[serde(default)]
    according_before: Vec<String>,
    /// The same, for phrases after their speaker (`মতে` of `মন্ত্রীর মতে,`, `के अनुसार`).
    #[serde(default)]
    according_after: Vec<String>,
    /// Words that set what follows against what came before (`যদিও`, `хотя`, `رغم`, `但`): a
    /// clause after one is a statement of its own (`তিনি বলেন, …, যদিও গত বছর তিনি
    /// বলেছিলেন …`, he said X, though last year he said Y).
    #[serde(default)]
    contrasts: Vec<String>,
}

fn default_frame_min_between() -> usize {
    1
}

fn default_similarity() -> f64 {
    0.8
}

fn default_frame_punctuation() -> Vec<String> {
    [",", "،", "，"].map(String::from).to_vec()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerbSpec {
    lemma: String,
    #[serde(default)]
    forms: Vec<String>,
    /// The light verb this compound ends in: its forms follow the lemma's other words.
    #[serde(default)]
    light: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LightVerb {
    lemma: String,
    forms: Vec<String>,
}

#[derive(Debug)]
pub struct Attribution {
    /// (lemma index, form as NFC words), longest forms first.
    forms: Vec<(usize, Vec<String>)>,
    /// The forms (indices into `forms`, longest first) that start with a word.
    by_first: FastMap<String, Vec<usize>>,
    /// The shapes of `by_first`'s words: most words of a text are no verb's first word.
    first_shapes: crate::hash::ShapeFilter,
    lemmas: Vec<String>,
    not_subjects: Vec<String>,
    not_subject_endings: Vec<String>,
    min_similarity: f64,
    frame_words: usize,
    frame_endings: Vec<String>,
    frame_any_ending: bool,
    frame_min_between: usize,
    frame_leaders: crate::hash::FastSet<String>,
    frame_punctuation: Vec<char>,
    frame_open: bool,
    frame_inverted: bool,
    /// NFC, case-folded.
    frame_persons: crate::hash::FastSet<String>,
    complementisers: Vec<String>,
    quotatives: Vec<String>,
    pro_drop: bool,
    verb_prefixes: Vec<String>,
    subject_markers: Vec<String>,
    adjunct_ends: Vec<String>,
    adjunct_starts: Vec<String>,
    head_first: bool,
    /// NFC, longest first.
    name_prefixes: Vec<String>,
    ignore_marks: Vec<char>,
    verb_modifiers: Vec<String>,
    /// The words of each `not_verbs_before` entry, NFC.
    not_verbs_before: Vec<Vec<String>>,
    /// Each word of `subject_forms` (NFC, case-folded) and the index of its group.
    subject_forms: FastMap<String, usize>,
    /// (ending, direct-case ending), NFC.
    subject_endings: Vec<(String, String)>,
    /// NFC, case-folded.
    pronouns: Vec<String>,
    /// (regex, class) of `agreement`.
    agreement: Vec<(regex::Regex, String)>,
    /// The words of each `according_before` and `according_after` entry (NFC, case-folded),
    /// longest first.
    according_before: Vec<Vec<String>>,
    according_after: Vec<Vec<String>>,
    /// NFC, case-folded.
    contrasts: Vec<String>,
}

pub fn build(o: Options) -> Result<Attribution, BuildError> {
    let mut forms = Vec::new();
    let mut lemmas = Vec::new();
    for (i, v) in o.verbs.iter().enumerate() {
        let mut all: Vec<String> = v.forms.clone();
        if let Some(light) = &v.light {
            // A light verb of `light_verbs`, or a simple reporting verb used as one
            // (`আহ্বান জানানো` takes every form of `জানানো`).
            let light_forms = o
                .light_verbs
                .iter()
                .find(|l| l.lemma == *light)
                .map(|l| &l.forms)
                .or_else(|| {
                    o.verbs
                        .iter()
                        .find(|x| x.lemma == *light && x.light.is_none())
                        .map(|x| &x.forms)
                });
            let Some(light_forms) = light_forms else {
                return Err(BuildError::new(format!(
                    "verb `{}`: no light verb `{light}` in `light_verbs` or `verbs`",
                    v.lemma
                )));
            };
            let head = v
                .lemma
                .trim_end()
                .strip_suffix(light.as_str())
                .map(str::trim_end);
            let Some(head) = head.filter(|h| !h.is_empty()) else {
                return Err(BuildError::new(format!(
                    "verb `{}` does not end in its light verb `{light}`",
                    v.lemma
                )));
            };
            all.extend(light_forms.iter().map(|f| format!("{head} {f}")));
        }
        if all.is_empty() {
            return Err(BuildError::new(format!("verb `{}` has no forms", v.lemma)));
        }
        lemmas.push(v.lemma.clone());
        for f in &all {
            let words: Vec<String> = f.split_whitespace().map(|w| nfc(w).into_owned()).collect();
            if words.is_empty() {
                return Err(BuildError::new(format!(
                    "verb `{}` has an empty form",
                    v.lemma
                )));
            }
            forms.push((i, words));
        }
    }
    // Longest forms first (so `বলা হয়েছে` wins over a shorter form), each form once.
    forms.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.cmp(b)));
    forms.dedup();
    if !(0.0..=1.0).contains(&o.min_similarity) {
        return Err(BuildError::new("`min_similarity` must lie between 0 and 1"));
    }
    if o.frame_words == 1 {
        return Err(BuildError::new(
            "`frame_words` is 0 (off) or at least 2: a clause has a subject and a verb",
        ));
    }
    if o.frame_words > 0 && o.frame_endings.is_empty() && !o.frame_any_ending {
        return Err(BuildError::new(
            "`frame_words` needs `frame_endings` (or `frame_any_ending = true`)",
        ));
    }
    let mut by_first: FastMap<String, Vec<usize>> = FastMap::default();
    for (k, (_, words)) in forms.iter().enumerate() {
        by_first.entry(words[0].clone()).or_default().push(k);
    }
    let frame_punctuation = single_chars(
        &o.frame_punctuation,
        "frame_punctuation",
        "punctuation mark",
        |c| !c.is_alphanumeric() && !c.is_whitespace(),
    )?;
    if frame_punctuation.is_empty() {
        return Err(BuildError::new(
            "`frame_punctuation` must name at least one mark",
        ));
    }
    if !o.pro_drop && !o.verb_prefixes.is_empty() {
        return Err(BuildError::new(
            "`verb_prefixes` is read only with `pro_drop = true`",
        ));
    }
    if o.verb_prefixes.iter().any(|v| v.trim().is_empty()) {
        return Err(BuildError::new("`verb_prefixes`: an empty prefix"));
    }
    let mut subject_forms = FastMap::default();
    for (g, group) in o.subject_forms.iter().enumerate() {
        if group.len() < 2 {
            return Err(BuildError::new(format!(
                "`subject_forms`: a group names one speaker in at least two forms, not {group:?}"
            )));
        }
        for w in group {
            let w: String = case_fold(&nfc(w));
            if let Some(other) = subject_forms.insert(w.clone(), g)
                && other != g
            {
                return Err(BuildError::new(format!(
                    "`subject_forms`: `{w}` stands in two groups"
                )));
            }
        }
    }
    if !o.pro_drop && !o.agreement.is_empty() {
        return Err(BuildError::new(
            "`agreement` is read only with `pro_drop = true`",
        ));
    }
    // As a pattern's regex: within the limits and the pack's budget, never matching the empty
    // string (which every form would match, its class for all).
    let mut agreement = Vec::new();
    for (pattern, class) in &o.agreement {
        let re = super::pattern::compile_option_regex("agreement", pattern)?;
        agreement.push((re, class.clone()));
    }
    if o.according_after
        .iter()
        .any(|e| e.split_whitespace().any(|w| w == SLOT))
        || o.according_before.iter().any(|e| {
            let ws: Vec<&str> = e.split_whitespace().collect();
            ws.iter().filter(|&&w| w == SLOT).count() > 1 || ws.first() == Some(&SLOT)
        })
    {
        return Err(BuildError::new(
            "`according_before` entries hold at most one `*` (the speaker), not first; `according_after` none",
        ));
    }
    let mut subject_endings = Vec::new();
    for [ending, direct] in &o.subject_endings {
        if ending.is_empty() || ending == direct {
            return Err(BuildError::new(format!(
                "`subject_endings`: `{ending}` / `{direct}` is no change of ending"
            )));
        }
        subject_endings.push((nfc(ending).into_owned(), nfc(direct).into_owned()));
    }
    Ok(Attribution {
        forms,
        first_shapes: {
            let mut f = crate::hash::ShapeFilter::new();
            by_first.keys().for_each(|w| f.insert(w));
            f
        },
        by_first,
        lemmas,
        not_subjects: nfc_all(&o.not_subjects),
        not_subject_endings: nfc_all(&o.not_subject_endings),
        min_similarity: o.min_similarity,
        frame_words: o.frame_words,
        frame_endings: nfc_all(&o.frame_endings),
        frame_any_ending: o.frame_any_ending,
        frame_min_between: o.frame_min_between.max(1),
        frame_leaders: o.frame_leaders.iter().map(|w| case_fold(&nfc(w))).collect(),
        frame_punctuation,
        frame_open: o.frame_open,
        frame_inverted: o.frame_inverted,
        frame_persons: o.frame_persons.iter().map(|w| case_fold(&nfc(w))).collect(),
        complementisers: nfc_all(&o.complementisers),
        quotatives: nfc_all(&o.quotatives),
        pro_drop: o.pro_drop,
        verb_prefixes: nfc_all(&o.verb_prefixes),
        subject_markers: nfc_all(&o.subject_markers),
        adjunct_ends: nfc_all(&o.adjunct_ends),
        adjunct_starts: nfc_all(&o.adjunct_starts),
        head_first: o.head_first,
        name_prefixes: {
            let mut v = nfc_all(&o.name_prefixes);
            v.sort_by_key(|x| std::cmp::Reverse(x.chars().count()));
            v
        },
        ignore_marks: single_chars(&o.ignore_marks, "ignore_marks", "character", |c| {
            !c.is_whitespace()
        })?,
        verb_modifiers: nfc_all(&o.verb_modifiers),
        not_verbs_before: o
            .not_verbs_before
            .iter()
            .map(|e| e.split_whitespace().map(|w| nfc(w).into_owned()).collect())
            .collect(),
        subject_forms,
        subject_endings,
        pronouns: o.pronouns.iter().map(|w| case_fold(&nfc(w))).collect(),
        agreement,
        according_before: phrases(&o.according_before),
        according_after: phrases(&o.according_after),
        contrasts: o.contrasts.iter().map(|w| case_fold(&nfc(w))).collect(),
    })
}

/// Phrases as their words, NFC and case-folded, longest first.
fn phrases(entries: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = entries
        .iter()
        .map(|e| e.split_whitespace().map(|w| case_fold(&nfc(w))).collect())
        .filter(|ws: &Vec<String>| !ws.is_empty())
        .collect();
    out.sort_by_key(|ws| std::cmp::Reverse(ws.len()));
    out
}

/// Longest subject compared by similarity, in bytes (the comparison costs length squared).
const MAX_SUBJECT_BYTES: usize = 192;

/// Most words of an inverted subject after its verb (`জাতিসংঘের মহাসচিব`).
const INVERTED_WORDS: usize = 3;

/// Most words of a subject's phrase that opens its sentence (`Министр иностранных дел России
/// Сергей Лавров заявил`).
const OPENING_SUBJECT_WORDS: usize = 6;
/// Fewest words between an `according to` phrase that opens a sentence and its copy closing it:
/// two make a statement (`Как сообщили в полиции, мужчина задержан, сообщили в полиции.`).
const ACCORDING_AGAIN_BETWEEN: usize = 2;
/// The same in a script without spaces, in characters (`外交部发言人汪文斌表示`).
const OPENING_SUBJECT_CHARACTERS: usize = 12;

/// Most words of a phrase between a speaker and its verb, its closing word included
/// (`स्वास्थ्य मंत्री ने गुरुवार को संवाददाताओं से कहा`; in a script without spaces, characters:
/// `他在新闻发布会上说`).
const ADJUNCT_WORDS: usize = 8;

/// Whether a comma follows word `k` (its clause set off: `தெரிவித்தார்,`).
fn comma_after(p: &Analysis, words: &[Word], k: usize) -> bool {
    let rest = &p.text[words[k].span.end..];
    rest.trim_start().starts_with([',', '،', '，'])
}

/// Most words of a phrase of `adjunct_starts` after a clause (`в интервью`, `في بيان`).
const ADJUNCT_TAIL_WORDS: usize = 4;

/// The speaker's place in a phrase of `according_before`.
const SLOT: &str = "*";

/// Most characters before a subject of a script written without spaces shown with its clause
/// (`卫生部发言人表示`).
const SHOWN_CHARACTERS: usize = 5;

/// Who a reporting clause is said by.
#[derive(Debug, PartialEq)]
enum Speaker {
    /// A subject word, NFC and case-folded.
    Subject(String),
    /// None: a pro-drop verb, whose form (without attached conjunctions) gives the person.
    Dropped,
}

/// One reporting clause found in a sentence.
struct Clause {
    lemma: usize,
    speaker: Speaker,
    /// The verb form as written, without attached conjunctions (`وقال`: `قال`).
    form: String,
    span: Span,
    /// Followed by a complementiser: it opens a statement of its own.
    opens: bool,
    /// Preceded by a quotative, or followed by a sentence stop: it closes a statement of its
    /// own.
    closes: bool,
    /// It opens its sentence, set off from what follows by punctuation or a complementiser
    /// (`মন্ত্রী বলেন,`, `Он сказал, что`): the sentence is what it reports.
    leads: bool,
    /// A phrase of `according_before` or `according_after`, no verb: only its speaker named
    /// again is the same speaker (`নিয়ম অনুযায়ী, …, তিনি বলেন` is not one attribution twice).
    according: bool,
    /// The words that name the speaker (NFC, case-folded): the subject and the words of its
    /// phrase (`пресс-служба президента`, `副部长`, `Министр здравоохранения` opening a
    /// sentence).
    phrase: Vec<String>,
}

impl Attribution {
    /// Word `w` in NFC without `ignore_marks`.
    fn word<'a>(&self, p: &'a Analysis, w: &Word) -> Cow<'a, str> {
        let norm = p.norm(w);
        if self.ignore_marks.is_empty() || !norm.contains(self.ignore_marks.as_slice()) {
            Cow::Borrowed(norm)
        } else {
            Cow::Owned(
                norm.chars()
                    .filter(|c| !self.ignore_marks.contains(c))
                    .collect(),
            )
        }
    }

    /// The form of a reporting verb starting at word `j`, as (lemma, number of words).
    fn verb_at(&self, p: &Analysis, words: &[Word], j: usize) -> Option<(usize, usize)> {
        let first = self.word(p, &words[j]);
        if !self.first_shapes.may_contain(&first) {
            return None;
        }
        let candidates = self.by_first.get(first.as_ref())?;
        candidates.iter().find_map(|&k| {
            let (lemma, form) = &self.forms[k];
            let end = j + form.len();
            if end > words.len() {
                return None;
            }
            let rest_matches = (j + 1..end).all(|k| {
                p.only_space_between(words[k - 1].span, words[k].span)
                    && self.word(p, &words[k]) == form[k - j].as_str()
            });
            // Words after the form that make it another word (`说了算`).
            let another_word = self.not_verbs_before.iter().any(|after| {
                end + after.len() <= words.len()
                    && after.iter().enumerate().all(|(k, w)| {
                        p.only_space_between(words[end + k - 1].span, words[end + k].span)
                            && p.norm(&words[end + k]) == w.as_str()
                    })
            });
            (rest_matches && !another_word).then_some((*lemma, form.len()))
        })
    }

    /// The forms a subject may be compared in: itself, its group of `subject_forms`, and its
    /// direct case by `subject_endings` (a stem of two letters at least).
    fn subject_keys(&self, s: &str) -> Vec<String> {
        let mut keys = vec![s.to_string()];
        if let Some(g) = self.subject_forms.get(s) {
            keys.push(format!("\u{0}{g}"));
        }
        for (ending, direct) in &self.subject_endings {
            if let Some(stem) = s.strip_suffix(ending.as_str())
                && stem.chars().count() >= 2
            {
                keys.push(format!("{stem}{direct}"));
            }
        }
        keys
    }

    fn same_subject(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let (ka, kb) = (self.subject_keys(a), self.subject_keys(b));
        ka.iter().any(|x| kb.contains(x))
            || (a.len() <= MAX_SUBJECT_BYTES
                && b.len() <= MAX_SUBJECT_BYTES
                && a.chars().count() >= 4
                && b.chars().count() >= 4
                && strsim::normalized_damerau_levenshtein(a, b) >= self.min_similarity)
    }

    /// Whether two clauses name the same speaker: the same subject, or a pro-drop verb of the
    /// same form as the other clause's (`قالت إن …، قالت وزيرة الصحة`).
    fn same_speaker(&self, a: &Clause, b: &Clause) -> bool {
        match (&a.speaker, &b.speaker) {
            (Speaker::Subject(x), Speaker::Subject(y)) => {
                self.same_subject(x, y)
                    || self.head_of(a).is_some_and(|h| self.same_subject(h, y))
                    || self.title_again(a, b, y)
            }
            _ => a.form == b.form,
        }
    }

    /// Whether a later clause names an earlier one's speaker by a title before the name, in a
    /// pack whose phrases put their head last (`प्रधानमंत्री नरेंद्र मोदी ने कहा कि …, प्रधानमंत्री ने
    /// कहा`): the word itself (or another case of it) in the phrase of an earlier clause that
    /// leads its sentence, and no one else (`within`). A possessor is no word of the phrase
    /// (`प्रधानमंत्री के सलाहकार`, the prime minister's adviser).
    fn title_again(&self, a: &Clause, b: &Clause, y: &str) -> bool {
        if self.head_first || !a.leads || a.phrase.len() < 2 {
            return false;
        }
        let keys = self.subject_keys(y);
        a.phrase[..a.phrase.len() - 1]
            .iter()
            .any(|w| w == y || self.subject_keys(w).iter().any(|k| keys.contains(k)))
            && self.within(b, a)
    }

    /// The first word of a clause's speaker phrase of two words or more, in a pack whose
    /// phrases put their head first (`head_first`: `министр` of `Министр иностранных дел
    /// России Сергей Лавров`, `المتحدث` of `المتحدث باسم الحكومة`).
    fn head_of<'c>(&self, c: &'c Clause) -> Option<&'c str> {
        self.head_first
            .then(|| c.phrase.first().filter(|_| c.phrase.len() >= 2))
            .flatten()
            .map(String::as_str)
    }

    /// Whether a later clause names no one but the earlier one's speaker: each word of its
    /// phrase is a word of the earlier's (`сообщила пресс-служба президента` after `Президент
    /// заявил` names the press office; `副部长说` after `部长表示`, the deputy). A pronoun
    /// names whoever the earlier clause names.
    fn within(&self, later: &Clause, earlier: &Clause) -> bool {
        let pronoun = matches!(&later.speaker, Speaker::Subject(s) if self.pronouns.contains(s));
        pronoun
            || earlier.speaker == Speaker::Dropped
            || later.phrase.is_empty()
            || later.phrase.iter().all(|w| {
                earlier.phrase.iter().any(|e| self.same_subject(w, e))
                    || matches!(&earlier.speaker, Speaker::Subject(s) if self.same_subject(w, s))
            })
    }

    /// Whether a later clause names the earlier one's speaker by the same word, in another
    /// case at most (`министра` / `министр`, `মন্ত্রীর` / `মন্ত্রী`, `للوزير` / `الوزير`), and
    /// no one else (`within`): a stricter test than `same_subject`'s similarity, for two
    /// clauses of different verbs (`शर्मा के अनुसार, …, वर्मा ने कहा` are two people).
    fn named_again(&self, earlier: &Clause, later: &Clause) -> bool {
        let (Speaker::Subject(a), Speaker::Subject(b)) = (&earlier.speaker, &later.speaker) else {
            return false;
        };
        let close = |a: &str, b: &str| {
            if a == b {
                return true;
            }
            let (ka, kb) = (self.subject_keys(a), self.subject_keys(b));
            if ka.iter().any(|x| kb.contains(x)) {
                return true;
            }
            let (a, b) = (self.without_name_prefix(a), self.without_name_prefix(b));
            if a == b {
                return true;
            }
            let (short, long) = if a.chars().count() <= b.chars().count() {
                (&a, &b)
            } else {
                (&b, &a)
            };
            let (n_short, n_long) = (short.chars().count(), long.chars().count());
            let common = short
                .chars()
                .zip(long.chars())
                .take_while(|(x, y)| x == y)
                .count();
            // The same stem with another case ending: all but the shorter's last character in
            // common, at most three more characters.
            n_short >= 4 && common + 1 >= n_short && n_long - n_short <= 3
        };
        // Or the head of the earlier speaker's phrase, where it comes first (`بحسب المتحدث
        // باسم الحكومة، …، قال المتحدث`).
        let named = close(a, b) || self.head_of(earlier).is_some_and(|h| close(h, b));
        named && {
            // Every word of the later phrase is one of the earlier's.
            let earlier_words: Vec<&str> = earlier
                .phrase
                .iter()
                .map(String::as_str)
                .chain(std::iter::once(a.as_str()))
                .collect();
            later
                .phrase
                .iter()
                .all(|w| earlier_words.iter().any(|e| close(w, e)))
        }
    }

    /// A speaker's word without the longest of `name_prefixes` it opens with, two characters
    /// left at least (`للوزير`, `لوزير`, `الوزير`: `وزير`).
    fn without_name_prefix<'w>(&self, w: &'w str) -> &'w str {
        self.name_prefixes
            .iter()
            .find_map(|x| {
                w.strip_prefix(x.as_str())
                    .filter(|r| r.chars().count() >= 2)
            })
            .unwrap_or(w)
    }

    /// Whether two subjectless clauses agree by `agreement` (the same class of their forms).
    fn agree(&self, a: &Clause, b: &Clause) -> bool {
        let class = |c: &Clause| {
            self.agreement
                .iter()
                .find(|(re, _)| re.is_match(&c.form))
                .map(|(_, class)| class.as_str())
        };
        !self.agreement.is_empty()
            && a.speaker == Speaker::Dropped
            && b.speaker == Speaker::Dropped
            && class(a) == class(b)
    }

    /// Whether the later clause's speaker is a pronoun and the earlier one's a word that is
    /// not: in a tag that closes the sentence, the pronoun names that speaker. A pronoun before
    /// a noun may name someone of an earlier sentence (`அவர் கூறினார், … என்று அமைச்சர்
    /// கூறுகிறார்`), so only the later one is read so.
    fn pronoun_for(&self, earlier: &Clause, later: &Clause) -> bool {
        let pronoun = |c: &Clause| match &c.speaker {
            Speaker::Subject(s) => Some(self.pronouns.contains(s)),
            Speaker::Dropped => None,
        };
        pronoun(earlier) == Some(false) && pronoun(later) == Some(true)
    }

    /// Where a clause whose first word is `first` is shown from: in a script written without
    /// spaces, where a word is a character, the subject's characters before it too, up to
    /// `SHOWN_CHARACTERS` (`部长表示`, not `长表示`), stopping at a gap or a word that is no
    /// subject (`据`, `的`). The speaker compared stays the word before the verb.
    fn shown_from(&self, p: &Analysis, words: &[Word], first: usize) -> usize {
        let unspaced = |w: &Word| w.script.is_some_and(is_unspaced);
        if !unspaced(&words[first]) {
            return first;
        }
        let mut k = first;
        while k > 0
            && first - k < SHOWN_CHARACTERS
            && unspaced(&words[k - 1])
            && words[k - 1].span.end == words[k].span.start
            && (self.can_be_subject(p, &words[k - 1]) || self.opens_name(p, words, k - 1))
            && self.verb_at(p, words, k - 1).is_none()
        {
            k -= 1;
        }
        k
    }

    /// Whether word `i`, a character of a script without spaces that is no subject alone,
    /// still opens a name: after punctuation, at the sentence's start or after a phrase of
    /// `according_before` opening it (`，外交部说`, `外交部发言人表示`, `据外交部介绍`: `外`);
    /// the phrase's own words are none of it.
    fn opens_name(&self, p: &Analysis, words: &[Word], i: usize) -> bool {
        let according_ends_at = |i: usize| {
            self.according_before
                .iter()
                .any(|ws| ws.len() == i && self.phrase_at(p, words, ws, 0))
        };
        words[i].is_letters()
            && words[i].script.is_some_and(is_unspaced)
            && (i == 0 || words[i - 1].span.end != words[i].span.start || according_ends_at(i))
            && !according_ends_at(i + 1)
            && !self.is_complementiser(p, &words[i])
            && !self.is_quotative(p, &words[i])
    }

    /// Word `k` can be a subject: a word of letters that the pack does not rule out (nor
    /// names as a complementiser or quotative).
    fn can_be_subject(&self, p: &Analysis, w: &Word) -> bool {
        w.is_letters()
            && {
                let w = self.word(p, w);
                !self.not_subjects.iter().any(|s| *s == *w)
                    && !self
                        .not_subject_endings
                        .iter()
                        .any(|e| w.len() > e.len() && w.ends_with(e.as_str()))
            }
            && !self.is_complementiser(p, w)
            && !self.is_quotative(p, w)
    }

    fn is_complementiser(&self, p: &Analysis, w: &Word) -> bool {
        let w = self.word(p, w);
        self.complementisers.iter().any(|c| *c == *w)
    }

    fn is_quotative(&self, p: &Analysis, w: &Word) -> bool {
        let w = self.word(p, w);
        self.quotatives.iter().any(|c| *c == *w)
    }

    fn is_marker(&self, p: &Analysis, w: &Word) -> bool {
        let w = self.word(p, w);
        self.subject_markers.iter().any(|c| *c == *w)
    }

    fn is_modifier(&self, p: &Analysis, w: &Word) -> bool {
        let w = self.word(p, w);
        self.verb_modifiers.iter().any(|c| *c == *w)
    }

    /// The verb at word `j` stands as a tag: it opens the sentence, or punctuation or a
    /// quotative stands right before it (`», — сказал`, `، قال`, `என்று கூறினார்`).
    fn tag_start(&self, p: &Analysis, words: &[Word], j: usize) -> bool {
        j == 0 || {
            let prev = &words[j - 1];
            !p.only_space_between(prev.span, words[j].span) || self.is_quotative(p, prev)
        }
    }

    /// A phrase ending before word `e` is set off: the sentence ends, punctuation follows, or a
    /// complementiser does.
    fn set_off(&self, p: &Analysis, words: &[Word], e: usize) -> bool {
        e == words.len()
            || !p.only_space_between(words[e - 1].span, words[e].span)
            || self.is_complementiser(p, &words[e])
            || self.adjunct_before_complementiser(p, words, e)
    }

    fn is_adjunct_start(&self, p: &Analysis, w: &Word) -> bool {
        let w = self.word(p, w);
        self.adjunct_starts.iter().any(|s| *s == *w)
    }

    /// Words `e..` are a phrase of `adjunct_starts` that a complementiser closes, a comma
    /// between at most (`на пресс-конференции, что`, `في بيان إن`).
    fn adjunct_before_complementiser(&self, p: &Analysis, words: &[Word], e: usize) -> bool {
        e < words.len()
            && self.is_adjunct_start(p, &words[e])
            && (e + 1..(e + 1 + ADJUNCT_TAIL_WORDS).min(words.len()))
                .take_while(|&k| {
                    let gap = &p.text[words[k - 1].span.end..words[k].span.start];
                    words[k - 1].is_letters()
                        && (is_joining_hyphen(gap)
                            || gap
                                .chars()
                                .all(|c| c.is_whitespace() || matches!(c, ',' | '،')))
                })
                .any(|k| self.is_complementiser(p, &words[k]))
    }

    /// The last word of a phrase of `adjunct_starts` at word `from` that ends the sentence
    /// (`в интервью.`, `في البيان.`).
    fn adjunct_to_the_end(&self, p: &Analysis, words: &[Word], from: usize) -> Option<usize> {
        if from >= words.len() || !self.is_adjunct_start(p, &words[from]) {
            return None;
        }
        let mut k = from;
        while k - from + 1 < ADJUNCT_TAIL_WORDS && k + 1 < words.len() {
            let gap = &p.text[words[k].span.end..words[k + 1].span.start];
            if gap.contains(is_sentence_stop) {
                break;
            }
            if !p.only_space_between(words[k].span, words[k + 1].span) && !is_joining_hyphen(gap) {
                return None;
            }
            k += 1;
        }
        let ends = k + 1 == words.len()
            || p.text[words[k].span.end..words[k + 1].span.start].contains(is_sentence_stop);
        (ends && words[from..=k].iter().all(Word::is_letters)).then_some(k)
    }

    /// The subject of the verb at words `j..end`: the word before it or, failing that, the
    /// last word of a short phrase (at most `INVERTED_WORDS` words) after it: one that ends
    /// the sentence (an inverted clause: `…, নিশ্চিত করেছেন জাতিসংঘের মহাসচিব।`), or, after a
    /// verb that stands as a tag, one set off by punctuation or a complementiser (`— сказал
    /// Лавров, —`, `قال الوزير إن`).
    fn subject_of(&self, p: &Analysis, words: &[Word], j: usize, end: usize) -> Option<usize> {
        // Before the verb: past modifiers (`他曾说`), then past a case marker (`मंत्री ने`).
        let mut v = j;
        while v > 0
            && self.is_modifier(p, &words[v - 1])
            && p.only_space_between(words[v - 1].span, words[v].span)
        {
            v -= 1;
        }
        if v > 0
            && self.is_marker(p, &words[v - 1])
            && p.only_space_between(words[v - 1].span, words[v].span)
        {
            v -= 1;
        }
        let before = v.checked_sub(1).filter(|&k| {
            self.can_be_subject(p, &words[k]) && p.only_space_between(words[k].span, words[v].span)
        });
        // Past a modifier, only a clause set off as a tag (`……，他曾说。`): `他也说……` goes on
        // with a statement of its own.
        // Past a phrase between the speaker and the verb, in a clause set apart on both sides
        // (opening the sentence or after punctuation, and before punctuation, the sentence
        // end or a complementiser): inside a statement the speaker found so is mostly
        // someone the statement names (`उन्होंने कहा कि उन्होंने पुलिस से … करने को कहा है`,
        // `他说他在会上说过`). Before the word ahead of the verb is taken for the speaker: a
        // word that ends a phrase may be a subject elsewhere (`者` of `他对记者说`, `患者说`).
        if v > 0
            && v == j
            && let Some(k) = self.past_adjunct(p, words, v)
            && self.phrase_set_apart(p, words, k)
            && self.set_off(p, words, end)
        {
            return Some(k);
        }
        let modified = (v..j).any(|k| self.is_modifier(p, &words[k]));
        if before.is_some() && (!modified || self.set_off(p, words, end)) {
            return before;
        }
        // Words joined by spaces or a hyphen inside a word (`пресс-служба`).
        let tight = |k: usize| {
            p.only_space_between(words[k - 1].span, words[k].span)
                || (words[k - 1].span.end <= words[k].span.start
                    && is_joining_hyphen(&p.text[words[k - 1].span.end..words[k].span.start]))
        };
        // An inverted subject ends the sentence, with its case marker (`…, कहा मंत्री ने।`).
        let mut last = match words.len().checked_sub(1) {
            Some(l) if l > end && self.is_marker(p, &words[l]) => l,
            _ => words.len(),
        };
        // Past an addressee or an adverb after the speaker (`— сказал он журналистам.`).
        while last > end + 1
            && self
                .not_subjects
                .iter()
                .any(|s| s == p.norm(&words[last - 1]))
        {
            last -= 1;
        }
        // Past a phrase of place or time closing the sentence (`— сказал Макрон в интервью.`).
        if let Some(i) = (end + 1..last).find(|&i| self.adjunct_to_the_end(p, words, i).is_some()) {
            last = i;
        }
        let after = &words[end.min(last)..last];
        let inverted = (1..=INVERTED_WORDS).contains(&after.len())
            && after.iter().all(|w| self.can_be_subject(p, w))
            && (end..words.len()).all(tight);
        if inverted {
            return Some(last - 1);
        }
        if !self.tag_start(p, words, j) {
            return None;
        }
        // The shortest phrase of subject words after the verb that is set off; a longer one
        // after a verb that opens the sentence (`وقال وزير الخارجية الروسي سيرغي لافروف إن`).
        let longest = if j == 0 {
            OPENING_SUBJECT_WORDS
        } else {
            INVERTED_WORDS
        };
        (end + 1..=(end + longest).min(words.len()))
            .take_while(|&e| self.can_be_subject(p, &words[e - 1]) && tight(e - 1))
            .find(|&e| self.set_off(p, words, e))
            .map(|e| e - 1)
    }

    /// Whether the speaker at word `k`, with the subject words before it
    /// (`OPENING_SUBJECT_WORDS` in all: `रूसी विदेश मंत्री सर्गेई लावरोव ने`; characters in a
    /// script without spaces, `OPENING_SUBJECT_CHARACTERS`), opens the sentence or follows
    /// punctuation.
    fn phrase_set_apart(&self, p: &Analysis, words: &[Word], k: usize) -> bool {
        let longest = if words[k].script.is_some_and(is_unspaced) {
            OPENING_SUBJECT_CHARACTERS
        } else {
            OPENING_SUBJECT_WORDS
        };
        let mut w = k;
        loop {
            if w == 0 || !p.only_space_between(words[w - 1].span, words[w].span) {
                return true;
            }
            if k + 1 - w >= longest
                || !(self.can_be_subject(p, &words[w - 1]) || self.opens_name(p, words, w - 1))
                || self.verb_at(p, words, w - 1).is_some()
            {
                return false;
            }
            w -= 1;
        }
    }

    /// The speaker before a phrase that ends right before the verb at word `v` with one of
    /// `adjunct_ends` (`उन्होंने पत्रकारों से कहा`, `मंत्री ने संसद में कहा`, `他在会上说`): the word
    /// before the nearest subject marker or `adjunct_starts` word, or the nearest pronoun with
    /// a subject marker written on, within `ADJUNCT_WORDS` words joined by spaces; none past
    /// a verb, a complementiser or a quotative, which another clause has.
    fn past_adjunct(&self, p: &Analysis, words: &[Word], v: usize) -> Option<usize> {
        let tight = |k: usize| p.only_space_between(words[k - 1].span, words[k].span);
        if !self.adjunct_ends.iter().any(|e| e == p.norm(&words[v - 1])) || !tight(v) {
            return None;
        }
        let mut k = v - 1;
        while k > 0 && v - k < ADJUNCT_WORDS && tight(k) {
            k -= 1;
            let w = &words[k];
            if !w.is_letters()
                || self.is_complementiser(p, w)
                || self.is_quotative(p, w)
                || self.verb_at(p, words, k).is_some()
            {
                return None;
            }
            let norm = p.norm(w);
            if self.is_marker(p, w) || self.adjunct_starts.iter().any(|s| s == norm) {
                return (k > 0 && tight(k) && self.can_be_subject(p, &words[k - 1])).then(|| k - 1);
            }
            let lower = folded(norm);
            if self.pronouns.iter().any(|p| *p == *lower)
                && self
                    .subject_markers
                    .iter()
                    .any(|m| lower.len() > m.len() && lower.ends_with(m.as_str()))
            {
                return Some(k);
            }
        }
        None
    }

    /// The verb form at words `j..end` without a conjunction written onto it.
    fn bare_form(&self, p: &Analysis, words: &[Word], j: usize, end: usize) -> String {
        let first = self.word(p, &words[j]);
        let first = self
            .verb_prefixes
            .iter()
            .find_map(|v| first.strip_prefix(v.as_str()).filter(|r| !r.is_empty()))
            .unwrap_or(&first);
        let mut form = first.to_string();
        for w in &words[j + 1..end] {
            form.push(' ');
            form.push_str(&self.word(p, w));
        }
        form
    }

    /// A sentence starting at byte `start` of the paragraph, and its words.
    fn sentence(
        &self,
        p: &Analysis,
        start: usize,
        words: &[Word],
        lexicon: &Lexicon,
        out: &mut Vec<Hit>,
    ) {
        let before = out.len();
        self.clauses(p, start, words, out);
        if out.len() == before {
            self.frame(p, words, lexicon, out);
        }
    }

    /// A sentence whose first part (before its first comma, or another of `frame_punctuation`)
    /// is a short clause that also closes the sentence, whatever its verb: `মন্ত্রী প্রশ্ন
    /// তোলেন, …, মন্ত্রী প্রশ্ন তোলেন।`. A sentence framed by one clause twice is the shape of a
    /// duplicated attribution even when the verb is in no lexicon; the clause must be the whole
    /// first part, so parallel phrases (`…কমাতে পারে, …বাড়াতে পারে`) are not taken for one.
    fn frame(&self, p: &Analysis, words: &[Word], lexicon: &Lexicon, out: &mut Vec<Hit>) {
        // The first word after the sentence's first comma, looked for among the first
        // `frame_words` + 1 words: a first part longer than `frame_words` frames nothing (below,
        // it counts as none).
        let first_part = (1..words.len().min(self.frame_words.saturating_add(1))).find(|&i| {
            p.text[words[i - 1].span.end..words[i].span.start]
                .contains(self.frame_punctuation.as_slice())
        });
        // The opening clause is the whole first part, or (`frame_open`) its first words, the
        // longest that frame the sentence; never words across the comma.
        let longest = match (first_part, self.frame_open) {
            (Some(c), false) => c,
            (None, false) => return,
            (Some(c), true) => c.min(self.frame_words),
            (None, true) => self.frame_words,
        };
        if !(2..=self.frame_words).contains(&longest) {
            return;
        }
        let shortest = if self.frame_open { 2 } else { longest };
        for c in (shortest..=longest).rev() {
            // A clause shorter than the first part ends at a complementiser (`dijo que`), and
            // has a subject of two words or more: a clause of two is speech as often (`Yo creo
            // que …, creo yo`, `You know that …, you know`).
            // A clause that holds a complementiser of its own is no reporting clause (`Lo que
            // pasa es que …`).
            let whole = first_part == Some(c);
            if !whole
                && (c < FRAME_OPEN_WORDS
                    || !words.get(c).is_some_and(|w| self.is_complementiser(p, w))
                    || words[..c].iter().any(|w| self.is_complementiser(p, w)))
            {
                continue;
            }
            if let Some(hit) = self.framed(p, words, c, lexicon) {
                out.push(hit);
                return;
            }
        }
        // A first part that a leader opens (`Як повідомили в ДСНС,`), framed without it.
        if first_part.is_some_and(|c| c >= 3 && c <= self.frame_words)
            && self
                .frame_leaders
                .contains(folded(&self.word(p, &words[0])).as_ref())
            && let Some(c) = first_part
            && let Some(hit) = self.framed(p, &words[1..], c - 1, lexicon)
        {
            out.push(hit);
        }
    }

    /// The frame of a sentence opened by a clause of `c` words, when its last `c` words are
    /// that clause again, set off from what they frame.
    fn framed(&self, p: &Analysis, words: &[Word], c: usize, lexicon: &Lexicon) -> Option<Hit> {
        // Words of a clause stand apart by spaces, or join at a hyphen (`Прем'єр-міністр`).
        let tight = |ws: &[Word]| {
            ws.windows(2).all(|w| {
                p.only_space_between(w[0].span, w[1].span)
                    || (w[0].span.end <= w[1].span.start
                        && is_joining_hyphen(&p.text[w[0].span.end..w[1].span.start]))
            })
        };
        // Something between the clause and its repetition.
        if words.len() < 2 * c + self.frame_min_between {
            return None;
        }
        let (head, tail) = (&words[..c], &words[words.len() - c..]);
        // Words, not numbers (`здоров'я` is no run of letters alone, an apostrophe inside).
        let letters = head.iter().chain(tail).all(|w| w.kind != WordKind::Number);
        let in_order = same_words(p, head, tail);
        // Inverted, the clause has a subject of two words or more (`dijo el ministro`): a
        // pronoun inverted is speech (`glaube ich`, `creo yo`). And it reports: a complementiser
        // or a colon follows the opening clause (`Міністр заявив, що …`, `Министр заявил: …`),
        // where a clause said again the other way round is chiasmus (`La vida sigue, …, sigue
        // la vida`); or the clause holds one of the language's reporting verbs (`Der Minister
        // sagte, …, sagte der Minister`: German reports without `dass`).
        let reports = words.get(c).is_some_and(|w| {
            self.is_complementiser(p, w) || p.text[head[c - 1].span.end..w.span.start].contains(':')
        }) || head.iter().any(|w| lexicon.is_reporting_verb(p.norm(w)));
        let inverted_copy =
            self.frame_inverted && c >= FRAME_OPEN_WORDS && reports && inverted(p, head, tail);
        if !(letters && (in_order || inverted_copy)) {
            return None;
        }
        // A tag question says its clause again inverted (`It is not simple, is it?`).
        let question = !in_order
            && p.text[tail[c - 1].span.end..]
                .trim_start_matches(|ch: char| {
                    ch.is_whitespace() || ['"', '\'', '”', '’', '»', ')'].contains(&ch)
                })
                .starts_with(['?', '？', '؟', ';', '\u{37E}']);
        // The writer's or the addressee's own tag (`I think that …, I think`): a pronoun in
        // lowercase or capitalised, never an acronym or a numeral (`EU`, `Felipe VI`).
        let personal = head.iter().any(|w| {
            let norm = p.norm(w);
            let mut chars = norm.chars();
            let cased_as_word = chars.next().is_some() && chars.all(|ch| !ch.is_uppercase());
            cased_as_word && self.frame_persons.contains(folded(norm).as_ref())
        });
        // The closing copy is a clause of its own: set off by a comma or a closing quote
        // (`…, নাও হতে পারে` is not), and it ends in a finite reporting form of the language
        // (`তোলেন`, `জানিয়েছে`; not `চাই`, `যাক`, `না`).
        let before_tail = &p.text[words[words.len() - c - 1].span.end..tail[0].span.start];
        let set_off = before_tail.contains([',', '،', '，', '”', '"', '’', '»']);
        let verb = p.norm(&head[c - 1]);
        let finite = self.frame_any_ending
            || self
                .frame_endings
                .iter()
                .any(|e| verb.ends_with(e.as_str()));
        // Without a language's verb endings the frame alone is the evidence: rhetoric said
        // again is left (a clause that says a word twice, `little by little`, `poco a poco`;
        // one said again between the copies, `Thank you, thank you all …, thank you`).
        let rhetoric = self.frame_any_ending && {
            let norms: Vec<&str> = head.iter().map(|w| p.norm(w)).collect();
            let doubled =
                (1..norms.len()).any(|k| norms[..k].iter().any(|w| same_word(w, norms[k])));
            let middle = &words[c..words.len() - c];
            let again = middle.windows(c).any(|win| same_words(p, win, head));
            doubled || again
        };
        (set_off && finite && !rhetoric && !question && !personal && tight(head) && tight(tail))
            .then(|| {
                let span = Span::new(tail[0].span.start, tail[c - 1].span.end);
                let first = Span::new(head[0].span.start, head[c - 1].span.end);
                Hit::new(span).var("first", p.slice(first))
            })
    }

    /// A sentence that its `according to` phrase opens and closes again, word for word after
    /// a comma (`По словам губернатора, …, по словам губернатора.`, `காவல்துறையின்
    /// கூற்றுப்படி, …, காவல்துறையின் கூற்றுப்படி.`): the attribution said twice, with
    /// `ACCORDING_AGAIN_BETWEEN` words at least between the copies.
    fn according_again(
        &self,
        p: &Analysis,
        words: &[Word],
        opening: &Clause,
        opened_by: Option<usize>,
    ) -> Option<Hit> {
        let end = words
            .iter()
            .take_while(|w| w.span.end <= opening.span.end)
            .count();
        // A phrase a single word opens (`Как сообщили в полиции,`) closes without it
        // (`…, сообщили в полиции.`).
        let from = usize::from(opened_by == Some(1) && end > 2);
        let n = end - from;
        if n < 2 || words.len() < end + n + ACCORDING_AGAIN_BETWEEN {
            return None;
        }
        let tail = &words[words.len() - n..];
        let gap = &p.text[words[words.len() - n - 1].span.end..tail[0].span.start];
        let same = words[from..end]
            .iter()
            .zip(tail)
            .all(|(a, b)| folded(&self.word(p, a)) == folded(&self.word(p, b)));
        let tight = tail
            .windows(2)
            .all(|w| p.only_space_between(w[0].span, w[1].span));
        (same && tight && gap.contains(self.frame_punctuation.as_slice())).then(|| {
            Hit::new(Span::new(tail[0].span.start, tail[n - 1].span.end))
                .var("first", p.slice(opening.span))
        })
    }

    /// Whether the words at `at` are the phrase `ws` (of `according_before` or
    /// `according_after`): a `*` is any word of letters, and a conjunction written onto the
    /// first word (`وبحسب`) is taken off.
    fn phrase_at(&self, p: &Analysis, words: &[Word], ws: &[String], at: usize) -> bool {
        at + ws.len() <= words.len()
            && ws.iter().zip(&words[at..]).enumerate().all(|(i, (x, w))| {
                let word = self.word(p, w);
                let norm = folded(&word);
                (x == SLOT && w.is_letters())
                    || *x == *norm
                    || (i == 0
                        && self
                            .verb_prefixes
                            .iter()
                            .any(|v| norm.strip_prefix(v.as_str()) == Some(x.as_str())))
            })
    }

    /// The phrase of `according_before` or `according_after` that opens a sentence with its
    /// speaker, as a clause that leads the sentence (`По словам министра,`, `মন্ত্রীর মতে,`);
    /// and the number of words of a phrase of `according_before` opening the sentence, after
    /// which a reporting clause leads it too (`据部长介绍，`).
    fn according(&self, p: &Analysis, words: &[Word]) -> (Option<Clause>, Option<usize>) {
        let starts = |ws: &[String], at: usize| self.phrase_at(p, words, ws, at);
        let opening = self.according_before.iter().find(|ws| starts(ws, 0));
        let opened_by = opening.map(Vec::len);
        // The speaker's place inside the phrase (`По его словам`).
        let slot = opening.and_then(|ws| ws.iter().position(|x| x == SLOT));
        // The words before the sentence's first comma, spaced apart, letters all.
        let Some(part) = (1..words.len()).find(|&i| {
            p.text[words[i - 1].span.end..words[i].span.start]
                .contains(self.frame_punctuation.as_slice())
        }) else {
            return (None, opened_by);
        };
        let phrase = &words[..part];
        if phrase.iter().any(|w| !w.is_letters())
            || phrase
                .windows(2)
                .any(|w| !p.only_space_between(w[0].span, w[1].span))
        {
            return (None, opened_by);
        }
        // The speaker: the last word of the first part after a phrase before it, the word
        // right before a phrase after it.
        let speaker = opened_by
            .and_then(|n| match slot {
                Some(k) => (part == n).then_some(k),
                None => (n + 1..=n + OPENING_SUBJECT_WORDS)
                    .contains(&part)
                    .then(|| part - 1),
            })
            .or_else(|| {
                self.according_after.iter().find_map(|ws| {
                    let at = part.checked_sub(ws.len())?;
                    (starts(ws, at) && (1..=OPENING_SUBJECT_WORDS).contains(&at)).then(|| at - 1)
                })
            });
        let clause = speaker.map(|k| {
            // The speaker's words: after a phrase before it, the rest of the first part; before
            // a phrase after it, the words from the sentence's start.
            let from = if slot == Some(k) {
                k
            } else {
                opened_by.filter(|&n| n <= k).unwrap_or(0)
            };
            Clause {
                lemma: usize::MAX,
                speaker: Speaker::Subject(case_fold(&self.word(p, &words[k]))),
                form: String::new(),
                span: Span::new(words[0].span.start, words[part - 1].span.end),
                opens: false,
                closes: false,
                leads: true,
                according: true,
                phrase: words[from..=k]
                    .iter()
                    .map(|w| case_fold(&self.word(p, w)))
                    .collect(),
            }
        });
        (clause, opened_by)
    }

    /// Reporting clauses of the lexicon's verbs, each compared with those before it.
    fn clauses(&self, p: &Analysis, start: usize, words: &[Word], out: &mut Vec<Hit>) {
        let (according, opened_by) = self.according(p, words);
        let again = according
            .as_ref()
            .and_then(|a| self.according_again(p, words, a, opened_by));
        let from = out.len();
        let mut clauses: Vec<Clause> = according.into_iter().collect();
        let mut j = 0;
        while j < words.len() {
            let Some((lemma, len)) = self.verb_at(p, words, j) else {
                j += 1;
                continue;
            };
            let end = j + len;
            let subject_at = self.subject_of(p, words, j, end);
            let (speaker, first_word, last_word) = match subject_at {
                Some(k) => (
                    Speaker::Subject(case_fold(&self.word(p, &words[k]))),
                    k.min(j),
                    (end - 1).max(k),
                ),
                None if self.pro_drop
                    && self.tag_start(p, words, j)
                    && self.set_off(p, words, end) =>
                {
                    (Speaker::Dropped, j, end - 1)
                }
                None => {
                    j = end;
                    continue;
                }
            };
            let shown = self.shown_from(p, words, first_word);
            let span = Span::new(words[shown].span.start, words[last_word].span.end);
            // The words naming the speaker: after the verb, all of them up to the subject;
            // before it, the subject with the characters shown (a script without spaces) or,
            // opening the sentence, with the subject words before it (`Министр
            // здравоохранения заявила`).
            // Where the speaker's phrase is shown from, and where the run of its subject words
            // before the verb starts (what sets the clause apart: `…, स्वास्थ्य मंत्री ने कहा`).
            let (phrase_from, run_from) = match subject_at {
                Some(subject) if subject < j => {
                    let from = shown.min(first_word);
                    // After a phrase of `according_before`, any word up to the speaker is of
                    // its name (`据外交部发言人介绍`: `外` is no subject alone).
                    let named = |k: usize| {
                        self.can_be_subject(p, &words[k])
                            || (opened_by.is_some_and(|n| k >= n) && words[k].is_letters())
                            || self.opens_name(p, words, k)
                    };
                    // A long phrase where the speaker's title comes first (`Министр
                    // иностранных дел России Сергей Лавров`, `外交部发言人汪文斌`); where the
                    // verb comes last, what is reported stands before the speaker (`பொருளாதாரம்
                    // வலுவடைந்து வருவதாக பிரதமர் கூறினார்`), so a short one.
                    let longest = if words[subject].script.is_some_and(is_unspaced) {
                        OPENING_SUBJECT_CHARACTERS
                    } else if self.head_first {
                        OPENING_SUBJECT_WORDS
                    } else {
                        INVERTED_WORDS
                    };
                    let walk = |longest: usize| {
                        let mut w = from;
                        while w > 0
                            && subject - (w - 1) < longest
                            && named(w - 1)
                            && self.verb_at(p, words, w - 1).is_none()
                            && (p.only_space_between(words[w - 1].span, words[w].span)
                                || is_joining_hyphen(
                                    &p.text[words[w - 1].span.end..words[w].span.start],
                                ))
                        {
                            w -= 1;
                        }
                        w
                    };
                    let mut w = walk(longest);
                    // Where the verb comes last, a longer phrase still when it opens the
                    // sentence and a comma closes the clause (`ஐ.நா. பொதுச் செயலாளர் அந்தோனியோ
                    // குட்டரெஸ் தெரிவித்தார்,`): nothing reported stands before such a verb.
                    if w > 0
                        && longest < OPENING_SUBJECT_WORDS
                        && opened_by.is_none()
                        && comma_after(p, words, end - 1)
                    {
                        let far = walk(OPENING_SUBJECT_WORDS);
                        if far == 0 {
                            w = far;
                        }
                    }
                    // A pronoun has no words of its own before it (`जिसे उसने … कहा था`, which
                    // he called …, is no tag set apart).
                    let pronoun = self
                        .pronouns
                        .contains(&case_fold(&self.word(p, &words[subject])));
                    if w == 0 || opened_by == Some(w) {
                        (w, w)
                    } else if pronoun {
                        (from, from)
                    } else {
                        (from, w)
                    }
                }
                _ => (end, shown),
            };
            let phrase: Vec<String> = match subject_at {
                Some(k) if k < j => &words[phrase_from.min(k)..=k],
                Some(k) => &words[end..=k],
                None => &words[..0],
            }
            .iter()
            .filter(|w| !self.is_marker(p, w) && !self.is_modifier(p, w))
            .map(|w| case_fold(&self.word(p, w)))
            .collect();
            // A complementiser after the clause (a comma may stand between), a quotative
            // before it.
            let opens = words.get(last_word + 1).is_some_and(|next| {
                self.is_complementiser(p, next)
                    && p.text[words[last_word].span.end..next.span.start]
                        .chars()
                        .all(|c| c.is_whitespace() || matches!(c, ',' | '،' | '，'))
            });
            let quotative = first_word.checked_sub(1).filter(|&k| {
                self.is_quotative(p, &words[k])
                    && p.text[words[k].span.end..words[first_word].span.start]
                        .chars()
                        .all(|c| c.is_whitespace() || matches!(c, ',' | '،' | '，'))
            });
            let quoted = quotative.is_some();
            // Set apart: opening the sentence, after punctuation or after a quotative.
            // (In a script written without spaces, from where the subject is shown: `，部长说`.)
            let set_apart =
                |k: usize| k == 0 || !p.only_space_between(words[k - 1].span, words[k].span);
            let apart = quoted || set_apart(shown) || set_apart(run_from);
            // A clause right before a sentence stop ends its statement, even where the
            // sentence goes on (a stop inside quotation marks the sentences do not split at);
            // so does one that ends its sentence, past an addressee or an adverb (`— сказал он
            // журналистам.`).
            let mut tail = last_word;
            while words.get(tail + 1).is_some_and(|w| {
                self.not_subjects.iter().any(|s| s == p.norm(w))
                    && p.only_space_between(words[tail].span, w.span)
            }) {
                tail += 1;
            }
            if let Some(t) = self.adjunct_to_the_end(p, words, tail + 1) {
                tail = t;
            }
            let closes = quoted
                || words.get(tail + 1).is_none_or(|next| {
                    p.text[words[tail].span.end..next.span.start].contains(is_sentence_stop)
                });
            let opening = shown.min(phrase_from);
            let leads = (opening == 0 || opened_by.is_some_and(|n| n == opening))
                && self.set_off(p, words, last_word + 1);
            let form = self.bare_form(p, words, j, end);
            // A pack may list an according phrase as a verb (`के अनुसार`, for the phrase said
            // twice): it is compared as one.
            let according = self
                .according_after
                .iter()
                .chain(&self.according_before)
                .any(|ws| {
                    ws.iter()
                        .map(String::as_str)
                        .eq(form.split(' ').map(str::trim))
                });
            let clause = Clause {
                lemma,
                speaker,
                form,
                span,
                opens,
                closes,
                leads,
                according,
                phrase,
            };
            // The speaker again, or a pronoun for it in a tag that closes the sentence; not for
            // a clause inside a quotation closed before the tag, which reports what someone
            // else said (`«Министр заявил мне, что …», — заявил он`).
            let same = |c: &Clause| {
                self.same_speaker(c, &clause)
                    || (apart
                        && clause.closes
                        && !quoted_before(
                            &p.text[start..c.span.start],
                            &p.text[c.span.start..clause.span.start],
                        )
                        && (self.pronoun_for(c, &clause) || self.agree(c, &clause)))
            };
            // A quotative right after a clause quotes nothing new (`… என்று அமைச்சர் கூறினார்,
            // என்று அவர் கூறினார்`): the statement it closes is the one that clause closed.
            let requoted = |c: &Clause| {
                quotative.is_some_and(|k| {
                    c.span.end <= words[k].span.start
                        && p.text[c.span.end..words[k].span.start]
                            .chars()
                            .all(|ch| !ch.is_alphanumeric())
                })
            };
            // A sentence its speaker's clause opens and a clause of the same speaker closes,
            // whatever the two verbs (`তিনি বলেন, …, বলে জানান তিনি।`, `Он сказал, что …, —
            // заявил он.`): one attribution said twice. Subjects written out only: two
            // subjectless forms that agree are two statements as often (`قال …، وأضاف`).
            let frames = |c: &Clause| {
                c.leads
                    && (self.named_again(c, &clause)
                        || (!c.according && self.pronoun_for(c, &clause)))
                    && clause.closes
                    && apart
                    && words
                        .iter()
                        .filter(|w| w.span.start >= c.span.end && w.span.end <= clause.span.start)
                        .nth(1)
                        .is_some()
                    && same(c)
            };
            // A contrast that opens the later clause's part of the sentence (after the last
            // comma or dash before it) makes it a statement of its own (`…, যদিও গত বছর তিনি
            // বলেছিলেন …`); one inside what the earlier clause reports does not (`…, но могут …,
            // — заявил он`), nor one inside a quotation (`«…, — сказал он, — но …», — сказал он`).
            // A later clause after a quotative closes what it quotes, contrast and all (`…,
            // যদিও … চলছে বলে সূত্র নিশ্চিত করেছে`).
            let contrasted = |c: &Clause| {
                if self.contrasts.is_empty() || quoted || c.span.end > clause.span.start {
                    return false;
                }
                let between = &p.text[c.span.end..clause.span.start];
                let from = c.span.end
                    + between
                        .rfind([',', '،', '，', ';', '；', '—', '–', ':', '：', '、'])
                        .map_or(0, |k| {
                            k + between[k..].chars().next().map_or(1, char::len_utf8)
                        });
                !p.text[from..clause.span.start]
                    .contains(['«', '»', '“', '”', '„', '"', '「', '」'])
                    && words
                        .iter()
                        .filter(|w| w.span.start >= from && w.span.end <= clause.span.start)
                        .any(|w| {
                            let w = self.word(p, w);
                            let w = folded(&w);
                            self.contrasts.iter().any(|c| *c == *w)
                        })
            };
            if !clause.opens
                && let Some(first) = clauses.iter().filter(|c| !contrasted(c)).find(|c| {
                    (c.lemma == lemma
                        && (!c.closes || requoted(c))
                        && same(c)
                        && self.within(&clause, c))
                        || frames(c)
                })
            {
                out.push(
                    Hit::new(span)
                        .var("first", p.slice(first.span))
                        .var("verb", self.lemmas[lemma].as_str()),
                );
            }
            clauses.push(clause);
            j = end;
        }
        // The phrase said again, unless a clause of its words was flagged already (a phrase the
        // pack also lists as a verb, `के अनुसार`).
        if let Some(hit) = again
            && !out[from..].iter().any(|h| h.span.overlaps(&hit.span))
        {
            out.push(hit);
        }
    }
}

/// Whether a clause stands inside a quotation (or brackets) of its sentence that closes before
/// the tag: `before` runs from the sentence's start to the clause, `between` from the clause to
/// the tag (`text::sentences::Quotes` pairs the marks).
fn quoted_before(before: &str, between: &str) -> bool {
    let mut quotes = Quotes::default();
    let mut prev = None;
    let mut read = |text: &str, quotes: &mut Quotes| {
        for c in text.chars() {
            quotes.read(c, prev);
            prev = Some(c);
        }
    };
    read(before, &mut quotes);
    let depth = quotes.depth();
    read(between, &mut quotes);
    depth > 0 && quotes.depth() < depth
}

/// The marks that end a sentence (`text::sentences`).
fn is_sentence_stop(c: char) -> bool {
    matches!(
        c,
        '.' | '?' | '!' | '।' | '॥' | '。' | '？' | '！' | '．' | '؟' | '۔'
    )
}

/// A word case-folded (lowercase), the form subjects are compared in.
fn case_fold(w: &str) -> String {
    folded(w).into_owned()
}

/// `case_fold`, borrowed where the word has no capital (any word of a script without case).
fn folded(w: &str) -> Cow<'_, str> {
    if w.chars().any(is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// Two words alike but for case.
fn same_word(a: &str, b: &str) -> bool {
    a == b || folded(a) == folded(b)
}

/// Fewest words of a frame's opening clause when a complementiser ends it, or when its copy is
/// inverted: a subject of two words and a verb (`El ministro dijo`, `заявил министр
/// здравоохранения`).
const FRAME_OPEN_WORDS: usize = 3;

/// Whether `tail` is `head` with its verb, its last word or an auxiliary and a participle, moved
/// to the front (`заявил министр здравоохранения` for `Министр здравоохранения заявил`, `ha
/// detto il ministro` for `Il ministro ha detto`): the inverted speaker of a tag.
fn inverted(p: &Analysis, head: &[Word], tail: &[Word]) -> bool {
    let c = head.len();
    (1..=2.min(c - 2)).any(|v| {
        same_words(p, &head[c - v..], &tail[..v]) && same_words(p, &head[..c - v], &tail[v..])
    })
}

/// Whether two runs of words say the same words in the same order (`same_word`).
fn same_words(p: &Analysis, a: &[Word], b: &[Word]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| same_word(p.norm(x), p.norm(y)))
}

impl Check for Attribution {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        // Words and sentences are both in order: one walk hands each sentence its words.
        let mut next = 0;
        for sentence in &p.sentences {
            while next < p.words.len() && p.words[next].span.start < sentence.start {
                next += 1;
            }
            let begin = next;
            while next < p.words.len() && p.words[next].span.end <= sentence.end {
                next += 1;
            }
            self.sentence(p, sentence.start, &p.words[begin..next], &ctx.lexicon, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    const VERBS: &str = r#"verbs = [{ lemma = "say", forms = ["বলেন", "বলেছেন", "বলা হয়েছে"] }], not_subjects = ["আরও"]"#;

    #[test]
    fn same_subject_and_verb_in_one_sentence() {
        let c = compile("attribution", VERBS).unwrap();
        assert_eq!(
            texts(&*c, "তিনি বলেন, ভালো হয়েছে, তিনি বলেছেন।", "bn"),
            ["তিনি বলেছেন"]
        );
        assert_eq!(
            texts(
                &*c,
                "প্রতিবেদনে বলা হয়েছে, দাম বাড়বে, প্রতিবেদনে বলা হয়েছে।",
                "bn"
            ),
            ["প্রতিবেদনে বলা হয়েছে"]
        );
    }

    #[test]
    fn other_subjects_sentences_and_non_subjects_are_not_one_clause() {
        let c = compile("attribution", VERBS).unwrap();
        assert!(texts(&*c, "তিনি বলেন, ভালো হয়েছে, মন্ত্রী বলেন।", "bn").is_empty());
        assert!(texts(&*c, "তিনি বলেন, ভালো হয়েছে। তিনি বলেন, চুক্তি হবে।", "bn").is_empty());
        assert!(texts(&*c, "তারা আরও বলেন, ভালো, এবং আরও বলেন।", "bn").is_empty());
        assert!(compile("attribution", r#"verbs = [{ lemma = "x", forms = [] }]"#).is_err());
    }

    #[test]
    fn a_sentence_framed_by_one_clause_whatever_its_verb() {
        let c = compile(
            "attribution",
            &format!(r#"{VERBS}, frame_words = 4, frame_endings = ["েন", "েছে"]"#),
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "মন্ত্রী প্রশ্ন তোলেন, “টাকা কোথায়,” মন্ত্রী প্রশ্ন তোলেন।", "bn"),
            ["মন্ত্রী প্রশ্ন তোলেন"]
        );
        assert!(
            texts(
                &*c,
                "টিকা নিলে রোগের ঝুঁকি কমাতে পারে, ব্যায়াম করলেও ঝুঁকি কমাতে পারে।",
                "bn"
            )
            .is_empty(),
            "the first part is longer than the clause: parallel phrases"
        );
        for clean in [
            "হতে পারেন, আবার নাও হতে পারেন।",
            "দেখা যাক, সামনে কী হয়, দেখা যাক।",
            "কেউ জানে না, কবে যুদ্ধ শেষ হবে, কেউ জানে না।",
        ] {
            assert!(texts(&*c, clean, "bn").is_empty(), "{clean}");
        }
        assert!(compile("attribution", &format!("{VERBS}, frame_words = 1")).is_err());
        assert!(compile("attribution", &format!("{VERBS}, frame_words = 3")).is_err());
        let off = compile("attribution", VERBS).unwrap();
        assert!(texts(&*off, "মন্ত্রী প্রশ্ন তোলেন, টাকা কোথায়, মন্ত্রী প্রশ্ন তোলেন।", "bn").is_empty());
    }

    const RU: &str = r#"verbs = [{ lemma = "сказать", forms = ["сказал", "сказала"] }, { lemma = "заявить", forms = ["заявил"] }], not_subjects = ["и", "также"], complementisers = ["что"]"#;

    #[test]
    fn speakers_are_compared_case_folded_and_in_nfc() {
        let c = compile("attribution", RU).unwrap();
        assert_eq!(
            texts(&*c, "Он сказал: «Мы готовы», — сказал он.", "ru"),
            ["сказал он"]
        );
        assert!(texts(&*c, "Он сказал: «Мы готовы», — сказала она.", "ru").is_empty());
        let bn = compile("attribution", VERBS).unwrap();
        assert_eq!(
            texts(
                &*bn,
                "রাশি\u{09DF}া বলেছেন, দাম বাড়বে, রাশি\u{09AF}\u{09BC}া বলেছেন।",
                "bn"
            )
            .len(),
            1,
            "composed and decomposed spellings of one subject"
        );
    }

    #[test]
    fn an_inverted_speaker_inside_the_sentence() {
        let c = compile("attribution", RU).unwrap();
        assert_eq!(
            texts(
                &*c,
                "«Мы готовы, — сказал Лавров, — но не сейчас», — сказал Лавров.",
                "ru"
            ),
            ["сказал Лавров"]
        );
        assert_eq!(
            texts(
                &*c,
                "«Мы готовы, — сказал Лавров, — но не сейчас», — сказал Лавров",
                "ru"
            )
            .len(),
            1
        );
        assert!(
            texts(
                &*c,
                "«Мы готовы, — сказал Лавров, — но не сейчас», — сказал Песков.",
                "ru"
            )
            .is_empty()
        );
        assert!(
            texts(
                &*c,
                "Он сказал Лаврову правду, и Лавров сказал Лаврову ложь.",
                "ru"
            )
            .is_empty(),
            "a verb that is no tag has no speaker after it"
        );
    }

    #[test]
    fn a_complementiser_opens_a_statement_of_its_own() {
        let c = compile("attribution", RU).unwrap();
        assert!(
            texts(
                &*c,
                "Путин заявил, что переговоры идут, а позже Путин заявил, что их нет.",
                "ru"
            )
            .is_empty()
        );
        assert_eq!(
            texts(
                &*c,
                "Путин заявил, что переговоры идут, — заявил Путин.",
                "ru"
            ),
            ["заявил Путин"]
        );
        let hi = compile(
            "attribution",
            r#"verbs = [{ lemma = "कहना", forms = ["कहा"] }], not_subjects = ["कि"], complementisers = ["कि"]"#,
        )
        .unwrap();
        assert!(
            texts(
                &*hi,
                "उन्होंने कहा कि दाम बढ़ेंगे, हालांकि उन्होंने कहा कि यह अच्छी खबर है।",
                "hi"
            )
            .is_empty()
        );
        assert_eq!(
            texts(&*hi, "उन्होंने कहा कि दाम बढ़ेंगे, उन्होंने कहा।", "hi"),
            ["उन्होंने कहा"]
        );
        assert_eq!(
            texts(&*hi, "उन्होंने कहा, “दाम बढ़ेंगे,” उन्होंने कहा।", "hi"),
            ["उन्होंने कहा"]
        );
    }

    #[test]
    fn a_quotative_closes_a_statement_of_its_own() {
        let c = compile(
            "attribution",
            r#"verbs = [{ lemma = "கூறு", forms = ["கூறினார்"] }], not_subjects = ["என்று"], quotatives = ["என்று"]"#,
        )
        .unwrap();
        assert!(
            texts(
                &*c,
                "விலை உயரும் என்று அவர் கூறினார், விநியோகம் குறையும் என்று அவர் கூறினார்.",
                "ta"
            )
            .is_empty()
        );
        assert_eq!(
            texts(&*c, "அவர் கூறினார், “விலை உயரும்” என்று அவர் கூறினார்.", "ta"),
            ["அவர் கூறினார்"]
        );
        let pro_drop = compile(
            "attribution",
            r#"verbs = [{ lemma = "கூறு", forms = ["கூறினர்"] }], quotatives = ["என்றும்"], pro_drop = true"#,
        )
        .unwrap();
        assert!(
            texts(
                &*pro_drop,
                "\"ஆய்வாளர்கள் பரிசோதித்ததாகக் கூறினர். மேலும், \"\"நல்லது.\"\" என்றும் கூறினர்.\"",
                "ta"
            )
            .is_empty(),
            "a clause before a stop the sentences do not split at ends its statement"
        );
    }

    #[test]
    fn a_pronoun_in_a_closing_tag_names_the_earlier_speaker() {
        let c = compile(
            "attribution",
            r#"verbs = [{ lemma = "заявить", forms = ["заявил", "заявила"] }], not_subjects = ["что", "журналистам"], complementisers = ["что"], pronouns = ["он", "она"]"#,
        )
        .unwrap();
        assert_eq!(
            texts(
                &*c,
                "Министр заявил, что меры вступят в силу, — заявил он.",
                "ru"
            ),
            ["заявил он"]
        );
        // Quotations of earlier sentences, closed or not, an inch mark, and a duplicate wholly
        // inside one quotation do not excuse it.
        for flagged in [
            "Он назвал план „смелым“. Министр заявил, что меры вступят в силу, — заявил он.",
            "Экран 15\" большой. Министр заявил, что меры вступят в силу, — заявил он.",
            "Он сказал: «Министр заявил, что меры вступят в силу, — заявил он».",
        ] {
            assert_eq!(texts(&*c, flagged, "ru"), ["заявил он"], "{flagged}");
        }
        // Past an addressee after the inverted speaker.
        assert_eq!(
            texts(
                &*c,
                "Министр заявил, что меры вступят в силу, — заявил он журналистам.",
                "ru"
            ),
            ["заявил он"]
        );
        // A pronoun before the noun may name someone of an earlier sentence; two pronouns are
        // compared as words; a clause inside the sentence is no tag.
        for silent in [
            "Он заявил, что меры вступят в силу, — заявил министр.",
            "Она заявила, что меры вступят в силу, — заявил он.",
            "Министр заявил, что он заявил протест и меры вступят в силу.",
            // Reported speech inside a quotation: someone else's words.
            "«Министр заявил мне, что всё будет хорошо», — заявил он.",
            "„Министр заявил мне, что всё будет хорошо“, — заявил он.",
        ] {
            assert!(texts(&*c, silent, "ru").is_empty(), "{silent}");
        }
        let ta = compile(
            "attribution",
            r#"verbs = [{ lemma = "கூறு", forms = ["கூறினார்"] }], not_subjects = ["என்று"], quotatives = ["என்று"], pronouns = ["அவர்"]"#,
        )
        .unwrap();
        // A quotative right after a clause quotes nothing new.
        assert_eq!(
            texts(
                &*ta,
                "விதிகள் அமலுக்கு வரும் என்று அமைச்சர் கூறினார், என்று அவர் கூறினார்.",
                "ta"
            ),
            ["அவர் கூறினார்"]
        );
        assert!(
            texts(
                &*ta,
                "விலை உயரும் என்று அமைச்சர் கூறினார், விநியோகம் குறையும் என்று அவர் கூறினார்.",
                "ta"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_clause_of_a_script_without_spaces_shows_its_whole_subject() {
        let c = compile(
            "attribution",
            r#"verbs = [{ lemma = "表示", forms = ["表 示"] }, { lemma = "称", forms = ["称"] }], not_subjects = ["据"]"#,
        )
        .unwrap();
        assert_eq!(
            texts(
                &*c,
                "卫生部发言人表示，疫情已得到控制，卫生部发言人表示。",
                "zh"
            ),
            ["卫生部发言人表示"]
        );
        assert_eq!(
            texts(&*c, "据发言人称，会议将推迟，发言人称。", "zh"),
            ["发言人称"]
        );
    }

    #[test]
    fn a_subjectless_tag_in_another_tense_agrees_by_its_affixes() {
        let c = compile(
            "attribution",
            r#"verbs = [{ lemma = "قال", forms = ["قال", "قالت", "يقول", "تقول", "وقال"] }], complementisers = ["إن"], pro_drop = true, verb_prefixes = ["و"], agreement = [['^ت|ت$', "3fs"]]"#,
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "وقال إن المفاوضات ستستمر، يقول.", "ar"),
            ["يقول"]
        );
        // Another person: she says.
        assert!(texts(&*c, "وقال إن المفاوضات ستستمر، تقول.", "ar").is_empty());
        assert!(
            compile(
                "attribution",
                r#"verbs = [], agreement = [["(", "x"]], pro_drop = true"#
            )
            .is_err()
        );
        assert!(compile("attribution", r#"verbs = [], agreement = [["a", "x"]]"#).is_err());
        // A regex every form matches, or one over the size limit, as a pattern's regex.
        for bad in ["x?", "^", r"\\w{200}"] {
            let e = compile(
                "attribution",
                &format!(r#"verbs = [], agreement = [["{bad}", "x"]], pro_drop = true"#),
            )
            .unwrap_err();
            assert!(
                e.message.starts_with("`agreement`: ") && e.span.is_some(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_pro_drop_verb_is_its_own_speaker() {
        let options = r#"verbs = [{ lemma = "قال", forms = ["قال", "قالت", "وقال", "وقالت"] }], not_subjects = ["إن"], complementisers = ["إن"], pro_drop = true, verb_prefixes = ["و"]"#;
        let c = compile("attribution", options).unwrap();
        assert_eq!(texts(&*c, "قال: \"نحن مستعدون\"، قال.", "ar"), ["قال"]);
        assert_eq!(
            texts(&*c, "وقالت إن المستشفيات ممتلئة، قالت وزيرة الصحة.", "ar"),
            ["قالت وزيرة الصحة"]
        );
        assert_eq!(
            texts(&*c, "وقال الوزير إن المفاوضات ستستمر، قال الوزير.", "ar"),
            ["قال الوزير"]
        );
        for clean in [
            "قال: \"نحن مستعدون\"، قالت.",
            "قال إن المستشفيات ممتلئة، وقال إن الأطباء منهكون.",
            "قال الوزير إن الجسر سيفتح، بينما قال الأمين العام إن العمل لم ينته.",
        ] {
            assert!(texts(&*c, clean, "ar").is_empty(), "{clean}");
        }
        let off = compile(
            "attribution",
            &options.replace(r#", pro_drop = true, verb_prefixes = ["و"]"#, ""),
        )
        .unwrap();
        assert!(texts(&*off, "قال: \"نحن مستعدون\"، قال.", "ar").is_empty());
        assert!(
            compile("attribution", &options.replace("pro_drop = true, ", "")).is_err(),
            "verb_prefixes without pro_drop"
        );
    }

    #[test]
    fn a_frame_may_open_at_a_colon() {
        let text = "Министерство обороны проинформировало: «потерь нет», министерство обороны проинформировало.";
        let comma = compile(
            "attribution",
            &format!(r#"{RU}, frame_words = 5, frame_endings = ["ло"]"#),
        )
        .unwrap();
        assert!(texts(&*comma, text, "ru").is_empty());
        let colon = compile(
            "attribution",
            &format!(
                r#"{RU}, frame_words = 5, frame_endings = ["ло"], frame_punctuation = [",", ":"]"#
            ),
        )
        .unwrap();
        assert_eq!(
            texts(&*colon, text, "ru"),
            ["министерство обороны проинформировало"]
        );
        assert!(
            compile(
                "attribution",
                &format!(r#"{RU}, frame_punctuation = ["ab"]"#)
            )
            .is_err()
        );
    }

    #[test]
    fn a_speaker_behind_a_case_marker_or_a_modifier_and_in_either_case() {
        const HI: &str =
            r#"verbs = [{ lemma = "कहना", forms = ["कहा", "कहते हैं"] }], not_subjects = ["ने"]"#;
        let plain = compile("attribution", HI).unwrap();
        let text = "मंत्री ने कहा कि पुल खुलेगा, कहा मंत्री ने।";
        assert!(texts(&*plain, text, "hi").is_empty());
        let marked = compile("attribution", &format!(r#"{HI}, subject_markers = ["ने"]"#)).unwrap();
        assert_eq!(texts(&*marked, text, "hi"), ["कहा मंत्री"]);
        // Two case forms of one speaker, by the pack's groups and endings.
        let forms = "उन्होंने कहा कि पुल खुलेगा, वे कहते हैं।";
        let endings = "अधिकारियों ने कहा कि पुल खुलेगा, अधिकारी कहते हैं।";
        assert!(texts(&*marked, forms, "hi").is_empty());
        assert!(texts(&*marked, endings, "hi").is_empty());
        let folded = compile(
            "attribution",
            &format!(
                r#"{HI}, subject_markers = ["ने"], subject_forms = [["उन्होंने", "वे"]], subject_endings = [["ियों", "ी"]]"#
            ),
        )
        .unwrap();
        assert_eq!(texts(&*folded, forms, "hi"), ["वे कहते हैं"]);
        assert_eq!(texts(&*folded, endings, "hi"), ["अधिकारी कहते हैं"]);
        // A modifier counts only before a clause set off as a tag.
        let zh = compile(
            "attribution",
            r#"verbs = [{ lemma = "说", forms = ["说"] }], not_subjects = ["曾", "也"], verb_modifiers = ["曾", "也"]"#,
        )
        .unwrap();
        assert_eq!(texts(&*zh, "他说，工厂复工了，他曾说。", "zh"), ["他曾说"]);
        assert!(texts(&*zh, "他说，工厂复工了，他也说工资会涨。", "zh").is_empty());
        for bad in [
            r#"subject_forms = [["वे"]]"#,
            r#"subject_forms = [["वे", "उन्होंने"], ["वे", "वो"]]"#,
            r#"subject_endings = [["", "ी"]]"#,
        ] {
            assert!(
                compile("attribution", &format!("{HI}, {bad}")).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_speaker_before_an_adjunct_inside_a_phrase_and_with_a_long_name() {
        const HI: &str = r#"verbs = [{ lemma = "कहना", forms = ["कहा"] }], not_subjects = ["ने", "से", "में", "कि"], subject_markers = ["ने"], pronouns = ["उन्होंने"], complementisers = ["कि"]"#;
        let plain = compile("attribution", HI).unwrap();
        let adjunct = compile(
            "attribution",
            &format!(r#"{HI}, adjunct_ends = ["से", "में"]"#),
        )
        .unwrap();
        // The speaker a few words before the verb, past "to reporters", "in parliament".
        for (text, flagged) in [
            ("उन्होंने पत्रकारों से कहा कि पुल खुलेगा, उन्होंने कहा।", "उन्होंने कहा"),
            ("मंत्री ने संसद में कहा कि पुल खुलेगा, मंत्री ने कहा।", "मंत्री ने कहा"),
            (
                "उन्होंने कहा कि पुल खुलेगा, उन्होंने पत्रकारों से कहा।",
                "उन्होंने पत्रकारों से कहा",
            ),
        ] {
            assert!(texts(&*plain, text, "hi").is_empty(), "{text}");
            assert_eq!(texts(&*adjunct, text, "hi"), [flagged], "{text}");
        }
        // A speaker past an adjunct inside what is reported is someone the statement names
        // (he said he has asked the police to investigate).
        assert!(
            texts(
                &*adjunct,
                "उन्होंने कहा कि उन्होंने पुलिस से मामले की जांच करने को कहा।",
                "hi"
            )
            .is_empty()
        );
        // Two speakers, one past the adjunct.
        assert!(texts(&*adjunct, "मंत्री ने संसद में कहा कि पुल खुलेगा, सचिव ने कहा।", "hi").is_empty());
        // Chinese: the speaker before `在` of a place.
        let zh = compile(
            "attribution",
            r#"verbs = [{ lemma = "说", forms = ["说"] }], not_subjects = ["在", "上"], pronouns = ["他"], adjunct_ends = ["上"], adjunct_starts = ["在"]"#,
        )
        .unwrap();
        assert_eq!(
            texts(&*zh, "他在会上说，工厂复工了，他说。", "zh"),
            ["他说"]
        );
        assert!(texts(&*zh, "他说他在会上说过这件事。", "zh").is_empty());
        // Russian: the speaker inside `по * словам`, one person in two cases.
        const RU: &str = r#"verbs = [{ lemma = "сказать", forms = ["сказал"] }, { lemma = "заявить", forms = ["заявил"] }], pronouns = ["он"], complementisers = ["что"]"#;
        let slot = compile(
            "attribution",
            &format!(
                r#"{RU}, according_before = ["по * словам", "по словам"], subject_forms = [["он", "его"]], head_first = true"#
            ),
        )
        .unwrap();
        assert_eq!(
            texts(
                &*slot,
                "По его словам, завод снова работает, сказал он.",
                "ru"
            ),
            ["сказал он"]
        );
        assert!(
            texts(
                &*slot,
                "По его словам, завод снова работает, сказала она.",
                "ru"
            )
            .is_empty()
        );
        // A speaker of six words opening the sentence, its head first: its name again closes
        // it.
        assert_eq!(
            texts(
                &*slot,
                "Министр иностранных дел России Сергей Лавров заявил, что переговоры продолжатся, заявил Сергей Лавров.",
                "ru"
            ),
            ["заявил Сергей Лавров"]
        );
        for bad in [
            r#"according_before = ["по * * словам"]"#,
            r#"according_after = ["* мнению"]"#,
        ] {
            assert!(
                compile("attribution", &format!("{RU}, {bad}")).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_phrase_of_place_after_a_clause_a_head_first_speaker_and_optional_marks() {
        const RU: &str = r#"verbs = [{ lemma = "сказать", forms = ["сказал"] }, { lemma = "заявить", forms = ["заявил"] }, { lemma = "добавить", forms = ["добавил"] }], not_subjects = ["в", "на"], pronouns = ["он"], complementisers = ["что"]"#;
        let plain = compile("attribution", RU).unwrap();
        let placed = compile(
            "attribution",
            &format!(r#"{RU}, adjunct_starts = ["в", "на"], head_first = true"#),
        )
        .unwrap();
        // A place closing the sentence after the speaker, and one before `что`.
        let closing =
            "Макрон сказал, что Европа должна укреплять оборону, — сказал Макрон в интервью.";
        let before_that = "Губернатор области заявил на пресс-конференции, что сезон начнётся вовремя, добавил губернатор.";
        for text in [closing, before_that] {
            assert!(texts(&*plain, text, "ru").is_empty(), "{text}");
            assert_eq!(texts(&*placed, text, "ru").len(), 1, "{text}");
        }
        // The head of the speaker's phrase named again; a word inside it is someone else.
        assert_eq!(
            texts(
                &*placed,
                "Министр иностранных дел Сергей Лавров заявил, что переговоры продолжатся, заявил министр.",
                "ru"
            ),
            ["заявил министр"]
        );
        assert!(
            texts(
                &*placed,
                "Пресс-секретарь президента Дмитрий Песков заявил, что визит не планируется, заявил президент.",
                "ru"
            )
            .is_empty()
        );
        // Arabic: a verb with a shadda the lexicon writes without, a conjunction on `بحسب`.
        let ar = compile(
            "attribution",
            r#"verbs = [{ lemma = "صرح", forms = ["صرح", "وصرح"] }, { lemma = "قال", forms = ["قال", "وقال"] }], pro_drop = true, verb_prefixes = ["و"], complementisers = ["بأن", "إن"], according_before = ["بحسب"], head_first = true, ignore_marks = ["\u0651"]"#,
        )
        .unwrap();
        assert_eq!(
            texts(
                &*ar,
                "وصرّح المتحدث باسم الوزارة بأن السفير استدعي، صرّح المتحدث.",
                "ar"
            ),
            ["صرّح المتحدث"]
        );
        assert_eq!(
            texts(
                &*ar,
                "وبحسب المتحدث باسم الحكومة، فإن الانتخابات ستجري في موعدها، قال المتحدث.",
                "ar"
            ),
            ["قال المتحدث"]
        );
    }
}
