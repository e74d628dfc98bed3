/* parse.c - libxml2 tree to document model.
 *
 * libxml2 2.9 records a line per node but no column, so a SAX hook records
 * each element's byte offset in the source (the '<' of its start tag) in
 * the node itself (its _private, which libxml2 leaves to its user); lines
 * and columns then come from our own line index, which also holds past
 * 65,535 lines. */
#include "parse.h"
#include "arena.h"
#include "diag.h"
#include "reserve.h"
#include "schema.h"
#include "source.h"

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <malloc.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parse_schema {
	/* compiled when a document first needs it: the whole schema (for
	 * a root that is none of the document roots) and each root's part
	 * (mishto_schema_roots); NULL until then */
	xmlRelaxNGPtr whole;
	xmlRelaxNGPtr *root;
	/* to say what is wrong: read when a document first fails (most
	 * runs never need it); NULL until then, or if it cannot be read */
	struct schema_index *ix;
	int ix_tried;
};

/* A source longer than this (bytes) has its XML tree in a region of its
 * own, given back to the system once the document is read
 * (parse_document); a shorter one's is in the heap, which the rest of
 * the run reuses. PARSE_TREE_PER_BYTE: about what libxml2's tree takes
 * for each byte of source (a long plan's: 250 MB for 15 MB). */
#define PARSE_GIVE_BACK (1u << 20)
#define PARSE_TREE_PER_BYTE 16

/* libxml2's validation messages, kept until it is known whether the
 * schema's own table can say better (schema.c). */
#define PARSE_HELD_SCHEMA 8
struct parse_held {
	struct loc loc;
	char msg[512];
};

struct parse {
	const struct source *src;
	/* places are asked for mostly in the text's order */
	struct source_cursor *cursor;
	struct diag *diag;
	struct arena *arena;
	int errors;
	int oom;
	const void *last_schema_node;   /* one schema error per element */
	struct parse_held held[PARSE_HELD_SCHEMA];
	size_t nheld;
	int hold;                       /* schema errors held, not said */
};

/* ---------------------------------------------------------------- */
/* element offsets                                                   */

/* The offset recorded in element n (parse_sax_start_element): 0 when
 * there is none. A table by the node's address took a fortieth of a
 * long plan's time in cache misses; the node is at hand when it is read. */
static void parse_set_offset(xmlNode *n, size_t off)
{
	n->_private = (void *)(uintptr_t)(off + 1);
}

static int parse_offset(const xmlNode *n, size_t *off)
{
	if (n == NULL || n->_private == NULL)
		return 0;
	*off = (size_t)(uintptr_t)n->_private - 1;
	return 1;
}

static struct loc parse_loc_at(const struct parse *p, size_t off)
{
	struct loc l = {p->src->path, p->src, 0, 0};
	source_position_from(p->src, p->cursor, off, &l.line, &l.col);
	return l;
}

static struct loc parse_node_loc(const struct parse *p, const xmlNode *n)
{
	size_t off;
	if (parse_offset(n, &off))
		return parse_loc_at(p, off);
	struct loc l = {p->src->path, p->src, n ? (int)xmlGetLineNo(n) : 0, 0};
	return l;
}

/* The start tag is src[off..]: find attribute name's value (after the
 * quote). '<' cannot occur in attribute values, '>' can only inside quotes,
 * so a small tokenizer over the tag is exact. */
static struct loc parse_attr_place(const struct parse *p, const xmlNode *n,
                                   const char *qname, int at_name);

static struct loc parse_attr_loc(const struct parse *p, const xmlNode *n,
                                 const char *qname)
{
	return parse_attr_place(p, n, qname, 0);
}

/* Where attribute qname of n is written: its value, or its name. */
static struct loc parse_attr_place(const struct parse *p, const xmlNode *n,
                                   const char *qname, int at_name)
{
	size_t off;
	if (!parse_offset(n, &off))
		return parse_node_loc(p, n);
	const char *s = p->src->text, *end = s + p->src->len;
	const char *c = s + off + 1;
	size_t qlen = strlen(qname);
	while (c < end && !strchr(" \t\r\n/>", *c))
		c++;
	for (;;) {
		while (c < end && strchr(" \t\r\n", *c))
			c++;
		if (c >= end || *c == '>' || *c == '/')
			break;
		const char *name = c;
		while (c < end && !strchr(" \t\r\n=", *c))
			c++;
		size_t nlen = (size_t)(c - name);
		while (c < end && strchr(" \t\r\n=", *c))
			c++;
		if (c >= end || (*c != '"' && *c != '\''))
			break;
		char q = *c++;
		const char *val = c;
		while (c < end && *c != q)
			c++;
		if (nlen == qlen && memcmp(name, qname, qlen) == 0)
			return parse_loc_at(p, (size_t)((at_name ? name : val) -
			                                s));
		c++;
	}
	return parse_loc_at(p, off);
}

static void parse_sax_start_element(void *ctx, const xmlChar *localname,
                                    const xmlChar *prefix, const xmlChar *uri,
                                    int nb_namespaces,
                                    const xmlChar **namespaces,
                                    int nb_attributes, int nb_defaulted,
                                    const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	                      namespaces, nb_attributes, nb_defaulted,
	                      attributes);
	struct parse *p = ctxt->_private;
	long consumed = xmlByteConsumed(ctxt);
	if (consumed < 0 || ctxt->node == NULL)
		return;
	size_t off = (size_t)consumed;
	if (off > p->src->len)
		off = p->src->len;
	while (off > 0 && p->src->text[off] != '<')
		off--;
	parse_set_offset(ctxt->node, off);
}

static void parse_sax_internal_subset(void *ctx, const xmlChar *name,
                                      const xmlChar *external_id,
                                      const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	xmlParserCtxtPtr ctxt = ctx;
	struct parse *p = ctxt->_private;
	long consumed = xmlByteConsumed(ctxt);
	size_t off = consumed > 0 ? (size_t)consumed : 0;
	if (off > p->src->len)
		off = p->src->len;
	const char *dt = NULL;
	for (size_t i = 0; i < off; i++)
		if (strncmp(p->src->text + i, "<!DOCTYPE", 9) == 0) {
			dt = p->src->text + i;
			break;
		}
	struct loc l = parse_loc_at(p, dt ? (size_t)(dt - p->src->text) : off);
	diag_report(p->diag, DIAG_ERROR, &l, "xml-doctype",
	            "a DOCTYPE declaration is not allowed in a mishto document;"
	            " remove it (entities and DTDs are never loaded)");
	p->errors++;
	xmlStopParser(ctxt);
}

/* libxml2 says it ran out of memory with several codes (the RELAX NG
 * validator has its own), always with this message. */
static int parse_is_oom(const xmlError *e)
{
	return e->code == XML_ERR_NO_MEMORY ||
	       ((e->domain == XML_FROM_RELAXNGP ||
	         e->domain == XML_FROM_RELAXNGV) &&
	        e->code == XML_RELAXNG_ERR_MEMORY) ||
	       (e->message && strstr(e->message, "Memory allocation failed"));
}

/* Whether the line at l holds a word processor's curly quote near the
 * column (a value 'quoted' in them is the usual cause of an attribute
 * libxml2 cannot read). */
