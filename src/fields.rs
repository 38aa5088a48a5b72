//! The field names a `Deserialize` struct accepts, read from serde itself, so the loader can
//! name an unknown key at its own line and column.

use serde::de::{self, DeserializeOwned, Visitor};
use std::cell::Cell;

thread_local! {
    static FIELDS: Cell<Option<&'static [&'static str]>> = const { Cell::new(None) };
}

#[derive(Debug)]
struct Captured;

impl std::fmt::Display for Captured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("fields captured")
    }
}

impl std::error::Error for Captured {}

impl de::Error for Captured {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Captured
    }
}

struct FieldsOf;

impl<'de> de::Deserializer<'de> for FieldsOf {
    type Error = Captured;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Captured> {
        Err(Captured)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Captured> {
        FIELDS.with(|f| f.set(Some(fields)));
        Err(Captured)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The fields of struct `T` (empty for anything that is not a plain struct).
pub fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    FIELDS.with(|f| f.set(None));
    let _ = T::deserialize(FieldsOf);
    FIELDS.with(|f| f.get()).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Two {
        a: u8,
        #[serde(rename = "b-b")]
        b: String,
    }

    #[test]
    fn reads_field_names() {
        assert_eq!(super::struct_fields::<Two>(), ["a", "b-b"]);
    }
}
