// The same client with a misspelt code: `tsc --strict` must reject it (.ci/contract/run checks
// that it fails, naming the typo).
import type { paths } from "./out/api";

type NotFound =
  paths["/users/{id}"]["get"]["responses"][404]["content"]["application/problem+json"];

export function isMissing(error: NotFound): boolean {
  return error.code === "USER_NOT_FOUNDD";
}