static int parse_curly_quote_near(const struct parse *p, struct loc l)
{
	size_t len;
	const char *t = source_line(p->src, l.line, &len);
	if (t == NULL)
		return 0;
	for (size_t i = 0; i + 2 < len; i++)
		if ((unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
		    ((unsigned char)t[i + 2] >= 0x98 &&
		     (unsigned char)t[i + 2] <= 0x9D))
			return 1;
	return 0;
}

/* libxml2's words for the common mistakes of a person writing XML by
 * hand, in the project's voice: what is wrong and how to write it.
 * Returns 0 when msg is left as libxml2 put it. */
static int parse_syntax_words(const struct parse *p, const xmlError *e,
                              struct loc l, char *msg, size_t size)
{
	const char *m = e->message ? e->message : "";
	char a[64] = "", b[64] = "";
	int line = 0;
	switch (e->code) {
	case XML_ERR_NAME_REQUIRED:
		if (strstr(m, "EntityRef") != NULL) {
			snprintf(msg, size, "a bare & starts a reference such as "
			         "&amp;; write & in text as &amp;");
			return 1;
		}
		if (strstr(m, "StartTag") != NULL) {
			snprintf(msg, size, "a < in text starts an element; write a "
			         "< that is text as &lt;");
			return 1;
		}
		return 0;
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
		snprintf(msg, size, "a reference such as &amp; ends in ;, and "
		         "this one does not; a & that is text is written &amp;");
		return 1;
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		snprintf(msg, size, "&%s; is not a reference XML knows (it knows "
		         "&amp; &lt; &gt; &quot; &apos;, and numbers such as "
		         "&#160;); write the character itself",
		         e->str1 ? e->str1 : "...");
		return 1;
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		if (parse_curly_quote_near(p, l))
			snprintf(msg, size, "an attribute's value is in straight "
			         "quotes, name=\"value\"; this one has curly "
			         "quotes (\u201c \u201d), as a word processor writes "
			         "them");
		else
			snprintf(msg, size, "an attribute is written "
			         "name=\"value\", its value in quotes");
		return 1;
	case XML_ERR_ATTRIBUTE_REDEFINED:
		snprintf(msg, size, "attribute %s is given twice on this "
		         "element; keep one", e->str1 ? e->str1 : "");
		return 1;
	case XML_ERR_LT_IN_ATTRIBUTE:
		snprintf(msg, size, "a < in an attribute's value is written &lt;"
		         " (or the closing quote before it is missing)");
		return 1;
	case XML_ERR_TAG_NAME_MISMATCH:
		if (sscanf(m, "Opening and ending tag mismatch: %63s line %d "
		           "and %63s", a, &line, b) == 3) {
			snprintf(msg, size, "</%s> closes <%s>, which is still "
			         "open from line %d; close it first with </%s> (or "
			         "make the names match)", b, a, line, a);
			return 1;
		}
		return 0;
	case XML_ERR_TAG_NOT_FINISHED:
		if (sscanf(m, "Premature end of data in tag %63s line %d", a,
		           &line) == 2) {
			snprintf(msg, size, "the file ends while <%s> (line %d) is "
			         "still open; close it with </%s>", a, line, a);
			return 1;
		}
		return 0;
	case XML_ERR_INVALID_CHAR: {
		unsigned ch = 0;
		if (sscanf(m, "Char 0x%X out of allowed range", &ch) == 1) {
			snprintf(msg, size, "character U+%04X (a control "
			         "character) is not allowed in XML; remove it (is "
			         "the file text, and undamaged?)", ch);
			return 1;
		}
		if (strstr(m, "attribute value") != NULL) {
			snprintf(msg, size, "a control character is not allowed in "
			         "an attribute's value; remove it");
			return 1;
		}
		return 0;
	}
	case XML_ERR_DOCUMENT_EMPTY:
		snprintf(msg, size, "the file has no element; a mishto document "
		         "starts with a root element such as <pledge-form>");
		return 1;
	default:
		return 0;
	}
}

/* libxml2 messages end in a newline and sometimes start in lower case. */
static void parse_report_xml_error(struct parse *p, const xmlError *e,
                                   struct loc l, const char *rule,
                                   const char *prefix)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (char *q = msg; *q; q++)
		if (*q == '\n')
			*q = ' ';
	/* libxml2's wording, where it speaks to programmers, in plain
	 * English */
	const char *bytes = strstr(msg, "Bytes:");
	if (e->domain == XML_FROM_PARSER &&
	    parse_syntax_words(p, e, l, msg, sizeof msg))
		;
	else if (strstr(msg, "Excessive depth") != NULL)
		snprintf(msg, sizeof msg, "elements are nested more than 256 "
		         "deep; mishto documents never need that many levels");
	else if (strstr(msg, "not proper UTF-8") != NULL) {
		char b[64];
		snprintf(b, sizeof b, "%s", bytes ? bytes + 7 : "");
		snprintf(msg, sizeof msg, "the text here is not valid UTF-8 "
		         "(bytes %s); save the file as UTF-8", b);
	} else if (strstr(msg, "failed to validate attributes") != NULL &&
	           e->str1 != NULL)
		snprintf(msg, sizeof msg, "element <%s> has a missing or "
		         "unexpected attribute (see schema/mishto.rng)",
		         e->str1);
	else if (strstr(msg, "Extra content at the end") != NULL)
		snprintf(msg, sizeof msg, "a document has one root element; "
		         "another one starts here");
	if (p->hold && e->level != XML_ERR_WARNING) {
		if (p->nheld < PARSE_HELD_SCHEMA) {
			struct parse_held *h = &p->held[p->nheld++];
			h->loc = l;
			snprintf(h->msg, sizeof h->msg, "%s%s", prefix, msg);
		}
		p->errors++;
		return;
	}
	diag_report(p->diag, e->level == XML_ERR_WARNING ? DIAG_WARNING :
	            DIAG_ERROR, &l, rule, "%s%s", prefix, msg);
	if (e->level != XML_ERR_WARNING)
		p->errors++;
}

static void parse_xml_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = user;
	struct parse *p = ctxt->_private;
	/* after the first syntax error the rest only follow from it */
	if (p->errors > 0 && e->level != XML_ERR_WARNING)
		return;
	struct loc l = {p->src->path, p->src, e->line, e->int2};
	/* libxml2 reports some errors after it moved to the next line. */
	if (l.line < 1 || (size_t)l.line > p->src->nlines) {
		l.line = (int)p->src->nlines;
		l.col = 0;
	}
	if (parse_is_oom(e)) {
		p->oom = 1;
		return;
	}
	parse_report_xml_error(p, e, l, "xml-syntax", "");
}

static struct loc parse_schema_loc(struct parse *p, const xmlNode *node,
                                   const char *attr,
                                   enum schema_place place)
{
	return attr ? parse_attr_place(p, node, attr, place == SCHEMA_AT_NAME)
	            : parse_node_loc(p, node);
}

/* One mistake named by the schema's table, at its attribute if it has
 * one. */
static void parse_schema_say(void *ctx, const xmlNode *node,
                             const char *attr, enum schema_place place,
                             const char *message)
{
	struct parse *p = ctx;
	struct loc l = parse_schema_loc(p, node, attr, place);
	diag_report(p->diag, DIAG_ERROR, &l, "schema", "%s", message);
}

/* How many mistakes the schema's table names, and how many of them are
 * in values. */
struct parse_tally {
	size_t all, values;
};

static void parse_schema_tally(void *ctx, const xmlNode *node,
                               const char *attr, enum schema_place place,
                               const char *message)
{
	struct parse_tally *t = ctx;
	(void)node;
	(void)attr;
	(void)message;
	t->all++;
	t->values += place == SCHEMA_AT_VALUE || place == SCHEMA_AT_TEXT;
}

struct parse_holding {
	struct parse *p;
	struct document *doc;
};

/* A mistake in a value, kept with the document for the checker. */
static void parse_schema_hold(void *ctx, const xmlNode *node,
                              const char *attr, enum schema_place place,
                              const char *message)
{
	struct parse_holding *h = ctx;
	struct held_error *e = arena_alloc(h->doc->arena, sizeof *e);
	char *m = arena_strdup(h->doc->arena, message);
	if (e == NULL || m == NULL) {
		h->p->oom = 1;
		return;
	}
	e->loc = parse_schema_loc(h->p, node, attr, place);
	e->message = m;
	struct held_error **end = &h->doc->held;
	while (*end != NULL)
		end = &(*end)->next;
	e->next = NULL;
	*end = e;
}

static void parse_schema_error(void *user, xmlErrorPtr e)
{
	struct parse *p = user;
	if (parse_is_oom(e)) {
		p->oom = 1;
		return;
	}
	/* For some errors ("Element X failed to validate attributes")
	 * libxml2 passes X's first child as the node; str1 names X. */
	const xmlNode *node = e->node;
	if (node != NULL && e->str1 != NULL) {
		const xmlNode *up = node;
		while (up != NULL && up->type == XML_ELEMENT_NODE &&
		       strcmp((const char *)up->name, e->str1) != 0)
			up = up->parent;
		if (up != NULL && up->type == XML_ELEMENT_NODE)
			node = up;
	}
	if (node != NULL && node == p->last_schema_node)
		return;   /* later messages about one element only echo the first */
	p->last_schema_node = node;
	struct loc l = parse_node_loc(p, node);
	if (node == NULL && e->line > 0)
		l.line = e->line;
	parse_report_xml_error(p, e, l, "schema", "does not match the schema: ");
}

