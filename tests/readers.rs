//! The readers of issue 11 on real files: small attributed excerpts in
//! `tests/fixtures/formats/` (see `tests/fixtures/README.md`), with ids, texts, languages, skip
//! reasons, notes and codes asserted, and positions of characters after an entity, an escape,
//! an inline tag and a continuation line checked against the raw bytes of the fixture; hostile
//! and malformed inputs of every format give errors with a line and column, never a panic; and
//! (`--ignored`, needs `../shared`) every file of the shared corpus is read without error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mtqc::input::readers::{self, Format, ReadOptions, Source, format_of};
use mtqc::input::unit::{CODE, CodeRole, Skip, Unit, UnitDoc, UnitText};
use mtqc::input::{Charset, Position};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn raw(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read(name: &str, text: &str, options: &ReadOptions) -> Vec<UnitDoc> {
    let format = format_of(Path::new(name)).expect("a known extension");
    readers::read(format, &Source::new(name, text), options).unwrap_or_else(|e| panic!("{e}"))
}

/// The position of byte `i` of `raw`, from its bytes alone (UTF-8, no byte-order mark).
fn raw_position(raw: &str, i: usize) -> Position {
    let before = &raw[..i];
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    Position {
        offset: i,
        line: before.matches('\n').count() + 1,
        column: raw[line_start..i].chars().count() + 1,
        byte_column: i - line_start + 1,
        char_offset: before.chars().count(),
    }
}

/// Byte offset of `needle` in `hay`, searching from byte `from`.
fn find_from(hay: &str, needle: &str, from: usize) -> usize {
    from + hay[from..]
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found after byte {from}"))
}

/// Assert that `needle` in the unit's text (its `n`th occurrence) maps to `raw_needle` found in
/// the raw file after byte `from`.
fn assert_maps(t: &UnitText, needle: &str, raw_text: &str, raw_needle: &str, from: usize) {
    let i = t
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", t.text));
    let want = raw_position(raw_text, find_from(raw_text, raw_needle, from));
    assert_eq!(
        t.position(i, Charset::Utf8),
        want,
        "{needle:?} in {:?}",
        t.text
    );
}

fn unit<'a>(doc: &'a UnitDoc, id: &str) -> &'a Unit {
    doc.units
        .iter()
        .find(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id:?}"))
}

fn target(u: &Unit) -> &UnitText {
    u.target.as_ref().expect("a target")
}

fn source(u: &Unit) -> &UnitText {
    u.source.as_ref().expect("a source")
}

// ---------------------------------------------------------------------------------------------
// The shared corpus (`--ignored`).

/// Decode a file as mtqc reads one: UTF-8, or UTF-16 after its byte-order mark.
fn load(path: &Path) -> (String, Charset, usize) {
    let bytes = std::fs::read(path).unwrap();
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8(rest.to_vec()).unwrap(), Charset::Utf8, 3);
    }
    for (bom, charset, enc) in [
        ([0xFF, 0xFE], Charset::Utf16Le, encoding_rs::UTF_16LE),
        ([0xFE, 0xFF], Charset::Utf16Be, encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            let (text, bad) = enc.decode_without_bom_handling(rest);
            assert!(!bad, "{}: invalid UTF-16", path.display());
            return (text.into_owned(), charset, 2);
        }
    }
    (String::from_utf8(bytes).unwrap(), Charset::Utf8, 0)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e != "md") {
            out.push(p);
        }
    }
}

