//! The OpenAPI 3.1 document of the JSON API, built from one table of routes ([`ROUTES`]) that
//! a test checks against the router.

use serde_json::{json, Value};

/// (method, path, summary, query parameters) of every API route.
pub const ROUTES: &[(&str, &str, &str, &[&str])] = &[
    ("get", "/api/openapi.json", "This document.", &[]),
    ("get", "/api/documents", "Documents, newest first.", &["limit", "offset"]),
    ("get", "/api/documents/{doc}", "One document: its text and facts.", &[]),
    (
        "get",
        "/api/facts",
        "Claims (facts merged across articles) by kind, type, metric, country, pair (A,B), period (since, until) or text.",
        &["kind", "type", "metric", "country", "pair", "since", "until", "text", "limit"],
    ),
    ("get", "/api/figures", "Figures as a time series.", &["pair", "metric", "since", "limit"]),
    ("get", "/api/events", "Events as a timeline (the latest `limit`).", &["country", "with", "type", "since", "limit"]),
    ("get", "/api/profile/{a}/{b}", "The relationship of two countries.", &["limit"]),
    ("get", "/api/partners/{a}", "A country's partners, ranked.", &[]),
    ("get", "/api/person/{name}", "A person's roles and latest events, with sources.", &["limit"]),
    ("get", "/api/search", "Sentences with every word of q, with their facts.", &["q", "limit"]),
    ("post", "/api/ingest", "Extract and store articles (JSON array, object or JSONL); needs the server's token.", &[]),
];

/// The document.
pub fn openapi() -> Value {
    let mut paths = serde_json::Map::new();
    for (method, path, summary, params) in ROUTES {
        let mut parameters: Vec<Value> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        for p in *params {
            let schema = if matches!(*p, "limit" | "offset") {
                json!({"type": "integer", "minimum": 0})
            } else {
                json!({"type": "string"})
            };
            parameters.push(json!({"name": p, "in": "query", "required": *p == "q", "schema": schema}));
        }
        let mut op = json!({
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {}}},
                "400": {"description": "A parameter is not valid", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        });
        if *method == "post" {
            op["security"] = json!([{"token": []}]);
            op["requestBody"] = json!({"required": true, "content": {
                "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}}},
                "application/x-ndjson": {"schema": {"$ref": "#/components/schemas/Article"}}
            }});
            op["responses"]["401"] = json!({"description": "No or a wrong token"});
            op["responses"]["403"] = json!({"description": "The server was started without a token"});
            op["responses"]["413"] = json!({"description": "The body is too large"});
        }
        paths.entry(path.to_string()).or_insert_with(|| json!({}))[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "dyad", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Bilateral-relations facts from news, merged across articles, each with its sources."},
        "paths": paths,
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
                "Article": {"type": "object", "required": ["id"], "properties": {
                    "id": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"},
                    "published": {"type": "string"}, "url": {"type": "string"}, "title": {"type": "string"}}}
            }
        }
    })
}
