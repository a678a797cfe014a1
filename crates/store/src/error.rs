//! The store's error type: a database error with what was being done, or
//! stored data that does not read back.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {what}: {source}")]
    Sqlite {
        what: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("postgresql: {what}: {source}")]
    Postgres {
        what: String,
        #[source]
        source: postgres::Error,
    },
    #[error("{0}")]
    Data(String),
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

pub(crate) trait Context<T> {
    fn ctx(self, what: &str) -> Result<T, StoreError>;
}

impl<T> Context<T> for Result<T, rusqlite::Error> {
    fn ctx(self, what: &str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite {
            what: what.to_string(),
            source,
        })
    }
}

impl<T> Context<T> for Result<T, postgres::Error> {
    fn ctx(self, what: &str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Postgres {
            what: what.to_string(),
            source,
        })
    }
}
