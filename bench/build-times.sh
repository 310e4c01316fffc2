#!/usr/bin/env bash
# Build cost, measured on this machine in one run (BENCHMARKS.md, "Build cost"):
#  1. cold `cargo build` of a crate depending on apierror (without default features; with the
#     default `axum`, which needs only axum-core; with `axum-extract`, which needs the axum
#     crate) vs on thiserror; and of an axum application alone vs the same with apierror, which
#     is what an axum user pays; and of a crate depending on utoipa alone vs on utoipa and
#     apierror's `utoipa` feature, what documenting errors in OpenAPI costs a utoipa user; and
#     of a tonic server (tonic with its default features, tonic-types) alone vs with apierror's
#     `tonic` feature (without its default `axum`) and its layer, what a gRPC service pays;
#     With `frameworks` (only this part): the same for a salvo app (salvo's default features), a
#     poem app (poem's default features) and an axum app with server_fn's axum integration,
#     each alone vs with apierror's `salvo`, `poem` or `server_fn` feature and its layer;
#  2. incremental rebuild of a crate with a 200-variant enum deriving thiserror + ApiError vs
#     the same enum deriving thiserror alone (after an edit to the enum's file), median of 7;
#     and the same for a 500-variant enum mixing the common shapes, a quarter each: a 404 whose
#     message is its `#[error]` template, a 400 with a code, a `message` template and a
#     `String` detail, a retryable 429 with a `u64` `retry_after` field, and a 500 wrapping a
#     `#[source] std::io::Error` (the target: ApiError at most 1.3x thiserror alone).
# Usage: bash bench/build-times.sh            (from the repository root; takes a few minutes)
#        bash bench/build-times.sh rebuild    (only part 2, the incremental rebuilds)
#        bash bench/build-times.sh frameworks (only the salvo, poem and server_fn rows)
# The temporary crates live in a fresh directory, removed at the end; BENCH_WORK=dir builds
# them there instead and keeps them, so that iterating on `rebuild` does not rebuild the
# dependencies every time (delete the directory when done).
set -euo pipefail
mode=${1:-all}
case $mode in all | rebuild | frameworks) ;; *) echo "usage: $0 [rebuild|frameworks]" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ -n ${BENCH_WORK:-} ]]; then
  work=$BENCH_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }

crate() { # name, dependencies
  mkdir -p "$work/$1/src"
  printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%b\n[workspace]\n' \
    "$1" "$2" > "$work/$1/Cargo.toml"
}

enum_of() { # derives
  echo "#[derive(Debug, $1)]"
  echo "pub enum Big {"
  for i in $(seq 0 199); do
    if [[ $1 == *ApiError* ]]; then
      echo "    #[error(\"variant $i failed for {id}\")] #[api(status = 400)] V$i { id: u64 },"
    else
      echo "    #[error(\"variant $i failed for {id}\")] V$i { id: u64 },"
    fi
  done
  echo "}"
}

mixed_enum_of() { # derives: 500 variants, the four common shapes in turn
  local api=0
  [[ $1 == *ApiError* ]] && api=1
  a() { ((api)) && printf '%s' "$1"; return 0; }
  echo "#[derive(Debug, $1)]"
  echo "pub enum Mixed {"
  for i in $(seq 0 124); do
    echo "    #[error(\"user {id} not found (v$i)\")] $(a '#[api(status = 404)] ')NotFound$i { id: u64 },"
    echo "    #[error(\"bad {field}\")] $(a "#[api(status = 400, code = \"BAD_$i\", message = \"The '{field}' field is invalid\")] ")Bad$i { $(a '#[api(detail)] ')field: String },"
    echo "    #[error(\"slow down\")] $(a "#[api(status = 429, code = \"SLOW_$i\", retryable)] ")Slow$i { $(a '#[api(retry_after)] ')wait: u64 },"
    echo "    #[error(\"storage failed\")] $(a '#[api(status = 500)] ')Io$i(#[source] std::io::Error),"
  done
  echo "}"
}

