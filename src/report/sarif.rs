//! `--format sarif`: SARIF 2.1.0 (OASIS), one run. The driver describes every rule that ran;
//! each finding is a result located by line and column and by `charOffset`/`charLength`, all
//! counted in Unicode code points (`columnKind: unicodeCodePoints`; a byte-order mark is not
//! counted). Levels: critical and major are `error`, minor is `warning`; the MQM severity and
//! category stay in each result's `properties`. A suggestion becomes a `fix` replacing the
//! flagged text. `partialFingerprints["mtqc/v1"]` is the finding's fingerprint.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{FileReport, Report, RuleInfo};
use crate::findings::Finding;
use crate::vocab::Severity;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The result level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    default_encoding: &'static str,
    results: Vec<SarifResult<'a>>,
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    semantic_version: &'a str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    short_description: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text<'a>>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    category: &'a str,
    kind: &'static str,
    severity: Severity,
    tags: [&'a str; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    /// The translation unit a finding is in (bilingual inputs), as a logical location.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
struct LogicalLocation<'a> {
    name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    char_offset: usize,
    char_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: InsertedContent,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: InsertedContent,
}

/// A message or an artifact's content given as owned text.
#[derive(Serialize)]
struct InsertedContent {
    text: String,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    severity: Severity,
    category: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'a> {
    config_hash: &'a str,
    packs: Vec<String>,
    score: f64,
    pass: bool,
}

/// A report path as a URI reference: relative paths stay relative, absolute ones become
/// `file:` URIs; everything but unreserved characters and `/` is percent-encoded (UTF-8).
pub fn uri(path: &str) -> String {
    let bytes = path.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let (prefix, rest) = if path.starts_with('/') {
        ("file://", path)
    } else if drive {
        ("file:///", path)
    } else {
        ("", path)
    };
    let mut out = String::from(prefix);
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(f: &Finding) -> Region {
    Region {
        start_line: f.line,
        start_column: f.column,
        end_line: f.end_line,
        end_column: f.end_column,
        char_offset: f.char_start,
        char_length: f.char_end - f.char_start,
    }
}

fn descriptor(r: &RuleInfo) -> Descriptor<'_> {
    let doc = r.doc.trim();
    let doc = (!doc.is_empty()).then_some(Text { text: doc });
    Descriptor {
        id: &r.id,
        short_description: Text { text: &r.summary },
        full_description: doc.as_ref().map(|d| Text { text: d.text }),
        help: doc,
        default_configuration: Configuration {
            level: level(r.severity),
        },
        properties: RuleProperties {
            category: &r.category,
            kind: r.kind,
            severity: r.severity,
            tags: [&r.category, r.kind],
        },
    }
}

fn fix_description(suggestion: &str) -> String {
    if suggestion.is_empty() {
        "delete the flagged text".to_string()
    } else {
        format!("replace with `{suggestion}`")
    }
}

fn result<'a>(file: &FileReport, f: &'a Finding, index: &BTreeMap<&str, usize>) -> SarifResult<'a> {
    let location = ArtifactLocation {
        uri: uri(&file.project_path),
    };
    let fixes = f
        .suggestion
        .as_ref()
        .map(|s| Fix {
            description: InsertedContent {
                text: fix_description(s),
            },
            artifact_changes: [ArtifactChange {
                artifact_location: location.clone(),
                replacements: [Replacement {
                    deleted_region: region(f),
                    inserted_content: InsertedContent { text: s.clone() },
                }],
            }],
        })
        .into_iter()
        .collect();
    SarifResult {
        rule_id: &f.rule,
        // A finding's rule always ran; 0 only guards a report assembled by hand.
        rule_index: index.get(f.rule.as_str()).copied().unwrap_or(0),
        level: level(f.severity),
        message: Text { text: &f.message },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: location,
                region: region(f),
            },
            logical_locations: f
                .unit
                .iter()
                .map(|u| LogicalLocation {
                    name: u,
                    kind: "element",
                })
                .collect(),
        }],
        partial_fingerprints: BTreeMap::from([("mtqc/v1", f.fingerprint.as_str())]),
        fixes,
        properties: ResultProperties {
            severity: f.severity,
            category: &f.category,
            kind: f.kind,
            unit: f.unit.as_deref(),
        },
    }
}

super::renders_text!(Sarif, |report, cx| render(report));

/// The report as SARIF; artifact URIs are relative to the project's root.
pub fn render(report: &Report) -> String {
    let index: BTreeMap<&str, usize> = report
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let results = report
        .findings()
        .map(|(file, f)| result(file, f, &index))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "mtqc",
                    version: report.mtqc_version,
                    semantic_version: report.mtqc_version,
                    rules: report.rules.iter().map(descriptor).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            default_encoding: "utf-8",
            results,
            properties: RunProperties {
                config_hash: &report.config_hash,
                packs: report
                    .packs
                    .iter()
                    .map(|p| format!("{}@{}", p.id, p.version))
                    .collect(),
                score: report.summary.score,
                pass: report.summary.pass,
            },
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("bn-news-mt.txt"), "bn-news-mt.txt");
        assert_eq!(uri("docs/a b.txt"), "docs/a%20b.txt");
        assert_eq!(uri("/tmp/x.txt"), "file:///tmp/x.txt");
        assert_eq!(uri("C:/x.txt"), "file:///C:/x.txt");
        assert_eq!(uri("a:b"), "a%3Ab");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("খবর.txt"), "%E0%A6%96%E0%A6%AC%E0%A6%B0.txt");
    }
}