/// Every file of `../shared/corpus/formats/` and `../shared/corpus/tico19/tmx/` is read without
/// error; prints per file its units, skipped units by reason and languages.
#[test]
#[ignore = "reads ../shared (cargo test --test readers -- --ignored --nocapture)"]
fn shared_corpus_reads_without_error() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !shared.is_dir() {
        eprintln!("{}: not found, nothing to read", shared.display());
        return;
    }
    let mut files = Vec::new();
    walk(&shared.join("formats"), &mut files);
    walk(&shared.join("tico19/tmx"), &mut files);
    assert!(files.len() >= 40, "the shared corpus is incomplete");
    let options = ReadOptions {
        include_skipped: true,
        ..ReadOptions::default()
    };
    let mut failed = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(&shared)
            .unwrap_or(path)
            .display()
            .to_string();
        let Some(format) = format_of(path) else {
            failed.push(format!("{name}: no format"));
            continue;
        };
        let (text, charset, bom) = load(path);
        let src = Source::with_bom(&name, &text, charset, bom);
        let docs = match readers::read(format, &src, &options) {
            Ok(d) => d,
            Err(e) => {
                failed.push(e.to_string());
                continue;
            }
        };
        for doc in &docs {
            let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
            for u in &doc.units {
                if let Some(s) = u.skip {
                    *skipped.entry(s.as_str()).or_default() += 1;
                }
                // Every target maps inside the file.
                if let Some(t) = &u.target {
                    let end = t.position(t.text.len(), charset);
                    assert!(end.offset <= bom + text.len() * 2, "{name}: {}", u.id);
                }
            }
            let skipped: Vec<String> = skipped.iter().map(|(k, v)| format!("{k} {v}")).collect();
            println!(
                "{name}: {} units, skipped: {}, languages {} -> {}",
                doc.units.len(),
                if skipped.is_empty() {
                    "none".to_string()
                } else {
                    skipped.join(", ")
                },
                doc.info.source_language.as_deref().unwrap_or("?"),
                doc.info.target_language.as_deref().unwrap_or("?"),
            );
        }
        if name.starts_with("tico19/tmx/") {
            assert_eq!(docs.len(), 1, "{name}: one target language");
            assert_eq!(docs[0].units.len(), 3071, "{name}");
        }
    }
    assert!(failed.is_empty(), "not read:\n{}", failed.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Real files.

#[test]
fn xliff12_focus_ios_bn() {
    let name = "focus-ios.bn.xliff";
    let text = raw(name);
    let docs = read(name, &text, &ReadOptions::default());
    assert_eq!(docs.len(), 1, "two files, one target language");
    let doc = &docs[0];
    assert_eq!(doc.info.source_language.as_deref(), Some("en"));
    assert_eq!(doc.info.target_language.as_deref(), Some("bn"));
    let ids: Vec<&str> = doc.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "Intents.Erase.Description",
            "Intents.Erase.Title",
            "About.missionLabel",
            "About.rowTerms",
            "Tip.RequestDesktop.Description",
            "URL.contextMenu"
        ]
    );
    let u = unit(doc, "Intents.Erase.Title");
    assert_eq!(source(u).text, "Erase");
    assert_eq!(target(u).text, "মুছে ফেলুন");
    assert!(u.notes.is_empty(), "an empty <note/> is no note");
    assert_eq!(u.skip, None);

    let u = unit(doc, "About.missionLabel");
    assert!(target(u).text.starts_with("%@ Mozilla দ্বারা প্রস্তুতকৃত।"));
    assert_eq!(
        u.notes,
        [
            "Label on About screen. %@ is the app name (for example “Firefox Focus” or ”Firefox Klar”)."
        ]
    );
    let from = text.find("About.missionLabel").unwrap();
    assert_maps(target(u), "মিশন", &text, "মিশন", from);

    let u = unit(doc, "About.rowTerms");
    assert_eq!(u.skip, Some(Skip::NoTarget));
    assert!(u.target.is_none());
    assert_eq!(u.notes, ["Label for row in About screen"]);

    // After an entity: the text is decoded, positions are the file's.
    let u = unit(doc, "Tip.RequestDesktop.Description");
    let t = target(u);
    assert_eq!(t.text, "পেজ অ্যাকশন > ডেস্কটপ সাইট অনুরোধ করুন");
    let from = text.find("<target>পেজ").unwrap();
    assert_maps(t, ">", &text, "&gt;", from);
    assert_maps(t, "ডেস্কটপ", &text, "ডেস্কটপ", from);
    let i = t.text.find('>').unwrap();
    let after = t.position(i + 1, Charset::Utf8);
    assert_eq!(after.offset, find_from(&text, "&gt;", from) + "&gt;".len());
    let end = t.position(t.text.len(), Charset::Utf8);
    assert_eq!(end.offset, find_from(&text, "</target>", from));

    let u = unit(doc, "URL.contextMenu");
    assert_eq!(source(u).text, "Paste & Go");
    let from = text.find("URL.contextMenu").unwrap();
    assert_maps(source(u), "Go", &text, "Go", from);
    assert_maps(target(u), "যান", &text, "যান", from);
}

