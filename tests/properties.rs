//! Properties that hold for any input: spans lie on character boundaries inside their
//! paragraph and are sorted; scores stay in [0, 100]; checking is a pure function of input and
//! configuration; the HTML report holds one element per finding.

use std::sync::OnceLock;

use mtqc::checker::{Checker, Judging};
use mtqc::engine::Selection;
use mtqc::input::{Document, ParagraphMode};
use proptest::prelude::*;

fn engine() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        Checker::new(
            mtqc::rules::load_embedded().unwrap(),
            Selection::default(),
            Judging::default(),
        )
        .unwrap()
    })
}

/// Pieces that make the rules fire and the segmenters work: Bengali and Latin words, digits of
/// two systems, orphan and doubled marks, joiners, quotes, dandas, spaces and line breaks.
const PIECES: &[&str] = &[
    "রাশিয়া",
    "রাশিয়ার",
    "কেসিএনএ",
    "কেসিএএনএ",
    "তিনি",
    "বলেন",
    "জানিয়েছে",
    "ও",
    "এবং",
    "যোগাযোগ",
    "যোগাযোগের",
    "ব্য্যা",
    "দৃ",
    "়",
    "া",
    "্",
    "\u{200D}",
    "solid",
    "date",
    "WHO",
    "-এর",
    " -এ",
    "600",
    "০০",
    "১০,০০০",
    "2025-08-15",
    "।",
    ",",
    "“",
    "”",
    "\"",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "The ministry said the vaccine would be available next month",
    "ধীরে",
    "ভাইরাস",
    "রাজ্য গণমাধ্যম",
    "\u{FEFF}",
    "é",
    "e\u{301}",
    "你好。",
    "مرحبا",
    "\u{0}",
    "\t",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn mode() -> impl Strategy<Value = ParagraphMode> {
    prop_oneof![Just(ParagraphMode::Line), Just(ParagraphMode::BlankLine)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn spans_and_scores_are_well_formed(text in text(), mode in mode()) {
        let doc = Document::from_text("p.txt", &text, mode);
        let file = engine().check(&doc);
        prop_assert!((0.0..=100.0).contains(&file.score));
        for (p, para) in file.paragraphs.iter().zip(&doc.segments) {
            prop_assert!((0.0..=100.0).contains(&p.score));
            prop_assert_eq!(p.text.as_str(), para.text.as_str());
            let mut last = (0, 0, String::new());
            let (start, end) = (para.at.offset, para.at.offset + para.text.len());
            for f in &p.findings {
                prop_assert!(f.start <= f.end);
                prop_assert!(start <= f.start && f.end <= end, "inside its paragraph");
                prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                prop_assert_eq!(&text[f.start..f.end], f.text.as_str());
                prop_assert_eq!(&p.text[f.span.0..f.span.1], f.text.as_str(), "span in the paragraph");
                let key = (f.start, f.end, f.rule.clone());
                prop_assert!(key >= last, "sorted");
                last = key;
            }
        }
    }

    #[test]
    fn checking_is_a_pure_function(text in text(), mode in mode()) {
        let once = engine().report(vec![engine().check(&Document::from_text("p.txt", &text, mode))], 0, None);
        let twice = engine().report(vec![engine().check(&Document::from_text("p.txt", &text, mode))], 0, None);
        prop_assert_eq!(mtqc::report::json::render(&once), mtqc::report::json::render(&twice));
    }

    #[test]
    fn the_html_report_holds_every_finding(text in text(), mode in mode()) {
        let report = engine().report(vec![engine().check(&Document::from_text("p.txt", &text, mode))], 0, None);
        let html = mtqc::report::html::render(&report);
        prop_assert_eq!(html.matches("<li class=\"finding\"").count(), report.findings().count());
        prop_assert_eq!(html.matches("<script>").count(), 1);
    }
}
