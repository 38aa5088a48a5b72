//! `--format junit`: Ant JUnit XML, as CI servers read it, valid against the Ant JUnit schema
//! (windyroad's `JUnit.xsd`): `<testsuites>` holding one `<testsuite>` per file and one
//! `<testcase>` per paragraph (`¶3 line 4`). A paragraph that fails the gate (`pass` false)
//! gets a `<failure>` listing its findings; findings of passing paragraphs are listed in the
//! suite's `<system-out>`. The schema requires a timestamp and a host name: the timestamp is
//! given by the caller, the host is always `localhost` and times are 0 (nothing is timed).

use std::fmt::Write;

use super::xml::{attr, text};
use super::{FileReport, ParagraphReport, Report};
use crate::findings::Finding;
use crate::vocab::Severity;

/// `YYYY-MM-DDTHH:MM:SS` (UTC, no zone, as the schema wants) of seconds since 1970.
pub fn timestamp(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Days since 1970-01-01 to a proleptic Gregorian date, counting in 400-year eras that
    // start on 1 March, so the leap day falls at the end of each year.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn counts(findings: &[Finding]) -> String {
    let parts: Vec<String> = Severity::ALL
        .iter()
        .rev()
        .filter_map(|&s| {
            let n = findings.iter().filter(|f| f.severity == s).count();
            (n > 0).then(|| format!("{n} {s}"))
        })
        .collect();
    parts.join(", ")
}

fn finding_line(file: &FileReport, f: &Finding, out: &mut String) {
    let _ = writeln!(
        out,
        "{}:{}:{}: {} [{}] {}",
        file.path, f.line, f.column, f.severity, f.rule, f.message
    );
    let shown = super::human::escaped(&f.text).unwrap_or_else(|| f.text.clone());
    let _ = writeln!(out, "  text: {shown}");
    if let Some(s) = &f.suggestion {
        let _ = writeln!(out, "  suggestion: {s}");
    }
}

fn testcase(file: &FileReport, p: &ParagraphReport, out: &mut String) {
    let name = match &p.id {
        Some(id) => format!("¶{} line {} unit {id}", p.index, p.line),
        None => format!("¶{} line {}", p.index, p.line),
    };
    let open = format!(
        "    <testcase name=\"{}\" classname=\"{}\" time=\"0\"",
        attr(&name),
        attr(&file.path)
    );
    if p.pass {
        let _ = writeln!(out, "{open}/>");
        return;
    }
    let worst = p
        .findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Minor);
    let message = format!(
        "score {:.2}, {} finding{} ({})",
        p.score,
        p.findings.len(),
        if p.findings.len() == 1 { "" } else { "s" },
        counts(&p.findings)
    );
    let mut body = String::new();
    for f in &p.findings {
        finding_line(file, f, &mut body);
    }
    let _ = writeln!(out, "{open}>");
    let _ = writeln!(
        out,
        "      <failure message=\"{}\" type=\"{worst}\">{}</failure>",
        attr(&message),
        text(&body)
    );
    let _ = writeln!(out, "    </testcase>");
}

fn suite(id: usize, file: &FileReport, timestamp: &str, out: &mut String) {
    let failures = file.paragraphs.iter().filter(|p| !p.pass).count();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{name}\" package=\"{name}\" id=\"{id}\" timestamp=\"{timestamp}\" \
         hostname=\"localhost\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" \
         time=\"0\">",
        file.paragraphs.len(),
        name = attr(&file.path),
    );
    let _ = writeln!(out, "    <properties>");
    let mut props = vec![("language", file.language.clone())];
    if let Some(s) = &file.script {
        props.push(("script", s.clone()));
    }
    props.extend([
        ("words", file.words.to_string()),
        ("penalty", file.penalty.to_string()),
        ("score", format!("{:.2}", file.score)),
        ("pass", file.pass.to_string()),
    ]);
    for (k, v) in props {
        let _ = writeln!(out, "      <property name=\"{k}\" value=\"{}\"/>", attr(&v));
    }
    let _ = writeln!(out, "    </properties>");
    for p in &file.paragraphs {
        testcase(file, p, out);
    }
    let mut passing = String::new();
    for f in file
        .paragraphs
        .iter()
        .filter(|p| p.pass)
        .flat_map(|p| &p.findings)
    {
        finding_line(file, f, &mut passing);
    }
    if passing.is_empty() {
        let _ = writeln!(out, "    <system-out/>");
    } else {
        let _ = writeln!(
            out,
            "    <system-out>Findings below the gate:\n{}</system-out>",
            text(&passing)
        );
    }
    let _ = writeln!(out, "    <system-err/>");
    let _ = writeln!(out, "  </testsuite>");
}

super::renders_text!(Junit, |report, cx| render(report, &timestamp(cx.timestamp)));

/// The report as JUnit XML; `timestamp` is `YYYY-MM-DDTHH:MM:SS` (see [`timestamp`]).
pub fn render(report: &Report, timestamp: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for (id, file) in report.files.iter().enumerate() {
        suite(id, file, timestamp, &mut out);
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::timestamp;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00");
        assert_eq!(timestamp(951_782_400), "2000-02-29T00:00:00");
        assert_eq!(timestamp(1_755_259_199), "2025-08-15T11:59:59");
        assert_eq!(timestamp(4_107_542_400), "2100-03-01T00:00:00");
    }
}