#[test]
fn xliff20_matecat_codes_segments_and_original_data() {
    let name = "matecat-39.ja.xliff";
    let text = raw(name);
    let docs = read(name, &text, &ReadOptions::default());
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.info.source_language.as_deref(), Some("en-us"));
    assert_eq!(doc.info.target_language.as_deref(), Some("ja-jp"));
    let ids: Vec<&str> = doc.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["0", "3#3", "3#4", "9"], "one unit per segment");
    assert!(doc.units.iter().all(|u| u.skip.is_none()));
    assert_eq!(target(unit(doc, "0")).text, "働く時間は自由");

    let u = unit(doc, "3#3");
    let s = source(u);
    assert_eq!(
        s.text,
        "\u{FFFC}Deliver for a few hours in the mornings, every night, or just on weekends—it\u{FFFC}s up to you."
    );
    assert_eq!(s.codes.len(), 2);
    assert_eq!(s.codes[0].kind, "ph");
    assert_eq!(s.codes[0].id.as_deref(), Some("source1"));
    assert_eq!(s.codes[0].role, CodeRole::Standalone);
    assert_eq!(s.codes[0].offset, 0);
    // The native code from <originalData>, entities resolved once (the file escapes twice).
    assert_eq!(
        s.codes[0].content.as_deref(),
        Some("&lt;p class=&quot;cmln__paragraph&quot;&gt;")
    );
    assert_eq!(s.codes[1].content.as_deref(), Some("&amp;#39;"));
    // After an inline tag: the code maps to its tag, the text after it to the file's text.
    let t = target(u);
    assert!(t.text.starts_with(CODE));
    let from = text.find("<segment id=\"3\"").unwrap();
    let tag = find_from(&text, "<target><ph", from) + "<target>".len();
    assert_eq!(t.position(0, Charset::Utf8), raw_position(&text, tag));
    assert_maps(t, "仕事", &text, "仕事", from);
    assert_maps(t, "OK", &text, "OK", from);

    let u = unit(doc, "3#4");
    let t = target(u);
    assert!(t.text.ends_with(CODE));
    assert_eq!(t.codes[0].content.as_deref(), Some("&lt;/p&gt;"));
    assert_eq!(t.codes[0].offset, t.text.len() - CODE.len_utf8());

    let u = unit(doc, "9");
    assert_eq!(target(u).codes.len(), 2);
    let from = text.find("<segment id=\"11\"").unwrap();
    assert_maps(target(u), "自家用車", &text, "自家用車", from);
}

#[test]
fn xliff20_size_restriction_and_notes() {
    let name = "matecat-char-limit.zh-tw.xliff";
    let text = raw(name);
    let doc = &read(name, &text, &ReadOptions::default())[0];
    assert_eq!(doc.units.len(), 1);
    let u = &doc.units[0];
    assert_eq!(u.id, "0");
    assert_eq!(
        u.max_length,
        Some(mtqc::input::unit::MaxLength {
            max: 55,
            unit: mtqc::input::unit::LengthUnit::Chars
        })
    );
    assert_eq!(source(u).text, "Supporting the Character Limitation.");
    assert_eq!(doc.info.target_language.as_deref(), Some("zh-tw"));
}