/* ---------------------------------------------------------------- */
/* schema                                                            */

static void parse_schema_load_error(void *user, xmlErrorPtr e)
{
	struct diag *d = user;
	if (e->code == XML_ERR_NO_MEMORY)
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while loading the schema");
	else
		diag_report(d, DIAG_ERROR, NULL, "internal",
		            "the built-in schema does not load: %s",
		            e->message ? e->message : "unknown error");
}

/* libxml2 reports some failures (inside the schema compiler) through its
 * generic handler, which prints to stderr; ours come through diag. */
static void parse_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

struct parse_schema *parse_schema_load(struct diag *d)
{
	xmlSetGenericErrorFunc(NULL, parse_silent);
	struct parse_schema *s = calloc(1, sizeof *s);
	if (s != NULL)
		s->root = calloc(mishto_schema_nroots, sizeof *s->root);
	if (s == NULL || s->root == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while loading the schema");
		free(s);
		return NULL;
	}
	return s;
}

static xmlRelaxNGPtr parse_schema_compile(const unsigned char *rng,
                                          size_t len, struct diag *d)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(
	    (const char *)rng, (int)len);
	if (pc == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while loading the schema");
		return NULL;
	}
	xmlRelaxNGSetParserStructuredErrors(pc, parse_schema_load_error, d);
	xmlRelaxNGPtr r = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	return r;
}

size_t parse_schema_root_index(const char *ns, const char *name)
{
	size_t i = mishto_schema_nroots;
	if (ns != NULL && name != NULL && strcmp(ns, MISHTO_NS) == 0)
		for (i = 0; i < mishto_schema_nroots; i++)
			if (strcmp(name, mishto_schema_roots[i].element) == 0)
				break;
	return i;
}

/* The schema a document with this root is validated against, compiled
 * the first time; NULL (said) when it does not load. */
static xmlRelaxNGPtr parse_schema_for(struct parse_schema *s,
                                      const xmlNode *root, struct diag *d)
{
	size_t i = root == NULL ? mishto_schema_nroots
	           : parse_schema_root_index(
	                 root->ns ? (const char *)root->ns->href : NULL,
	                 (const char *)root->name);
	if (i == mishto_schema_nroots) {
		if (s->whole == NULL)
			s->whole = parse_schema_compile(mishto_schema_rng,
			                                mishto_schema_rng_len, d);
		return s->whole;
	}
	if (s->root[i] == NULL)
		s->root[i] = parse_schema_compile(mishto_schema_roots[i].rng,
		                                  mishto_schema_roots[i].len, d);
	return s->root[i];
}

void parse_schema_free(struct parse_schema *s)
{
	if (s == NULL)
		return;
	xmlRelaxNGFree(s->whole);
	for (size_t i = 0; i < mishto_schema_nroots; i++)
		xmlRelaxNGFree(s->root[i]);
	free(s->root);
	schema_index_free(s->ix);
	free(s);
}

/* ---------------------------------------------------------------- */
/* tree to model                                                     */

static int parse_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, MISHTO_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *parse_first(const xmlNode *n)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static const xmlNode *parse_next(const xmlNode *n)
{
	for (n = n->next; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static char *parse_dup(struct parse *p, const xmlChar *s)
{
	if (s == NULL)
		return NULL;
	char *r = arena_strdup(p->arena, (const char *)s);
	if (r == NULL)
		p->oom = 1;
	return r;
}

/* An attribute's value (NULL when absent) and where the value starts. */
static const char *parse_attr(struct parse *p, const xmlNode *n,
                              const char *name, struct loc *where)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	/* an attribute that is there but comes back NULL: libxml2 ran out
	 * of memory copying it */
	if (v == NULL && xmlHasNsProp(n, (const xmlChar *)name, NULL) != NULL)
		p->oom = 1;
	if (where != NULL)
		*where = v ? parse_attr_loc(p, n, name) : parse_node_loc(p, n);
	char *r = parse_dup(p, v);
	xmlFree(v);
	return r;
}

/* Whitespace in running text folds to single spaces across element
 * boundaries, as in HTML; trimming at block edges happens afterwards. */
struct parse_fold {
	int after_space;
};

static int parse_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char *parse_fold_text(struct parse *p, struct parse_fold *f,
                             const char *s)
{
	size_t len = strlen(s);
	char *out = arena_alloc(p->arena, len + 1);
	if (out == NULL) {
		p->oom = 1;
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (parse_is_space(s[i])) {
			if (!f->after_space)
				out[o++] = ' ';
			f->after_space = 1;
		} else {
			out[o++] = s[i];
			f->after_space = 0;
		}
	}
	out[o] = '\0';
	return out;
}

/* The inline content of parent's children from first up to (not
 * including) stop. */
static struct inline_node *parse_inline_range(struct parse *p,
                                              const xmlNode *parent,
                                              const xmlNode *first,
                                              const xmlNode *stop,
                                              struct parse_fold *f);

static struct inline_node *parse_inlines(struct parse *p, const xmlNode *parent,
                                         struct parse_fold *f)
{
	return parse_inline_range(p, parent, parent->children, NULL, f);
}

static struct inline_node *parse_inline_range(struct parse *p,
                                              const xmlNode *parent,
                                              const xmlNode *first,
                                              const xmlNode *stop,
                                              struct parse_fold *f)
{
	struct inline_node *head = NULL, **tail = &head;
	for (const xmlNode *n = first; n && n != stop; n = n->next) {
		struct inline_node *in = NULL;
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			char *t = parse_fold_text(p, f,
			                          (const char *)n->content);
			if (t == NULL || t[0] == '\0')
				continue;
			in = arena_alloc(p->arena, sizeof *in);
			if (in == NULL) {
				p->oom = 1;
				break;
			}
			in->kind = INLINE_TEXT;
			in->text = t;
			in->loc = parse_node_loc(p, parent);
		} else if (parse_is(n, "em") || parse_is(n, "strong") ||
		           parse_is(n, "link")) {
			in = arena_alloc(p->arena, sizeof *in);
			if (in == NULL) {
				p->oom = 1;
				break;
			}
			in->loc = parse_node_loc(p, n);
			if (parse_is(n, "em"))
				in->kind = INLINE_EM;
			else if (parse_is(n, "strong"))
				in->kind = INLINE_STRONG;
			else {
				in->kind = INLINE_LINK;
				in->href = parse_attr(p, n, "href", NULL);
			}
			in->child = parse_inlines(p, n, f);
		} else {
			continue;
		}
		*tail = in;
		tail = &in->next;
	}
	return head;
}

/* The first and last text nodes in reading order, looking inside inline
 * elements and past empty ones. */
static struct inline_node *parse_first_text(struct inline_node *n)
{
	for (; n != NULL; n = n->next) {
		if (n->kind == INLINE_TEXT)
			return n;
		struct inline_node *c = parse_first_text(n->child);
		if (c != NULL)
			return c;
	}
	return NULL;
}

static struct inline_node *parse_last_text(struct inline_node *n)
{
	struct inline_node *found = NULL;
	for (; n != NULL; n = n->next) {
		struct inline_node *c = n->kind == INLINE_TEXT
		                        ? n : parse_last_text(n->child);
		if (c != NULL)
			found = c;
	}
	return found;
}

/* Drops the space at the very start and end of a block's text. */
static void parse_trim_inlines(struct inline_node *head)
{
	struct inline_node *first = parse_first_text(head);
	if (first != NULL && first->text[0] == ' ')
		first->text++;
	struct inline_node *last = parse_last_text(head);
	if (last != NULL) {
		size_t len = strlen(last->text);
		if (len > 0 && last->text[len - 1] == ' ')
			((char *)last->text)[len - 1] = '\0';
	}
}

static struct inline_node *parse_text_of(struct parse *p, const xmlNode *n)
{
	struct parse_fold f = {1};
	struct inline_node *t = parse_inlines(p, n, &f);
	parse_trim_inlines(t);
	return t;
}

/* Plain text content (titles, dates), with whitespace folded and trimmed. */
static const char *parse_plain(struct parse *p, const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);   /* NULL only when out of memory */
	if (c == NULL)
		p->oom = 1;
	struct parse_fold f = {1};
	char *t = parse_fold_text(p, &f, c ? (const char *)c : "");
	xmlFree(c);
	if (t != NULL) {
		size_t len = strlen(t);
		if (len > 0 && t[len - 1] == ' ')
			t[len - 1] = '\0';
	}
	return t;
}

