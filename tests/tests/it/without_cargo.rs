//! The derive in a build without cargo (Bazel, Buck, plain `rustc`), where none of cargo's
//! `CARGO_PKG_*` variables is set: the generated code must still compile, and the defaults that
//! come from those variables (the domain and version of `ApiError::API`) are simply absent.
//!
//! The test compiles a small program with `rustc` itself, against the `apierror` this test was
//! built with (found beside the test binary), with every `CARGO_*` variable removed from the
//! environment, then runs it.

use std::path::{Path, PathBuf};
use std::process::Command;

const PROGRAM: &str = r#"
use apierror::ApiError as _;

#[derive(Debug, apierror::ApiError)]
#[api(status = 404, code = "GONE", message = "gone")]
struct Gone;

#[derive(Debug, apierror::ApiError)]
#[api(domain = "api.example.com", version = "2.0.0")]
#[api(status = 404, code = "KEPT", message = "kept")]
struct Kept;

fn body<E: apierror::envelope::Envelope>(error: &impl apierror::ApiError) -> String {
    let response = apierror::render::<E>(error, &apierror::envelope::RequestInfo::new().with_request_id("r"));
    String::from_utf8(response.into_body()).unwrap()
}

fn main() {
    assert_eq!(Gone.code(), "GONE");
    println!("{:?} {:?}", Gone::API.domain, Gone::API.version);
    println!("{:?} {:?}", Kept::API.domain, Kept::API.version);
    println!("{}", body::<apierror::envelope::Google>(&Gone));
    let meta = body::<apierror::envelope::DataErrorMeta>(&Gone);
    println!("{}", &meta[meta.find("\"timestamp\"").unwrap()..].split('Z').nth(1).unwrap());
}
"#;

/// The directory of the test binary: cargo's `deps`, where `libapierror-*.rlib` and every
/// library it depends on are.
fn deps_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.parent().expect("the deps directory").to_path_buf()
}

/// The `apierror` rlibs in `deps`, newest first (the one just built for this test is the
/// newest; older ones may remain from builds with other features).
fn runtime_rlibs(deps: &Path) -> Vec<PathBuf> {
    let mut rlibs: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(deps)
        .expect("read the deps directory")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("libapierror-") && name.ends_with(".rlib"))
        })
        .filter_map(|path| Some((path.metadata().ok()?.modified().ok()?, path)))
        .collect();
    rlibs.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    rlibs.into_iter().map(|(_, path)| path).collect()
}

/// `rustc` with no `CARGO_*` variable in its environment.
fn rustc() -> Command {
    let mut command = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()));
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(|name| name.starts_with("CARGO")) {
            command.env_remove(name);
        }
    }
    command
}

#[test]
fn the_derive_compiles_and_runs_without_cargo() {
    let deps = deps_dir();
    let rlibs = runtime_rlibs(&deps);
    assert!(
        !rlibs.is_empty(),
        "no libapierror rlib in {}",
        deps.display()
    );
    let work = std::env::temp_dir().join(format!("apierror-without-cargo-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("a scratch directory");
    let source = work.join("main.rs");
    std::fs::write(&source, PROGRAM).expect("write the program");
    let program = work.join("program");

    let mut failures = Vec::new();
    let built = rlibs.iter().find(|rlib| {
        let output = rustc()
            .args([
                "--edition",
                "2021",
                "--crate-type",
                "bin",
                "--crate-name",
                "program",
            ])
            .arg("--extern")
            .arg(format!("apierror={}", rlib.display()))
            .arg("-L")
            .arg(format!("dependency={}", deps.display()))
            .arg("-o")
            .arg(&program)
            .arg(&source)
            .output()
            .expect("run rustc");
        if !output.status.success() {
            failures.push(format!(
                "{}:\n{}",
                rlib.display(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        output.status.success()
    });
    assert!(
        built.is_some(),
        "the program did not compile without cargo against any apierror rlib:\n{}",
        failures.join("\n")
    );

    let output = Command::new(&program).output().expect("run the program");
    let _ = std::fs::remove_dir_all(&work);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            // No package name or version without cargo: no default domain or version.
            "None None",
            // What the attributes say is kept.
            r#"Some("api.example.com") Some("2.0.0")"#,
            // Google leaves the domain out, DataErrorMeta the version.
            r#"{"error":{"code":404,"message":"gone","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"GONE"},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"r"}]}}"#,
            r#""}}"#,
        ]
    );
}
