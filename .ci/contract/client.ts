// A client of the example API, typed by openapi-typescript from the document the example
// server serves (out/api.ts). It narrows an error by its `code`, and reads each code's detail
// fields with their JSON types: this must compile under `tsc --strict`.
import type { paths } from "./out/api";

type GetUser = paths["/users/{id}"]["get"];
type NotFound = GetUser["responses"][404]["content"]["application/problem+json"];

export function describe(error: NotFound): string {
  switch (error.code) {
    case "USER_NOT_FOUND": {
      // The detail is the user id, an integer.
      const id: number = error.id;
      return `no user ${id}: ${error.detail}`;
    }
    case "REQUEST_REJECTED":
      // A bare 4xx a layer answered, in the envelope (`all_errors_as`): no details.
      return `rejected: ${error.detail}`;
    default: {
      // Every code of the response is handled above, so nothing is left here.
      const unhandled: never = error;
      return unhandled;
    }
  }
}