static struct block *parse_blocks(struct parse *p, const xmlNode *first,
                                  const xmlNode **stop);

static struct block *parse_flow(struct parse *p, const xmlNode *n,
                                enum block_kind kind);

static struct block *parse_block(struct parse *p, const xmlNode *n)
{
	if (parse_is(n, "p"))
		return parse_flow(p, n, BLOCK_P);
	if (parse_is(n, "li"))
		return parse_flow(p, n, BLOCK_LI);
	struct block *b = arena_alloc(p->arena, sizeof *b);
	if (b == NULL) {
		p->oom = 1;
		return NULL;
	}
	b->loc = parse_node_loc(p, n);
	if (parse_is(n, "value")) {
		b->kind = BLOCK_VALUE;
		b->text = parse_text_of(p, n);
	} else if (parse_is(n, "values")) {
		b->kind = BLOCK_VALUES;
		b->child = parse_blocks(p, parse_first(n), NULL);
	} else if (parse_is(n, "ul") || parse_is(n, "ol")) {
		b->kind = parse_is(n, "ul") ? BLOCK_UL : BLOCK_OL;
		b->child = parse_blocks(p, parse_first(n), NULL);
	} else {
		b->kind = BLOCK_SECTION;
		b->id = parse_attr(p, n, "id", NULL);
		b->title = parse_attr(p, n, "title", NULL);
		b->child = parse_blocks(p, parse_first(n), NULL);
	}
	return b;
}

static int parse_is_block(const xmlNode *n)
{
	return parse_is(n, "p") || parse_is(n, "ul") || parse_is(n, "ol") ||
	       parse_is(n, "li") || parse_is(n, "section") ||
	       parse_is(n, "values") || parse_is(n, "value");
}

/* Running text with lists in it (a p, an li, an action's text, an
 * update), in the order written: a block of kind holding the words before
 * the first list and the lists after them; words after a list are a
 * paragraph (BLOCK_P) of their own, with the lists after them, so nothing
 * moves. Those paragraphs follow the first block (its next), or, in an
 * item, end it (its child, after its lists). */
static struct block *parse_flow(struct parse *p, const xmlNode *n,
                                enum block_kind kind)
{
	struct block *first = NULL;
	struct block **paras = NULL;   /* where a paragraph after a list goes */
	struct block **lists = NULL;   /* where the next list goes */
	const xmlNode *seg = n->children;
	for (const xmlNode *c = n->children;; c = c->next) {
		int list = c != NULL && (parse_is(c, "ul") || parse_is(c, "ol"));
		if (c != NULL && !list)
			continue;
		/* the words from seg up to here */
		struct parse_fold f = {1};
		struct inline_node *words =
		    seg != c ? parse_inline_range(p, n, seg, c, &f) : NULL;
		parse_trim_inlines(words);
		if (first == NULL || words != NULL) {
			struct block *b = arena_alloc(p->arena, sizeof *b);
			if (b == NULL) {
				p->oom = 1;
				return first;
			}
			b->loc = parse_node_loc(p, first == NULL ? n : seg);
			b->text = words;
			if (first == NULL) {
				b->kind = kind;
				first = b;
				/* an item keeps all it holds in its own list of
				 * blocks; other text is followed by paragraphs */
				lists = &b->child;
				paras = kind == BLOCK_LI ? NULL : &b->next;
			} else if (paras == NULL) {
				b->kind = BLOCK_P;
				*lists = b;
				lists = &b->next;
			} else {
				b->kind = BLOCK_P;
				*paras = b;
				paras = &b->next;
				lists = &b->child;
			}
		}
		if (c == NULL)
			break;
		struct block *lb = parse_block(p, c);
		if (lb == NULL)
			break;
		*lists = lb;
		lists = &lb->next;
		seg = c->next;
	}
	return first;
}

/* Running text that may have lists in it, as P blocks. */
static struct block *parse_rich(struct parse *p, const xmlNode *n)
{
	return parse_flow(p, n, BLOCK_P);
}

/* Parses consecutive block elements from first; *stop gets the first
 * element that is not a block. */
static struct block *parse_blocks(struct parse *p, const xmlNode *first,
                                  const xmlNode **stop)
{
	struct block *head = NULL, **tail = &head;
	const xmlNode *n = first;
	for (; n != NULL && parse_is_block(n); n = parse_next(n)) {
		struct block *b = parse_block(p, n);
		if (b == NULL)
			break;
		*tail = b;
		while (*tail != NULL)   /* a p with words after its list */
			tail = &(*tail)->next;
	}
	if (stop != NULL)
		*stop = n;
	return head;
}

static void parse_form(struct parse *p, const xmlNode *root,
                       struct pledge_form *f)
{
	const xmlNode *n = parse_first(root);
	if (parse_is(n, "title")) {
		f->title = parse_plain(p, n);
		n = parse_next(n);
	}
	if (parse_is(n, "audience")) {
		f->audience = parse_plain(p, n);
		n = parse_next(n);
	}
	f->intro = parse_blocks(p, n, &n);
	if (parse_is(n, "actions")) {
		f->actions_loc = parse_node_loc(p, n);
		f->actions_title = parse_attr(p, n, "title", NULL);
		const xmlNode *c;
		f->actions_intro = parse_blocks(p, parse_first(n), &c);
		if (parse_is(c, "instruction")) {
			f->instruction = parse_text_of(p, c);
			c = parse_next(c);
		}
		struct pledge_group **gt = &f->groups;
		for (; parse_is(c, "group"); c = parse_next(c)) {
			struct pledge_group *g = arena_alloc(p->arena, sizeof *g);
			if (g == NULL)
				goto oom;
			g->loc = parse_node_loc(p, c);
			g->id = parse_attr(p, c, "id", NULL);
			g->title = parse_attr(p, c, "title", NULL);
			struct action_point **at = &g->action_points;
			for (const xmlNode *a = parse_first(c);
			     parse_is(a, "action-point"); a = parse_next(a)) {
				struct action_point *ap =
				    arena_alloc(p->arena, sizeof *ap);
				if (ap == NULL)
					goto oom;
				ap->loc = parse_node_loc(p, a);
				ap->id = parse_attr(p, a, "id", NULL);
				ap->title = parse_attr(p, a, "title", NULL);
				ap->group = g;
				struct pledge_step **st = &ap->steps;
				for (const xmlNode *s = parse_first(a);
				     parse_is(s, "step"); s = parse_next(s)) {
					struct pledge_step *step =
					    arena_alloc(p->arena, sizeof *step);
					if (step == NULL)
						goto oom;
					step->loc = parse_node_loc(p, s);
					step->id = parse_attr(p, s, "id", NULL);
					step->same_as = parse_attr(
					    p, s, "same-as", &step->same_as_loc);
					step->formerly = parse_attr(
					    p, s, "formerly", NULL);
					step->text = parse_text_of(p, s);
					step->action_point = ap;
					step->name = arena_printf(
					    p->arena, "%s/%s",
					    ap->id ? ap->id : "",
					    step->id ? step->id : "");
					ap->nsteps++;
					*st = step;
					st = &step->next;
				}
				*at = ap;
				at = &ap->next;
			}
			*gt = g;
			gt = &g->next;
		}
		n = parse_next(n);
	}
	if (parse_is(n, "support")) {
		f->support_loc = parse_node_loc(p, n);
		f->support_title = parse_attr(p, n, "title", NULL);
		const xmlNode *c;
		f->support_intro = parse_blocks(p, parse_first(n), &c);
		struct support_option **ot = &f->options;
		for (; parse_is(c, "option"); c = parse_next(c)) {
			struct support_option *o = arena_alloc(p->arena, sizeof *o);
			if (o == NULL)
				goto oom;
			o->loc = parse_node_loc(p, c);
			o->id = parse_attr(p, c, "id", NULL);
			o->text = parse_text_of(p, c);
			*ot = o;
			ot = &o->next;
		}
		if (parse_is(c, "other")) {
			f->has_other = 1;
			f->other_label = parse_attr(p, c, "label", NULL);
		}
		n = parse_next(n);
	}
	if (parse_is(n, "monitoring")) {
		f->monitoring_loc = parse_node_loc(p, n);
		f->monitoring_title = parse_attr(p, n, "title", NULL);
		const xmlNode *c;
		f->monitoring = parse_blocks(p, parse_first(n), &c);
		if (parse_is(c, "report-due")) {
			f->has_report_due = 1;
			f->report_due_label = parse_attr(p, c, "label", NULL);
		}
		n = parse_next(n);
	}
	if (parse_is(n, "contact")) {
		f->has_contact = 1;
		f->contact_loc = parse_node_loc(p, n);
		f->contact_title = parse_attr(p, n, "title", NULL);
	}
	return;
oom:
	p->oom = 1;
}

