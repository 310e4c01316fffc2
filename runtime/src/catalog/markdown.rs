//! The catalog as a Markdown page, laid out like the error pages of the APIs it imitates: the
//! introduction, one table of every code, then a section per code with an example response.

use core::fmt::Write as _;

use super::{Catalog, FieldRole, Record};

impl Catalog {
    /// The catalog as a Markdown page: the error type's doc comment, a table
    /// `| Code | Status | gRPC | Description | What to do |` ordered by status then code, and a
    /// section per code (in the same order) with its description, retry behaviour, fields and
    /// an example response in the type's envelope.
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        if !self.about.is_empty() {
            out.push_str(self.about);
            out.push_str("\n\n");
        }
        out.push_str(
            "| Code | Status | gRPC | Description | What to do |\n|---|---|---|---|---|\n",
        );
        let sorted = self.by_status();
        for record in &sorted {
            let entry = record.entry;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&code_span(entry.code)),
                entry.status,
                cell(entry.grpc()),
                cell(summary(record)),
                cell(entry.help.unwrap_or("")),
            );
        }
        for record in &sorted {
            section(&mut out, record);
        }
        out
    }
}

/// What the table says a code means: its summary, else its title.
fn summary(record: &Record) -> &'static str {
    let entry = record.entry;
    if entry.summary.is_empty() {
        entry.title()
    } else {
        entry.summary
    }
}

fn section(out: &mut String, record: &Record) {
    let entry = record.entry;
    let _ = write!(out, "\n## {}\n\n{}", code_span(entry.code), entry.status);
    if let Some(reason) = entry.status_code().canonical_reason() {
        let _ = write!(out, " {reason}");
    }
    if entry.descriptor.title.is_some() {
        let _ = write!(out, " · {}", entry.title());
    }
    out.push_str("\n\n");
    // Without a doc comment the summary is the title, already in the line above.
    for text in [entry.summary, entry.description] {
        if !text.is_empty() {
            out.push_str(text);
            out.push_str("\n\n");
        }
    }
    if let Some(help) = entry.help {
        let _ = write!(out, "**What to do:** {help}\n\n");
    }
    let retry = match (
        entry.retryable,
        entry.retry_after,
        entry.has(FieldRole::RetryAfter),
    ) {
        (false, _, _) => "Do not retry the same request unchanged.".to_owned(),
        (true, Some(delay), _) => format!(
            "Retryable: wait {} s (the `Retry-After` header), then retry.",
            delay.as_secs() + u64::from(delay.subsec_nanos() > 0)
        ),
        (true, None, true) => {
            "Retryable: wait as long as the `Retry-After` header says, then retry.".to_owned()
        }
        (true, None, false) => "Retryable, with backoff.".to_owned(),
    };
    out.push_str(&retry);
    out.push_str("\n\n");
    if let Some(uri) = entry.descriptor.type_uri {
        let _ = write!(out, "Problem type: `{uri}`\n\n");
    }
    if !entry.fields.is_empty() {
        out.push_str("| Field | Type | Sent as |\n|---|---|---|\n");
        for field in entry.fields {
            let sent = match field.role {
                FieldRole::Detail => "a detail",
                FieldRole::RetryAfter => "the retry delay (`Retry-After`)",
                FieldRole::RateLimit => "the rate-limit headers",
                FieldRole::Violations => "the per-field violations",
            };
            let _ = writeln!(
                out,
                "| {} | {} | {sent} |",
                cell(&code_span(field.name)),
                cell(&code_span(field.rust_type))
            );
        }
        out.push('\n');
    }
    let example = &record.example;
    let _ = write!(
        out,
        "```http\nHTTP/1.1 {} {}\n",
        example.status.as_u16(),
        example.status.canonical_reason().unwrap_or("")
    );
    for (name, value) in &example.headers {
        let _ = writeln!(out, "{name}: {value}");
    }
    let _ = write!(out, "\n{}\n```\n", example.body);
}

/// `text` as inline code, fenced with more backticks than the longest run it holds.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    if longest == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

/// Text that stays inside one table cell: no line breaks, no unescaped `|`.
fn cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}