#[test]
fn po_django_bn() {
    let name = "django.bn.po";
    let text = raw(name);
    let docs = read(name, &text, &ReadOptions::default());
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.info.target_language.as_deref(), Some("bn"));
    assert_eq!(doc.info.source_language, None);
    let ids: Vec<&str> = doc.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "You don’t have permission to view or edit anything.",
            "First, enter a username and password. Then, you’ll be able to edit more user options.",
            "Are you sure you want to delete the %(object_name)s \"%(escaped_object)s\"? All of the following related items will be deleted:",
            "%(counter)s result[0]",
            "%(counter)s result[1]",
            "%(size)d byte[0]",
            "%(size)d byte[1]",
            "abbrev. month\u{4}Jan.",
            "Asturian",
        ]
    );
    let skips: Vec<Option<Skip>> = doc.units.iter().map(|u| u.skip).collect();
    assert_eq!(
        skips,
        [
            None,
            None,
            None,
            Some(Skip::NoTarget),
            Some(Skip::NoTarget),
            None,
            None,
            None,
            Some(Skip::NoTarget)
        ]
    );
    // A continuation line and escapes.
    let u = &doc.units[2];
    assert_eq!(u.notes, ["flags: python-format"]);
    let t = target(u);
    assert_eq!(
        t.text,
        "আপনি কি %(object_name)s \"%(escaped_object)s\" মুছে ফেলার ব্যাপারে নিশ্চিত? নিম্নে বর্ণিত সকল আইটেম মুছে যাবেঃ"
    );
    let from = text.find("msgstr \"\"\n\"আপনি").unwrap();
    assert_maps(t, "\"", &text, "\\\"", from);
    assert_maps(t, "%(escaped", &text, "%(escaped", from);
    assert_maps(t, "নিম্নে", &text, "নিম্নে", from);
    let i = t.text.find("নিম্নে").unwrap();
    let p = t.position(i, Charset::Utf8);
    assert_eq!(
        (p.column, p.byte_column),
        (2, 2),
        "just after the opening quote"
    );
    // The msgid too.
    assert_maps(
        source(u),
        "All of",
        &text,
        "All of",
        text.find("#, python-format\nmsgid \"\"\n\"Are").unwrap(),
    );
    // Plural forms: form 0 against msgid, form 1 against msgid_plural.
    assert_eq!(source(&doc.units[5]).text, "%(size)d byte");
    assert_eq!(source(&doc.units[6]).text, "%(size)d bytes");
    assert_eq!(target(&doc.units[6]).text, "%(size)d বাইট");
    let from = text.find("msgstr[1] \"%(size)d").unwrap();
    assert_maps(target(&doc.units[6]), "বাইট", &text, "বাইট", from);
    assert_eq!(target(&doc.units[7]).text, "জানু.");
}

#[test]
fn tmx_tico19_two_target_languages() {
    let name = "tico19.en-bn-hi.tmx";
    let text = raw(name);
    let docs = read(name, &text, &ReadOptions::default());
    assert_eq!(docs.len(), 2, "bn and hi");
    for (doc, lang) in docs.iter().zip(["bn", "hi"]) {
        assert_eq!(doc.info.source_language.as_deref(), Some("en"));
        assert_eq!(doc.info.target_language.as_deref(), Some(lang));
        let ids: Vec<&str> = doc.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["CMU_1:1", "PubMed_6:178", "PubMed_7:196", "CMU_1:3"]);
        assert_eq!(
            doc.units[0].extra["note"],
            "http://www.speech.cs.cmu.edu/haitian/text/1600_medical_domain_sentences.en"
        );
        assert_eq!(
            source(&doc.units[0]).text,
            "about how long have these symptoms been going on?"
        );
    }
    let (bn, hi) = (&docs[0], &docs[1]);
    assert!(bn.units.iter().all(|u| u.skip.is_none()));
    assert_eq!(hi.units[3].skip, Some(Skip::NoTarget));
    assert!(hi.units[3].target.is_none());
    assert_eq!(target(&hi.units[0]).text, "ये लक्षण लगभग कितने समय से चल रहे हैं?");

    // Entities: `&gt;` in bn, `&amp;gt;` (escaped twice by the TMX's makers) in hi and en.
    let t = target(&bn.units[1]);
    assert!(t.text.contains("একটি >\u{2009}90% ঝুঁকি"));
    let from = text.find("<tuv xml:lang=\"bn\"><seg>প্রতিটি").unwrap();
    assert_maps(t, ">", &text, "&gt;", from);
    assert_maps(t, "90%", &text, "90%", from);
    let t = target(&hi.units[1]);
    assert!(t.text.contains("के &gt;"));
    let from = text.find("<tuv xml:lang=\"hi\"><seg>गहन").unwrap();
    assert_maps(t, "&", &text, "&amp;", from);
    assert_maps(t, "gt;", &text, "gt;", from);
    let t = target(&bn.units[2]);
    assert!(t.text.starts_with("\"WHO সতর্ক"));
    let from = text.find("<tuv xml:lang=\"bn\"><seg>&quot;WHO").unwrap();
    assert_maps(t, "জনগণের", &text, "জনগণের", from);

    // --target-lang and --source-lang.
    let opts = ReadOptions {
        target_lang: Some("hi".into()),
        ..ReadOptions::default()
    };
    let docs = read(name, &text, &opts);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].info.target_language.as_deref(), Some("hi"));
    let opts = ReadOptions {
        source_lang: Some("bn".into()),
        ..ReadOptions::default()
    };
    let docs = read(name, &text, &opts);
    let langs: Vec<_> = docs
        .iter()
        .map(|d| d.info.target_language.clone().unwrap())
        .collect();
    assert_eq!(langs, ["en", "hi"]);
    assert_eq!(
        source(&docs[0].units[0]).text,
        "আনুমানিক কতদিন ধরে এই লক্ষণগুলি চলছে?"
    );
}

