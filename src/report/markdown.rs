//! `--format markdown`: a summary for a pull-request comment (GitHub-flavoured Markdown): the
//! verdict as a heading, a table of files, then a table of findings. Paths, rule ids and
//! flagged text sit in code spans; `|` is escaped in every cell, so no text can break a table.
//! GitHub caps a comment at 65,536 characters: past about 60,000 the findings table stops and
//! says how many findings were left out.

use std::fmt::Write;

use super::Report;
use crate::findings::Finding;

/// Characters after which no more finding rows are added.
const BUDGET: usize = 60_000;

/// Text for a table cell: `|` escaped, line breaks as spaces.
fn cell(s: &str) -> String {
    s.replace(['\r', '\n'], " ").replace('|', "\\|")
}

/// A code span holding `s` exactly, for a table cell.
fn code(s: &str) -> String {
    let s = s.replace(['\r', '\n'], " ");
    if s.is_empty() {
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A code span drops one space at each end when both are there, and a backtick at an end
    // would join the fence: pad with a space in both cases.
    let spaced = s.starts_with(' ') && s.ends_with(' ') && !s.trim().is_empty();
    let pad = if s.starts_with('`') || s.ends_with('`') || spaced {
        " "
    } else {
        ""
    };
    cell(&format!("{fence}{pad}{s}{pad}{fence}"))
}

fn row(path: &str, f: &Finding) -> String {
    let shown = super::human::escaped(&f.text).unwrap_or_else(|| f.text.clone());
    format!(
        "| {} | {} | {} | {} | {} |\n",
        code(&format!("{path}:{}:{}", f.line, f.column)),
        f.severity,
        code(&f.rule),
        cell(&super::message_with_unit(f)),
        code(&shown)
    )
}

super::renders_text!(Markdown, |report, cx| render(report));

pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let verdict = if s.pass { "passed" } else { "failed" };
    let _ = writeln!(out, "## mtqc: {verdict}\n");
    let gate = &report.scoring.gate;
    let _ = writeln!(
        out,
        "{} file{} · {} paragraphs · {} words · score **{:.2}** · {} findings ({} critical, {} major, {} minor) · gate: {gate}\n",
        s.files,
        if s.files == 1 { "" } else { "s" },
        s.paragraphs,
        s.words,
        s.score,
        s.findings.total(),
        s.findings.critical,
        s.findings.major,
        s.findings.minor
    );
    out.push_str("| File | Language | Score | Words | Critical | Major | Minor | Result |\n");
    out.push_str("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for file in &report.files {
        let mut counts = super::Counts::default();
        for f in file.findings() {
            counts.add(f.severity);
        }
        let _ = writeln!(
            out,
            "| {} | {} | {:.2} | {} | {} | {} | {} | {} |",
            code(&file.path),
            cell(&file.language),
            file.score,
            file.words,
            counts.critical,
            counts.major,
            counts.minor,
            if file.pass { "pass" } else { "**fail**" }
        );
    }
    let findings: Vec<(&str, &Finding)> = report
        .findings()
        .map(|(file, f)| (file.path.as_str(), f))
        .collect();
    if findings.is_empty() {
        out.push_str("\nNo findings.\n");
        return out;
    }
    out.push_str("\n### Findings\n\n");
    out.push_str("| Location | Severity | Rule | Message | Text |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    let mut used = out.chars().count();
    for (n, (path, f)) in findings.iter().enumerate() {
        let r = row(path, f);
        let len = r.chars().count();
        if used + len > BUDGET {
            let _ = writeln!(
                out,
                "\n{} more findings are not shown here; see the full report (`--format json`).",
                findings.len() - n
            );
            break;
        }
        used += len;
        out.push_str(&r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_backticks_pipes_and_spaces() {
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code(" x "), "`  x  `");
        assert_eq!(code(""), "");
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
