/* schema.c - the schema read as a table of what each element allows. */
#include "schema.h"
#include "diag.h"

#include <libxml/parser.h>
#include <libxml/xmlregexp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SCHEMA_RNG_NS "http://relaxng.org/ns/structure/1.0"
#define SCHEMA_XML_NS "http://www.w3.org/XML/1998/namespace"
#define SCHEMA_DOC_NS "urn:mishto:1"
#define SCHEMA_ANN_NS "http://relaxng.org/ns/compatibility/annotations/1.0"
#define SCHEMA_MAX 32   /* attributes, children, groups of one element */

/* A value's form: a list of words, or a pattern (XML Schema's regular
 * expressions, which libxml2 compiles), with the words that describe it
 * (the documentation of the define that holds it). */
struct schema_form {
	char *values[8];          /* the values allowed, when a list */
	size_t nvalues;
	xmlRegexpPtr pattern;
	const char *described;    /* "a date written YYYY-MM-DD, ..." */
};

struct schema_attr {
	char *name;               /* "xml:lang" for the XML namespace's */
	int required;
	struct schema_form form;
};

struct schema_elem;

/* Children of which at least one must be there. */
struct schema_need {
	struct schema_elem *one_of[8];
	size_t n;
	int optional;             /* an alternative needs no element */
};

struct schema_elem {
	const char *name;         /* in the schema's document */
	const xmlNode *rng;
	struct schema_attr attr[SCHEMA_MAX];
	size_t nattr;
	struct schema_elem *kid[SCHEMA_MAX];
	size_t nkid;
	struct schema_need need[SCHEMA_MAX];
	size_t nneed;
	int text;                 /* words of its own allowed */
	struct schema_form form;  /* of its words, when they have one */
};

struct schema_index {
	xmlDocPtr doc;
	struct schema_elem *elem;
	size_t nelem;
	struct schema_elem *root[16];
	size_t nroot;
	int oom;
};

static int schema_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, SCHEMA_RNG_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static const char *schema_prop(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->children &&
		    a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static const xmlNode *schema_define(const struct schema_index *ix,
                                    const char *name)
{
	const xmlNode *g = xmlDocGetRootElement(ix->doc);
	for (const xmlNode *c = g ? g->children : NULL; c; c = c->next)
		if (schema_is(c, "define")) {
			const char *n = schema_prop(c, "name");
			if (n && strcmp(n, name) == 0)
				return c;
		}
	return NULL;
}

static struct schema_elem *schema_elem_of(const struct schema_index *ix,
                                          const xmlNode *rng)
{
	for (size_t i = 0; i < ix->nelem; i++)
		if (ix->elem[i].rng == rng)
			return &ix->elem[i];
	return NULL;
}

static void schema_add_kid(struct schema_elem *e, struct schema_elem *k)
{
	for (size_t i = 0; i < e->nkid; i++)
		if (e->kid[i] == k)
			return;
	if (e->nkid < SCHEMA_MAX)
		e->kid[e->nkid++] = k;
}

static char *schema_text(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	if (t == NULL)
		return NULL;
	char *s = strdup((const char *)t);
	xmlFree(t);
	return s;
}

/* The documentation of a pattern (its <a:documentation>), if any. */
static const char *schema_documentation(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns != NULL &&
		    strcmp((const char *)c->ns->href, SCHEMA_ANN_NS) == 0 &&
		    strcmp((const char *)c->name, "documentation") == 0 &&
		    c->children != NULL && c->children->content != NULL)
			return (const char *)c->children->content;
	return NULL;
}

/* The form of a value: the words of a list, or a pattern, through the
 * defines pat refers to. */
