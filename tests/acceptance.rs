//! The reviewer's list for the real MT example: every expected finding is made, by a rule of
//! the expected kind, and clean paragraphs stay clean and score 100.

mod common;

use common::{findings, fixture, json_report};

#[test]
fn example_meets_the_reviewers_list() {
    let text = std::fs::read_to_string(fixture("bn-news-mt.txt")).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let expected: toml::Table =
        toml::from_str(&std::fs::read_to_string(fixture("bn-news-mt.expected.toml")).unwrap())
            .unwrap();
    let path = fixture("bn-news-mt.txt");
    let (report, code) = json_report(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(
        code, 1,
        "the example has major findings, so the default gate fails"
    );
    let got = findings(&report);

    let mut misses = Vec::new();
    for e in expected["expect"].as_array().unwrap() {
        let line = e["line"].as_integer().unwrap() as usize;
        let kinds: Vec<&str> = e.get("kinds").map_or(vec![], |k| {
            k.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap())
                .collect()
        });
        let chars: Vec<char> = lines[line - 1].chars().collect();
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for t in e["text"].as_array().unwrap() {
            let t: Vec<char> = t.as_str().unwrap().chars().collect();
            for i in 0..chars.len() {
                if chars[i..].starts_with(&t) {
                    ranges.push((i, i + t.len()));
                }
            }
        }
        let hit = got.iter().any(|f| {
            let col = f["column"].as_u64().unwrap() as usize - 1;
            let end = col + f["text"].as_str().unwrap().chars().count();
            f["line"].as_u64().unwrap() as usize == line
                && (kinds.is_empty() || kinds.contains(&f["kind"].as_str().unwrap()))
                && ranges.iter().any(|&(a, b)| col < b && a < end)
        });
        if !hit {
            misses.push(format!("line {line}: {}", e["kind"]));
        }
    }
    assert!(misses.is_empty(), "missed: {misses:#?}");

    let clean: Vec<u64> = expected["clean"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_integer().unwrap() as u64)
        .collect();
    let false_positives: Vec<_> = got
        .iter()
        .filter(|f| clean.contains(&f["line"].as_u64().unwrap()))
        .collect();
    assert!(
        false_positives.is_empty(),
        "findings on clean lines: {false_positives:#?}"
    );

    // Scores: clean paragraphs 100, every paragraph with an expected finding below 100.
    let flagged_lines: Vec<u64> = expected["expect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_integer().unwrap() as u64)
        .collect();
    for p in report["files"][0]["paragraphs"].as_array().unwrap() {
        let line = p["line"].as_u64().unwrap();
        let score = p["score"].as_f64().unwrap();
        if clean.contains(&line) {
            assert_eq!(score, 100.0, "clean line {line}");
            assert_eq!(p["pass"], true);
        }
        if flagged_lines.contains(&line) {
            assert!(
                score < 100.0,
                "line {line} has an expected finding but scores {score}"
            );
        }
    }
}

#[test]
fn clean_professional_text_gets_no_finding() {
    let path = fixture("tico19-bn-sample.txt");
    let (report, code) = json_report(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(findings(&report).is_empty(), "{:#?}", findings(&report));
    assert_eq!(report["files"][0]["score"], 100.0);
    assert_eq!(report["files"][0]["language"], "bn");
}
