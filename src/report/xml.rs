//! XML 1.0 escaping for the XML renderers (JUnit, checkstyle). Characters that XML 1.0 cannot
//! carry at all (most C0 controls, U+FFFE, U+FFFF) are spelled as `[U+XXXX]`, so a stray
//! control character in a translation never makes the report unreadable.

/// Whether XML 1.0 allows the character in a document (the `Char` production).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            // Attribute values are normalised (line breaks and tabs become spaces) unless they
            // are written as character references.
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            c => out.push_str(&format!("[U+{:04X}]", c as u32)),
        }
    }
    out
}

/// Text for an attribute value written between double quotes (so `'` stays as it is).
pub fn attr(s: &str) -> String {
    escape(s, true)
}

/// Text for element content.
pub fn text(s: &str) -> String {
    escape(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_controls_are_escaped() {
        assert_eq!(
            attr("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; 'd'&gt;"
        );
        assert_eq!(attr("x\ny\tz\r"), "x&#10;y&#9;z&#13;");
        assert_eq!(text("x\ny\u{1}\u{FFFF}"), "x\ny[U+0001][U+FFFF]");
        assert_eq!(text("কেসিএনএ"), "কেসিএনএ");
    }
}