apierror_dep="apierror = { path = \"$root/runtime\" }"
axum_dep='axum = "0.8"\ntokio = { version = "1", features = ["macros", "rt-multi-thread"] }'
if [[ $mode == all ]]; then
  crate cold-apierror "$apierror_dep"
  crate cold-apierror-no-default "apierror = { path = \"$root/runtime\", default-features = false }"
  crate cold-apierror-axum-extract "apierror = { path = \"$root/runtime\", features = [\"axum-extract\"] }"
  crate cold-thiserror 'thiserror = "2"'
  crate cold-axum-app "$axum_dep"
  crate cold-axum-app-apierror "$axum_dep\n$apierror_dep"
  crate cold-utoipa 'utoipa = "6"'
  crate cold-utoipa-apierror "utoipa = \"6\"\napierror = { path = \"$root/runtime\", features = [\"utoipa\"] }"
  tonic_dep='tonic = "0.14"\ntonic-types = "0.14"'
  crate cold-tonic-app "$tonic_dep"
  crate cold-tonic-app-apierror "$tonic_dep\napierror = { path = \"$root/runtime\", default-features = false, features = [\"tonic\"] }"
  for c in cold-apierror cold-apierror-no-default cold-apierror-axum-extract; do
    echo 'pub use apierror::ApiError;' > "$work/$c/src/lib.rs"
  done
  echo 'pub use thiserror::Error;' > "$work/cold-thiserror/src/lib.rs"
  echo 'pub use utoipa::OpenApi;' > "$work/cold-utoipa/src/lib.rs"
  printf '%s\n' 'pub use utoipa::OpenApi;' 'pub use apierror::openapi::responses;' \
    > "$work/cold-utoipa-apierror/src/lib.rs"
  echo 'pub fn app() -> axum::Router { axum::Router::new() }' > "$work/cold-axum-app/src/lib.rs"
  printf '%s\n' 'pub fn app() -> axum::Router {' \
    '    axum::Router::new().layer(apierror::axum::ErrorContextLayer::new())' '}' \
    > "$work/cold-axum-app-apierror/src/lib.rs"
  printf '%s\n' 'pub fn server() -> tonic::transport::Server {' \
    '    tonic::transport::Server::builder()' '}' > "$work/cold-tonic-app/src/lib.rs"
  printf '%s\n' 'pub fn server() -> impl Sized {' \
    '    tonic::transport::Server::builder().layer(apierror::tonic::ErrorContextLayer::new())' '}' \
    > "$work/cold-tonic-app-apierror/src/lib.rs"
  for c in cold-apierror cold-apierror-no-default cold-apierror-axum-extract cold-thiserror \
    cold-axum-app cold-axum-app-apierror cold-utoipa cold-utoipa-apierror cold-tonic-app \
    cold-tonic-app-apierror; do
    (cd "$work/$c" && cargo fetch -q)
  done

  for c in cold-thiserror cold-apierror-no-default cold-apierror cold-apierror-axum-extract \
    cold-axum-app cold-axum-app-apierror cold-utoipa cold-utoipa-apierror cold-tonic-app \
    cold-tonic-app-apierror; do
    start=$(now)
    (cd "$work/$c" && cargo build -q)
    echo "cold build, $c: $(elapsed "$start") s"
  done
fi

