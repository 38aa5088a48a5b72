//! A line-aligned pair of plain-text files (`mtqc check --source SRC.txt TGT.txt`): line N of
//! the target translates line N of the source, one unit a line, its id the line number. Lines
//! blank on both sides are no unit; a blank target line beside a source line is a unit with an
//! empty target (an omission). Both files must have the same number of lines.

use super::Source;
use crate::error::Error;
use crate::input::unit::{FileInfo, Unit, UnitDoc, UnitText};

/// Lines of a text without their breaks, each with where it starts.
fn lines<'a>(src: &Source<'a>) -> Vec<(&'a str, crate::input::Position)> {
    let mut out = Vec::new();
    let mut at = src.base;
    let text = src.text;
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        let content = line.strip_suffix('\r').unwrap_or(line);
        out.push((content, at));
        let taken = &rest[..rest.len() - next.len()];
        at = at.after(taken, src.charset);
        rest = next;
    }
    out
}

/// The units of a source file and its target file.
pub fn read(source: &Source, target: &Source) -> Result<UnitDoc, Error> {
    let src = lines(source);
    let tgt = lines(target);
    if src.len() != tgt.len() {
        return Err(Error::input(format!(
            "{}: {} lines, but its source {} has {}: the files must be line-aligned",
            target.name,
            tgt.len(),
            source.name,
            src.len()
        )));
    }
    let mut units = Vec::new();
    for (i, ((s, s_at), (t, t_at))) in src.into_iter().zip(tgt).enumerate() {
        if s.trim().is_empty() && t.trim().is_empty() {
            continue;
        }
        units.push(Unit {
            id: (i + 1).to_string(),
            source: Some(UnitText::verbatim(s, s_at)),
            target: Some(UnitText::verbatim(t, t_at)),
            ..Unit::default()
        });
    }
    Ok(UnitDoc {
        info: FileInfo::default(),
        units,
        charset: target.charset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_pair_up() {
        let s = Source::new("s.txt", "Wash your hands.\n\nStay home.\n");
        let t = Source::new("t.txt", "হাত ধুয়ে নিন।\n\n\n");
        let doc = read(&s, &t).unwrap();
        assert_eq!(doc.units.len(), 2);
        assert_eq!(doc.units[1].id, "3");
        assert_eq!(doc.units[1].target.as_ref().unwrap().text, "");
        let short = Source::new("t.txt", "one line\n");
        assert!(
            read(&s, &short)
                .unwrap_err()
                .message
                .contains("line-aligned")
        );
    }
}