#[test]
fn jsonl_records() {
    let name = "tico19.bn.jsonl";
    let text = raw(name);
    let doc = &read(name, &text, &ReadOptions::default())[0];
    let ids: Vec<&str> = doc.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        ["CMU_1:1", "2", "4", "CMU_1:4"],
        "a missing id is the line number"
    );
    assert_eq!(doc.units[0].extra["system"], "human");
    assert_eq!(doc.units[3].skip, Some(Skip::NoTarget));
    assert!(doc.units[3].target.is_none());
    let u = &doc.units[1];
    assert_eq!(
        source(u).text,
        "and all chest pain should be treated \"this way\""
    );
    let t = target(u);
    assert_eq!(t.text, "এবং সমস্ত বুকে ব্যাথা \"এইভাবে\" চিকিৎসা করা উচিৎ");
    // After an escape: `\u09be` is six bytes of the file.
    let line = text.find("{\"id\": 2").unwrap();
    assert_maps(t, "া", &text, "\\u09be", line);
    let i = t.text.find('া').unwrap();
    assert_eq!(
        t.position(i + 'া'.len_utf8(), Charset::Utf8).offset,
        find_from(&text, "\\u09be", line) + 6
    );
    assert_maps(t, "\"এই", &text, "\\\"এই", line);
    assert_maps(t, "উচিৎ", &text, "উচিৎ", line);
    let u = &doc.units[2];
    assert_eq!(target(u).text, "আর তার সাথে জ্বরও\tজ্বরও");
    let line = text.find("{\"src\": \"and along").unwrap();
    let t = target(u);
    let i = t.text.rfind("জ্বরও").unwrap();
    assert_eq!(
        t.position(i, Charset::Utf8),
        raw_position(&text, find_from(&text, "\\tজ্বরও", line) + 2)
    );
}

#[test]
fn tsv_rows() {
    let name = "tico19.bn.tsv";
    let text = raw(name);
    let doc = &read(name, &text, &ReadOptions::default())[0];
    let ids: Vec<&str> = doc.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        ["CMU_1:1", "CMU_1:2", "CMU_1:3"],
        "the header row is no unit"
    );
    assert_eq!(doc.units[1].extra["note"], "reviewed");
    assert_eq!(doc.units[2].skip, Some(Skip::NoTarget));
    let t = target(&doc.units[1]);
    assert_maps(t, "ব্যাথা", &text, "ব্যাথা", 0);
    assert_eq!(source(&doc.units[2]).text, "and along with a fever");
}

// ---------------------------------------------------------------------------------------------
// Hostile and malformed inputs: errors with a line and column, never a panic.

fn error(format: Format, text: &str) -> String {
    let src = Source::new("bad", text);
    match std::panic::catch_unwind(|| readers::read(format, &src, &ReadOptions::default())) {
        Ok(Ok(_)) => panic!("{format:?}: accepted {text:?}"),
        Ok(Err(e)) => e.message,
        Err(_) => panic!("{format:?}: panicked on {text:?}"),
    }
}

