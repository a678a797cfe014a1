//! The store's error type: a database error with what was being done, or
//! stored data that does not read back.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("sqlite: {what}: {source}")]
    Sqlite {
        /// What the store was doing, lower-case (`updating a job`).
        what: String,
        /// SQLite's own error.
        #[source]
        source: rusqlite::Error,
    },
    /// PostgreSQL refused an operation.
    #[error("postgresql: {what}: {source}")]
    Postgres {
        /// What the store was doing, lower-case.
        what: String,
        /// The PostgreSQL client's own error.
        #[source]
        source: postgres::Error,
    },
    /// Stored or given data is not what the store expects (a bad location, a corrupt row); the text says which and quotes the value.
    #[error("{0}")]
    Data(String),
    /// A file or directory of the store could not be read or written.
    #[error("{what}: {source}")]
    Io {
        /// What the store was doing, naming the path.
        what: String,
        /// The operating system's error.
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