if [[ $mode == frameworks ]]; then
  salvo_dep='salvo = "1.1"'
  crate cold-salvo-app "$salvo_dep"
  crate cold-salvo-app-apierror "$salvo_dep\napierror = { path = \"$root/runtime\", default-features = false, features = [\"salvo\"] }"
  echo 'pub fn service() -> salvo::Service { salvo::Service::new(salvo::Router::new()) }' \
    > "$work/cold-salvo-app/src/lib.rs"
  printf '%s\n' 'pub fn service() -> salvo::Service {' \
    '    salvo::Service::new(salvo::Router::new()).hoop(apierror::salvo::ErrorContext::new())' '}' \
    > "$work/cold-salvo-app-apierror/src/lib.rs"
  poem_dep='poem = "3"'
  crate cold-poem-app "$poem_dep"
  crate cold-poem-app-apierror "$poem_dep\napierror = { path = \"$root/runtime\", default-features = false, features = [\"poem\"] }"
  echo 'pub fn app() -> impl poem::Endpoint { poem::Route::new() }' > "$work/cold-poem-app/src/lib.rs"
  printf '%s\n' 'pub fn app() -> impl poem::Endpoint {' \
    '    poem::EndpointExt::with(poem::Route::new(), apierror::poem::ErrorContext::new())' '}' \
    > "$work/cold-poem-app-apierror/src/lib.rs"
  server_fn_dep="$axum_dep\nserver_fn = { version = \"0.8.13\", features = [\"axum\"] }"
  crate cold-server-fn-app "$server_fn_dep"
  crate cold-server-fn-app-apierror "$server_fn_dep\napierror = { path = \"$root/runtime\", features = [\"server_fn\"] }"
  printf '%s\n' 'pub fn app() -> axum::Router {' \
    '    axum::Router::new().route("/api/{*f}", axum::routing::post(server_fn::axum::handle_server_fn))' '}' \
    > "$work/cold-server-fn-app/src/lib.rs"
  printf '%s\n' 'pub fn app() -> axum::Router {' \
    '    axum::Router::new().route("/api/{*f}", axum::routing::post(server_fn::axum::handle_server_fn))' \
    '        .layer(apierror::server_fn::ErrorStatusLayer::new())' '}' \
    > "$work/cold-server-fn-app-apierror/src/lib.rs"
  for c in cold-salvo-app cold-salvo-app-apierror cold-poem-app cold-poem-app-apierror \
    cold-server-fn-app cold-server-fn-app-apierror; do
    (cd "$work/$c" && cargo fetch -q)
  done
  for c in cold-salvo-app cold-salvo-app-apierror cold-poem-app cold-poem-app-apierror \
    cold-server-fn-app cold-server-fn-app-apierror; do
    start=$(now)
    (cd "$work/$c" && cargo build -q)
    echo "cold build, $c: $(elapsed "$start") s"
  done
  exit 0
fi

crate big-both "thiserror = \"2\"\n$apierror_dep"
crate big-thiserror 'thiserror = "2"'
crate mixed-both "thiserror = \"2\"\n$apierror_dep"
crate mixed-thiserror 'thiserror = "2"'
enum_of 'thiserror::Error, apierror::ApiError' > "$work/big-both/src/lib.rs"
enum_of 'thiserror::Error' > "$work/big-thiserror/src/lib.rs"
mixed_enum_of 'thiserror::Error, apierror::ApiError' > "$work/mixed-both/src/lib.rs"
mixed_enum_of 'thiserror::Error' > "$work/mixed-thiserror/src/lib.rs"
for c in big-thiserror big-both mixed-thiserror mixed-both; do (cd "$work/$c" && cargo build -q); done

# Seven rebuilds each, the two crates of a pair taking turns so that a slow spell of the
# machine hits both alike; the median of each is reported. The edit is a real one (a message
# changes, so the crate recompiles): a sed expression in which RUN is the run's number.
declare -A times
rebuilds() { # label, crate, crate, sed expression with RUN for the run's number
  local label=$1 a=$2 b=$3 edit=$4
  for run in 1 2 3 4 5 6 7; do
    for c in "$a" "$b"; do
      # A second apart so no timestamp can hide the edit.
      sleep 1
      sed -i "${edit//RUN/$run}" "$work/$c/src/lib.rs"
      start=$(now)
      (cd "$work/$c" && cargo build 2>&1 | grep -q "Compiling $c") || { echo "no rebuild in $c" >&2; exit 1; }
      times[$c]+="$(elapsed "$start") "
    done
  done
  for c in "$a" "$b"; do
    median=$(echo "${times[$c]}" | tr ' ' '\n' | grep . | sort -n | sed -n 4p)
    echo "incremental rebuild, $label, $c: $median s (median of 7: ${times[$c]% })"
    eval "median_$(echo "$c" | tr - _)=$median"
  done
}
rebuilds "200 variants" big-thiserror big-both 's/variant 0 failed[^"]*for/variant 0 failed (edit RUN) for/'
rebuilds "500 mixed variants" mixed-thiserror mixed-both 's/not found (v0[^)]*)/not found (v0, edit RUN)/'
echo "ratio, 200 variants: $(echo "$median_big_both / $median_big_thiserror" | bc -l | xargs printf '%.2f')x"
echo "ratio, 500 mixed variants: $(echo "$median_mixed_both / $median_mixed_thiserror" | bc -l | xargs printf '%.2f')x"