/// `bad:LINE:COLUMN: ...`, with LINE and COLUMN numbers.
fn assert_located(message: &str) {
    let mut parts = message.splitn(4, ':');
    assert_eq!(parts.next(), Some("bad"), "{message}");
    for what in ["line", "column"] {
        let n = parts.next().unwrap_or("");
        assert!(
            n.parse::<usize>().is_ok_and(|n| n >= 1),
            "{what} in {message}"
        );
    }
}

#[test]
fn hostile_xml_is_an_error_not_an_expansion() {
    let xliff = raw("focus-ios.bn.xliff");
    let tmx = raw("tico19.en-bn-hi.tmx");
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n]>\n";
    let xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n";
    for (format, doc) in [(Format::Xliff, &xliff), (Format::Tmx, &tmx)] {
        let body = doc.split_once("?>\n").unwrap().1;
        for prolog in [laughs, xxe] {
            let e = error(format, &format!("{prolog}{body}"));
            assert_located(&e);
            assert!(
                e.contains("DTD and entity declarations are not supported"),
                "{e}"
            );
        }
        // A reference to an undeclared entity in the text.
        let e = error(
            format,
            &doc.replacen("</seg>", "&lol2;</seg>", 1)
                .replacen("</target>", "&lol2;</target>", 1),
        );
        assert_located(&e);
        assert!(e.contains("unknown entity &lol2;"), "{e}");
        // Truncated.
        let cut = &doc[..doc.len() / 2];
        let cut = &cut[..cut.rfind('>').unwrap() + 1];
        assert_located(&error(format, cut));
        // Mismatched tags.
        let e = error(
            format,
            &doc.replacen("</seg>", "</sex>", 1)
                .replacen("</target>", "</targes>", 1),
        );
        assert_located(&e);
        // 10,000 nested elements inside a segment.
        let deep = "<g>".repeat(10_000) + &"</g>".repeat(10_000);
        let e = error(
            format,
            &doc.replacen("</seg>", &format!("{deep}</seg>"), 1)
                .replacen("</target>", &format!("{deep}</target>"), 1),
        );
        assert_located(&e);
        assert!(e.contains("nested deeper than 256"), "{e}");
    }
    assert!(error(Format::Xliff, "<tmx/>").contains("not an XLIFF document"));
    assert!(error(Format::Tmx, "<xliff/>").contains("not a TMX document"));
    assert_located(&error(Format::Xliff, ""));
    assert_located(&error(
        Format::Tmx,
        "<tmx><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>",
    ));
}

#[test]
fn malformed_line_formats_and_po() {
    for (format, text, want) in [
        (
            Format::Jsonl,
            "{\"tgt\": \"ok\"}\n{\"tgt\": \"ক\" \"x\"}\n",
            "bad:2:",
        ),
        (Format::Jsonl, "{\"tgt\": \"\\q\"}\n", "bad:1:"),
        (Format::Jsonl, "not json\n", "bad:1:"),
        (Format::Tsv, "src\ttgt\nকেবল একটি ঘর\n", "bad:2:13:"),
        (Format::Po, "msgid \"a\"\nmsgstr \"\\z\"\n", "bad:2:9:"),
        (Format::Po, "msgid \"a\"\nmsgstr ক\n", "bad:2:8:"),
        (Format::Po, "msgid \"a\"\nmsgstr \"খ\n", "bad:2:8:"),
    ] {
        let e = error(format, text);
        assert!(e.starts_with(want), "{format:?} {text:?}: {e}");
        assert_located(&e);
    }
}

#[test]
fn markdown_and_plain_text() {
    let md = "# Title\n\nSome *text* with a [link](https://x.org).\n";
    let docs = read("a.md", md, &ReadOptions::default());
    let texts: Vec<&str> = docs[0]
        .units
        .iter()
        .map(|u| target(u).text.as_str())
        .collect();
    assert_eq!(texts, ["Title", "Some text with a link."]);
    let e = error(Format::Text, "plain");
    assert!(e.contains("read as paragraphs"), "{e}");
}

