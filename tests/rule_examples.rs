//! Every example of every rule of the embedded packs, each rule alone (the same runner backs
//! `mtqc rules test`).

#[test]
fn every_rule_example_holds() {
    let packs = mtqc::rules::load_embedded().expect("embedded packs load");
    let (count, failures) = mtqc::examples::run(&packs);
    let rules: usize = packs.iter().map(|p| p.rules.len()).sum();
    assert!(rules >= 15, "the embedded packs hold {rules} rules");
    assert!(count >= 2 * rules, "{count} examples for {rules} rules");
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn every_rule_documents_its_severity() {
    let packs = mtqc::rules::load_embedded().unwrap();
    for r in packs.iter().flat_map(|p| &p.rules) {
        let doc = r.doc.to_lowercase();
        assert!(
            doc.contains(r.severity.as_str()),
            "{}: its doc must say why it is {}",
            r.id,
            r.severity
        );
    }
}
