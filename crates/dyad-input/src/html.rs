//! The main text of an HTML page: what a reader sees as the article, without menus, scripts,
//! styles, cookie banners, sharing widgets or footers; entities decoded; paragraphs kept.
//!
//! A small hand-written scanner rather than a full HTML5 parser: news pages only need tags,
//! attributes, comments and entities told apart, and it runs at hundreds of MB/s.

/// What was read from a page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Page {
    /// The article text: paragraphs separated by a blank line.
    pub text: String,
    /// `og:title`, else `<title>`, else the first `<h1>`.
    pub title: Option<String>,
    /// A publication date from the page's metadata (`article:published_time`, `datePublished`,
    /// `<time datetime>`), as written (the caller normalizes it).
    pub published: Option<String>,
}

/// Elements whose content is never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "header", "footer", "aside", "form", "button",
    "select", "textarea", "object", "canvas", "menu", "dialog", "head",
];

/// Elements that end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "td",
    "th",
    "address",
    "body",
];

/// Elements that never have a closing tag.
const VOID_TAGS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Words in a `class`, `id` or `role` that mark page furniture rather than the article.
const BOILERPLATE_MARKS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "navbar",
    "nav-",
    "menu",
    "footer",
    "header",
    "sidebar",
    "share",
    "social",
    "subscribe",
    "newsletter",
    "related",
    "comment",
    "advert",
    "promo",
    "breadcrumb",
    "popup",
    "modal",
    "widget",
    "navigation",
    "masthead",
    "skip-link",
    "read-more",
    "also-read",
];

