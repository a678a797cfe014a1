//! How SQLite keeps the two big texts of a call, its record and its
//! audits: JSON compressed with zstd into a BLOB (about a fifth of the
//! text). Rows written before the store compressed them hold the JSON as
//! TEXT and are read as they are, so an older store opens without
//! rewriting every call. PostgreSQL compresses large values itself
//! (TOAST) and keeps the text.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

/// zstd's level: the default, fast to write, a fifth of the JSON.
const LEVEL: i32 = 3;

/// The stored form of a JSON text.
pub(crate) fn pack(json: &str) -> rusqlite::Result<Vec<u8>> {
    zstd::bulk::compress(json.as_bytes(), LEVEL)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// A JSON text read from a packed column: a BLOB is unpacked, a TEXT
/// (written before compression) taken as it is.
pub(crate) struct Packed(pub String);

impl FromSql for Packed {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Text(t) => std::str::from_utf8(t)
                .map(|s| Packed(s.to_string()))
                .map_err(|e| FromSqlError::Other(Box::new(e))),
            ValueRef::Blob(b) => {
                let bytes =
                    zstd::stream::decode_all(b).map_err(|e| FromSqlError::Other(Box::new(e)))?;
                String::from_utf8(bytes)
                    .map(Packed)
                    .map_err(|e| FromSqlError::Other(Box::new(e)))
            }
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// An optional packed column (a list without audits reads none).
pub(crate) fn unpack_opt(p: Option<Packed>) -> Option<String> {
    p.map(|p| p.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_json_reads_back_and_text_reads_as_it_is() {
        let json =
            r#"{"id":"c-1","utterances":[{"text":"здравствуйте, компания ромашка"}]}"#.repeat(20);
        let packed = pack(&json).unwrap();
        assert!(packed.len() < json.len() / 4, "{} bytes", packed.len());
        let back = Packed::column_result(ValueRef::Blob(&packed)).unwrap();
        assert_eq!(back.0, json);
        let text = Packed::column_result(ValueRef::Text(json.as_bytes())).unwrap();
        assert_eq!(text.0, json);
        assert!(Packed::column_result(ValueRef::Blob(b"not zstd")).is_err());
        assert!(Packed::column_result(ValueRef::Integer(3)).is_err());
    }
}