static void parse_period(struct parse *p, const xmlNode *n, const char *name,
                         struct mperiod *d)
{
	d->text = parse_attr(p, n, name, &d->loc);
}

static void parse_date_attr(struct parse *p, const xmlNode *n,
                            const char *name, struct mdate *d)
{
	d->text = parse_attr(p, n, name, &d->loc);
}

static void parse_pledge(struct parse *p, const xmlNode *root,
                         struct pledge *pl)
{
	pl->form_ref = parse_attr(p, root, "form", &pl->form_loc);
	pl->form_version = parse_attr(p, root, "form-version",
	                              &pl->form_version_loc);
	{
		struct loc sl;
		const char *status = parse_attr(p, root, "status", &sl);
		pl->incomplete = status && strcmp(status, "incomplete") == 0;
	}
	pl->authority = parse_attr(p, root, "authority", &pl->authority_loc);
	parse_date_attr(p, root, "signed", &pl->signed_on);
	struct pledge_commit **ct = &pl->commits;
	struct pledge_support **st = &pl->supports;
	for (const xmlNode *n = parse_first(root); n; n = parse_next(n)) {
		if (parse_is(n, "commit")) {
			struct pledge_commit *c = arena_alloc(p->arena, sizeof *c);
			if (c == NULL)
				goto oom;
			c->loc = parse_node_loc(p, n);
			c->step_ref = parse_attr(p, n, "step", &c->step_loc);
			parse_period(p, n, "by", &c->by);
			*ct = c;
			ct = &c->next;
		} else if (parse_is(n, "support")) {
			struct pledge_support *s = arena_alloc(p->arena, sizeof *s);
			if (s == NULL)
				goto oom;
			s->loc = parse_node_loc(p, n);
			s->option_ref = parse_attr(p, n, "option", &s->option_loc);
			*st = s;
			st = &s->next;
		} else if (parse_is(n, "support-other")) {
			pl->support_other = parse_plain(p, n);
			pl->support_other_loc = parse_node_loc(p, n);
		} else if (parse_is(n, "report-due")) {
			pl->report_due.text = parse_plain(p, n);
			pl->report_due.loc = parse_node_loc(p, n);
		} else if (parse_is(n, "contact")) {
			struct pledge_contact *c = &pl->contact;
			pl->has_contact = 1;
			c->loc = parse_node_loc(p, n);
			c->name = parse_attr(p, n, "name", &c->name_loc);
			c->role = parse_attr(p, n, "role", &c->role_loc);
			c->email = parse_attr(p, n, "email", &c->email_loc);
			c->phone = parse_attr(p, n, "phone", &c->phone_loc);
		}
	}
	return;
oom:
	p->oom = 1;
}


/* ---- shared pieces of the later document kinds ---- */

static void *parse_new(struct parse *p, size_t size)
{
	void *x = arena_alloc(p->arena, size);
	if (x == NULL)
		p->oom = 1;
	return x;
}

static void parse_word(struct parse *p, const xmlNode *n, const char *name,
                       struct mword *w)
{
	w->text = parse_attr(p, n, name, &w->loc);
}


static void parse_refs(struct parse *p, const xmlNode *n, const char *name,
                       struct person_refs *r)
{
	r->text = parse_attr(p, n, name, &r->loc);
}

static void parse_time(struct parse *p, const xmlNode *n, const char *name,
                       struct mtime *t)
{
	t->text = parse_attr(p, n, name, &t->loc);
}

static struct person *parse_people(struct parse *p, const xmlNode *list)
{
	struct person *head = NULL, **tail = &head;
	for (const xmlNode *n = parse_first(list); parse_is(n, "person");
	     n = parse_next(n)) {
		struct person *x = parse_new(p, sizeof *x);
		if (x == NULL)
			break;
		x->loc = parse_node_loc(p, n);
		x->id = parse_attr(p, n, "id", NULL);
		x->name = parse_attr(p, n, "name", NULL);
		x->role = parse_attr(p, n, "role", NULL);
		x->organisation = parse_attr(p, n, "organisation", NULL);
		x->email = parse_attr(p, n, "email", &x->email_loc);
		x->phone = parse_attr(p, n, "phone", &x->phone_loc);
		*tail = x;
		tail = &x->next;
	}
	return head;
}

/* ---- guidance ---- */

static void parse_guidance(struct parse *p, const xmlNode *root,
                           struct guidance *g)
{
	g->form_ref = parse_attr(p, root, "form", &g->form_loc);
	g->groups = parse_attr(p, root, "groups", &g->groups_loc);
	const xmlNode *n = parse_first(root);
	if (parse_is(n, "title")) {
		g->title = parse_plain(p, n);
		n = parse_next(n);
	}
	if (parse_is(n, "subtitle")) {
		g->subtitle = parse_plain(p, n);
		n = parse_next(n);
	}
	g->intro = parse_blocks(p, n, &n);
	if (parse_is(n, "guidance-table")) {
		g->table_loc = parse_node_loc(p, n);
		g->table_title = parse_attr(p, n, "title", NULL);
		struct guidance_row **tail = &g->rows;
		for (const xmlNode *r = parse_first(n); parse_is(r, "row");
		     r = parse_next(r)) {
			struct guidance_row *row = parse_new(p, sizeof *row);
			if (row == NULL)
				return;
			row->loc = parse_node_loc(p, r);
			row->action_point_ref = parse_attr(p, r, "action-point",
			                                   &row->ref_loc);
			for (const xmlNode *c = parse_first(r); c;
			     c = parse_next(c)) {
				if (parse_is(c, "actions"))
					row->actions = parse_blocks(
					    p, parse_first(c), NULL);
				else if (parse_is(c, "resources"))
					row->resources = parse_blocks(
					    p, parse_first(c), NULL);
			}
			*tail = row;
			tail = &row->next;
		}
		n = parse_next(n);
	}
	g->outro = parse_blocks(p, n, NULL);
}

/* ---- action plans ---- */

static struct plan_objective *parse_objective(struct parse *p,
                                              const xmlNode *n)
{
	struct plan_objective *o = parse_new(p, sizeof *o);
	if (o != NULL) {
		o->loc = parse_node_loc(p, n);
		o->text = parse_text_of(p, n);
	}
	return o;
}

static struct plan_action *parse_action(struct parse *p, const xmlNode *n)
{
	struct plan_action *a = parse_new(p, sizeof *a);
	if (a == NULL)
		return NULL;
	a->loc = parse_node_loc(p, n);
	a->ref = parse_attr(p, n, "ref", NULL);
	a->id = parse_attr(p, n, "id", NULL);
	parse_refs(p, n, "lead", &a->leads);
	parse_word(p, n, "status", &a->status_word);
	parse_word(p, n, "rag", &a->rag_word);
	parse_word(p, n, "priority", &a->priority_word);
	parse_period(p, n, "due", &a->due);
	struct plan_milestone **mt = &a->milestones;
	struct plan_update **ut = &a->updates;
	struct plan_note **nt = &a->notes;
	struct plan_action **ct = &a->children;
	for (const xmlNode *c = parse_first(n); c && !p->oom;
	     c = parse_next(c)) {
		if (parse_is(c, "text")) {
			a->text = parse_rich(p, c);
		} else if (parse_is(c, "measure")) {
			a->measure = parse_text_of(p, c);
		} else if (parse_is(c, "milestone")) {
			struct plan_milestone *m = parse_new(p, sizeof *m);
			if (m == NULL)
				break;
			m->loc = parse_node_loc(p, c);
			parse_period(p, c, "due", &m->due);
			parse_word(p, c, "status", &m->status_word);
			m->text = parse_text_of(p, c);
			*mt = m;
			mt = &m->next;
		} else if (parse_is(c, "update")) {
			struct plan_update *u = parse_new(p, sizeof *u);
			if (u == NULL)
				break;
			u->loc = parse_node_loc(p, c);
			parse_period(p, c, "date", &u->date);
			parse_word(p, c, "rag", &u->rag_word);
			u->text = parse_rich(p, c);
			*ut = u;
			ut = &u->next;
		} else if (parse_is(c, "note")) {
			struct plan_note *x = parse_new(p, sizeof *x);
			if (x == NULL)
				break;
			x->loc = parse_node_loc(p, c);
			x->text = parse_text_of(p, c);
			*nt = x;
			nt = &x->next;
		} else if (parse_is(c, "action")) {
			struct plan_action *child = parse_action(p, c);
			if (child == NULL)
				break;
			*ct = child;
			ct = &child->next;
		}
	}
	return a;
}

