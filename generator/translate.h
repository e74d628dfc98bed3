/* translate.h - an edition in another language: a pass over a document's
 * presentation tree (ptree.h). A translation is a document of its own
 * (translations/ID.LANG.xml beside the document, see schema/mishto.rng):
 * strings, each named by the key that says where it goes
 * ("ap.housing-access", "intro.1.2", "label.tick") and carrying the source
 * text it was made from. Every node of the tree with a key gets the
 * translation's words; nothing is parsed or checked again. */
#ifndef MISHTO_TRANSLATE_H
#define MISHTO_TRANSLATE_H

#include "model.h"

struct arena;
struct diag;
struct pt_node;

/* Puts tr's strings into tree, a document of kind (in arena a): the keys
 * of the document's own words (and, for a pledge, its form's) from tr,
 * those of the form it refers to (a guidance's action point titles) from
 * form_tr when given. A string with no translation, or whose source text
 * has changed since it was translated (stale), stays in the source
 * language, marked with that language: with each, a warning names each
 * one, its key and place; without, one warning says how many (a build
 * says that much; check --lang lists them). A translated string nothing
 * of the kind has is reported too. The tree's language becomes tr's.
 * Returns the number of strings left untranslated (stale ones included),
 * or -1 when memory ran out. */
int translate_tree(struct pt_node *tree, struct arena *a,
                   enum document_kind kind, struct document *tr,
                   struct document *form_tr, int each, struct diag *d);

#endif