static void schema_values(struct schema_index *ix, struct schema_form *f,
                          const xmlNode *pat, const char *described,
                          int depth)
{
	if (depth > 16)
		return;
	for (const xmlNode *c = pat->children; c; c = c->next) {
		if (schema_is(c, "value") && f->nvalues < 8) {
			char *v = schema_text(c);
			if (v == NULL)
				ix->oom = 1;
			else
				f->values[f->nvalues++] = v;
		} else if (schema_is(c, "choice")) {
			schema_values(ix, f, c, described, depth + 1);
		} else if (schema_is(c, "ref")) {
			const char *n = schema_prop(c, "name");
			const xmlNode *d = n ? schema_define(ix, n) : NULL;
			if (d != NULL)
				schema_values(ix, f, d, schema_documentation(d),
				              depth + 1);
		} else if (schema_is(c, "data") && f->pattern == NULL) {
			for (const xmlNode *p = c->children; p; p = p->next) {
				const char *pn = schema_prop(p, "name");
				if (!schema_is(p, "param") || pn == NULL ||
				    strcmp(pn, "pattern") != 0)
					continue;
				xmlChar *re = xmlNodeGetContent(p);
				f->pattern = re ? xmlRegexpCompile(re) : NULL;
				xmlFree(re);
				if (f->pattern == NULL)
					ix->oom = 1;
				f->described = described;
			}
		}
	}
}

static void schema_form_free(struct schema_form *f)
{
	for (size_t v = 0; v < f->nvalues; v++)
		free(f->values[v]);
	if (f->pattern != NULL)
		xmlRegFreeRegexp(f->pattern);
}

/* What pattern pat says of element e: required says whether what it
 * holds must be there; need, inside a choice, collects its alternatives. */
static void schema_walk(struct schema_index *ix, struct schema_elem *e,
                        const xmlNode *pat, int required,
                        struct schema_need *need, int depth)
{
	if (depth > 64)
		return;
	for (const xmlNode *c = pat->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (schema_is(c, "element")) {
			struct schema_elem *k = schema_elem_of(ix, c);
			if (k == NULL)
				continue;
			schema_add_kid(e, k);
			if (need != NULL) {
				if (need->n < 8)
					need->one_of[need->n++] = k;
			} else if (required && e->nneed < SCHEMA_MAX) {
				struct schema_need *nd = &e->need[e->nneed++];
				memset(nd, 0, sizeof *nd);
				nd->one_of[nd->n++] = k;
			}
		} else if (schema_is(c, "attribute")) {
			if (need != NULL)
				need->optional = 1;
			if (e->nattr == SCHEMA_MAX)
				continue;
			const char *n = schema_prop(c, "name");
			char *name = NULL;
			if (n != NULL) {
				name = strdup(n);
			} else {
				for (const xmlNode *x = c->children; x; x = x->next)
					if (schema_is(x, "name")) {
						const char *ns = schema_prop(x, "ns");
						char *local = schema_text(x);
						if (local == NULL)
							break;
						int xml = ns && strcmp(ns, SCHEMA_XML_NS) == 0;
						name = malloc(strlen(local) + 5);
						if (name)
							sprintf(name, "%s%s", xml ? "xml:" : "",
							        local);
						free(local);
						break;
					}
			}
			if (name == NULL) {
				ix->oom = 1;
				continue;
			}
			struct schema_attr *a = &e->attr[e->nattr++];
			memset(a, 0, sizeof *a);
			a->name = name;
			a->required = required && need == NULL;
			/* a form is described by its define's documentation
			 * (an attribute's own says what the attribute is for) */
			schema_values(ix, &a->form, c, NULL, 0);
		} else if (schema_is(c, "optional") ||
		           schema_is(c, "zeroOrMore")) {
			if (need != NULL)
				need->optional = 1;
			schema_walk(ix, e, c, 0, NULL, depth + 1);
		} else if (schema_is(c, "oneOrMore") || schema_is(c, "group") ||
		           schema_is(c, "interleave")) {
			schema_walk(ix, e, c, required, need, depth + 1);
		} else if (schema_is(c, "choice")) {
			if (need != NULL || !required) {
				schema_walk(ix, e, c, 0, need, depth + 1);
				continue;
			}
			struct schema_need nd;
			memset(&nd, 0, sizeof nd);
			schema_walk(ix, e, c, 1, &nd, depth + 1);
			if (!nd.optional && nd.n > 0 && e->nneed < SCHEMA_MAX)
				e->need[e->nneed++] = nd;
		} else if (schema_is(c, "ref")) {
			const char *n = schema_prop(c, "name");
			const xmlNode *d = n ? schema_define(ix, n) : NULL;
			if (d != NULL)
				schema_walk(ix, e, d, required, need, depth + 1);
		} else if (schema_is(c, "text") || schema_is(c, "mixed")) {
			e->text = 1;
			if (need != NULL)
				need->optional = 1;
			if (schema_is(c, "mixed"))
				schema_walk(ix, e, c, 0, NULL, depth + 1);
		} else if (schema_is(c, "empty")) {
			if (need != NULL)
				need->optional = 1;
		} else if (schema_is(c, "data")) {
			/* the words of an element with a form */
			e->text = 1;
			if (need != NULL)
				need->optional = 1;
			if (e->form.pattern == NULL)
				schema_values(ix, &e->form, pat,
				              schema_is(pat, "define")
				              ? schema_documentation(pat) : NULL, 0);
		}
	}
}

