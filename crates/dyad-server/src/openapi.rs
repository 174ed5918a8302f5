//! The OpenAPI 3.1 document of the JSON API, built from one table of routes ([`ROUTES`]) that
//! a test checks against the router. The schemas of the answers are derived from the Rust types
//! the handlers serialize (schemars), so that the document cannot drift from the code and client
//! generators get types.

use dyad_facts::Fact;
use dyad_store::merge::Claim;
use dyad_store::{DocumentRow, Partner, PersonProfile, Profile, SearchHit};
use schemars::{JsonSchema, SchemaGenerator};
use serde::Serialize;
use serde_json::{json, Value};

/// `GET /api/documents/{doc}`: one document, its text and facts.
#[derive(Serialize, JsonSchema)]
pub struct DocumentAnswer {
    /// The document's row.
    pub document: DocumentRow,
    /// Its text.
    pub text: String,
    /// Its facts, as `dyad extract` writes them.
    pub facts: Vec<Fact>,
}

/// `POST /api/ingest`: what the call stored.
#[derive(Serialize, JsonSchema)]
pub struct IngestAnswer {
    /// Documents stored for the first time.
    pub new: usize,
    /// Documents already stored as they are.
    pub unchanged: usize,
    /// Documents whose text or facts changed.
    pub updated: usize,
}

/// The schema of a route's 200 answer, made by the generator (which keeps the named types).
type AnswerSchema = fn(&mut SchemaGenerator) -> Value;

fn list<T: JsonSchema>(g: &mut SchemaGenerator) -> Value {
    json!({"type": "array", "items": g.subschema_for::<T>()})
}

fn one<T: JsonSchema>(g: &mut SchemaGenerator) -> Value {
    g.subschema_for::<T>().to_value()
}

/// `/api/facts`: claims, or with `text` the facts of the sentences found.
fn claims_or_facts(g: &mut SchemaGenerator) -> Value {
    json!({"oneOf": [list::<Claim>(g), list::<Fact>(g)]})
}

fn any_object(_: &mut SchemaGenerator) -> Value {
    json!({"type": "object"})
}

/// (method, path, summary, query parameters, answer schema) of every API route.
pub const ROUTES: &[(&str, &str, &str, &[&str], AnswerSchema)] = &[
    ("get", "/api/openapi.json", "This document.", &[], any_object),
    ("get", "/api/documents", "Documents, newest first.", &["limit", "offset"], list::<DocumentRow>),
    ("get", "/api/documents/{doc}", "One document: its text and facts.", &[], one::<DocumentAnswer>),
    (
        "get",
        "/api/facts",
        "Claims (facts merged across articles) by kind, type, metric, country, pair (A,B), period (since, until) or text.",
        &["kind", "type", "metric", "country", "pair", "since", "until", "text", "limit"],
        claims_or_facts,
    ),
    ("get", "/api/figures", "Figures as a time series.", &["pair", "metric", "since", "limit"], list::<Claim>),
    (
        "get",
        "/api/events",
        "Events as a timeline (the latest `limit`).",
        &["country", "with", "type", "since", "limit"],
        list::<Claim>,
    ),
    (
        "get",
        "/api/profile/{a}/{b}",
        "The relationship of two countries: the figures of the latest `figures` periods (default 50), the latest `limit` events.",
        &["limit", "figures"],
        one::<Profile>,
    ),
    ("get", "/api/partners/{a}", "A country's partners, ranked.", &[], list::<Partner>),
    (
        "get",
        "/api/person/{name}",
        "A person's roles and latest events, with sources.",
        &["limit"],
        one::<PersonProfile>,
    ),
    ("get", "/api/search", "Sentences with every word of q, the most recently stored first, with their facts.", &["q", "limit"], list::<SearchHit>),
    (
        "post",
        "/api/ingest",
        "Extract and store articles (JSON array, object or JSONL); needs the server's token.",
        &[],
        one::<IngestAnswer>,
    ),
];

/// The document.
pub fn openapi() -> Value {
    let mut generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .into_generator();
    let mut paths = serde_json::Map::new();
    for (method, path, summary, params, answer) in ROUTES {
        let mut parameters: Vec<Value> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        for p in *params {
            let schema = if matches!(*p, "limit" | "offset" | "figures") {
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
                "200": {"description": "OK", "content": {"application/json": {"schema": answer(&mut generator)}}},
                "400": {"description": "A parameter is not valid", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "404": {"description": "No such document, country or person", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
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
    let mut schemas = generator.take_definitions(true);
    schemas.insert(
        "Error".into(),
        json!({"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}),
    );
    schemas.insert(
        "Article".into(),
        json!({"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"},
            "published": {"type": "string"}, "url": {"type": "string"}, "title": {"type": "string"}}}),
    );
    json!({
        "openapi": "3.1.0",
        "info": {"title": "dyad", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Bilateral-relations facts from news, merged across articles, each with its sources."},
        "paths": paths,
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas
        }
    })
}
