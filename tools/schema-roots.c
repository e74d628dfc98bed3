/* schema-roots: writes, for each document root of a RELAX NG schema (each
 * <ref> in its <start>), the schema cut down to what that root needs, as
 * a C file the compiler embeds (build/schema_roots.c).
 *
 * Why: compiling the whole schema, with its documentation, was a fifth
 * of the instructions of building the pledge form; a document is
 * validated against the grammar of its own root, which is a part of it.
 * Each cut schema accepts exactly what the whole one accepts of a
 * document with that root: only the choice in <start> is narrowed, and
 * only what the root cannot reach, annotations, comments and blank text
 * that RELAX NG's simplification drops anyway are taken out.
 *
 * Usage: schema-roots SCHEMA.rng > schema_roots.c
 * Built and run at build time only, linked with libxml2. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

static int is_rng(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	       (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static int is_blank(const xmlNode *n)
{
	if (n->type != XML_TEXT_NODE || n->content == NULL)
		return 0;
	for (const xmlChar *c = n->content; *c; c++)
		if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
			return 0;
	return 1;
}

/* Comments, elements of other namespaces (annotations) and blank text
 * (except inside <value> and <param>, where it is data) go. */
static void strip(xmlNode *parent)
{
	int data = is_rng(parent, "value") || is_rng(parent, "param");
	for (xmlNode *n = parent->children, *next; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
		    (n->type == XML_ELEMENT_NODE && !is_rng(n, NULL)) ||
		    (!data && is_blank(n))) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (n->type == XML_ELEMENT_NODE) {
			strip(n);
		}
	}
}

struct names {
	const xmlChar **v;
	size_t n, cap;
};

static int names_has(const struct names *s, const xmlChar *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (xmlStrEqual(s->v[i], name))
			return 1;
	return 0;
}

static void names_add(struct names *s, const xmlChar *name)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (s->v == NULL) {
			perror("schema-roots");
			exit(1);
		}
	}
	s->v[s->n++] = name;
}

/* Every define reachable from n's refs, added to seen. */
static void reach(xmlNode *grammar, xmlNode *n, struct names *seen)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_rng(c, "ref")) {
			xmlChar *name = xmlGetProp(c, (const xmlChar *)"name");
			if (name == NULL || names_has(seen, name)) {
				xmlFree(name);
				continue;
			}
			names_add(seen, name);
			/* all defines of the name (combine= joins several) */
			for (xmlNode *d = grammar->children; d; d = d->next) {
				if (!is_rng(d, "define"))
					continue;
				xmlChar *dn = xmlGetProp(d,
				                         (const xmlChar *)"name");
				int same = dn != NULL && xmlStrEqual(dn, name);
				xmlFree(dn);
				if (same)
					reach(grammar, d, seen);
			}
		} else {
			reach(grammar, c, seen);
		}
	}
}

/* The element a root's define makes: its <element name="...">. */
static xmlChar *root_element(xmlNode *grammar, const xmlChar *ref)
{
	for (xmlNode *d = grammar->children; d != NULL; d = d->next) {
		if (!is_rng(d, "define"))
			continue;
		xmlChar *dn = xmlGetProp(d, (const xmlChar *)"name");
		int same = dn != NULL && xmlStrEqual(dn, ref);
		xmlFree(dn);
		if (!same)
			continue;
		for (xmlNode *e = d->children; e != NULL; e = e->next)
			if (is_rng(e, "element"))
				return xmlGetProp(e, (const xmlChar *)"name");
	}
	return NULL;
}

static void emit_bytes(const xmlChar *p, int len)
{
	for (int i = 0; i < len; i++)
		printf("%s0x%02x,", i % 16 == 0 ? "\n\t" : "",
		       (unsigned)p[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: schema-roots SCHEMA.rng\n");
		return 2;
	}
	xmlDocPtr full = xmlReadFile(argv[1], NULL, XML_PARSE_NONET);
	xmlNode *g = full ? xmlDocGetRootElement(full) : NULL;
	xmlNode *start = NULL, *choice = NULL;
	for (xmlNode *c = g ? g->children : NULL; c != NULL; c = c->next)
		if (is_rng(c, "start"))
			start = c;
	for (xmlNode *c = start ? start->children : NULL; c; c = c->next)
		if (is_rng(c, "choice"))
			choice = c;
	if (g == NULL || !is_rng(g, "grammar") || choice == NULL) {
		fprintf(stderr, "schema-roots: %s: no <grammar> whose <start> "
		        "is a <choice> of roots\n", argv[1]);
		return 1;
	}
	printf("/* generated from %s by tools/schema-roots.c; do not edit"
	       " */\n#include \"parse.h\"\n", argv[1]);
	int nroots = 0;
	xmlChar *elements[64];
	int lens[64];
	for (xmlNode *r = choice->children; r != NULL; r = r->next) {
		if (!is_rng(r, "ref"))
			continue;
		if (nroots == 64) {
			fprintf(stderr, "schema-roots: too many roots\n");
			return 1;
		}
		xmlChar *ref = xmlGetProp(r, (const xmlChar *)"name");
		elements[nroots] = ref ? root_element(g, ref) : NULL;
		if (elements[nroots] == NULL) {
			fprintf(stderr, "schema-roots: root %s is not a define "
			        "of one <element>\n", ref ? (char *)ref : "?");
			return 1;
		}
		xmlDocPtr doc = xmlCopyDoc(full, 1);
		xmlNode *dg = xmlDocGetRootElement(doc);
		strip(dg);
		/* start: this root alone */
		for (xmlNode *c = dg->children; c != NULL; c = c->next)
			if (is_rng(c, "start")) {
				xmlNode *ch = c->children;
				xmlUnlinkNode(ch);
				xmlFreeNode(ch);
				xmlNode *only = xmlNewChild(c, c->ns,
				    (const xmlChar *)"ref", NULL);
				xmlSetProp(only, (const xmlChar *)"name", ref);
			}
		struct names seen = {0};
		for (xmlNode *c = dg->children; c != NULL; c = c->next)
			if (is_rng(c, "start"))
				reach(dg, c, &seen);
		for (xmlNode *d = dg->children, *next; d != NULL; d = next) {
			next = d->next;
			if (!is_rng(d, "define"))
				continue;
			xmlChar *dn = xmlGetProp(d, (const xmlChar *)"name");
			if (dn == NULL || !names_has(&seen, dn)) {
				xmlUnlinkNode(d);
				xmlFreeNode(d);
			}
			xmlFree(dn);
		}
		xmlChar *text = NULL;
		xmlDocDumpMemoryEnc(doc, &text, &lens[nroots], "UTF-8");
		printf("static const unsigned char root_%d[] = {", nroots);
		emit_bytes(text, lens[nroots]);
		printf("};\n");
		xmlFree(text);
		for (size_t i = 0; i < seen.n; i++)
			xmlFree((xmlChar *)seen.v[i]);
		free(seen.v);
		xmlFree(ref);
		xmlFreeDoc(doc);
		nroots++;
	}
	printf("const struct parse_schema_root mishto_schema_roots[] = {\n");
	for (int i = 0; i < nroots; i++) {
		printf("\t{\"%s\", root_%d, %d},\n", (char *)elements[i], i,
		       lens[i]);
		xmlFree(elements[i]);
	}
	printf("};\nconst size_t mishto_schema_nroots = %d;\n", nroots);
	xmlFreeDoc(full);
	return 0;
}
