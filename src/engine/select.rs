//! Which rules run on a document: the packs for its language (configured for its path or the
//! run, else detected), minus the disabled rules; and their packs' language data, merged.
//! Worked out once per language and set of matching `[[path]]` entries, then shared.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use globset::GlobMatcher;
use unicode_script::Script;

use super::Prefilter;
use crate::glossary::Glossary;
use crate::lexicon::{Lexicon, Likeness};
use crate::rules::{Pack, Rule};
use crate::text::Analysis;
use crate::text::language::Samples;

/// The project's choice of rules: language, packs and disabled rules, for the run and per path.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub language: Option<String>,
    /// The language units were translated from, instead of what files say.
    pub source_language: Option<String>,
    /// The language units were translated into where a file declares none (`--target-lang`).
    pub target_language: Option<String>,
    /// The project's glossary (`--glossary`).
    pub glossary: Arc<Glossary>,
    pub packs: Option<Vec<String>>,
    pub disabled: BTreeSet<String>,
    pub paths: Vec<PathRule>,
}

/// Per-path settings of `mtqc.toml`.
#[derive(Debug, Clone)]
pub struct PathRule {
    pub glob: GlobMatcher,
    pub language: Option<String>,
    pub packs: Option<Vec<String>>,
    pub disabled: Vec<String>,
}

/// What decides which rules run on a document: its language, its source language and the
/// indices of the `[[path]]` entries its path matches.
type Key = (String, Option<String>, Vec<usize>);

/// The rules (pack index, rule index) that run on a kind of document, their language data,
/// and the glossary's terms for its language.
struct Active {
    rules: Vec<(usize, usize)>,
    lexicon: Arc<Lexicon>,
    glossary: Arc<Glossary>,
    prefilter: Arc<Prefilter>,
}

/// What the rules of a document are and know.
pub struct Chosen<'p> {
    pub rules: Vec<&'p Rule>,
    pub lexicon: Arc<Lexicon>,
    pub glossary: Arc<Glossary>,
    /// The gate of these rules.
    pub prefilter: Arc<Prefilter>,
}

#[derive(Default)]
pub struct Selector {
    pub selection: Selection,
    cache: Mutex<HashMap<Key, Arc<Active>>>,
}

impl Selector {
    pub fn new(selection: Selection) -> Selector {
        Selector {
            selection,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The language of a document: configured for its path or the run, else detected from
    /// its paragraphs in its dominant script.
    pub fn language_of(
        &self,
        packs: &[Pack],
        path: &str,
        analyses: &[Analysis],
        dominant: Option<Script>,
    ) -> String {
        self.configured_language(path).unwrap_or_else(|| {
            let mut samples = Samples::default();
            for a in analyses {
                if samples.full_for(dominant) {
                    break;
                }
                samples.add(a.text, a.scripts.dominant());
            }
            self.language_of_samples(packs, &samples, dominant)
        })
    }

    /// The language detected in a document's samples (`und` when none is, or when more than
    /// half of its lines are in a third language of the script, `Likeness::Third` or two words of
    /// it, `Lexicon::third_language_words`):
    /// whatlang's, or a language its packs name as written like it (`[[lexicon.look_alikes]]`)
    /// that more than half of the sample's lines (a paragraph each, but for one with line breaks) are in
    /// (`Lexicon::look_alike_of_text`, lines of fewer words not counted). The packs are those
    /// of the language alone, without a `[[path]]` setting's. whatlang tells fewer languages apart than the packs do (it
    /// reads Assamese as Bengali), and a document in a look-alike taken for the packs'
    /// language would have every paragraph flagged as in another language.
    pub fn language_of_samples(
        &self,
        packs: &[Pack],
        samples: &Samples,
        dominant: Option<Script>,
    ) -> String {
        let Some(detected) = samples.detect(dominant) else {
            return "und".to_string();
        };
        let Some(script) = dominant else {
            return detected.code;
        };
        let lexicon = self.active(packs, &detected.code, None, "").lexicon;
        if lexicon.look_alikes.is_empty() {
            return detected.code;
        }
        let (mut judged, mut votes, mut third) = (0, vec![0usize; lexicon.look_alikes.len()], 0);
        for paragraph in samples.text(dominant).lines() {
            match lexicon.look_alike_of_text(paragraph, script, &detected.code) {
                Some(Likeness::Of(i)) => {
                    judged += 1;
                    votes[i] += 1;
                }
                // Two words of a third language are enough to doubt the detected one.
                Some(Likeness::Third) => {
                    judged += 1;
                    third += 1;
                }
                None if lexicon.third_language_words(paragraph, script) >= 2 => {
                    judged += 1;
                    third += 1;
                }
                None => judged += usize::from(lexicon.judges_text(paragraph, script)),
            }
        }
        // More than half in a language neither the detected one nor a look-alike (Karakalpak
        // or Evenki, taken for Russian): a language no pack knows.
        if third * 2 > judged {
            return "und".to_string();
        }
        // More than half: one look-alike at most.
        (0..votes.len())
            .find(|&i| votes[i] * 2 > judged)
            .map_or(detected.code, |i| lexicon.look_alikes[i].code.clone())
    }

    /// The language configured for a path or the run, if any.
    pub fn configured_language(&self, path: &str) -> Option<String> {
        let s = &self.selection;
        let by_path = s
            .paths
            .iter()
            .rev()
            .find(|p| p.glob.is_match(path) && p.language.is_some());
        by_path
            .and_then(|p| p.language.clone())
            .or_else(|| s.language.clone())
    }

    /// The rules that run on a document of `language` translated from `source` at `path`,
    /// and what they know.
    pub fn active<'p>(
        &self,
        packs: &'p [Pack],
        language: &str,
        source: Option<&str>,
        path: &str,
    ) -> Chosen<'p> {
        let paths = &self.selection.paths;
        let matching: Vec<usize> = (0..paths.len())
            .filter(|&i| paths[i].glob.is_match(path))
            .collect();
        let key = (language.to_string(), source.map(String::from), matching);
        let cached = self
            .cache
            .lock()
            .ok()
            .and_then(|cache| cache.get(&key).cloned());
        let active = cached.unwrap_or_else(|| {
            let made = Arc::new(self.make(packs, language, source, &key.2));
            if let Ok(mut cache) = self.cache.lock() {
                cache.insert(key, Arc::clone(&made));
            }
            made
        });
        Chosen {
            rules: active
                .rules
                .iter()
                .map(|&(p, r)| &packs[p].rules[r])
                .collect(),
            lexicon: Arc::clone(&active.lexicon),
            glossary: Arc::clone(&active.glossary),
            prefilter: Arc::clone(&active.prefilter),
        }
    }

