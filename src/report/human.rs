//! `--format human`: per paragraph its score and each finding as an annotated snippet, then a
//! summary. The flagged text is marked inline (`⟦…⟧`) as well as underlined, because terminals
//! disagree on the width of Indic vowel signs; invisible characters are spelled out.

use std::fmt::Write;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
use unicode_width::UnicodeWidthChar;

use super::{FileReport, Report};
use crate::findings::Finding;
use crate::vocab::Severity;

pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Critical => "1;35",
            Severity::Major => "1;31",
            Severity::Minor => "1;33",
        };
        self.paint(code, s.as_str())
    }
}

/// Columns a terminal gives a character: unicode-width, except that spacing combining marks
/// (Mc, such as Bengali া) take a column, as terminals draw them.
fn width(c: char) -> usize {
    if c.general_category() == GeneralCategory::SpacingMark {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

fn str_width(s: &str) -> usize {
    s.chars().map(width).sum()
}

/// The flagged text with invisible or combining-only content spelled as code points.
pub fn escaped(text: &str) -> Option<String> {
    let invisible = text
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}'));
    let no_base = text
        .chars()
        .next()
        .is_some_and(|c| width(c) == 0 && !c.is_whitespace());
    let blank = text.trim().is_empty();
    (invisible || no_base || blank).then(|| {
        text.chars()
            .map(|c| format!("U+{:04X}", c as u32))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// Text from the input made safe for a terminal: control characters (an escape sequence, a
/// carriage return) and bidirectional controls (which reorder what the terminal draws) are
/// spelled as code points, `‹U+001B›`.
/// A unit id for a heading: at most `max` characters, cut with `…` (PO ids are whole
/// sentences; machine formats carry them whole).
fn shortened(id: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match id.char_indices().nth(max) {
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &id[..cut])),
        None => std::borrow::Cow::Borrowed(id),
    }
}

pub fn printable(text: &str) -> String {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("‹U+{:04X}›", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Longest flagged text shown in full; longer text shows its start and end.
const SHOWN: usize = 60;

fn shown(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' { '⏎' } else { c })
        .collect();
    let flat = printable(&flat);
    let n = flat.chars().count();
    if n <= SHOWN {
        return flat;
    }
    let head: String = flat.chars().take(SHOWN * 2 / 3).collect();
    let tail: String = flat.chars().skip(n - SHOWN / 3).collect();
    format!("{head}…{tail}")
}

fn snippet(f: &Finding, style: &Style, out: &mut String) {
    let s = &f.snippet;
    let before = &printable(&s.before);
    let after = &printable(&s.after);
    let flagged = shown(&f.text);
    let lead = if s.cut_before { "…" } else { "" };
    let tail = if s.cut_after { "…" } else { "" };
    let number = f.line.to_string();
    let gutter = " ".repeat(number.len());
    let _ = writeln!(out, "   {gutter} |");
    let _ = writeln!(
        out,
        "   {number} | {lead}{before}{}{after}{tail}",
        style.paint("1", &format!("⟦{flagged}⟧"))
    );
    let pad = str_width(lead) + str_width(before) + 1;
    let marks = str_width(&flagged).max(1);
    let _ = writeln!(
        out,
        "   {gutter} | {}{}",
        " ".repeat(pad),
        style.paint("1;31", &"^".repeat(marks))
    );
}

fn finding(file: &FileReport, f: &Finding, style: &Style, out: &mut String) {
    let _ = writeln!(
        out,
        "  {}[{}] {}",
        style.severity(f.severity),
        f.rule,
        printable(&f.message)
    );
    let _ = writeln!(
        out,
        "   --> {}:{}:{}",
        printable(&file.path),
        f.line,
        f.column
    );
    snippet(f, style, out);
    if let Some(e) = escaped(&f.text) {
        let _ = writeln!(out, "    = text: {e}");
    }
    if let Some(s) = &f.suggestion {
        // An empty replacement deletes the flagged text (a stray space).
        let shown = if s.is_empty() {
            "(delete it)".to_string()
        } else {
            printable(s)
        };
        let _ = writeln!(out, "    = suggestion: {shown}");
    }
    let _ = writeln!(out, "    = {}, {}", f.category, f.kind);
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

super::renders_text!(Human, |report, cx| render(
    report,
    &Style { color: cx.color }
));

pub fn render(report: &Report, style: &Style) -> String {
    let mut out = String::new();
    for file in &report.files {
        let verdict = if file.pass {
            style.paint("32", "pass")
        } else {
            style.paint("1;31", "FAIL")
        };
        // Units a translation file marks as not translated (or fuzzy, locked…) are not
        // checked: say how many and why, so a half-translated file is seen.
        let skipped = if file.skipped.is_empty() {
            String::new()
        } else {
            let why: Vec<String> = file
                .skipped
                .iter()
                .map(|(reason, n)| format!("{n} {reason}"))
                .collect();
            let total: usize = file.skipped.values().sum();
            format!(" · {} skipped ({})", plural(total, "unit"), why.join(", "))
        };
        let _ = writeln!(
            out,
            "{}: {} · {} paragraphs{skipped} · {} words · score {:.2} · penalty {} ({:.2} per 1,000 words) · {verdict}",
            style.paint("1", &printable(&file.path)),
            file.language,
            file.paragraphs.len(),
            file.words,
            file.score,
            file.penalty,
            file.penalty_per_1000_words,
        );
        for p in file.paragraphs.iter().filter(|p| !p.findings.is_empty()) {
            let verdict = if p.pass { "pass" } else { "fail" };
            let _ = writeln!(
                out,
                "\n ¶{}{} (line {}) · {} words · score {:.2} · penalty {} · {verdict}",
                p.index,
                p.id.as_ref()
                    .map(|id| format!(" · unit {}", printable(&shortened(id, 40))))
                    .unwrap_or_default(),
                p.line,
                p.words,
                p.score,
                p.penalty
            );
            for f in &p.findings {
                finding(file, f, style, &mut out);
            }
        }
        out.push('\n');
    }
    let s = &report.summary;
    let w = &report.scoring.weights;
    let mut set_aside = Vec::new();
    if s.skipped > 0 {
        set_aside.push(format!("{} skipped", plural(s.skipped, "unit")));
    }
    if s.suppressed > 0 {
        set_aside.push(format!("{} suppressed by mtqc-ignore", s.suppressed));
    }
    if s.baselined > 0 {
        set_aside.push(format!("{} in the baseline", s.baselined));
    }
    let set_aside = if set_aside.is_empty() {
        String::new()
    } else {
        format!(" · {}", set_aside.join(" · "))
    };
    let _ = writeln!(
        out,
        "{} · {} paragraphs · {} words · {} ({} critical, {} major, {} minor){set_aside}",
        plural(s.files, "file"),
        s.paragraphs,
        s.words,
        plural(s.findings.total(), "finding"),
        s.findings.critical,
        s.findings.major,
        s.findings.minor
    );
    let _ = writeln!(
        out,
        "score {:.2} · penalty {} ({:.2} per 1,000 words) · MQM 2.0 raw, weights minor {} major {} critical {}",
        s.score, s.penalty, s.penalty_per_1000_words, w.minor, w.major, w.critical
    );
    let gate = &report.scoring.gate;
    let verdict = if s.pass {
        style.paint("1;32", "passed")
    } else {
        style.paint("1;31", "failed")
    };
    let unread = match s.unread {
        0 => String::new(),
        1 => " (1 input could not be read)".to_string(),
        n => format!(" ({n} inputs could not be read)"),
    };
    let _ = writeln!(out, "gate ({gate}): {verdict}{unread}");
    if let Some(p) = &report.project_file {
        let _ = writeln!(out, "project file: {}", printable(p));
    }
    out
}