static size_t schema_count_elements(const xmlNode *n)
{
	size_t k = 0;
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			k += schema_is(n, "element") + schema_count_elements(
			    n->children);
	return k;
}

static void schema_list_elements(struct schema_index *ix, const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (schema_is(n, "element")) {
			struct schema_elem *e = &ix->elem[ix->nelem++];
			e->rng = n;
			e->name = schema_prop(n, "name");
			if (e->name == NULL)   /* <name> children: not used */
				e->name = "";
		}
		schema_list_elements(ix, n->children);
	}
}

struct schema_index *schema_index_new(const char *rng, size_t len)
{
	struct schema_index *ix = calloc(1, sizeof *ix);
	if (ix == NULL)
		return NULL;
	ix->doc = xmlReadMemory(rng, (int)len, "mishto.rng", NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	const xmlNode *g = ix->doc ? xmlDocGetRootElement(ix->doc) : NULL;
	if (g == NULL)
		goto fail;
	size_t n = schema_count_elements(g->children);
	ix->elem = calloc(n ? n : 1, sizeof *ix->elem);
	if (ix->elem == NULL)
		goto fail;
	schema_list_elements(ix, g->children);
	for (size_t i = 0; i < ix->nelem; i++)
		schema_walk(ix, &ix->elem[i], ix->elem[i].rng, 1, NULL, 0);
	/* the roots: what start allows */
	struct schema_elem start;
	memset(&start, 0, sizeof start);
	for (const xmlNode *c = g->children; c; c = c->next)
		if (schema_is(c, "start"))
			schema_walk(ix, &start, c, 0, NULL, 0);
	for (size_t i = 0; i < start.nkid && ix->nroot < 16; i++)
		ix->root[ix->nroot++] = start.kid[i];
	if (ix->oom)
		goto fail;
	return ix;
fail:
	schema_index_free(ix);
	return NULL;
}

void schema_index_free(struct schema_index *ix)
{
	if (ix == NULL)
		return;
	for (size_t i = 0; ix->elem && i < ix->nelem; i++) {
		for (size_t k = 0; k < ix->elem[i].nattr; k++) {
			free(ix->elem[i].attr[k].name);
			schema_form_free(&ix->elem[i].attr[k].form);
		}
		schema_form_free(&ix->elem[i].form);
	}
	free(ix->elem);
	xmlFreeDoc(ix->doc);
	free(ix);
}

/* ---------------------------------------------------------------- */
/* explaining                                                        */

struct schema_run {
	const struct schema_index *ix;
	schema_say_fn say;
	void *ctx;
	size_t said;
	enum schema_place place;   /* where the next is said */
};

static void schema_say(struct schema_run *r, const xmlNode *node,
                       const char *attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void schema_say(struct schema_run *r, const xmlNode *node,
                       const char *attr, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->say(r->ctx, node, attr, r->place, msg);
	r->said++;
}

/* "<a>, <b> and <c>" (or "a, b and c" with no brackets) into buf. */
static void schema_join(char *buf, size_t size, const char *const *names,
                        size_t n, int brackets, const char *last_word)
{
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && at < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? last_word : ", ";
		int w = snprintf(buf + at, size - at, "%s%s%s%s", sep,
		                 brackets ? "<" : "", names[i],
		                 brackets ? ">" : "");
		if (w < 0)
			break;
		at += (size_t)w;
	}
}

static int schema_in_doc_ns(const xmlNode *n)
{
	return n->ns != NULL &&
	       strcmp((const char *)n->ns->href, SCHEMA_DOC_NS) == 0;
}

static void schema_attr_name(const xmlAttr *a, char *buf, size_t size)
{
	int xml = a->ns != NULL &&
	          strcmp((const char *)a->ns->href, SCHEMA_XML_NS) == 0;
	snprintf(buf, size, "%s%s", xml ? "xml:" : a->ns ? "?" : "",
	         (const char *)a->name);
}

/* Where else an element of this name is allowed: "it belongs in <x>". */
static const char *schema_parent_of(const struct schema_index *ix,
                                    const char *name)
{
	for (size_t i = 0; i < ix->nelem; i++)
		for (size_t k = 0; k < ix->elem[i].nkid; k++)
			if (strcmp(ix->elem[i].kid[k]->name, name) == 0)
				return ix->elem[i].name;
	return NULL;
}

static void schema_not_allowed(struct schema_run *r, const xmlNode *n,
                               const struct schema_elem *parent)
{
	const char *name = (const char *)n->name;
	const char *names[SCHEMA_MAX] = {0};
	for (size_t i = 0; i < parent->nkid; i++)
		names[i] = parent->kid[i]->name;
	char holds[512];
	schema_join(holds, sizeof holds, names, parent->nkid, 1, " and ");
	const char *near = diag_nearest(name, names, parent->nkid);
	const char *home = schema_parent_of(r->ix, name);
	char where[128] = "";
	if (near == NULL && home != NULL)
		snprintf(where, sizeof where, "; <%s> belongs in <%s>", name,
		         home);
	if (!schema_in_doc_ns(n))
		schema_say(r, n, NULL, "<%s> is not a mishto element (it is "
		           "in another namespace, or in none); <%s> holds %s",
		           name, parent->name, parent->nkid ? holds : "no elements");
	else if (parent->nkid == 0)
		schema_say(r, n, NULL, "<%s> holds no elements, so <%s> is "
		           "not allowed here%s", parent->name, name, where);
	else if (near != NULL)
		schema_say(r, n, NULL, "<%s> is not allowed in <%s>; did you "
		           "mean <%s>? (<%s> holds %s)", name, parent->name,
		           near, parent->name, holds);
	else
		schema_say(r, n, NULL, "<%s> is not allowed in <%s>%s; <%s> "
		           "holds %s", name, parent->name, where, parent->name,
		           holds);
}

/* Whether a and b are the same token: RELAX NG compares <value>s with
 * white space collapsed. */
static int schema_same_token(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
			a++;
		while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
			b++;
		while (*a && *a == *b && !strchr(" \t\n\r", *a))
			a++, b++;
		int ea = !*a || strchr(" \t\n\r", *a);
		int eb = !*b || strchr(" \t\n\r", *b);
		if (!ea || !eb)
			return 0;
		while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
			a++;
		while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
	}
}