#[test]
fn byte_order_mark_and_utf16_offsets() {
    let po = raw("django.bn.po");
    // UTF-8 with a byte-order mark: offsets count its three bytes, columns do not.
    let src = Source::with_bom("bom.po", &po, Charset::Utf8, 3);
    let doc = &readers::read(Format::Po, &src, &ReadOptions::default()).unwrap()[0];
    let t = target(&doc.units[0]);
    let want = raw_position(&po, po.find("কোন কিছু").unwrap());
    let got = t.position(0, Charset::Utf8);
    assert_eq!(got.offset, want.offset + 3);
    assert_eq!(
        (got.line, got.column, got.char_offset),
        (want.line, want.column, want.char_offset)
    );
    // UTF-16: offsets are UTF-16 bytes.
    let src = Source::with_bom("le.po", &po, Charset::Utf16Le, 2);
    let doc = &readers::read(Format::Po, &src, &ReadOptions::default()).unwrap()[0];
    let t = target(&doc.units[0]);
    let before = &po[..po.find("কোন কিছু").unwrap()];
    let units16: usize = before.encode_utf16().count();
    assert_eq!(t.position(0, Charset::Utf16Le).offset, 2 + 2 * units16);
}

// ---------------------------------------------------------------------------------------------
// The reader fuzz targets' code paths, without libFuzzer.

#[path = "../fuzz/src/readers.rs"]
mod fuzz_readers;

type Target = fn(&[u8]);

const FUZZ_TARGETS: &[(&str, Target, &[&str])] = &[
    ("rdr_xliff", fuzz_readers::rdr_xliff, &["xliff", "xlf"]),
    ("rdr_po", fuzz_readers::rdr_po, &["po"]),
    ("rdr_tmx", fuzz_readers::rdr_tmx, &["tmx"]),
    ("rdr_jsonl", fuzz_readers::rdr_jsonl, &["jsonl"]),
    ("rdr_tsv", fuzz_readers::rdr_tsv, &["tsv"]),
    ("rdr_markdown", fuzz_readers::rdr_markdown, &["md"]),
];

/// The fixtures of each format, and every saved crash input of `tests/fixtures/formats/fuzz/`
/// (named `TARGET-short-name`), go through their fuzz target's checks.
#[test]
fn fixtures_and_saved_crash_inputs_go_through_the_fuzz_paths() {
    let mut cases: Vec<(String, Target, Vec<u8>)> = Vec::new();
    let dir = fixture("");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    if let Ok(crashes) = std::fs::read_dir(dir.join("fuzz")) {
        paths.extend(crashes.map(|e| e.unwrap().path()));
    }
    paths.sort();
    for path in paths.iter().filter(|p| p.is_file()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
        let target = FUZZ_TARGETS.iter().find(|(t, _, exts)| {
            name.starts_with(&format!("{t}-")) || ext.as_deref().is_some_and(|e| exts.contains(&e))
        });
        let Some((_, target, _)) = target else {
            panic!("{name}: no reader fuzz target reads it");
        };
        cases.push((name, *target, std::fs::read(path).unwrap()));
    }
    assert!(cases.len() >= 6, "the format fixtures are missing");
    // Hostile inputs too.
    let deep = "<g>".repeat(10_000);
    for (target, text) in [
        (
            fuzz_readers::rdr_xliff as Target,
            format!("<xliff version=\"1.2\"><file><body><trans-unit><target>{deep}"),
        ),
        (
            fuzz_readers::rdr_tmx,
            format!("<tmx><body><tu><tuv xml:lang=\"bn\"><seg>{deep}"),
        ),
        (fuzz_readers::rdr_po, "msgid \"\\".to_string()),
        (
            fuzz_readers::rdr_jsonl,
            "{\"tgt\": \"\\ud800\"}".to_string(),
        ),
        (fuzz_readers::rdr_markdown, "> ".repeat(5_000) + "text"),
    ] {
        cases.push(("hostile".into(), target, text.into_bytes()));
    }
    let mut failed = Vec::new();
    for (name, target, data) in &cases {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target(data))).is_err() {
            failed.push(name.clone());
        }
    }
    assert!(failed.is_empty(), "panicked on: {}", failed.join(", "));
}