static void parse_area_content(struct parse *p, const xmlNode *first,
                               struct plan_objective ***ot,
                               struct plan_action ***at)
{
	for (const xmlNode *c = first; c && !p->oom; c = parse_next(c)) {
		if (parse_is(c, "objective")) {
			struct plan_objective *o = parse_objective(p, c);
			if (o == NULL)
				return;
			**ot = o;
			*ot = &o->next;
		} else if (parse_is(c, "action")) {
			struct plan_action *a = parse_action(p, c);
			if (a == NULL)
				return;
			**at = a;
			*at = &a->next;
		}
	}
}

static void parse_goal(struct parse *p, const xmlNode *n, struct plan_goal *g)
{
	g->loc = parse_node_loc(p, n);
	g->ref = parse_attr(p, n, "ref", NULL);
	g->id = parse_attr(p, n, "id", NULL);
	g->label = parse_attr(p, n, "label", NULL);
	g->title = parse_attr(p, n, "title", NULL);
	struct plan_objective **ot = &g->objectives;
	struct plan_area **areat = &g->areas;
	struct plan_area *direct = NULL;   /* actions written in the goal */
	struct plan_action **at = NULL;
	for (const xmlNode *c = parse_first(n); c && !p->oom;
	     c = parse_next(c)) {
		if (parse_is(c, "objective")) {
			struct plan_objective *o = parse_objective(p, c);
			if (o == NULL)
				return;
			*ot = o;
			ot = &o->next;
		} else if (parse_is(c, "action")) {
			if (direct == NULL) {
				direct = parse_new(p, sizeof *direct);
				if (direct == NULL)
					return;
				direct->loc = parse_node_loc(p, c);
				at = &direct->actions;
				*areat = direct;
				areat = &direct->next;
			}
			struct plan_action *a = parse_action(p, c);
			if (a == NULL)
				return;
			*at = a;
			at = &a->next;
		} else if (parse_is(c, "area")) {
			struct plan_area *area = parse_new(p, sizeof *area);
			if (area == NULL)
				return;
			area->loc = parse_node_loc(p, c);
			area->title = parse_attr(p, c, "title", NULL);
			struct plan_objective **aot = &area->objectives;
			struct plan_action **aat = &area->actions;
			parse_area_content(p, parse_first(c), &aot, &aat);
			*areat = area;
			areat = &area->next;
			direct = NULL;
		}
	}
}

static void parse_plan(struct parse *p, const xmlNode *root,
                       struct action_plan *pl)
{
	const xmlNode *n = parse_first(root);
	if (parse_is(n, "title")) {
		pl->title = parse_plain(p, n);
		n = parse_next(n);
	}
	if (parse_is(n, "subtitle")) {
		pl->subtitle = parse_plain(p, n);
		n = parse_next(n);
	}
	pl->intro = parse_blocks(p, n, &n);
	if (parse_is(n, "people")) {
		pl->people = parse_people(p, n);
		n = parse_next(n);
	}
	struct plan_goal **gt = &pl->goals;
	for (; parse_is(n, "goal") && !p->oom; n = parse_next(n)) {
		struct plan_goal *g = parse_new(p, sizeof *g);
		if (g == NULL)
			return;
		parse_goal(p, n, g);
		*gt = g;
		gt = &g->next;
	}
	if (parse_is(n, "kpis")) {
		pl->kpis_loc = parse_node_loc(p, n);
		pl->kpis_title = parse_attr(p, n, "title", NULL);
		struct plan_kpi **kt = &pl->kpis;
		for (const xmlNode *k = parse_first(n); parse_is(k, "kpi");
		     k = parse_next(k)) {
			struct plan_kpi *kpi = parse_new(p, sizeof *kpi);
			if (kpi == NULL)
				return;
			kpi->loc = parse_node_loc(p, k);
			kpi->id = parse_attr(p, k, "id", NULL);
			kpi->title = parse_attr(p, k, "title", NULL);
			kpi->baseline = parse_attr(p, k, "baseline", NULL);
			kpi->target = parse_attr(p, k, "target", NULL);
			parse_refs(p, k, "lead", &kpi->leads);
			struct plan_reading **rt = &kpi->readings;
			for (const xmlNode *r = parse_first(k);
			     parse_is(r, "reading"); r = parse_next(r)) {
				struct plan_reading *x = parse_new(p, sizeof *x);
				if (x == NULL)
					return;
				x->loc = parse_node_loc(p, r);
				parse_period(p, r, "period", &x->period);
				parse_word(p, r, "rag", &x->rag_word);
				x->value = parse_plain(p, r);
				*rt = x;
				rt = &x->next;
			}
			*kt = kpi;
			kt = &kpi->next;
		}
		n = parse_next(n);
	}
	pl->outro = parse_blocks(p, n, NULL);
}

/* ---- minutes ---- */

static void parse_meeting(struct parse *p, const xmlNode *n, struct meeting *m)
{
	m->loc = parse_node_loc(p, n);
	m->date.text = parse_attr(p, n, "date", &m->date.loc);
	parse_time(p, n, "start", &m->start);
	parse_time(p, n, "end", &m->end);
	m->location = parse_attr(p, n, "location", NULL);
}

static void parse_translation(struct parse *p, const xmlNode *root,
                              struct translation *t)
{
	t->of = parse_attr(p, root, "of", NULL);
	const char *sample = parse_attr(p, root, "sample", NULL);
	t->sample = sample != NULL;
	struct translation_string **tail = &t->strings;
	for (const xmlNode *n = parse_first(root); n; n = parse_next(n)) {
		struct translation_string *ts = arena_alloc(p->arena,
		                                            sizeof *ts);
		if (ts == NULL) {
			p->oom = 1;
			return;
		}
		ts->loc = parse_node_loc(p, n);
		ts->key = parse_attr(p, n, "key", NULL);
		ts->source = parse_attr(p, n, "source", NULL);
		ts->text = parse_text_of(p, n);
		*tail = ts;
		tail = &ts->next;
		t->nstrings++;
	}
}

static void parse_minutes(struct parse *p, const xmlNode *root,
                          struct minutes *mi)
{
	const xmlNode *n = parse_first(root);
	if (parse_is(n, "title")) {
		mi->title = parse_plain(p, n);
		n = parse_next(n);
	}
	if (parse_is(n, "subtitle")) {
		mi->subtitle = parse_plain(p, n);
		n = parse_next(n);
	}
	if (parse_is(n, "meeting")) {
		parse_meeting(p, n, &mi->meeting);
		n = parse_next(n);
	}
	if (parse_is(n, "attendees")) {
		mi->attendees = parse_people(p, n);
		n = parse_next(n);
	}
	if (parse_is(n, "apologies")) {
		mi->apologies = parse_people(p, n);
		n = parse_next(n);
	}
	mi->intro = parse_blocks(p, n, &n);
	struct minutes_item **it = &mi->items;
	for (; parse_is(n, "item") && !p->oom; n = parse_next(n)) {
		struct minutes_item *item = parse_new(p, sizeof *item);
		if (item == NULL)
			return;
		item->loc = parse_node_loc(p, n);
		item->title = parse_attr(p, n, "title", NULL);
		struct minutes_action **at = &item->actions;
		for (const xmlNode *c = parse_first(n); c; c = parse_next(c)) {
			if (parse_is(c, "agenda")) {
				item->agenda = parse_blocks(p, parse_first(c),
				                            NULL);
			} else if (parse_is(c, "discussion")) {
				item->discussion = parse_blocks(
				    p, parse_first(c), NULL);
			} else if (parse_is(c, "action")) {
				struct minutes_action *a =
				    parse_new(p, sizeof *a);
				if (a == NULL)
					return;
				a->loc = parse_node_loc(p, c);
				parse_refs(p, c, "owner", &a->owners);
				parse_period(p, c, "due", &a->due);
				a->text = parse_rich(p, c);
				*at = a;
				at = &a->next;
			}
		}
		*it = item;
		it = &item->next;
	}
	if (parse_is(n, "next-meeting")) {
		mi->has_next = 1;
		parse_meeting(p, n, &mi->next_meeting);
		n = parse_next(n);
	}
	mi->outro = parse_blocks(p, n, NULL);
}