    fn make(
        &self,
        packs: &[Pack],
        language: &str,
        source: Option<&str>,
        matching: &[usize],
    ) -> Active {
        let s = &self.selection;
        let mut chosen = s.packs.clone();
        let mut disabled: BTreeSet<&str> = s.disabled.iter().map(String::as_str).collect();
        for p in matching.iter().map(|&i| &s.paths[i]) {
            if p.packs.is_some() {
                chosen = p.packs.clone();
            }
            disabled.extend(p.disabled.iter().map(String::as_str));
        }
        let active: Vec<usize> = (0..packs.len())
            .filter(|&i| {
                let p = &packs[i];
                let applies = p.info.applies_to(language) && p.info.applies_to_source(source);
                match &chosen {
                    Some(list) => list.contains(&p.info.id) && applies,
                    None => applies,
                }
            })
            .collect();
        let lexicon = lexicon_of(packs, &active, language, source);
        let mut rules: Vec<(usize, usize)> = active
            .iter()
            .flat_map(|&p| (0..packs[p].rules.len()).map(move |r| (p, r)))
            .collect();
        // A fallback rule stands in only where no other rule of the active packs is of its
        // kind (the common pack's framed sentence where no language pack knows its reporting
        // verbs), disabled or not: disabling a pack's rule does not call in a looser one.
        let covered: BTreeSet<&str> = rules
            .iter()
            .map(|&(p, r)| &packs[p].rules[r])
            .filter(|rule| !rule.fallback)
            .map(|rule| rule.kind)
            .collect();
        rules.retain(|&(p, r)| !disabled.contains(packs[p].rules[r].id.as_str()));
        rules.retain(|&(p, r)| {
            let rule = &packs[p].rules[r];
            !rule.fallback || !covered.contains(rule.kind)
        });
        let chosen: Vec<&Rule> = rules.iter().map(|&(p, r)| &packs[p].rules[r]).collect();
        Active {
            prefilter: Arc::new(Prefilter::new(&chosen)),
            rules,
            lexicon: Arc::new(lexicon),
            glossary: Arc::new(s.glossary.for_language(language)),
        }
    }
}

/// The language data of the packs `active` on a document in `language` translated from
/// `source`: theirs (the scripts of the document's own language's number words noted), and the
/// numbers and months of the source language's pack and of the pack of the target language as a
/// source, which belong to a language whichever side of a unit it is on (`25万` in units
/// translated from Chinese, `fourteen billion` in a translation into English, `August` of an
/// English source).
pub fn lexicon_of(
    packs: &[Pack],
    active: &[usize],
    language: &str,
    source: Option<&str>,
) -> Lexicon {
    let mut lexicon = Lexicon::default();
    for &p in active {
        if packs[p].info.source_languages.is_empty() {
            lexicon.merge_own(&packs[p].lexicon);
        } else {
            lexicon.merge(&packs[p].lexicon);
        }
    }
    for (i, p) in packs.iter().enumerate() {
        let of_source = source.is_some_and(|s| p.info.languages.iter().any(|l| l == s));
        let of_target = p.info.source_languages.iter().any(|l| l == language);
        if (of_source || of_target) && !active.contains(&i) {
            lexicon.merge_numbers(&p.lexicon);
        }
    }
    lexicon
}
