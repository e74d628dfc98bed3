/* rules.h - the rules a document's words keep wherever they are, run over
 * its presentation tree (ptree.h), so no text slot escapes them: titles,
 * labels, cells, running headers and metadata, and every string a
 * translation puts in.
 *
 *   link-scheme        links go to the web (http, https), mail or a phone
 *   placeholder-link   a link with no address yet ("#", empty): warned
 *   personal-data      contact details (email addresses, phone numbers,
 *                      links to them) belong in contact fields; found
 *                      anywhere else they are warned about, naming where
 *
 * and the public edition (rules_withhold): contact fields, internal notes
 * and contact details found anywhere else are withheld. Detection reads
 * the words of a whole run of text, so markup cannot split an address;
 * it knows international and formatted numbers, obfuscated addresses
 * ("name [at] example [dot] org") and links that reach a person (mailto:,
 * tel:, sms:, WhatsApp, Telegram, Signal). */
#ifndef MISHTO_RULES_H
#define MISHTO_RULES_H

struct arena;
struct diag;
struct pt_node;
struct rules;

/* The rules for one run (each place is reported once a run, however many
 * editions show it). NULL, with a diagnostic, when they cannot be
 * prepared. */
struct rules *rules_new(struct diag *d);
void rules_free(struct rules *r);

/* Reports what in tree breaks the rules (only the words a translation
 * put in, when translated_only). Returns the number of errors. */
int rules_check(struct rules *r, const struct pt_node *tree,
                int translated_only);

/* The public edition of tree, in place (new words in arena a): contact
 * fields emptied, internal notes and private spans removed, contact
 * details in any other text replaced by RULES_WITHHELD, links to them
 * made plain words. 0, or -1 when memory runs out. */
int rules_withhold(struct rules *r, struct pt_node *tree, struct arena *a);

#define RULES_WITHHELD "[contact details withheld]"

#endif
