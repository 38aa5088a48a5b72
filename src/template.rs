//! Message templates: `{name}` placeholders filled with a finding's values. The loader checks
//! a template's placeholders against its kind's; findings fill them.

/// The placeholder names of a template, in order (`{match}` included), and the byte offset of
/// each.
pub fn placeholders(template: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = template;
    let mut base = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find(['}', '{']) {
            Some(close) if after.as_bytes()[close] == b'}' => {
                let name = &after[..close];
                if !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    out.push((base + open, name));
                }
                base += open + 1 + close + 1;
                rest = &after[close + 1..];
            }
            _ => {
                base += open + 1;
                rest = after;
            }
        }
    }
    out
}

/// Fill `{match}` with the flagged text, then each named value.
pub fn render(template: &str, text: &str, vars: &[(&'static str, String)]) -> String {
    let mut m = template.replace("{match}", text);
    for (k, v) in vars {
        m = m.replace(&format!("{{{k}}}"), v);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders() {
        let names: Vec<&str> = placeholders("`{match}` repeats `{first}` {not a} {x")
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names, ["match", "first"]);
        assert_eq!(
            render("`{match}` after `{first}`", "b", &[("first", "a".into())]),
            "`b` after `a`"
        );
    }
}