static struct document *parse_model(struct parse *p, const xmlNode *root)
{
	struct document *doc = arena_alloc(p->arena, sizeof *doc);
	if (doc == NULL)
		return NULL;
	doc->arena = p->arena;
	doc->src = p->src;
	doc->loc = parse_node_loc(p, root);
	doc->id = parse_attr(p, root, "id", NULL);
	xmlChar *lang = xmlGetNsProp(root, (const xmlChar *)"lang",
	                             XML_XML_NAMESPACE);
	if (lang == NULL &&
	    xmlHasNsProp(root, (const xmlChar *)"lang", XML_XML_NAMESPACE))
		p->oom = 1;
	doc->lang = parse_dup(p, lang);
	doc->lang_loc = lang ? parse_attr_loc(p, root, "xml:lang") : doc->loc;
	xmlFree(lang);
	if (parse_is(root, "pledge-form")) {
		doc->kind = DOCUMENT_PLEDGE_FORM;
		parse_form(p, root, &doc->u.form);
	} else if (parse_is(root, "pledge")) {
		doc->kind = DOCUMENT_PLEDGE;
		parse_pledge(p, root, &doc->u.pledge);
	} else if (parse_is(root, "guidance")) {
		doc->kind = DOCUMENT_GUIDANCE;
		parse_guidance(p, root, &doc->u.guidance);
	} else if (parse_is(root, "action-plan")) {
		doc->kind = DOCUMENT_ACTION_PLAN;
		parse_plan(p, root, &doc->u.plan);
	} else if (parse_is(root, "translation")) {
		doc->kind = DOCUMENT_TRANSLATION;
		parse_translation(p, root, &doc->u.translation);
	} else {
		doc->kind = DOCUMENT_MINUTES;
		parse_minutes(p, root, &doc->u.minutes);
	}
	return p->oom ? NULL : doc;
}

/* ---- a form's version: its canonical XML ---- */

static int parse_blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!parse_is_space((char)*s))
			return 0;
	return 1;
}

/* White space in text as XML readers treat it for meaning: runs are one
 * space, text at an element's edges is trimmed, and blanks between
 * elements (indentation) go; comments and processing instructions go. */
static void parse_normalise(xmlNodePtr e)
{
	int words = 0;
	for (xmlNodePtr c = e->children, next; c; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_TEXT_NODE && !parse_blank(c->content)) {
			words = 1;
		}
	}
	for (xmlNodePtr c = e->children, next; c; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE) {
			parse_normalise(c);
			continue;
		}
		if (c->type != XML_TEXT_NODE)
			continue;
		if (!words) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		xmlChar *t = c->content;
		size_t w = 0;
		int space = 0;
		for (size_t r = 0; t && t[r]; r++) {
			if (parse_is_space((char)t[r])) {
				space = 1;
				continue;
			}
			if (space && (w > 0 || c != e->children))
				t[w++] = ' ';
			space = 0;
			t[w++] = t[r];
		}
		if (space && c != e->last)
			t[w++] = ' ';
		if (t)
			t[w] = '\0';
	}
}

/* 12 hex digits of the SHA-256 of the document's canonical XML (C14N 1.0
 * without comments) once normalised; "" when that cannot be made. The
 * document is changed. */
