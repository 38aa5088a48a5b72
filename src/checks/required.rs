//! The literals one of which every match of a regex holds (`র্` in `র্(?:ক্ক|গ্গ)`, the full
//! stops in `[^\s.。][.。](?:\s|$)`): a paragraph that holds none of them is not searched.
//! The regex engine finds a literal that starts a match on its own, but not one that follows
//! a class (`\S[।॥]`): such a regex is run over every byte of every paragraph, at a tenth of
//! the speed of looking for the literal. A fast path only: a regex is never skipped where it
//! could match (a test holds every embedded regex to it on the fixtures).

use regex_syntax::hir::{Class, Hir, HirKind};

/// Most characters of a class taken as literals of their own (`[।॥]`, `[.。]`); a larger
/// class (`\S`, `\p{Bengali}`) tells nothing.
const MAX_CLASS: u64 = 16;
/// Most literals in one set: more would make the search for them no faster than the regex.
const MAX_LITERALS: usize = 64;

/// The literals one of which every match holds; `None` when there is no such set (a regex
/// that may match any letter), and then every paragraph is searched.
#[derive(Debug)]
pub struct Required(Option<Search>);

impl Required {
    /// The set of the regex `source` (a regex that does not parse has none: it is refused
    /// when it is compiled).
    pub fn of(source: &str) -> Required {
        let set = regex_syntax::parse(source)
            .ok()
            .filter(|hir| !starts_with_literals(hir))
            .and_then(|hir| literals(&hir))
            .and_then(|lits| search_for(&lits));
        Required(set)
    }

    /// Whether the regex may match `text`: false only when `text` holds none of the literals.
    pub fn may_match(&self, text: &str) -> bool {
        let text = text.as_bytes();
        match &self.0 {
            None => true,
            Some(Search::Each(finders)) => finders.iter().any(|f| f.find(text).is_some()),
            Some(Search::Any(regex)) => regex.is_match(text),
        }
    }
}

