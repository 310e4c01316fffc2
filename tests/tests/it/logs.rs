//! The log lines the glue writes, captured: a `tracing` subscriber whose writer is a shared
//! buffer. Each area that reads the log imports `crate::logs`.
//!
//! The subscriber is set per thread (`tracing::subscriber::set_default`), never globally: the
//! other areas run beside these tests in the same process, on other threads, and their log
//! lines must not land in this buffer.

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// A `MakeWriter` into a shared buffer.
#[derive(Clone, Default)]
pub struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Buffer {
    /// Every line written so far.
    pub fn lines(&self) -> Vec<String> {
        let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&bytes)
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The glue's lines that mention `needle`.
    pub fn lines_with(&self, needle: &str) -> Vec<String> {
        self.lines()
            .into_iter()
            .filter(|line| line.contains("error response") && line.contains(needle))
            .collect()
    }

    /// A subscriber that writes every event down to DEBUG into this buffer.
    pub fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync {
        self.subscriber_down_to(tracing::Level::DEBUG)
    }

    /// A subscriber that writes every event down to `level` into this buffer.
    pub fn subscriber_down_to(
        &self,
        level: tracing::Level,
    ) -> impl tracing::Subscriber + Send + Sync {
        tracing_subscriber::fmt()
            .with_max_level(level)
            .with_writer(self.clone())
            .finish()
    }
}

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffer {
    type Writer = Buffer;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}