static void parse_version(xmlDocPtr xdoc, char out[13])
{
	out[0] = '\0';
	xmlNodePtr root = xmlDocGetRootElement(xdoc);
	if (root == NULL)
		return;
	for (xmlNodePtr c = xdoc->children, next; c; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	parse_normalise(root);
	xmlChar *buf = NULL;
	int len = xmlC14NDocDumpMemory(xdoc, NULL, XML_C14N_1_0, NULL, 0, &buf);
	if (len < 0 || buf == NULL) {
		xmlFree(buf);
		return;
	}
	struct sha256_ctx h;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&h);
	sha256_update(&h, (size_t)len, buf);
	sha256_digest(&h, sizeof digest, digest);
	xmlFree(buf);
	for (int i = 0; i < 6; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* The most attributes one element may have. libxml2 (2.9) compares
 * each attribute with every one before it, so 100,000 on one element
 * cost minutes; no mishto element has more than a dozen. */
#define PARSE_MAX_ATTRIBUTES 256

static const char *parse_skip_past(const char *at, const char *end,
                                   const char *stop)
{
	size_t n = strlen(stop);
	while (at < end) {
		const char *c = memchr(at, stop[0], (size_t)(end - at));
		if (c == NULL || (size_t)(end - c) < n)
			return end;
		if (memcmp(c, stop, n) == 0)
			return c + n;
		at = c + 1;
	}
	return end;
}

/* Counts the attributes of each start tag before libxml2 reads the file
 * (a linear scan that skips comments, CDATA, processing instructions
 * and DOCTYPEs); an element over PARSE_MAX_ATTRIBUTES is an error at
 * its "<". A file too broken to scan is left to libxml2 to report. */
static int parse_check_attribute_count(const struct source *src,
                                       struct diag *d)
{
	const char *t = src->text, *end = src->text + src->len;
	const char *at = t;
	while ((at = memchr(at, '<', (size_t)(end - at))) != NULL) {
		const char *tag = at++;
		if (end - at >= 3 && memcmp(at, "!--", 3) == 0) {
			at = parse_skip_past(at + 3, end, "-->");
			continue;
		}
		if (end - at >= 8 && memcmp(at, "![CDATA[", 8) == 0) {
			at = parse_skip_past(at + 8, end, "]]>");
			continue;
		}
		if (at < end && *at == '?') {
			at = parse_skip_past(at + 1, end, "?>");
			continue;
		}
		int doctype = at < end && *at == '!';
		char quote = 0;
		size_t attributes = 0;
		int brackets = 0;
		for (; at < end; at++) {
			if (quote) {
				if (*at == quote)
					quote = 0;
			} else if (*at == '"' || *at == '\'') {
				quote = *at;
			} else if (doctype && *at == '[') {
				brackets++;
			} else if (doctype && *at == ']') {
				brackets--;
			} else if (*at == '>' && brackets <= 0) {
				break;
			} else if (*at == '=' && !doctype) {
				attributes++;
			}
		}
		if (attributes > PARSE_MAX_ATTRIBUTES) {
			int line, col;
			source_position(src, (size_t)(tag - t), &line, &col);
			struct loc l = {src->path, src, line, col};
			diag_report(d, DIAG_ERROR, &l, "xml-limit",
			            "this element has %zu attributes; mishto "
			            "reads at most %d on one element", attributes,
			            PARSE_MAX_ATTRIBUTES);
			return -1;
		}
	}
	return 0;
}

char *parse_root_id(const struct source *src)
{
	const char *t = src->text, *end = src->text + src->len;
	/* past the XML declaration, comments, processing instructions */
	for (;;) {
		t = memchr(t, '<', (size_t)(end - t));
		if (t == NULL || t + 1 >= end)
			return NULL;
		if (t[1] == '?' || t[1] == '!') {
			const char *close = t[1] == '!' && end - t > 4 &&
			                    memcmp(t, "<!--", 4) == 0
			                    ? parse_skip_past(t + 4, end, "-->")
			                    : memchr(t, '>', (size_t)(end - t));
			if (close == NULL || close >= end)
				return NULL;
			t = close;
			continue;
		}
		break;
	}
	char quote = 0;
	for (const char *c = t + 1; c < end; c++) {
		if (quote) {
			if (*c == quote)
				quote = 0;
		} else if (*c == '"' || *c == '\'') {
			quote = *c;
		} else if (*c == '>') {
			return NULL;
		} else if ((c[-1] == ' ' || c[-1] == '\t' || c[-1] == '\n' ||
		            c[-1] == '\r') && end - c > 4 &&
		           memcmp(c, "id=", 3) == 0 &&
		           (c[3] == '"' || c[3] == '\'')) {
			const char *v = c + 4;
			const char *e = memchr(v, c[3], (size_t)(end - v));
			if (e == NULL || e - v > 200)
				return NULL;
			return strndup(v, (size_t)(e - v));
		}
	}
	return NULL;
}

/* The schema's table, read the first time a document needs it; without
 * it (out of memory), libxml2's own words are given. */
static struct schema_index *parse_schema_index(struct parse_schema *s)
{
	if (!s->ix_tried) {
		s->ix_tried = 1;
		s->ix = schema_index_new((const char *)mishto_schema_rng,
		                         mishto_schema_rng_len);
	}
	return s->ix;
}

struct document *parse_document(const struct source *src,
                                struct parse_schema *schema,
                                struct diag *d)
{
	struct parse p = {0};
	struct source_cursor cursor = {0};
	p.src = src;
	p.cursor = &cursor;
	p.diag = d;
	struct document *doc = NULL;
	xmlDocPtr xdoc = NULL;
	int in_region = src->len > PARSE_GIVE_BACK;

	if (src->len > INT32_MAX) {
		struct loc l = {src->path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "xml-size",
		            "the file is larger than 2 GB; mishto reads "
		            "documents up to 2 GB");
		return NULL;
	}
	size_t blank = 0;
	while (blank < src->len && parse_is_space(src->text[blank]))
		blank++;
	if (blank == src->len) {
		struct loc l = {src->path, NULL, 1, 1};
		diag_report(d, DIAG_ERROR, &l, "xml-syntax",
		            "the file is empty; a mishto document starts with"
		            " a root element such as <pledge-form>");
		return NULL;
	}
	/* UTF-16 (a byte-order mark, or NUL bytes among the first ones):
	 * libxml2 would read it, but positions would count bytes */
	const unsigned char *u = (const unsigned char *)src->text;
	if (src->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	                      (u[0] == 0xFE && u[1] == 0xFF) ||
	                      u[0] == 0 || u[1] == 0)) {
		struct loc l = {src->path, NULL, 1, 1};
		diag_report(d, DIAG_ERROR, &l, "xml-encoding",
		            "the file is UTF-16; mishto documents are UTF-8 "
		            "(save it as UTF-8 in your editor)");
		return NULL;
	}
	if (parse_check_attribute_count(src, d) != 0)
		return NULL;
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(src->text,
	                                                  (int)src->len);
	if (ctxt == NULL)
		goto oom;
	/* not XML_PARSE_NOBLANKS: its guess would drop the space in
	 * "<em>a</em> <strong>b</strong>". XML_PARSE_COMPACT: a short
	 * text (most attribute values) is kept in its node, not allocated
	 * on its own; the tree is only read, never changed, as the option
	 * asks (a 100,000-action plan's tree 272 -> 253 MB) */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES |
	                  XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
	ctxt->_private = &p;
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->sax->serror = parse_xml_error;
	ctxt->sax->startElementNs = parse_sax_start_element;
	ctxt->sax->internalSubset = parse_sax_internal_subset;
	ctxt->sax->externalSubset = NULL;
	if (ctxt->input != NULL && ctxt->input->filename == NULL)
		ctxt->input->filename = (char *)xmlStrdup(
		    (const xmlChar *)src->path);
	/* a long document's tree in a region of its own (reserve.h), the
	 * parser's own blocks with it; validating (the schema's states
	 * come and go) takes from the heap */
	if (in_region)
		reserve_region_open(src->len * PARSE_TREE_PER_BYTE);
	xmlParseDocument(ctxt);
	reserve_region_close();
	xdoc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	int well_formed = ctxt->wellFormed && p.errors == 0;
	if (well_formed && xdoc != NULL && xdoc->encoding != NULL &&
	    xmlStrcasecmp(xdoc->encoding, (const xmlChar *)"UTF-8") != 0) {
		struct loc l = {src->path, src, 1, 1};
		diag_report(d, DIAG_ERROR, &l, "xml-encoding",
		            "the document declares encoding \"%s\"; mishto "
		            "documents are UTF-8", (const char *)xdoc->encoding);
		p.errors++;
		well_formed = 0;
	}
	xmlFreeParserCtxt(ctxt);
	if (p.oom)
		goto oom;
	if (!well_formed || xdoc == NULL) {
		if (p.errors == 0) {
			struct loc l = {src->path, src, 0, 0};
			diag_report(d, DIAG_ERROR, &l, "xml-syntax",
			            "the file is not well-formed XML");
		}
		goto done;
	}

	xmlRelaxNGPtr rng = parse_schema_for(schema,
	                                     xmlDocGetRootElement(xdoc), d);
	if (rng == NULL)
		goto done;
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	if (vc == NULL)
		goto oom;
	xmlRelaxNGSetValidStructuredErrors(vc, parse_schema_error, &p);
	p.hold = 1;
	int valid = xmlRelaxNGValidateDoc(vc, xdoc);
	xmlRelaxNGFreeValidCtxt(vc);
	p.hold = 0;
	struct schema_index *ix = valid != 0 ? parse_schema_index(schema)
	                                     : NULL;
	if (p.oom)
		goto oom;
	/* mistakes only in values (a word not in its list, a date not
	 * written YYYY-MM-DD) do not stop the model being made: they are
	 * held for the checker, which says them better */
	struct parse_tally tally = {0, 0};
	if (valid != 0 && ix != NULL)
		schema_explain(ix, xmlDocGetRootElement(xdoc),
		               parse_schema_tally, &tally);
	int values_only = tally.all > 0 && tally.values == tally.all;
	if (valid != 0 && !values_only) {
		/* the schema's table names each mistake; what it cannot
		 * name (an order, a count) libxml2's words say */
		size_t said = ix != NULL
		              ? schema_explain(ix,
		                               xmlDocGetRootElement(xdoc),
		                               parse_schema_say, &p)
		              : 0;
		for (size_t i = 0; said == 0 && i < p.nheld; i++)
			diag_report(d, DIAG_ERROR, &p.held[i].loc, "schema", "%s",
			            p.held[i].msg);
		if (said > 0 || p.nheld > 0)
			p.errors++;
		if (p.errors == 0) {
			struct loc l = parse_node_loc(
			    &p, xmlDocGetRootElement(xdoc));
			diag_report(d, DIAG_ERROR, &l, "schema",
			            "the document does not match the schema");
		}
		goto done;
	}

	p.arena = arena_new();
	if (p.arena == NULL)
		goto oom;
	doc = parse_model(&p, xmlDocGetRootElement(xdoc));
	if (doc == NULL) {
		arena_free(p.arena);
		goto oom;
	}
	if (doc->kind == DOCUMENT_PLEDGE_FORM)
		parse_version(xdoc, doc->u.form.version);
	if (values_only) {
		struct parse_holding h = {&p, doc};
		schema_explain(ix, xmlDocGetRootElement(xdoc),
		               parse_schema_hold, &h);
		if (p.oom) {
			document_free(doc);
			goto oom;
		}
	}
	goto done;
oom:
	{
		struct loc l = {src->path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "out-of-memory",
		            "out of memory while reading this file");
	}
	doc = NULL;
done:
	/* a long document's tree is the region's and goes whole with it:
	 * walking its millions of nodes to free each, which frees nothing
	 * there, was 1.4% of a 100,000-action plan's CPU. What the tree
	 * holds from before the region was opened is its dictionary's
	 * share (the parser made the dictionary), let go as xmlFreeDoc
	 * would; validating adds nothing to the tree (the schema has no
	 * IDs: a document with any, or with references, is freed as
	 * usual) */
	if (in_region && xdoc != NULL && xdoc->ids == NULL &&
	    xdoc->refs == NULL) {
		if (xdoc->dict != NULL)
			xmlDictFree(xdoc->dict);
		xdoc = NULL;
	}
	xmlFreeDoc(xdoc);
	if (in_region) {
		/* libxml2 keeps a copy of the last error it met, made
		 * while the region was open: let go before the region */
		xmlResetLastError();
		reserve_region_free();
	}
	/* what validating a long document took from the heap is given
	 * back, unless the heap is kept in huge pages (the libraries'
	 * later blocks reuse it there) */
	if (in_region && !reserve_heap_kept())
		malloc_trim(0);
	return doc;
}

