//! Sentences: ends at `.?!।॥` and their full-width forms, but not inside a quotation; a
//! quotation that closes right after a terminator ends the sentence with it.

use super::Span;
use super::props::{DECIMAL, LETTER, MARK};

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '?' | '!' | '।' | '॥' | '。' | '？' | '！' | '．' | '؟' | '۔'
    )
}

/// Full-width terminators end a sentence without a following space.
fn needs_no_space(c: char) -> bool {
    matches!(c, '。' | '？' | '！' | '．')
}

fn opens(c: char) -> bool {
    matches!(c, '“' | '«' | '„' | '「' | '『' | '（' | '(')
}

fn closes(c: char) -> bool {
    matches!(c, '”' | '»' | '」' | '』' | '）' | ')')
}

pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: usize = 0;
    let mut straight_open = false;
    let mut after_terminator = false;
    for (i, c) in text.char_indices() {
        // Letters, marks and digits (most characters) are none of the characters below.
        if super::props::props(c).has(LETTER | MARK | DECIMAL) {
            after_terminator = false;
            continue;
        }
        let next = text[i + c.len_utf8()..].chars().next();
        let boundary_follows = next.is_none_or(char::is_whitespace);
        let end_here = |out: &mut Vec<Span>, start: &mut usize| {
            let end = i + c.len_utf8();
            out.push(Span::new(*start, end));
            *start = end;
        };
        if c == '"' {
            straight_open = !straight_open;
            if !straight_open && after_terminator && depth == 0 && boundary_follows {
                end_here(&mut out, &mut start);
            }
            after_terminator = false;
        } else if opens(c) {
            depth += 1;
            after_terminator = false;
        } else if closes(c) {
            depth = depth.saturating_sub(1);
            if after_terminator && depth == 0 && !straight_open && boundary_follows {
                end_here(&mut out, &mut start);
            }
            after_terminator = false;
        } else if is_terminator(c) {
            if depth == 0 && !straight_open && (boundary_follows || needs_no_space(c)) {
                let next_closes = next.is_some_and(|n| closes(n) || n == '"');
                if !next_closes {
                    end_here(&mut out, &mut start);
                }
            }
            after_terminator = true;
        } else if !c.is_whitespace() {
            after_terminator = false;
        }
    }
    if text[start..].chars().any(|c| !c.is_whitespace()) {
        out.push(Span::new(start, text.len()));
    }
    // Leading whitespace belongs to no sentence.
    for s in &mut out {
        let trimmed = text[s.start..s.end].trim_start();
        s.start = s.end - trimmed.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        sentences(s).iter().map(|x| &s[x.start..x.end]).collect()
    }

    #[test]
    fn danda_ends_a_sentence() {
        assert_eq!(texts("এক। দুই? তিন"), ["এক।", "দুই?", "তিন"]);
    }

    #[test]
    fn quotation_is_one_sentence() {
        let s = "তিনি বলেন, “আমরা জিতব। আমরা লড়ব,” তিনি বলেন। পরে।";
        assert_eq!(
            texts(s),
            ["তিনি বলেন, “আমরা জিতব। আমরা লড়ব,” তিনি বলেন।", "পরে।"]
        );
        let q = "“রাখবে।” এদিকে।";
        assert_eq!(texts(q), ["“রাখবে।”", "এদিকে।"]);
    }

    #[test]
    fn full_width_needs_no_space() {
        assert_eq!(texts("你好。再见！"), ["你好。", "再见！"]);
    }
}
