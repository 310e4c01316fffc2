//! The request context: the request's id and path, known to every error rendered while the
//! request is handled. (Being written: issue 3.)