static int schema_fits(const struct schema_form *f, const char *val)
{
	for (size_t i = 0; i < f->nvalues; i++)
		if (schema_same_token(f->values[i], val))
			return 1;
	/* 1: the whole value matches, as XML Schema's patterns are read */
	return f->nvalues == 0 &&
	       (f->pattern == NULL ||
	        xmlRegexpExec(f->pattern, (const xmlChar *)val) == 1);
}

/* A value not of its form: attr's (NULL: the words of element n). */
static void schema_check_value(struct schema_run *r, const xmlNode *n,
                               const char *attr,
                               const struct schema_form *f,
                               const char *val)
{
	if (schema_fits(f, val))
		return;
	r->place = attr ? SCHEMA_AT_VALUE : SCHEMA_AT_TEXT;
	char what[160];
	if (attr)
		snprintf(what, sizeof what, "%s=\"%.100s\"", attr, val);
	else
		snprintf(what, sizeof what, "<%s>%.100s</%s>",
		         (const char *)n->name, val, (const char *)n->name);
	const char *fold = NULL;
	for (size_t i = 0; i < f->nvalues; i++)
		if (strcasecmp(f->values[i], val) == 0)
			fold = f->values[i];
	const char *near = fold ? fold : diag_nearest(val,
	    (const char *const *)f->values, f->nvalues);
	char vals[256];
	schema_join(vals, sizeof vals, (const char *const *)f->values,
	            f->nvalues, 0, " or ");
	if (f->nvalues == 0)
		schema_say(r, n, attr, "%s is not %s", what,
		           f->described ? f->described : "of the form the "
		           "schema gives");
	else if (fold != NULL)
		schema_say(r, n, attr, "%s is written \"%s\", in lower case",
		           what, fold);
	else if (near != NULL)
		schema_say(r, n, attr, "%s is not allowed; did you mean "
		           "\"%s\"? (one of %s)", what, near, vals);
	else
		schema_say(r, n, attr, "%s is not allowed; write %s", what,
		           vals);
	r->place = SCHEMA_AT_ELEMENT;
}

