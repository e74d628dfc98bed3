/* schema.h - what the schema allows, element by element, read from the
 * schema itself (schema/mishto.rng), to say in plain words what is wrong
 * with a document libxml2's RELAX NG validator has refused: the element
 * or attribute named, what is allowed there, the nearest name to a
 * misspelt one. libxml2 stays the judge of validity, so mishto and
 * xmllint --relaxng always agree; this only explains. */
#ifndef MISHTO_SCHEMA_H
#define MISHTO_SCHEMA_H

#include <stddef.h>
#include <libxml/tree.h>

struct schema_index;

/* Reads the schema's text; NULL when memory runs out (or the schema does
 * not parse, which the validator would have said already). */
struct schema_index *schema_index_new(const char *rng, size_t len);
void schema_index_free(struct schema_index *ix);

/* Where a mistake is: at an element, at an attribute's name (one the
 * element does not have), at an attribute's value, or in an element's
 * words. A value not of its form (a word not in its list, a date not
 * written YYYY-MM-DD) is the only kind at a value or in words. */
enum schema_place {
	SCHEMA_AT_ELEMENT, SCHEMA_AT_NAME, SCHEMA_AT_VALUE, SCHEMA_AT_TEXT
};

/* One mistake: at node (its attribute attr, when not NULL), the
 * message. */
typedef void (*schema_say_fn)(void *ctx, const xmlNode *node,
                              const char *attr, enum schema_place place,
                              const char *message);

/* Walks a document and says each mistake it can name once, without
 * following one into what it contains (an element not allowed where it
 * is, a misspelt or missing attribute, a value not in its list, a missing
 * child, text where none may be). Returns how many it said; 0 when the
 * mistake is one it cannot name (elements in the wrong order, one too
 * many), for the caller to give libxml2's message instead. */
size_t schema_explain(const struct schema_index *ix, const xmlNode *root,
                      schema_say_fn say, void *ctx);

#endif
