//! The one builder of the small synthetic datasets the tests write by hand (not campaign facts):
//! the format v1 envelope with a single category, `test`, around companies and brands given as
//! JSON. A test states only what its rows are about; everything else is this file's.
//!
//! ```ignore
//! let d = dataset(json!([with(company("gap", "Gap Inc.", json!(["Gap"])), json!({"symbols": ["NYSE:GAP"]}))]), json!([]));
//! let e = engine(d);
//! ```

use backstory::{Dataset, Engine};
use serde_json::{json, Value};

/// The `as_of` date of every fixture dataset and company.
pub const AS_OF: &str = "2024-01-01";

/// A dataset in format v1 with one category, `test`, and these companies and brands (JSON arrays).
pub fn dataset(companies: Value, brands: Value) -> Value {
    json!({
        "format": "backstory-dataset", "format_version": 1, "id": "test-fixture", "title": "Test fixture",
        "publisher": {"name": "tests"}, "version": 1, "license": "CC0-1.0", "as_of": AS_OF,
        "profile_origins": [], "categories": [{"id": "test", "label": "Test", "description": "Test."}],
        "companies": companies, "brands": brands,
    })
}

/// A company in category `test` named `name` (its legal name too), with these aliases: strings
/// (the default rules) or alias objects. More fields (symbols, domains) go on with [`with`].
pub fn company(id: &str, name: &str, aliases: Value) -> Value {
    json!({"id": id, "name": name, "legal_name": name, "aliases": aliases, "categories": ["test"],
           "summary": "Test fixture company.", "as_of": AS_OF})
}

/// `value` (a JSON object) with `fields` set over its own.
pub fn with(mut value: Value, fields: Value) -> Value {
    let (Value::Object(to), Value::Object(from)) = (&mut value, fields) else {
        panic!("with() takes two JSON objects")
    };
    to.extend(from);
    value
}

/// `value` read as a dataset; panics unless it has the v1 shape.
pub fn parse(value: Value) -> Dataset {
    serde_json::from_value(value).expect("the fixture has the dataset v1 shape")
}

/// The engine over `value`; panics unless it is a valid dataset.
pub fn engine(value: Value) -> Engine {
    Engine::new(parse(value)).expect("the fixture is a valid dataset")
}