static void schema_check_attributes(struct schema_run *r, const xmlNode *n,
                                    const struct schema_elem *e)
{
	const char *names[SCHEMA_MAX] = {0};
	for (size_t i = 0; i < e->nattr; i++)
		names[i] = e->attr[i].name;
	char list[512];
	schema_join(list, sizeof list, names, e->nattr, 0, " and ");
	/* a misspelt required attribute is one mistake, not also a
	 * missing one */
	const char *meant[SCHEMA_MAX];
	size_t nmeant = 0;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		char name[128];
		schema_attr_name(a, name, sizeof name);
		const struct schema_attr *sa = NULL;
		for (size_t i = 0; i < e->nattr; i++)
			if (strcmp(e->attr[i].name, name) == 0)
				sa = &e->attr[i];
		if (sa == NULL) {
			r->place = SCHEMA_AT_NAME;   /* the name is wrong */
			const char *near = diag_nearest(name, names, e->nattr);
			if (e->nattr == 0)
				schema_say(r, n, name, "<%s> has no attributes, so "
				           "not %s", e->name, name);
			else if (near != NULL) {
				schema_say(r, n, name, "<%s> has no attribute "
				           "\"%s\"; did you mean %s? (its attributes: "
				           "%s)", e->name, name, near, list);
				if (nmeant < SCHEMA_MAX)
					meant[nmeant++] = near;
			}
			else
				schema_say(r, n, name, "<%s> has no attribute "
				           "\"%s\" (its attributes: %s)", e->name,
				           name, list);
			r->place = SCHEMA_AT_ELEMENT;
			continue;
		}
		if (sa->form.nvalues == 0 && sa->form.pattern == NULL)
			continue;
		xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
		if (v != NULL)
			schema_check_value(r, n, name, &sa->form, (const char *)v);
		xmlFree(v);
	}
	for (size_t i = 0; i < e->nattr; i++) {
		if (!e->attr[i].required)
			continue;
		int here = 0;
		for (size_t k = 0; k < nmeant && !here; k++)
			here = strcmp(meant[k], e->attr[i].name) == 0;
		for (const xmlAttr *a = n->properties; a && !here; a = a->next) {
			char name[128];
			schema_attr_name(a, name, sizeof name);
			here = strcmp(name, e->attr[i].name) == 0;
		}
		if (!here)
			schema_say(r, n, NULL, "<%s> needs a %s attribute: <%s "
			           "%s=\"...\">", e->name, e->attr[i].name, e->name,
			           e->attr[i].name);
	}
}

