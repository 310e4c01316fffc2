#!/usr/bin/env bash
# Build cost, measured on this machine in one run (README, "Build cost"):
#  1. cold `cargo build` of a crate depending on apierror (default features, which include
#     axum; and without them) vs on thiserror;
#  2. incremental rebuild of a crate with a 200-variant enum deriving thiserror + ApiError vs
#     the same enum deriving thiserror alone (after an edit to the enum's file).
# Usage: bash bench/build-times.sh   (from the repository root; takes a few minutes)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

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

apierror_dep="apierror = { path = \"$root/runtime\" }"
crate cold-apierror "$apierror_dep"
crate cold-apierror-no-default "apierror = { path = \"$root/runtime\", default-features = false }"
crate cold-thiserror 'thiserror = "2"'
echo 'pub use apierror::ApiError;' > "$work/cold-apierror/src/lib.rs"
echo 'pub use apierror::ApiError;' > "$work/cold-apierror-no-default/src/lib.rs"
echo 'pub use thiserror::Error;' > "$work/cold-thiserror/src/lib.rs"
for c in cold-apierror cold-apierror-no-default cold-thiserror; do (cd "$work/$c" && cargo fetch -q); done

for c in cold-thiserror cold-apierror-no-default cold-apierror; do
  start=$(now)
  (cd "$work/$c" && cargo build -q)
  echo "cold build, $c: $(elapsed "$start") s"
done

crate big-both "thiserror = \"2\"\n$apierror_dep"
crate big-thiserror 'thiserror = "2"'
enum_of 'thiserror::Error, apierror::ApiError' > "$work/big-both/src/lib.rs"
enum_of 'thiserror::Error' > "$work/big-thiserror/src/lib.rs"
for c in big-thiserror big-both; do
  (cd "$work/$c" && cargo build -q)
  total=0
  for run in 1 2 3; do
    # A real edit (a message changes), a second apart so no timestamp can hide it.
    sleep 1
    sed -i "s/variant 0 failed[^\"]*for/variant 0 failed (edit $run) for/" "$work/$c/src/lib.rs"
    start=$(now)
    (cd "$work/$c" && cargo build 2>&1 | grep -q "Compiling $c") || { echo "no rebuild in $c" >&2; exit 1; }
    t=$(elapsed "$start")
    total=$(echo "$total + $t" | bc -l)
  done
  echo "incremental rebuild, 200 variants, $c: $(echo "$total / 3" | bc -l | xargs printf '%.2f') s (mean of 3)"
done
