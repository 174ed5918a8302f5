//! HTML building: escaping and the page frame. Article text is untrusted input: everything that
//! comes from the store goes through [`escape`].

/// `s` safe inside HTML text and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `s` as one path segment or query value of a URL.
pub fn url_part(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A whole page: title, navigation with a search box, the body.
pub fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t} · dyad</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<header><a class="brand" href="/">dyad</a>
<form action="/search" method="get" role="search"><input type="search" name="q" placeholder="Search articles and facts" aria-label="Search"><button>Search</button></form>
</header>
<main>
<h1>{t}</h1>
{body}
</main>
<footer>dyad: bilateral relations from news, each fact with its source sentence. <a href="/api/openapi.json">API</a></footer>
</body>
</html>
"#,
        t = escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(url_part("a b/c?d&e"), "a%20b%2Fc%3Fd%26e");
        assert!(page("<b>", "").contains("<title>&lt;b&gt; · dyad</title>"));
    }
}