/// Extracts the article of an HTML page.
pub fn extract(html: &str) -> Page {
    let mut scan = Scanner { s: html, i: 0 };
    let mut page = Page::default();
    // Text inside <article> / <main> / articleBody, and all visible text, gathered together;
    // the narrowest non-empty one wins.
    let mut in_article = String::new();
    let mut in_main = String::new();
    let mut all = String::new();
    let mut article_depth = 0usize;
    let mut main_depth = 0usize;
    // The element being skipped (its name) and how deep it nests in itself.
    let mut skipping: Option<(String, usize)> = None;
    let mut in_title = false;
    let mut title_text = String::new();
    let mut h1_depth = 0usize;
    let mut h1_text = String::new();
    let mut og_title = None;

    while let Some(tok) = scan.next_token() {
        match tok {
            Token::Text(raw) => {
                if in_title {
                    title_text.push_str(raw);
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if h1_depth > 0 && page.title.is_none() {
                    h1_text.push_str(raw);
                }
                let text = decode_entities(raw);
                push_text(&mut all, &text);
                if article_depth > 0 {
                    push_text(&mut in_article, &text);
                }
                if main_depth > 0 {
                    push_text(&mut in_main, &text);
                }
            }
            Token::Open { name, attrs, self_closing } => {
                if name == "meta" {
                    read_meta(attrs, &mut og_title, &mut page.published);
                    continue;
                }
                if name == "time" && page.published.is_none() {
                    if let Some(dt) = attr(attrs, "datetime") {
                        page.published = Some(decode_entities(dt));
                    }
                }
                if name == "title" {
                    in_title = true;
                    continue;
                }
                if let Some((skip_name, depth)) = &mut skipping {
                    if *skip_name == name && !self_closing && !VOID_TAGS.contains(&name.as_str()) {
                        *depth += 1;
                    }
                    continue;
                }
                let void = self_closing || VOID_TAGS.contains(&name.as_str());
                if !void && (SKIP_TAGS.contains(&name.as_str()) || is_boilerplate(attrs)) {
                    skipping = Some((name, 1));
                    continue;
                }
                if BLOCK_TAGS.contains(&name.as_str()) {
                    let brk = if name == "br" { "\n" } else { "\n\n" };
                    for buf in [&mut all, &mut in_article, &mut in_main] {
                        push_break(buf, brk);
                    }
                }
                if void {
                    continue;
                }
                let item_prop = attr(attrs, "itemprop").unwrap_or("");
                if name == "article" || item_prop == "articleBody" {
                    article_depth += 1;
                }
                if name == "main" || attr(attrs, "role") == Some("main") {
                    main_depth += 1;
                }
                if name == "h1" {
                    h1_depth += 1;
                }
            }
            Token::Close(name) => {
                if name == "title" {
                    in_title = false;
                    continue;
                }
                if let Some((skip_name, depth)) = &mut skipping {
                    if *skip_name == name {
                        *depth -= 1;
                        if *depth == 0 {
                            skipping = None;
                        }
                    }
                    continue;
                }
                if BLOCK_TAGS.contains(&name.as_str()) {
                    for buf in [&mut all, &mut in_article, &mut in_main] {
                        push_break(buf, "\n\n");
                    }
                }
                // Close counters leniently: a stray close tag never goes below zero.
                match name.as_str() {
                    "article" => article_depth = article_depth.saturating_sub(1),
                    "main" => main_depth = main_depth.saturating_sub(1),
                    "h1" => {
                        h1_depth = h1_depth.saturating_sub(1);
                        if h1_depth == 0 && page.title.is_none() && !h1_text.trim().is_empty() {
                            page.title = Some(clean_line(&decode_entities(&h1_text)));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    let h1_title = page.title.take();
    let title_tag = Some(clean_line(&decode_entities(&title_text))).filter(|t| !t.is_empty());
    page.title = og_title.or(h1_title).or(title_tag);
    let body = [in_article, in_main, all].into_iter().find(|t| !t.trim().is_empty()).unwrap_or_default();
    page.text = tidy(&body);
    page
}

fn read_meta(attrs: &str, og_title: &mut Option<String>, published: &mut Option<String>) {
    let key = attr(attrs, "property")
        .or_else(|| attr(attrs, "name"))
        .or_else(|| attr(attrs, "itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(content) = attr(attrs, "content") else {
        return;
    };
    match key.as_str() {
        "og:title" | "twitter:title" if og_title.is_none() => {
            *og_title = Some(clean_line(&decode_entities(content)));
        }
        "article:published_time"
        | "datepublished"
        | "pubdate"
        | "publish-date"
        | "date"
        | "dc.date.issued"
        | "dc.date"
        | "sailthru.date"
        | "parsely-pub-date"
            if published.is_none() =>
        {
            *published = Some(decode_entities(content));
        }
        _ => {}
    }
}

fn is_boilerplate(attrs: &str) -> bool {
    let mut hay = String::new();
    for name in ["class", "id", "role", "aria-label"] {
        if let Some(v) = attr(attrs, name) {
            hay.push(' ');
            hay.push_str(&v.to_ascii_lowercase());
        }
    }
    if hay.contains("article") || hay.contains("content") && !hay.contains("cookie") {
        // "article-body", "post-content": keep, unless it is also plainly furniture.
        return hay.contains("cookie") || hay.contains("consent");
    }
    BOILERPLATE_MARKS.iter().any(|m| hay.contains(m))
}

/// The value of attribute `name` in a tag's attribute text (case-insensitive name).
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let key = &attrs[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = attrs[vs..].bytes().position(|c| c == q).map_or(b.len(), |p| vs + p);
                value = &attrs[vs..ve];
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[vs..i];
            }
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        if start == i {
            i += 1;
        }
    }
    None
}

enum Token<'a> {
    Text(&'a str),
    Open { name: String, attrs: &'a str, self_closing: bool },
    Close(String),
}

struct Scanner<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Scanner<'a> {
    fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = &self.s[self.i..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let n = rest.find('<').unwrap_or(rest.len());
                self.i += n;
                return Some(Token::Text(&rest[..n]));
            }
            if rest.starts_with("<!--") {
                self.i += rest.find("-->").map_or(rest.len(), |p| p + 3);
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.i += rest.find('>').map_or(rest.len(), |p| p + 1);
                continue;
            }
            let closing = rest.as_bytes().get(1) == Some(&b'/');
            let name_start = if closing { 2 } else { 1 };
            let name_len = rest[name_start..]
                .bytes()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b':')
                .count();
            if name_len == 0 {
                // A lone "<" in text.
                self.i += 1;
                return Some(Token::Text(&rest[..1]));
            }
            let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
            let end = tag_end(rest, name_start + name_len);
            let inner = &rest[name_start + name_len..end.saturating_sub(1).max(name_start + name_len)];
            self.i += end;
            if closing {
                return Some(Token::Close(name));
            }
            let self_closing = inner.trim_end().ends_with('/');
            // Raw-text elements: their content is not markup, so jump to their close tag.
            if matches!(name.as_str(), "script" | "style" | "textarea") && !self_closing {
                let close = format!("</{name}");
                self.i = find_ascii_ci(&self.s[self.i..], &close).map_or(self.s.len(), |p| self.i + p);
            }
            return Some(Token::Open { name, attrs: inner, self_closing });
        }
    }
}

/// The byte after the `>` that ends a tag whose name ends at `from` (quotes respected).
fn tag_end(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut quote = 0u8;
    for (i, &c) in b.iter().enumerate().skip(from) {
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            return i + 1;
        }
    }
    b.len()
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn push_text(buf: &mut String, text: &str) {
    for ch in text.chars() {
        let ch = if ch == '\u{a0}' { ' ' } else { ch };
        if ch.is_whitespace() {
            if !buf.is_empty() && !buf.ends_with([' ', '\n']) {
                buf.push(' ');
            }
        } else {
            buf.push(ch);
        }
    }
}

fn push_break(buf: &mut String, brk: &str) {
    while buf.ends_with(' ') {
        buf.pop();
    }
    if buf.is_empty() || buf.ends_with("\n\n") || (brk == "\n" && buf.ends_with('\n')) {
        return;
    }
    if buf.ends_with('\n') {
        buf.push('\n');
    } else {
        buf.push_str(brk);
    }
}

/// Trims every line and drops runs of blank lines beyond one.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

fn clean_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes HTML character references: numeric ones and the named ones news pages use.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map(|e| e + 1);
        let (name, consumed) = match end {
            Some(e) if rest.as_bytes()[e] == b';' => (&rest[1..e], e + 1),
            Some(e) => (&rest[1..e], e),
            None => (&rest[1..], rest.len()),
        };
        match entity(name) {
            Some(c) => {
                if c != '\u{ad}' {
                    out.push(c);
                }
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "laquo" => '\u{ab}',
        "raquo" => '\u{bb}',
        "hellip" => '\u{2026}',
        "bull" => '\u{2022}',
        "middot" => '\u{b7}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "trade" => '\u{2122}',
        "euro" => '\u{20ac}',
        "pound" => '\u{a3}',
        "yen" => '\u{a5}',
        "cent" => '\u{a2}',
        "deg" => '\u{b0}',
        "times" => '\u{d7}',
        "shy" => '\u{ad}',
        "eacute" => '\u{e9}',
        "egrave" => '\u{e8}',
        "aacute" => '\u{e1}',
        "oacute" => '\u{f3}',
        "iacute" => '\u{ed}',
        "uacute" => '\u{fa}',
        "auml" => '\u{e4}',
        "ouml" => '\u{f6}',
        "uuml" => '\u{fc}',
        "Uuml" => '\u{dc}',
        "Ouml" => '\u{d6}',
        "ccedil" => '\u{e7}',
        "Ccedil" => '\u{c7}',
        "scedil" => '\u{15f}',
        "ntilde" => '\u{f1}',
        "szlig" => '\u{df}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Site | Old title</title>
<meta property="og:title" content="Kazakhstan and Mongolia sign a road deal">
<meta property="article:published_time" content="2024-03-02T09:00:00+05:00">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><nav><ul><li>Home</li><li>World</li></ul></nav>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<article><h1>Kazakhstan and Mongolia sign a road deal</h1>
<p>ASTANA &ndash; The two governments signed a road agreement on&nbsp;Friday.</p>
<p>Trade reached $1.2 billion &amp; grew.</p><div class="share-buttons">Share on X</div>
<p>Tom &amp; Jerry&#39;s &#x201c;quote&#x201d;</p></article>
<aside>Most read</aside><footer>Copyright 2024</footer></body></html>"#;

    #[test]
    fn keeps_the_article_and_drops_the_furniture() {
        let page = extract(PAGE);
        assert_eq!(
            page.text,
            "Kazakhstan and Mongolia sign a road deal\n\nASTANA \u{2013} The two governments signed a road agreement on Friday.\n\nTrade reached $1.2 billion & grew.\n\nTom & Jerry's \u{201c}quote\u{201d}"
        );
        assert_eq!(page.title.as_deref(), Some("Kazakhstan and Mongolia sign a road deal"));
        assert_eq!(page.published.as_deref(), Some("2024-03-02T09:00:00+05:00"));
    }

    #[test]
    fn without_an_article_element_takes_the_visible_text() {
        let page = extract("<html><body><p>One.</p><script>x()</script><p>Two &lt;b&gt;</p></body></html>");
        assert_eq!(page.text, "One.\n\nTwo <b>");
        assert_eq!(page.title, None);
    }

    #[test]
    fn script_text_never_leaks() {
        let page = extract("<p>a</p><script>document.write('<p>evil</p>')</script><p>b</p>");
        assert!(!page.text.contains("evil"), "{}", page.text);
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("a &amp b &unknown; &#8212; &#x41;"), "a & b &unknown; \u{2014} A");
    }
}