/// A search for any of `literals`: a vector search for each (memchr's, which looks for a
/// literal's rarest bytes), or for many the regex engine's (Teddy). Aho-Corasick's and the
/// regex engine's searches for a few literals pick their bytes by where the literals start,
/// and a Bengali letter starts with the same byte as the danda.
#[derive(Debug)]
enum Search {
    Each(Vec<memchr::memmem::Finder<'static>>),
    Any(regex::bytes::Regex),
}

/// Most literals searched for one at a time.
const MAX_EACH: usize = 4;

fn search_for(literals: &[Vec<u8>]) -> Option<Search> {
    if literals.len() <= MAX_EACH {
        return Some(Search::Each(
            literals
                .iter()
                .map(|l| memchr::memmem::Finder::new(l).into_owned())
                .collect(),
        ));
    }
    let alternation: Vec<String> = literals
        .iter()
        .map(|l| l.iter().map(|b| format!("\\x{b:02X}")).collect())
        .collect();
    regex::bytes::RegexBuilder::new(&alternation.join("|"))
        .unicode(false)
        .build()
        .ok()
        .map(Search::Any)
}

/// Whether every match of `hir` starts with one of a few literals: the regex engine looks for
/// those itself before it runs (`র্(?:ক্ক|গ্গ)`), and a search of ours would be a second one.
fn starts_with_literals(hir: &Hir) -> bool {
    let seq = regex_syntax::hir::literal::Extractor::new().extract(hir);
    seq.literals().is_some_and(|ls| {
        !ls.is_empty() && ls.len() <= MAX_LITERALS && ls.iter().all(|l| !l.is_empty())
    })
}

/// The literals one of which every match of `hir` holds, or `None`.
fn literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = match hir.kind() {
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Class(class) => {
            // Code points (a Unicode class) or bytes (an ASCII one), each range's first and last.
            let ranges: Vec<(u32, u32)> = match class {
                Class::Unicode(c) => c
                    .ranges()
                    .iter()
                    .map(|r| (u32::from(r.start()), u32::from(r.end())))
                    .collect(),
                Class::Bytes(c) => c
                    .ranges()
                    .iter()
                    .map(|r| (u32::from(r.start()), u32::from(r.end())))
                    .collect(),
            };
            let size: u64 = ranges.iter().map(|&(a, b)| u64::from(b - a) + 1).sum();
            let unicode = matches!(class, Class::Unicode(_));
            (size <= MAX_CLASS)
                .then(|| {
                    ranges
                        .iter()
                        .flat_map(|&(a, b)| a..=b)
                        .map(|v| {
                            if unicode {
                                char::from_u32(v).map(|c| c.to_string().into_bytes())
                            } else {
                                u8::try_from(v).ok().map(|b| vec![b])
                            }
                        })
                        .collect::<Option<Vec<_>>>()
                })
                .flatten()
        }
        HirKind::Capture(c) => literals(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => literals(&r.sub),
        // Every match holds a match of each part: the part with the fewest literals (each a
        // search), the longest of them among equals.
        HirKind::Concat(parts) => parts.iter().filter_map(literals).min_by_key(|set| {
            let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
            (set.len(), std::cmp::Reverse(shortest))
        }),
        // A match is a match of one branch: every branch's set together.
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(literals(b)?);
                if all.len() > MAX_LITERALS {
                    return None;
                }
            }
            Some(all)
        }
        // The empty string, an assertion, or a part that may be left out: nothing required.
        _ => None,
    };
    set.filter(|s| !s.is_empty() && s.len() <= MAX_LITERALS && s.iter().all(|l| !l.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(source: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(source).unwrap();
        literals(&hir).map(|s| {
            let mut s: Vec<String> = s
                .into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect();
            s.sort();
            s
        })
    }

    #[test]
    fn the_literals_a_match_must_hold() {
        assert_eq!(set(r"\S(\s+)[।॥]").unwrap(), ["।", "॥"]);
        assert_eq!(set(r"[^\s.。][.。](?:\s|$)").unwrap(), [".", "。"]);
        // The part with the fewest literals, not a class of many letters.
        assert_eq!(set("র্[কগচজ](?:[^্]|$)").unwrap(), ["র্"]);
        assert_eq!(set("র্(?:ক্ক|গ্গ)").unwrap(), ["র্"]);
        assert_eq!(set(r"\s(?:ab|cd|ef)\s(?:xyz|uvw)").unwrap(), ["uvw", "xyz"]);
        assert_eq!(set("(?:ab|cd)+x?").unwrap(), ["ab", "cd"]);
        assert_eq!(set("(?i)ab").unwrap(), ["A", "a"]);
        // A class of bytes (ASCII, without Unicode).
        assert_eq!(set("(?-u:[ab])z?").unwrap(), ["a", "b"]);
        // Nothing that every match must hold.
        assert_eq!(set(r"\p{Bengali}+"), None);
        assert_eq!(set("a|b*"), None);
        assert_eq!(set("x?y*"), None);
        assert_eq!(set(r"\bfoo|\w+"), None);
    }

    #[test]
    fn a_paragraph_without_the_literals_cannot_match() {
        let r = Required::of(r"\S(\s+)[।॥]");
        assert!(!r.may_match("কোনো দাঁড়ি নেই"));
        assert!(r.may_match("দাঁড়ি আছে।"));
        // No set: every paragraph may match.
        assert!(Required::of(r"\w+").may_match("anything"));
        assert!(Required::of("(").may_match("a regex that does not parse"));
        // A regex that starts with its literals: the regex engine looks for them itself.
        assert!(Required::of("র্(?:ক্ক|গ্গ)").0.is_none());
        assert!(Required::of("(?:ab|cd)x").0.is_none());
    }

    /// Every regex of the embedded packs (rule regexes and their house styles) is searched in
    /// every line where it matches: on the fixtures and the example, `may_match` is never false
    /// where the regex matches.
    #[test]
    fn no_embedded_regex_is_skipped_where_it_matches() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut lines = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if let Ok(text) = std::fs::read_to_string(&path) {
                lines.extend(text.lines().map(str::to_string));
            }
        }
        let mut regexes = Vec::new();
        for &(_, source) in crate::rules::EMBEDDED {
            let doc: toml::Table = toml::from_str(source).unwrap();
            for rule in doc
                .get("rule")
                .and_then(|r| r.as_array())
                .into_iter()
                .flatten()
            {
                for key in ["regex", "house_style"] {
                    if let Some(r) = rule.get(key).and_then(|v| v.as_str()) {
                        regexes.push(r.to_string());
                    }
                }
                for example in rule
                    .get("examples")
                    .and_then(|e| e.as_array())
                    .into_iter()
                    .flatten()
                {
                    if let Some(t) = example.get("text").and_then(|t| t.as_str()) {
                        lines.push(t.to_string());
                    }
                }
            }
        }
        assert!(regexes.len() > 20, "{} regexes", regexes.len());
        let (mut skipped, mut with_set) = (0, 0);
        for source in &regexes {
            let regex = regex::Regex::new(source).unwrap();
            let required = Required::of(source);
            with_set += usize::from(required.0.is_some());
            for line in &lines {
                let matches = regex.is_match(line);
                assert!(!matches || required.may_match(line), "{source} on {line:?}");
                skipped += usize::from(!required.may_match(line));
            }
        }
        assert!(with_set > 0 && skipped > 0, "the fast path is taken");
    }
}
