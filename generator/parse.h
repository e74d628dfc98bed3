/* parse.h - XML source to document model. Reads with libxml2 (no network,
 * no DTDs, no entity loading), validates against the embedded RELAX NG
 * schema, then builds the typed model with a file:line:col on every node.
 * Knows nothing of layout or output. */
#ifndef MISHTO_PARSE_H
#define MISHTO_PARSE_H

#include "model.h"

struct diag;
struct source;
struct parse_schema;

#define MISHTO_NS "urn:mishto:1"

/* The schema compiled into the binary; NULL (with a diagnostic) if it
 * cannot be loaded, which is an internal error. */
struct parse_schema *parse_schema_load(struct diag *d);
void parse_schema_free(struct parse_schema *s);

/* Returns the document, or NULL after reporting errors. The document keeps
 * pointers into src (for locations): src must outlive it. */
/* The id on the root element of a file that may not parse (a cheap
 * scan of its start tag), to know which documents name it; NULL when
 * there is none to find. The caller frees it. */
char *parse_root_id(const struct source *src);

struct document *parse_document(const struct source *src,
                                struct parse_schema *schema,
                                struct diag *d);

/* The schema text itself (for `mishto schema` and editors). */
extern const unsigned char mishto_schema_rng[];
extern const size_t mishto_schema_rng_len;

/* The schema cut down to each document root's part, made from it when
 * the program is built (tools/schema-roots.c): a document is validated
 * against its root's, which accepts what the whole schema accepts of it
 * and compiles in a fraction of the time. */
struct parse_schema_root {
	const char *element;
	const unsigned char *rng;
	size_t len;
};
extern const struct parse_schema_root mishto_schema_roots[];
extern const size_t mishto_schema_nroots;

/* Which of mishto_schema_roots a root element is, by its namespace and
 * name (ns NULL: none); mishto_schema_nroots when it is none of them. */
size_t parse_schema_root_index(const char *ns, const char *name);

#endif
