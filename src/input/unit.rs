//! Translation units: what the readers of bilingual files (XLIFF, PO, TMX, TSV, JSONL) and of
//! marked-up text (Markdown) give the pipeline. A unit's target is checked as a paragraph; its
//! source, when there is one, is what source-aware rules compare it with. Texts are decoded
//! (entities, escapes resolved; inline codes replaced by `CODE`) and keep a map back to the
//! raw input, so a finding points at the target's text in the file.

use super::{Charset, Position};

/// What an inline code (a tag of XLIFF, TMX or Markdown, a placeholder) becomes in a unit's
/// text: U+FFFC OBJECT REPLACEMENT CHARACTER, one per code, so words on both sides of a tag
/// stay apart and rules see no markup.
pub const CODE: char = '\u{FFFC}';

/// A text of a unit as checked, and where it comes from in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitText {
    /// Decoded text; each inline code is one `CODE` character.
    pub text: String,
    /// Where the text starts in the input (for a text split over several raw pieces, such as a
    /// PO string over several lines, the first piece's start).
    pub at: Position,
    /// Anchors `(byte offset in text, position in the input)`, sorted: from each anchor on,
    /// the text is verbatim in the input up to the next anchor. Empty: all of it is verbatim
    /// from `at`. A reader adds an anchor after every escape, entity, tag or line join.
    pub map: Vec<(usize, Position)>,
    /// The inline codes, in order of appearance.
    pub codes: Vec<InlineCode>,
}

impl UnitText {
    /// A text that is verbatim in the input at `at`.
    pub fn verbatim(text: impl Into<String>, at: Position) -> UnitText {
        UnitText {
            text: text.into(),
            at,
            map: Vec::new(),
            codes: Vec::new(),
        }
    }

    /// The position in the input of byte `i` of the text.
    pub fn position(&self, i: usize, charset: Charset) -> Position {
        let k = self.map.partition_point(|&(o, _)| o <= i);
        let (from, at) = if k == 0 {
            (0, self.at)
        } else {
            self.map[k - 1]
        };
        at.after(&self.text[from..i], charset)
    }
}

/// An inline code: an XLIFF/TMX tag or a placeholder kept out of the checked text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineCode {
    /// The element or kind: `g`, `x`, `bx`, `ex`, `ph`, `pc`, `bpt`, `ept`, `it`, `mrk`,
    /// `sc`, `ec`, `code` (Markdown inline code)...
    pub kind: String,
    /// Its `id` (or `rid`/`i` for a paired end), when it has one.
    pub id: Option<String>,
    /// Opening, closing or standalone.
    pub role: CodeRole,
    /// Byte offset of its `CODE` character in the unit's text.
    pub offset: usize,
    /// The code's own content, where it has one (the native code inside `<ph>`, `<bpt>`...,
    /// or the text of a Markdown code span), entities resolved.
    pub content: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRole {
    Open,
    Close,
    Standalone,
}

/// Why a unit is not checked by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// It has no target, or an empty one where the format means "not translated yet"
    /// (an empty PO `msgstr`).
    NoTarget,
    /// Marked fuzzy (PO `#, fuzzy`, XLIFF `state="needs-review-translation"` and the like).
    Fuzzy,
    /// Locked or final (XLIFF 1.2 `locked`, XLIFF 2 `state="final"`...).
    Locked,
    /// Marked not to translate (XLIFF `translate="no"`).
    NotToTranslate,
    /// An obsolete PO entry (`#~`).
    Obsolete,
}

impl Skip {
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::NoTarget => "no-target",
            Skip::Fuzzy => "fuzzy",
            Skip::Locked => "locked",
            Skip::NotToTranslate => "not-to-translate",
            Skip::Obsolete => "obsolete",
        }
    }
}

/// A length limit on a unit's target (XLIFF 1.2 `maxwidth` with `size-unit`, XLIFF 2 `slr:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxLength {
    pub max: usize,
    pub unit: LengthUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthUnit {
    /// Unicode scalar values (XLIFF `char`).
    Chars,
    /// UTF-8 bytes (XLIFF `byte`).
    Bytes,
}

/// One translation unit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unit {
    /// The unit's id: XLIFF/TMX `id`/`tuid`, PO `msgctxt` + `msgid` (+ `[n]` for a plural
    /// form), JSONL `id` field, else the 1-based line or unit number.
    pub id: String,
    pub source: Option<UnitText>,
    /// `None`: the unit has no target.
    pub target: Option<UnitText>,
    /// Notes and comments for translators (XLIFF `note`, PO `#.` and `#`).
    pub notes: Vec<String>,
    /// Why it is skipped by default, if it is.
    pub skip: Option<Skip>,
    pub max_length: Option<MaxLength>,
    /// `mtqc-ignore: RULE-ID reason` found in a translator comment or note: (rule id, reason).
    pub ignore: Vec<(String, String)>,
    /// Other fields of the record (JSONL), passed through to the report.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The plural form it translates (PO `msgstr[n]`): a form for one or two may leave the
    /// count out (`нет результатов`, `نتيجتان`).
    pub plural_form: Option<usize>,
    /// A plural form's other source (PO `msgid_plural` for form 0, `msgid` for the others):
    /// a placeholder of either may stand in any form (`%(count)s комментарий` for form 0 of
    /// `One comment` / `%(count)s comments`, since Russian form 0 also counts 21, 31...).
    pub plural_other: Option<UnitText>,
    /// The context that tells apart units of one source (PO `msgctxt`: `Open` as a menu
    /// action and as a status): units of different contexts are never compared.
    pub context: Option<String>,
}

/// What a file says about all its units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileInfo {
    /// Language tags as the file writes them (`bn-BD`); `None` where it says nothing.
    pub source_language: Option<String>,
    pub target_language: Option<String>,
}

/// A bilingual document: a file's units for one target language (a TMX memory with several
/// target languages gives one per language).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDoc {
    pub info: FileInfo,
    pub units: Vec<Unit>,
    pub charset: Charset,
}

/// Parse `mtqc-ignore: RULE-ID reason` directives out of a comment or note.
pub fn ignore_directives(note: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in note.lines() {
        let mut rest = line;
        while let Some(i) = rest.find("mtqc-ignore:") {
            rest = &rest[i + "mtqc-ignore:".len()..];
            let trimmed = rest.trim_start();
            let id: String = trimmed
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                .collect();
            if id.is_empty() {
                continue;
            }
            let after = &trimmed[id.len()..];
            let reason = after.split("mtqc-ignore:").next().unwrap_or("").trim();
            out.push((id, reason.to_string()));
            rest = after;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        assert_eq!(
            ignore_directives("Translator: mtqc-ignore: bn.repeated-word names repeat here"),
            [(
                "bn.repeated-word".to_string(),
                "names repeat here".to_string()
            )]
        );
        assert!(ignore_directives("mtqc-ignore:").is_empty());
    }

    #[test]
    fn positions_follow_the_map() {
        // Raw `a &amp; b` at offset 10 decodes to `a & b`.
        let at = Position::line_start(10, 1, 10);
        let t = UnitText {
            text: "a & b".into(),
            at,
            map: vec![
                (2, at.after("a ", Charset::Utf8)),
                (3, at.after("a &amp;", Charset::Utf8)),
            ],
            codes: Vec::new(),
        };
        assert_eq!(t.position(4, Charset::Utf8).offset, 10 + "a &amp; ".len());
        assert_eq!(t.position(2, Charset::Utf8).offset, 12);
        assert_eq!(t.position(1, Charset::Utf8).offset, 11);
    }
}
