/* translate.h - a document's text in another language. A translation is a
 * document of its own (translations/ID.LANG.xml beside the document, see
 * schema/mishto.rng): strings, each named by a key that says where it goes
 * ("ap.housing-access", "intro.1.2", "label.tick") and carrying the source
 * text it was made from. Runs after check, before the backends. */
#ifndef MISHTO_TRANSLATE_H
#define MISHTO_TRANSLATE_H

#include "model.h"

struct diag;

/* Puts tr's strings into doc (a pledge form, guidance, minutes or action
 * plan: its text, headings, labels),
 * in doc's arena or tr's (tr must outlive doc's rendering). A string with
 * no translation, or whose source text has changed since it was
 * translated (stale), stays in the source language: with each, a warning
 * names each one, its key and place; without, one warning says how many
 * (a build says that much; check --lang lists them). A translated string
 * nothing in doc has is reported too. doc's language becomes tr's.
 * Returns the number of strings left untranslated (stale ones included),
 * or -1 when memory ran out. */
int translate_document(struct document *doc, struct document *tr,
                       int each, struct diag *d);

#endif
