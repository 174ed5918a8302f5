//! `dyad serve` on loopback: the API answers what its OpenAPI document lists, ingesting needs
//! the token, bodies are bounded, article text is escaped, and every response has the security
//! headers.

mod util;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use util::{dyad, get, request, root, scratch, start};

/// A database of the articles of `jsonl` (JSONL lines of our own), in a scratch folder.
fn db_of(name: &str, jsonl: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let input = dir.join("articles.jsonl");
    std::fs::write(&input, format!("{jsonl}\n")).unwrap();
    let db = dir.join("kb.db");
    let run = dyad(&["ingest", input.to_str().unwrap(), "--db", db.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    db
}

fn demo_db(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let db = dir.join("kb.db");
    let run = dyad(&["ingest", root().join("samples/articles").to_str().unwrap(), "--db", db.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    db
}

#[test]
fn every_route_in_the_openapi_document_answers_and_others_do_not() {
    let db = demo_db("serve-openapi");
    let server = start(&db, &["--token", "t0ken"]);
    let doc: serde_json::Value = serde_json::from_str(&get(server.port, "/api/openapi.json").body).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 10);
    for (path, ops) in paths {
        let concrete = path
            .replace("{a}", "KAZ")
            .replace("{b}", "CHN")
            .replace("{doc}", "s01-xi-astana-2013")
            .replace("{name}", "Xi%20Jinping");
        for method in ops.as_object().unwrap().keys() {
            let r = match method.as_str() {
                "get" if path == "/api/search" => get(server.port, "/api/search?q=trade"),
                "get" => get(server.port, &concrete),
                _ => request(
                    server.port,
                    "POST",
                    &concrete,
                    &["Authorization: Bearer t0ken"],
                    b"{\"id\":\"n1\",\"text\":\"Kazakhstan and China held talks.\"}",
                ),
            };
            assert_eq!(r.status, 200, "{method} {concrete}: {}", r.body);
            assert!(r.headers.contains("content-type: application/json"), "{method} {concrete}");
            // The answer is what the document says it is.
            let schema = &ops[method]["responses"]["200"]["content"]["application/json"]["schema"];
            assert!(schema.is_object(), "{method} {path}: no schema for 200");
            let answer: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            if let Err(e) = conforms(&answer, schema, &doc, "$") {
                panic!("{method} {concrete}: the answer does not fit its schema: {e}");
            }
        }
    }
    // A route not in the document is not there.
    assert_eq!(get(server.port, "/api/nothing").status, 404);
    assert_eq!(request(server.port, "DELETE", "/api/documents", &[], b"").status, 405);
    // Parameters are checked, not passed on.
    assert_eq!(get(server.port, "/api/profile/KAZ/C'N").status, 404);
    assert_eq!(get(server.port, "/api/partners/ATLANTIS").status, 404);
    let long = format!("/api/search?q={}", "a".repeat(300));
    assert_eq!(get(server.port, &long).status, 400);
    let figures: serde_json::Value =
        serde_json::from_str(&get(server.port, "/api/figures?pair=KAZ,CHN&limit=1").body).unwrap();
    assert_eq!(figures.as_array().unwrap().len(), 1);
}

/// Whether `v` fits the JSON Schema `schema` (the parts the document uses: `$ref` into
/// components, `type` as one name or a list, `properties`, `required`, `items`, `oneOf`,
/// `anyOf`, `enum`, `const`); the first misfit's path.
fn conforms(
    v: &serde_json::Value,
    schema: &serde_json::Value,
    doc: &serde_json::Value,
    at: &str,
) -> Result<(), String> {
    use serde_json::Value;
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.strip_prefix("#/components/schemas/").ok_or(format!("{at}: a $ref outside components: {r}"))?;
        let target = &doc["components"]["schemas"][name];
        if target.is_null() {
            return Err(format!("{at}: $ref to a missing schema {name}"));
        }
        conforms(v, target, doc, at)?;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema[key].as_array() {
            if !options.iter().any(|o| conforms(v, o, doc, at).is_ok()) {
                return Err(format!("{at}: fits none of {key}"));
            }
        }
    }
    if let Some(all) = schema["allOf"].as_array() {
        for o in all {
            conforms(v, o, doc, at)?;
        }
    }
    if let Some(options) = schema["enum"].as_array() {
        if !options.contains(v) {
            return Err(format!("{at}: {v} is not one of {options:?}"));
        }
    }
    if !schema["const"].is_null() && schema["const"] != *v {
        return Err(format!("{at}: {v} is not {}", schema["const"]));
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() {
        let fits = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            _ => false,
        });
        if !fits {
            return Err(format!("{at}: {v} is not {types:?}"));
        }
    }
    if let (Some(obj), Some(props)) = (v.as_object(), schema["properties"].as_object()) {
        for req in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !obj.contains_key(req) {
                return Err(format!("{at}: no {req}"));
            }
        }
        for (k, sub) in props {
            if let Some(x) = obj.get(k) {
                conforms(x, sub, doc, &format!("{at}.{k}"))?;
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate().take(50) {
            conforms(x, items, doc, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// The most reported pages are computed before the server answers, and again once another
/// process has changed the database; meanwhile pages may be stale, `/api/` answers never are.
#[test]
fn the_likeliest_pages_are_computed_at_start_and_after_a_change() {
    let db = demo_db("serve-warm");
    let server = start(&db, &[]);
    let computed = |log: &[String], what: &str| -> Option<usize> {
        log.iter().find(|l| l.contains(what))?.split("computed ").nth(1)?.split(' ').next()?.parse().ok()
    };
    let at_start = computed(&server.log.lock().unwrap(), "ahead of their visits").expect("a line at start");
    assert!(at_start >= 10, "{at_start} pages: the home page and the samples' countries, pairs and people");
    let other = db.with_file_name("warm.jsonl");
    std::fs::write(&other, "{\"id\":\"warm-1\",\"text\":\"Kazakhstan and Japan held talks in Tokyo.\"}\n").unwrap();
    assert_eq!(dyad(&["ingest", other.to_str().unwrap(), "--db", db.to_str().unwrap()], None).code, 0);
    assert!(get(server.port, "/api/documents?limit=500").body.contains("\"warm-1\""), "the API is fresh at once");
    let t0 = Instant::now();
    loop {
        if let Some(n) = computed(&server.log.lock().unwrap(), "pages again") {
            assert!(n >= at_start, "the same pages, and those of the new article: {n} < {at_start}");
            break;
        }
        assert!(t0.elapsed() < Duration::from_secs(30), "{:?}", server.log.lock().unwrap());
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(get(server.port, "/pair/KAZ/JPN").body.contains("warm-1"), "pages computed again hold the new article");
    // --warm 0: nothing computed ahead.
    let cold = start(&db, &["--warm", "0"]);
    assert!(computed(&cold.log.lock().unwrap(), "ahead").is_none(), "{:?}", cold.log.lock().unwrap());
}

#[test]
fn the_validator_of_answers_can_say_no() {
    let doc = serde_json::json!({"components": {"schemas": {"P": {"type": "object", "required": ["n"],
        "properties": {"n": {"type": "integer"}, "tags": {"type": "array", "items": {"type": "string"}}}}}}});
    let p = serde_json::json!({"$ref": "#/components/schemas/P"});
    assert!(conforms(&serde_json::json!({"n": 1, "tags": ["a"]}), &p, &doc, "$").is_ok());
    assert!(conforms(&serde_json::json!({"tags": []}), &p, &doc, "$").is_err());
    assert!(conforms(&serde_json::json!({"n": 1, "tags": [2]}), &p, &doc, "$").is_err());
    assert!(conforms(&serde_json::json!({"n": "1"}), &p, &doc, "$").is_err());
}

#[test]
fn ingesting_needs_the_servers_token_and_bodies_are_bounded() {
    let db = demo_db("serve-token");
    let article =
        br#"{"id":"posted","text":" date 2024-05-02 Kazakhstan and Japan signed an agreement in Astana on May 2."}"#;
    {
        // Started without a token: ingesting is off.
        let open = start(&db, &[]);
        let r = request(open.port, "POST", "/api/ingest", &["Authorization: Bearer anything"], article);
        assert_eq!(r.status, 403, "{}", r.body);
    }
    let server = start(&db, &["--token", "s3cret", "--max-body", "4096"]);
    assert_eq!(request(server.port, "POST", "/api/ingest", &[], article).status, 401);
    assert_eq!(request(server.port, "POST", "/api/ingest", &["Authorization: Bearer wrong"], article).status, 401);
    // Answers are kept until the database changes: by this server's ingest, or by another process.
    let before = get(server.port, "/api/documents?limit=500");
    assert!(!before.body.contains("\"posted\""));
    let ok = request(server.port, "POST", "/api/ingest", &["Authorization: Bearer s3cret"], article);
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.body.contains("\"new\":1"), "{}", ok.body);
    let again = request(server.port, "POST", "/api/ingest", &["Authorization: Bearer s3cret"], article);
    assert!(again.body.contains("\"unchanged\":1"), "{}", again.body);
    let stored = get(server.port, "/api/documents/posted");
    assert!(stored.body.contains("\"AGREE\""), "{}", stored.body);
    assert!(get(server.port, "/api/documents?limit=500").body.contains("\"posted\""));
    let other = db.with_file_name("other.jsonl");
    std::fs::write(&other, "{\"id\":\"from-cli\",\"text\":\"Kazakhstan and Japan held talks.\"}\n").unwrap();
    assert_eq!(dyad(&["ingest", other.to_str().unwrap(), "--db", db.to_str().unwrap()], None).code, 0);
    assert!(get(server.port, "/api/documents?limit=500").body.contains("\"from-cli\""));
    let big = vec![b'x'; 10_000];
    assert_eq!(request(server.port, "POST", "/api/ingest", &["Authorization: Bearer s3cret"], &big).status, 413);
    let bad = request(server.port, "POST", "/api/ingest", &["Authorization: Bearer s3cret"], b"not json");
    assert_eq!(bad.status, 400, "{}", bad.body);
    // Without the token an oversized body is refused for the token, not for its size.
    assert_eq!(request(server.port, "POST", "/api/ingest", &[], &big).status, 401);
    // Articles that cannot be documents: no text, an empty id, an id of 512 bytes.
    let long_id = format!("{{\"id\":\"{}\",\"text\":\"Kazakhstan and Japan held talks.\"}}", "i".repeat(512));
    for body in [r#"{"id":"empty","text":"  "}"#.to_string(), r#"{"id":"","text":"Talks."}"#.to_string(), long_id] {
        let r = request(server.port, "POST", "/api/ingest", &["Authorization: Bearer s3cret"], body.as_bytes());
        assert_eq!(r.status, 400, "{}", r.body);
    }
}

#[test]
fn only_web_links_are_links() {
    let db = demo_db("serve-links");
    let server = start(&db, &["--token", "k"]);
    let article =
        br#"{"id":"js-link","url":"javascript:alert(1)","text":"Kazakhstan and Japan held talks in Astana."}"#;
    assert_eq!(request(server.port, "POST", "/api/ingest", &["Authorization: Bearer k"], article).status, 200);
    let page = get(server.port, "/doc/js-link");
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("href=\"javascript:"), "{}", page.body);
}

#[test]
fn article_text_is_shown_as_text_and_pages_carry_the_security_headers() {
    let db = demo_db("serve-xss");
    let server = start(&db, &["--token", "k"]);
    let hostile = br#"{"id":"hostile","text":" date 2024-05-03 <script>alert('x')</script><img src=x onerror=alert(1)> Kazakhstan and China held talks in Astana on May 3."}"#;
    assert_eq!(request(server.port, "POST", "/api/ingest", &["Authorization: Bearer k"], hostile).status, 200);
    for path in ["/doc/hostile", "/doc/hostile?s=0&e=40", "/search?q=alert", "/pair/KAZ/CHN", "/country/KAZ", "/"] {
        let r = get(server.port, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            !r.body.contains("<script>alert") && !r.body.contains("<img src=x"),
            "{path}: markup from an article ran"
        );
        for h in [
            "content-security-policy: default-src 'none'; script-src 'self'",
            "x-content-type-options: nosniff",
            "x-frame-options: deny",
        ] {
            assert!(r.headers.contains(h), "{path}: {h}");
        }
    }
    assert!(get(server.port, "/doc/hostile").body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    let pair = get(server.port, "/pair/KAZ/CHN").body;
    assert!(pair.contains("<svg") && pair.contains("class=\"timeline\""), "{pair}");
    // Countries by name in the timeline and the figures, not by code alone.
    assert!(pair.contains("China → Kazakhstan") && pair.contains("<td>China → Kazakhstan</td>"), "{pair}");
    // The places of the events on a map, each a dot that opens an event's evidence.
    assert!(pair.contains("<figure class=\"map places\">") && pair.contains("<title>Astana: "), "{pair}");
    // An event's place, where its sentence names one.
    assert!(pair.contains("<span class=\"place\">in Astana</span>"), "{pair}");
}

#[test]
fn every_error_is_json_under_the_api_and_a_page_elsewhere() {
    let db = demo_db("serve-errors");
    let server = start(&db, &[]);
    let json_error = |path: &str, status: u16| {
        let r = get(server.port, path);
        assert_eq!(r.status, status, "{path}: {}", r.body);
        assert!(r.headers.contains("content-type: application/json"), "{path}: {}", r.headers);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{path}: {e}: {}", r.body));
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{path}: {}", r.body);
    };
    // A missing parameter (axum's own rejection was text/plain), unknown paths and countries.
    json_error("/api/search", 400);
    json_error("/api/nothing/here", 404);
    json_error("/api/partners/XYZ", 404);
    json_error("/api/profile/KAZ/QQQ", 404);
    json_error("/api/person/Nobody%20Known", 404);
    // Filters are checked as the CLI checks them, and say what would be valid.
    json_error("/api/events?type=FOO", 400);
    json_error("/api/figures?metric=gdp", 400);
    json_error("/api/events?since=2015-13", 400);
    json_error("/api/facts?kind=figure&until=soon", 400);
    assert!(get(server.port, "/api/events?type=FOO").body.contains("VISIT"));
    // Names work where codes do.
    assert_eq!(get(server.port, "/api/partners/Kazakhstan").status, 200);
    assert_eq!(get(server.port, "/api/events?country=china&type=visit&since=2015").status, 200);
    // Pages: unknown countries and paths are 404 pages, not empty 200s.
    // A person's page: roles with their country, events opening to their evidence.
    let xi = get(server.port, "/person/Xi%20Jinping");
    assert_eq!(xi.status, 200);
    assert!(xi.body.contains("head of state") && xi.body.contains("China (CHN)"), "{}", xi.body);
    assert!(xi.body.contains("class=\"timeline\"") && xi.body.contains("VISIT"), "{}", xi.body);
    assert!(get(server.port, "/pair/KAZ/CHN").body.contains("href=\"/person/Xi%20Jinping\""));
    for path in ["/country/XYZ", "/pair/KAZ/XYZ", "/no/such/page", "/person/Nobody%20Known"] {
        let r = get(server.port, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.headers.contains("content-type: text/html"), "{path}: {}", r.headers);
    }
}

#[test]
fn a_filter_changes_the_list_and_its_download() {
    let db = demo_db("serve-filters");
    let server = start(&db, &[]);
    let items = |body: &str| body.matches("<li class=\"fact\">").count();
    let all = get(server.port, "/pair/KAZ/CHN").body;
    let visits = get(server.port, "/pair/KAZ/CHN?type=visit&sort=oldest").body;
    let (n_all, n_visits) = (items(&all), items(&visits));
    assert!(n_visits > 0 && n_visits < n_all, "{n_visits} of {n_all}");
    assert!(visits.contains(&format!("{n_visits} events")), "the count is of the filtered list");
    assert_eq!(visits.matches("data-toggle>VISIT").count(), n_visits);
    // Oldest first when asked: the first date is not after the last.
    let dates: Vec<&str> = visits.split("<span class=\"when\">").skip(1).map(|d| &d[..10]).collect();
    assert!(dates.first() <= dates.last(), "{dates:?}");
    // The download is exactly the filtered list.
    let csv = get(server.port, "/pair/KAZ/CHN?type=VISIT&format=csv");
    assert!(csv.headers.contains("content-type: text/csv"), "{}", csv.headers);
    assert_eq!(csv.body.lines().count(), 1 + n_visits, "{}", csv.body);
    assert!(csv.body.lines().skip(1).all(|l| l.contains(",VISIT,")), "{}", csv.body);
    let json: serde_json::Value =
        serde_json::from_str(&get(server.port, "/pair/KAZ/CHN?type=VISIT&format=json").body).unwrap();
    assert_eq!(json.as_array().unwrap().len(), n_visits);
    // The figures table takes a metric; a metric that is none is a 400 that lists them.
    let trade = get(server.port, "/pair/KAZ/CHN?metric=trade_turnover").body;
    let table = trade.split("<table class=\"figures\">").nth(1).unwrap().split("</table>").next().unwrap();
    assert!(
        table.matches("<tr><td>").count() > 0
            && table.matches("<td>trade_turnover</td>").count() == table.matches("<tr><td>").count()
    );
    let bad = get(server.port, "/pair/KAZ/CHN?metric=gdp");
    assert!(bad.status == 400 && bad.body.contains("trade_turnover"), "{}", bad.body);
    // A range of periods narrows the table, and its download is exactly the rows of the view.
    let periods = |html: &str| -> Vec<String> {
        let table = html.split("<table class=\"figures\">").nth(1).unwrap().split("</table>").next().unwrap();
        table.split("<tr><td>").skip(1).map(|r| r.split("</td>").next().unwrap().to_string()).collect()
    };
    let all_periods = periods(&trade);
    let since = get(server.port, "/pair/KAZ/CHN?metric=trade_turnover&fsince=2023").body;
    let kept = periods(&since);
    assert!(!kept.is_empty() && kept.len() < all_periods.len(), "{all_periods:?} -> {kept:?}");
    assert!(kept.iter().all(|p| p.as_str() >= "2023"), "{kept:?}");
    let csv = get(server.port, "/pair/KAZ/CHN?metric=trade_turnover&fsince=2023&fformat=csv");
    assert!(csv.headers.contains("content-type: text/csv"), "{}", csv.headers);
    assert_eq!(csv.body.lines().count(), 1 + kept.len(), "{}", csv.body);
    assert_eq!(get(server.port, "/pair/KAZ/CHN?fsince=2023-13").status, 400);
    // Each bar of the events-over-time chart opens the events of its type and year.
    let bar = all.split("<rect class=\"bar\"").nth(1).expect("a bar");
    let attr = |name: &str| bar.split(&format!("{name}=\"")).nth(1).unwrap().split('"').next().unwrap().to_string();
    let (year, kind) = (attr("data-year"), attr("data-type"));
    let opened = get(server.port, &format!("/pair/KAZ/CHN?type={kind}&since={year}&until={year}")).body;
    let dates: Vec<&str> = opened.split("<span class=\"when\">").skip(1).map(|d| &d[..4]).collect();
    assert!(!dates.is_empty() && dates.iter().all(|d| *d == year), "{year} {kind}: {dates:?}");
    assert_eq!(opened.matches(&format!("data-toggle>{kind}")).count(), dates.len());
    // A person's page takes the same filters: a type, another person the events name, a download.
    let tokayev = "/person/Kassym-Jomart%20Tokayev";
    let all_of_his = get(server.port, tokayev).body;
    let his_visits = get(server.port, &format!("{tokayev}?type=VISIT")).body;
    let (n_his, n_his_visits) = (items(&all_of_his), items(&his_visits));
    assert!(n_his_visits > 0 && n_his_visits < n_his, "{n_his_visits} of {n_his}");
    assert_eq!(his_visits.matches("data-toggle>VISIT").count(), n_his_visits);
    let with_xi = get(server.port, &format!("{tokayev}?person=Xi%20Jinping")).body;
    assert!(items(&with_xi) > 0 && items(&with_xi) < n_his, "{} of {n_his}", items(&with_xi));
    let csv = get(server.port, &format!("{tokayev}?type=VISIT&format=csv"));
    assert!(csv.headers.contains("content-type: text/csv"), "{}", csv.headers);
    assert_eq!(csv.body.lines().count(), 1 + n_his_visits, "{}", csv.body);
    assert_eq!(get(server.port, &format!("{tokayev}?type=PARTY")).status, 400);
    // The person filter, on the country page too; a bad value is a 400 that says why.
    let xi = get(server.port, "/country/KAZ?person=Xi%20Jinping").body;
    assert!(items(&xi) > 0 && xi.matches("<li class=\"fact\">").count() == xi.matches("Xi Jinping</a>").count());
    let bad = get(server.port, "/country/KAZ?type=PARTY&since=2015");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("VISIT"), "{}", bad.body);
}

/// The trade chart draws turnover, each side's exports and each side's imports as series of
/// their own, named by direction.
#[test]
fn exports_and_imports_are_drawn_beside_turnover() {
    let db = db_of(
        "serve-imports",
        concat!(
            r#"{"id":"t1","published":"2024-02-20","text":"Trade between Kazakhstan and South Korea reached $6.4 billion in 2023. "#,
            r#"In 2023, Kazakhstan's exports to South Korea amounted to $2.0 billion, and its imports from South Korea came to $4.4 billion."}"#,
        ),
    );
    let server = start(&db, &[]);
    let page = get(server.port, "/pair/KAZ/KOR").body;
    let chart = page.split("<h2 id=\"figures\">").next().unwrap();
    for series in ["Trade turnover", "KAZ exports to KOR", "KAZ imports from KOR"] {
        assert!(chart.contains(series), "{series} is not drawn: {chart}");
    }
    assert!(!chart.contains("KOR imports from KAZ"), "no series without figures");
}

/// A place named in Russian, in any case, is a dot on the pair's map, named as the gazetteer
/// names it.
#[test]
fn a_place_named_in_russian_is_on_the_map() {
    let db = db_of(
        "serve-ru-place",
        concat!(
            r#"{"id":"ru1","published":"2024-07-03","text":"Президент Казахстана Касым-Жомарт Токаев встретился "#,
            r#"с Председателем КНР Си Цзиньпином в Астане."}"#,
        ),
    );
    let server = start(&db, &[]);
    let page = get(server.port, "/pair/KAZ/CHN").body;
    assert!(page.contains("<title>Astana: 1 event</title>"), "{page}");
}

#[test]
fn conflicting_values_are_shown_side_by_side_with_their_sources() {
    let dir = scratch("serve-conflict");
    let jsonl = dir.join("two.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id":"one","url":"https://www.example-times.kz/a","published":"2024-02-01","text":"Trade between Kazakhstan and Mongolia reached $1.2 billion in 2023, the ministry said."}"#,
            "\n",
            r#"{"id":"two","url":"https://news.example.mn/b","published":"2024-02-03","text":"Trade between Kazakhstan and Mongolia reached $1.5 billion in 2023, officials said."}"#,
            "\n"
        ),
    )
    .unwrap();
    let db = dir.join("kb.db");
    let run = dyad(&["ingest", jsonl.to_str().unwrap(), "--db", db.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = start(&db, &[]);
    let page = get(server.port, "/pair/KAZ/MNG").body;
    // Each value's row names the other value and its source by outlet and date.
    let row = page.split("<tr><td>").skip(1).find(|r| r.contains("trade_turnover")).expect("a trade row");
    let (one, two) = ("example-times.kz, 2024-02-01", "news.example.mn, 2024-02-03");
    assert!(row.contains(one) && row.contains(two), "both sources, by outlet and date: {row}");
    assert!(row.contains("1.2 bn") && row.contains("1.5 bn") && row.contains("class=\"conflict\""), "{row}");
}

#[test]
fn search_results_are_counted_and_paged() {
    // 130 sentences with "caravan" in 65 articles of our own.
    let dir = scratch("serve-search");
    let mut lines = String::new();
    for k in 0..65 {
        lines.push_str(&format!(
            "{{\"id\":\"c{k}\",\"text\":\"The caravan number {k} left Almaty in May. A second caravan followed it a week later.\"}}\n"
        ));
    }
    std::fs::write(dir.join("c.jsonl"), lines).unwrap();
    let db = dir.join("kb.db");
    assert_eq!(dyad(&["ingest", dir.join("c.jsonl").to_str().unwrap(), "--db", db.to_str().unwrap()], None).code, 0);
    let server = start(&db, &[]);
    let hits = |body: &str| body.matches("<li><a href=\"/doc/").count();
    let first = get(server.port, "/search?q=caravan").body;
    let total: usize = first.split("<p class=\"count\">").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert_eq!(total, 130);
    assert_eq!(hits(&first), 50);
    assert!(first.contains("1-50 shown") && first.contains("page=2"), "the count is of all, and there is a next page");
    let pages = total.div_ceil(50);
    let last = get(server.port, &format!("/search?q=caravan&page={pages}")).body;
    assert_eq!(hits(&last), total - 50 * (pages - 1));
    assert!(!last.contains("more →"));
    // The pages together are every sentence once.
    let mut seen = std::collections::HashSet::new();
    for p in 1..=pages {
        let body = get(server.port, &format!("/search?q=caravan&page={p}")).body;
        for h in body.split("<li><a href=\"").skip(1) {
            assert!(seen.insert(h.split('"').next().unwrap().to_string()), "a sentence on two pages");
        }
    }
    assert_eq!(seen.len(), total);
}

#[test]
fn serve_refuses_a_missing_database_and_names_an_address_in_use() {
    let dir = scratch("serve-refuse");
    let typo = dir.join("typo.db");
    let run = dyad(&["serve", "--db", typo.to_str().unwrap(), "--addr", "127.0.0.1:0"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no such database"), "{}", run.stderr);
    assert!(!typo.exists(), "a misspelt database was created");
    // An address in use is named; a host name is taken.
    let db = demo_db("serve-refuse-db");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let run = dyad(&["serve", "--db", db.to_str().unwrap(), "--addr", &addr], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("cannot listen on {addr}")), "{}", run.stderr);
    let port = taken.local_addr().unwrap().port();
    let run = dyad(&["serve", "--db", db.to_str().unwrap(), "--addr", &format!("localhost:{port}")], None);
    assert!(run.stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")), "localhost: {}", run.stderr);
    let bad = dyad(&["serve", "--db", db.to_str().unwrap(), "--addr", "no-such-host.invalid:80"], None);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn the_server_listens_on_loopback_unless_told_otherwise() {
    let help = dyad(&["serve", "--help"], None);
    assert!(help.stdout.contains("[default: 127.0.0.1:8080]"), "{}", help.stdout);
}

/// Reads until the server closes the connection, or fails after `limit`: what a client that
/// sent `sent` gets back.
fn closed_within(s: &mut TcpStream, limit: Duration) -> Result<Vec<u8>, String> {
    s.set_read_timeout(Some(limit)).unwrap();
    let mut got = Vec::new();
    match s.read_to_end(&mut got) {
        Ok(_) => Ok(got),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => Ok(got),
        Err(e) => Err(format!("still open after {limit:?} ({e}); got {:?}", String::from_utf8_lossy(&got))),
    }
}

#[test]
fn idle_and_slow_clients_are_closed_and_connections_past_the_limit_are_told_so() {
    let db = demo_db("serve-slow");
    let server = start(&db, &["--timeout", "1", "--token", "t0ken"]);
    // A socket that says nothing is closed by the server (a 1 s deadline; 15 s allowed here).
    let mut idle = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    closed_within(&mut idle, Duration::from_secs(15)).unwrap();
    // A header that never ends ("slowloris") is closed too, however long the client keeps sending.
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: a").unwrap();
    let t0 = Instant::now();
    let mut closed = false;
    while t0.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(200));
        if slow.write_all(b"a").is_err() {
            closed = true;
            break;
        }
    }
    assert!(closed, "a header sent a byte at a time held the connection for 15 s");
    // A body that stalls, from a client with the token: 408, not a connection held forever.
    let mut stalled = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stalled
        .write_all(b"POST /api/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t0ken\r\nContent-Length: 100\r\n\r\n{\"id\"")
        .unwrap();
    let reply = closed_within(&mut stalled, Duration::from_secs(15)).unwrap();
    assert!(reply.starts_with(b"HTTP/1.1 408"), "{:?}", String::from_utf8_lossy(&reply));
    drop(server);
    // Three connections held open (within a longer deadline): the fourth is answered 503 at
    // once, and once they go the server answers again.
    let server = start(&db, &["--timeout", "60", "--max-connections", "3"]);
    // (The connection `start` made to see the server up is let go first.)
    std::thread::sleep(Duration::from_millis(500));
    let held: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let past = get(server.port, "/api/openapi.json");
    assert_eq!(past.status, 503, "{}", past.body);
    assert!(past.headers.contains("retry-after"), "{}", past.headers);
    drop(held);
    let t0 = Instant::now();
    loop {
        let r = get(server.port, "/api/openapi.json");
        if r.status == 200 {
            break;
        }
        assert!(t0.elapsed() < Duration::from_secs(15), "still refused after the held connections closed");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn an_answer_too_large_to_keep_is_still_sent() {
    let dir = scratch("serve-large");
    let db = dir.join("kb.db");
    // A 3 MB article: its page is over the largest answer kept.
    let mut text = String::from(" date 2024-05-02 Kazakhstan and Japan signed an agreement in Astana on May 2.\n");
    while text.len() < 3_000_000 {
        text.push_str("The delegations discussed transport corridors and the supply of grain.\n");
    }
    let file = dir.join("long-article.txt");
    std::fs::write(&file, &text).unwrap();
    let run = dyad(&["ingest", file.to_str().unwrap(), "--db", db.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = start(&db, &[]);
    for _ in 0..2 {
        let r = get(server.port, "/api/documents/long-article");
        assert_eq!(r.status, 200, "{}", &r.body[..r.body.len().min(200)]);
        assert!(r.body.len() > 3_000_000, "{} bytes", r.body.len());
        let page = get(server.port, "/doc/long-article");
        assert_eq!(page.status, 200);
        assert!(page.body.len() > 3_000_000, "{} bytes", page.body.len());
    }
}

#[test]
fn paths_out_of_the_site_and_sql_in_parameters_reach_nothing() {
    let db = demo_db("serve-hostile");
    let server = start(&db, &[]);
    let before = get(server.port, "/api/documents?limit=500").body;
    for path in [
        "/doc/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/documents/..%2F..%2FCargo.toml",
        "/assets/../../Cargo.toml",
        "/assets/..%2F..%2FCargo.toml",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
    ] {
        let r = get(server.port, path);
        assert!(matches!(r.status, 400 | 404), "{path}: {} {}", r.status, &r.body[..r.body.len().min(200)]);
        assert!(!r.body.contains("root:") && !r.body.contains("[workspace]"), "{path}: {}", r.body);
    }
    for path in [
        "/api/search?q=%27%20OR%201%3D1%20--",
        "/api/facts?text=%25%27%3B%20DROP%20TABLE%20facts%3B%20--",
        "/api/events?country=KAZ%27%20OR%20%271%27%3D%271",
        "/api/figures?pair=KAZ,CHN%27%3B%20DELETE%20FROM%20documents%3B%20--",
        "/search?q=%22%29%20OR%20%28%22",
    ] {
        let r = get(server.port, path);
        assert!(matches!(r.status, 200 | 400), "{path}: {} {}", r.status, r.body);
        assert!(!r.body.to_ascii_lowercase().contains("syntax error"), "{path}: {}", r.body);
    }
    // Nothing was changed by any of them.
    assert_eq!(get(server.port, "/api/documents?limit=500").body, before);
    assert!(get(server.port, "/api/facts?kind=figure&limit=1").body.starts_with('['));
}
