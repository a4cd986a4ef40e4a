//! HTML text: the one escaper (safe in text and in quoted attributes) and
//! its inverse for the entities mdBook writes.

/// Escapes `&`, `<`, `>` and `"`.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Escaped text with `backticks` as `<code>`.
pub fn with_code_spans(text: &str) -> String {
    let mut html = String::new();
    for (i, part) in escape(text).split('`').enumerate() {
        if i % 2 == 1 {
            html.push_str(&format!("<code>{part}</code>"));
        } else {
            html.push_str(part);
        }
    }
    html
}

/// Undoes the entities mdBook's HTML uses in attribute values.
pub fn unescape(text: &str) -> String {
    text.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes_and_back() {
        let text = r#"a < b && "c" > d"#;
        assert_eq!(escape(text), "a &lt; b &amp;&amp; &quot;c&quot; &gt; d");
        assert_eq!(unescape(&escape(text)), text);
        assert_eq!(
            with_code_spans("use `a<b>` & go"),
            "use <code>a&lt;b&gt;</code> &amp; go"
        );
    }
}
