//! Held-out probes (`tests/fixtures/probes.tsv`): defect lines written by hand, one class of the
//! brief each, beside clean lines, in the packs' languages and in languages without a pack.
//! Each defect line must get the rules it names (others may come too), each clean line none.

mod common;

use std::collections::BTreeMap;

struct Probe {
    line: usize,
    rules: Vec<String>,
    source: String,
    text: String,
}

/// The fixture's probes, by language and by whether they have a source.
fn probes() -> BTreeMap<(String, bool), Vec<Probe>> {
    let text = std::fs::read_to_string(common::fixture("probes.tsv")).unwrap();
    let mut groups: BTreeMap<(String, bool), Vec<Probe>> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 4, "probes.tsv:{}: four cells", i + 1);
        let rules = match cells[1] {
            "-" => Vec::new(),
            list => list.split(',').map(str::to_string).collect(),
        };
        groups
            .entry((cells[0].to_string(), !cells[2].is_empty()))
            .or_default()
            .push(Probe {
                line: i + 1,
                rules,
                source: cells[2].to_string(),
                text: cells[3].to_string(),
            });
    }
    groups
}

#[test]
fn every_probe_gets_its_rules_and_every_clean_line_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for ((language, bilingual), group) in probes() {
        let name = format!("{language}.{}", if bilingual { "tsv" } else { "txt" });
        let body: String = group
            .iter()
            .map(|p| {
                if bilingual {
                    format!("{}\t{}\n", p.source, p.text)
                } else {
                    format!("{}\n", p.text)
                }
            })
            .collect();
        std::fs::write(dir.path().join(&name), body).unwrap();
        let mut args = vec![
            "check",
            "--no-config",
            "--segments",
            "--lang",
            &language,
            "--format",
            "jsonl",
            "--fail-on",
            "never",
        ];
        // Units of one file that share a source are compared by the consistency rules
        // whatever `--segments` says: each probe stands alone.
        if bilingual {
            args.extend([
                "--source-lang",
                "en",
                "--disable",
                "common.inconsistent-translation",
                "--disable",
                "common.inconsistent-source",
            ]);
        }
        args.push(&name);
        let out = common::mtqc_in(dir.path(), &args, None);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .filter(|r: &serde_json::Value| r.get("findings").is_some())
            .collect();
        assert_eq!(records.len(), group.len(), "{name}: one record a probe");
        for (probe, record) in group.iter().zip(&records) {
            let found: Vec<&str> = record["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["rule"].as_str().unwrap())
                .collect();
            let ok = if probe.rules.is_empty() {
                found.is_empty()
            } else {
                probe.rules.iter().all(|r| found.contains(&r.as_str()))
            };
            if !ok {
                wrong.push(format!(
                    "probes.tsv:{} ({language}) `{}`: expected {:?}, found {found:?}",
                    probe.line, probe.text, probe.rules
                ));
            }
            checked += 1;
        }
    }
    assert!(checked >= 200, "the fixture holds {checked} probes");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