static void schema_explain_element(struct schema_run *r, const xmlNode *n,
                                   const struct schema_elem *e, int depth)
{
	if (depth > 300)
		return;
	schema_check_attributes(r, n, e);
	if (e->form.nvalues > 0 || e->form.pattern != NULL) {
		xmlChar *v = xmlNodeGetContent(n);
		if (v != NULL)
			schema_check_value(r, n, NULL, &e->form, (const char *)v);
		xmlFree(v);
	}
	int text = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const xmlChar *t = c->content; t && *t && !text; t++)
				text = !strchr(" \t\r\n", *t);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const struct schema_elem *k = NULL;
		for (size_t i = 0; i < e->nkid && k == NULL; i++)
			if (schema_in_doc_ns(c) &&
			    strcmp(e->kid[i]->name, (const char *)c->name) == 0)
				k = e->kid[i];
		if (k == NULL)
			schema_not_allowed(r, c, e);
		else
			schema_explain_element(r, c, k, depth + 1);
	}
	if (text && !e->text) {
		const char *names[SCHEMA_MAX] = {0};
		for (size_t i = 0; i < e->nkid; i++)
			names[i] = e->kid[i]->name;
		char holds[512];
		schema_join(holds, sizeof holds, names, e->nkid, 1, " or ");
		if (e->nkid == 0)
			schema_say(r, n, NULL, "<%s> is empty: it holds no words "
			           "(write it <%s .../>)", e->name, e->name);
		else
			schema_say(r, n, NULL, "<%s> holds no words of its own; "
			           "put them in %s", e->name, holds);
	}
	for (size_t i = 0; i < e->nneed; i++) {
		const struct schema_need *nd = &e->need[i];
		int here = 0;
		for (const xmlNode *c = n->children; c && !here; c = c->next)
			for (size_t k = 0; k < nd->n && !here; k++)
				here = c->type == XML_ELEMENT_NODE &&
				       schema_in_doc_ns(c) &&
				       strcmp((const char *)c->name,
				              nd->one_of[k]->name) == 0;
		if (here)
			continue;
		const char *names[8];
		for (size_t k = 0; k < nd->n; k++)
			names[k] = nd->one_of[k]->name;
		char which[256];
		schema_join(which, sizeof which, names, nd->n, 1, " or ");
		schema_say(r, n, NULL, "<%s> needs %s %s, and has none",
		           e->name, nd->n > 1 ? "at least one of" : "a", which);
	}
}

size_t schema_explain(const struct schema_index *ix, const xmlNode *root,
                      schema_say_fn say, void *ctx)
{
	struct schema_run r = {ix, say, ctx, 0, SCHEMA_AT_ELEMENT};
	if (root == NULL)
		return 0;
	const struct schema_elem *e = NULL;
	for (size_t i = 0; i < ix->nroot && e == NULL; i++)
		if (strcmp(ix->root[i]->name, (const char *)root->name) == 0)
			e = ix->root[i];
	const char *names[16] = {0};
	for (size_t i = 0; i < ix->nroot; i++)
		names[i] = ix->root[i]->name;
	char roots[512];
	schema_join(roots, sizeof roots, names, ix->nroot, 1, " or ");
	if (e == NULL) {
		const char *near = diag_nearest((const char *)root->name, names,
		                                ix->nroot);
		schema_say(&r, root, NULL, "<%s> is not a mishto document%s%s%s;"
		           " a document is one of %s", (const char *)root->name,
		           near ? "; did you mean <" : "", near ? near : "",
		           near ? ">?" : "", roots);
		return r.said;
	}
	if (!schema_in_doc_ns(root)) {
		schema_say(&r, root, NULL, "<%s> needs the mishto namespace: "
		           "<%s xmlns=\"" SCHEMA_DOC_NS "\" ...>",
		           (const char *)root->name, (const char *)root->name);
		return r.said;
	}
	schema_explain_element(&r, root, e, 0);
	return r.said;
}
