// How deep request data may nest in the embedded server.

/**
 * The deepest nesting of objects and arrays (the outermost object counts 1) a request body may
 * have, for JSON and YAML alike.
 *
 * kube-apiserver's decoders allow 10000 (Go's `encoding/json` and go-yaml limits; goroutine
 * stacks grow). A Node.js stack does not: the `yaml` package overflows near 800 levels, the
 * server's recursive walks (decoding, pruning, apply field sets, YAML output) near 700, and a
 * stack overflow inside V8's regular-expression compiler aborts the whole process instead of
 * throwing. 256 keeps every path that handles a stored object at least 2.5x away from those
 * limits, while real objects rarely pass 30 levels (a CRD schema 100 schemas deep is 200).
 * Deeper bodies answer 400 with the decoder's `exceeded max depth` message, as kube-apiserver
 * does beyond its own limit.
 */
export const MAX_NESTING_DEPTH = 256;
