/* import.c - reading a returned form: PDF and FDF through libqpdf's C
 * API (a well-kept parser of every PDF a reader may save: incremental
 * updates, object streams, damaged files it can repair), XFDF through
 * libxml2. */
#include "import.h"
#include "diag.h"

#include <dlfcn.h>
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <qpdf/DLL.h>
#include <qpdf/qpdf-c.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits on what a return may hold: a pledge form has about a hundred
 * fields and a few sources of some kilobytes. */
#define IMPORT_MAX_FIELDS 10000
#define IMPORT_MAX_DEPTH 32
#define IMPORT_MAX_FILE (16u << 20)

static void import_error(struct diag *d, const char *path, const char *fmt,
                         const char *detail)
{
	struct loc l = {path, NULL, 0, 0};
	diag_report(d, DIAG_ERROR, &l, "import", fmt, detail);
}

static int import_add_field(struct import_return *r, const char *name,
                            const char *value, int page, int is_check)
{
	if (r->nfields >= IMPORT_MAX_FIELDS)
		return -1;
	struct import_field *v = realloc(r->fields,
	                                 (r->nfields + 1) * sizeof *v);
	if (v == NULL)
		return -1;
	r->fields = v;
	struct import_field *f = &v[r->nfields];
	f->name = strdup(name);
	f->value = strdup(value ? value : "");
	f->page = page;
	f->is_check = is_check;
	if (f->name == NULL || f->value == NULL) {
		free(f->name);
		free(f->value);
		return -1;
	}
	r->nfields++;
	return 0;
}

static int import_add_file(struct import_return *r, const char *name,
                           const unsigned char *data, size_t len)
{
	struct import_file *v = realloc(r->files, (r->nfiles + 1) * sizeof *v);
	if (v == NULL)
		return -1;
	r->files = v;
	struct import_file *f = &v[r->nfiles];
	f->name = strdup(name);
	f->data = malloc(len + 1);
	if (f->name == NULL || f->data == NULL) {
		free(f->name);
		free(f->data);
		return -1;
	}
	memcpy(f->data, data, len);
	f->data[len] = '\0';
	f->len = len;
	r->nfiles++;
	return 0;
}

const struct import_field *import_field(const struct import_return *r,
                                        const char *name)
{
	for (size_t i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return &r->fields[i];
	return NULL;
}

void import_free(struct import_return *r)
{
	for (size_t i = 0; i < r->nfields; i++) {
		free(r->fields[i].name);
		free(r->fields[i].value);
	}
	for (size_t i = 0; i < r->nfiles; i++) {
		free(r->files[i].name);
		free(r->files[i].data);
	}
	free(r->fields);
	free(r->files);
	free(r->form_file);
	memset(r, 0, sizeof *r);
}

/* ---- PDF and FDF ----
 *
 * libqpdf is loaded when a PDF or FDF comes back (dlopen), not linked:
 * a C++ library with its own dependencies (GnuTLS, libjpeg), it cost
 * every run of the program 220 page faults and 8 ms to load and relocate
 * (perf stat on an empty program linked with and without it), and only
 * import reads a PDF. Its C API is checked against the version built for. */

#if QPDF_MAJOR_VERSION != 11
#error "generator/import.c loads libqpdf 11 (libqpdf.so.29, Debian 12's libqpdf-dev) by name; check the soname of this version"
#endif
#define IMPORT_QPDF_SONAME "libqpdf.so.29"

struct import_qpdf {
	void *lib;
	qpdf_data (*init)(void);
	void (*cleanup)(qpdf_data *);
	void (*silence_errors)(qpdf_data);
	void (*set_suppress_warnings)(qpdf_data, QPDF_BOOL);
	QPDF_ERROR_CODE (*read)(qpdf_data, const char *, const char *);
	QPDF_BOOL (*has_error)(qpdf_data);
	qpdf_error (*get_error)(qpdf_data);
	const char *(*get_error_message_detail)(qpdf_data, qpdf_error);
	qpdf_oh (*get_root)(qpdf_data);
	int (*get_num_pages)(qpdf_data);
	qpdf_oh (*get_page_n)(qpdf_data, size_t);
	qpdf_oh (*oh_get_key)(qpdf_data, qpdf_oh, const char *);
	QPDF_BOOL (*oh_has_key)(qpdf_data, qpdf_oh, const char *);
	qpdf_oh (*oh_get_array_item)(qpdf_data, qpdf_oh, int);
	int (*oh_get_array_n_items)(qpdf_data, qpdf_oh);
	QPDF_BOOL (*oh_is_array)(qpdf_data, qpdf_oh);
	QPDF_BOOL (*oh_is_dictionary)(qpdf_data, qpdf_oh);
	QPDF_BOOL (*oh_is_string)(qpdf_data, qpdf_oh);
	QPDF_BOOL (*oh_is_name)(qpdf_data, qpdf_oh);
	QPDF_BOOL (*oh_is_stream)(qpdf_data, qpdf_oh);
	QPDF_BOOL (*oh_is_name_and_equals)(qpdf_data, qpdf_oh, const char *);
	const char *(*oh_get_name)(qpdf_data, qpdf_oh);
	int (*oh_get_object_id)(qpdf_data, qpdf_oh);
	const char *(*oh_get_binary_utf8_value)(qpdf_data, qpdf_oh, size_t *);
	QPDF_ERROR_CODE (*oh_get_stream_data)(qpdf_data, qpdf_oh, enum qpdf_stream_decode_level_e, QPDF_BOOL *, unsigned char **, size_t *);
};

/* libqpdf's functions, or -1 (with a message) when it cannot be loaded. */
static int import_qpdf_open(struct import_qpdf *qp, const char *path,
                            struct diag *d)
{
	memset(qp, 0, sizeof *qp);
	qp->lib = dlopen(IMPORT_QPDF_SONAME, RTLD_NOW | RTLD_LOCAL);
	static const struct {
		const char *name;
		size_t offset;
	} syms[] = {
	    {"qpdf_init", offsetof(struct import_qpdf, init)},
	    {"qpdf_cleanup", offsetof(struct import_qpdf, cleanup)},
	    {"qpdf_silence_errors", offsetof(struct import_qpdf, silence_errors)},
	    {"qpdf_set_suppress_warnings", offsetof(struct import_qpdf, set_suppress_warnings)},
	    {"qpdf_read", offsetof(struct import_qpdf, read)},
	    {"qpdf_has_error", offsetof(struct import_qpdf, has_error)},
	    {"qpdf_get_error", offsetof(struct import_qpdf, get_error)},
	    {"qpdf_get_error_message_detail", offsetof(struct import_qpdf, get_error_message_detail)},
	    {"qpdf_get_root", offsetof(struct import_qpdf, get_root)},
	    {"qpdf_get_num_pages", offsetof(struct import_qpdf, get_num_pages)},
	    {"qpdf_get_page_n", offsetof(struct import_qpdf, get_page_n)},
	    {"qpdf_oh_get_key", offsetof(struct import_qpdf, oh_get_key)},
	    {"qpdf_oh_has_key", offsetof(struct import_qpdf, oh_has_key)},
	    {"qpdf_oh_get_array_item", offsetof(struct import_qpdf, oh_get_array_item)},
	    {"qpdf_oh_get_array_n_items", offsetof(struct import_qpdf, oh_get_array_n_items)},
	    {"qpdf_oh_is_array", offsetof(struct import_qpdf, oh_is_array)},
	    {"qpdf_oh_is_dictionary", offsetof(struct import_qpdf, oh_is_dictionary)},
	    {"qpdf_oh_is_string", offsetof(struct import_qpdf, oh_is_string)},
	    {"qpdf_oh_is_name", offsetof(struct import_qpdf, oh_is_name)},
	    {"qpdf_oh_is_stream", offsetof(struct import_qpdf, oh_is_stream)},
	    {"qpdf_oh_is_name_and_equals", offsetof(struct import_qpdf, oh_is_name_and_equals)},
	    {"qpdf_oh_get_name", offsetof(struct import_qpdf, oh_get_name)},
	    {"qpdf_oh_get_object_id", offsetof(struct import_qpdf, oh_get_object_id)},
	    {"qpdf_oh_get_binary_utf8_value", offsetof(struct import_qpdf, oh_get_binary_utf8_value)},
	    {"qpdf_oh_get_stream_data", offsetof(struct import_qpdf, oh_get_stream_data)},
	};
	for (size_t i = 0; qp->lib != NULL && i < sizeof syms / sizeof syms[0];
	     i++) {
		void *f = dlsym(qp->lib, syms[i].name);
		if (f == NULL) {
			dlclose(qp->lib);
			qp->lib = NULL;
			break;
		}
		/* dlsym gives an object pointer; its bytes are the
		 * function's */
		memcpy((char *)qp + syms[i].offset, &f, sizeof f);
	}
	if (qp->lib == NULL) {
		import_error(d, path, "cannot read a PDF or FDF without libqpdf "
		             "(%s); install it with: apt-get install libqpdf29",
		             IMPORT_QPDF_SONAME);
		return -1;
	}
	return 0;
}


struct import_pdf {
	const struct import_qpdf *qp;
	qpdf_data q;
	struct import_return *r;
	int *page_of;            /* object number -> page (1-based), 0 none */
	int npage_of;
	int failed;
};

/* A text string's words as UTF-8 (PDFDocEncoding or UTF-16), malloc'd. */
static char *import_text(struct import_pdf *ip, qpdf_oh oh)
{
	const struct import_qpdf *Q = ip->qp;
	size_t len = 0;
	const char *s = Q->oh_get_binary_utf8_value(ip->q, oh, &len);
	char *out = malloc(len + 1);
	if (out == NULL)
		return NULL;
	if (s != NULL)
		memcpy(out, s, len);
	out[len] = '\0';
	/* a NUL inside is not text */
	if (strlen(out) != len)
		out[strlen(out)] = '\0';
	return out;
}

static int import_page_of(struct import_pdf *ip, qpdf_oh oh)
{
	const struct import_qpdf *Q = ip->qp;
	int id = Q->oh_get_object_id(ip->q, oh);
	return id > 0 && id < ip->npage_of ? ip->page_of[id] : 0;
}

/* Walks every page's annotations: with page_of NULL, the highest object
 * number among them; else each one's page, the first it is found on. */
static int import_walk_annots(struct import_pdf *ip, int *page_of, int max)
{
	const struct import_qpdf *Q = ip->qp;
	int n = Q->get_num_pages(ip->q);
	for (int p = 0; p < n; p++) {
		qpdf_oh annots = Q->oh_get_key(ip->q,
		                                 Q->get_page_n(ip->q, (size_t)p),
		                                 "/Annots");
		int k = Q->oh_is_array(ip->q, annots)
		        ? Q->oh_get_array_n_items(ip->q, annots) : 0;
		for (int i = 0; i < k; i++) {
			int id = Q->oh_get_object_id(
			    ip->q, Q->oh_get_array_item(ip->q, annots, i));
			if (page_of == NULL && id > max)
				max = id;
			else if (page_of != NULL && id > 0 && id <= max &&
			         page_of[id] == 0)
				page_of[id] = p + 1;
		}
	}
	return max;
}

/* Which page each annotation is on, by object number: a field's page is
 * its widget's. */
static void import_map_pages(struct import_pdf *ip)
{
	int max = import_walk_annots(ip, NULL, 0);
	if (max <= 0 || max > 50000000)
		return;
	ip->page_of = calloc((size_t)max + 1, sizeof *ip->page_of);
	if (ip->page_of == NULL)
		return;
	ip->npage_of = max + 1;
	import_walk_annots(ip, ip->page_of, max);
}

/* One field and its kids: names joined by '.', the type inherited. */
static void import_pdf_field(struct import_pdf *ip, qpdf_oh f,
                             const char *parent, int check, int depth)
{
	const struct import_qpdf *Q = ip->qp;
	qpdf_data q = ip->q;
	if (depth > IMPORT_MAX_DEPTH || !Q->oh_is_dictionary(q, f)) {
		ip->failed = depth > IMPORT_MAX_DEPTH;
		return;
	}
	char *part = Q->oh_has_key(q, f, "/T")
	             ? import_text(ip, Q->oh_get_key(q, f, "/T")) : NULL;
	size_t n = strlen(parent) + (part ? strlen(part) : 0) + 2;
	char *name = malloc(n);
	if (name == NULL) {
		free(part);
		ip->failed = 1;
		return;
	}
	snprintf(name, n, "%s%s%s", parent, *parent && part ? "." : "",
	         part ? part : "");
	free(part);
	if (Q->oh_has_key(q, f, "/FT"))
		check = Q->oh_is_name_and_equals(
		    q, Q->oh_get_key(q, f, "/FT"), "/Btn");
	qpdf_oh kids = Q->oh_get_key(q, f, "/Kids");
	int nk = Q->oh_is_array(q, kids) ? Q->oh_get_array_n_items(q, kids)
	                                   : 0;
	/* a field whose kids have names is not itself a field to fill */
	int named_kids = 0;
	for (int i = 0; i < nk; i++)
		named_kids |= Q->oh_has_key(
		    q, Q->oh_get_array_item(q, kids, i), "/T");
	if (named_kids) {
		for (int i = 0; i < nk && !ip->failed; i++)
			import_pdf_field(ip, Q->oh_get_array_item(q, kids, i),
			                 name, check, depth + 1);
		free(name);
		return;
	}
	char *value = NULL;
	qpdf_oh v = Q->oh_get_key(q, f, "/V");
	if (Q->oh_is_name(q, v)) {
		const char *s = Q->oh_get_name(q, v);
		value = strdup(s[0] == '/' ? s + 1 : s);
	} else if (Q->oh_is_string(q, v)) {
		value = import_text(ip, v);
	} else if (check) {
		/* no value: what the widget shows */
		qpdf_oh w = nk ? Q->oh_get_array_item(q, kids, 0) : f;
		qpdf_oh as = Q->oh_get_key(q, w, "/AS");
		const char *s = Q->oh_is_name(q, as) ? Q->oh_get_name(q, as)
		                                       : "/Off";
		value = strdup(s[0] == '/' ? s + 1 : s);
	} else {
		value = strdup("");
	}
	int page = import_page_of(ip, nk ? Q->oh_get_array_item(q, kids, 0)
	                                 : f);
	if (value == NULL || import_add_field(ip->r, name, value, page,
	                                      check) != 0)
		ip->failed = 1;
	free(value);
	free(name);
}

static void import_pdf_fields(struct import_pdf *ip, qpdf_oh fields)
{
	const struct import_qpdf *Q = ip->qp;
	int n = Q->oh_is_array(ip->q, fields)
	        ? Q->oh_get_array_n_items(ip->q, fields) : 0;
	for (int i = 0; i < n && !ip->failed; i++)
		import_pdf_field(ip, Q->oh_get_array_item(ip->q, fields, i), "",
		                 0, 0);
}

/* The embedded files of a name tree node (its /Names pairs, its /Kids). */
static void import_pdf_files(struct import_pdf *ip, qpdf_oh node, int depth)
{
	const struct import_qpdf *Q = ip->qp;
	qpdf_data q = ip->q;
	if (depth > IMPORT_MAX_DEPTH || !Q->oh_is_dictionary(q, node))
		return;
	qpdf_oh names = Q->oh_get_key(q, node, "/Names");
	int n = Q->oh_is_array(q, names) ? Q->oh_get_array_n_items(q, names)
	                                   : 0;
	for (int i = 0; i + 1 < n && !ip->failed; i += 2) {
		qpdf_oh spec = Q->oh_get_array_item(q, names, i + 1);
		qpdf_oh ef = Q->oh_get_key(q, Q->oh_get_key(q, spec, "/EF"),
		                             "/F");
		if (!Q->oh_is_stream(q, ef))
			continue;
		qpdf_oh fname = Q->oh_has_key(q, spec, "/UF")
		                ? Q->oh_get_key(q, spec, "/UF")
		                : Q->oh_get_key(q, spec, "/F");
		char *name = Q->oh_is_string(q, fname) ? import_text(ip, fname)
		                                         : strdup("");
		unsigned char *buf = NULL;
		size_t len = 0;
		QPDF_BOOL filtered = QPDF_FALSE;
		if (name != NULL &&
		    !(Q->oh_get_stream_data(q, ef, qpdf_dl_generalized,
		                              &filtered, &buf, &len) &
		      QPDF_ERRORS) &&
		    filtered && buf != NULL && len <= IMPORT_MAX_FILE &&
		    import_add_file(ip->r, name, buf, len) != 0)
			ip->failed = 1;
		free(buf);
		free(name);
	}
	qpdf_oh kids = Q->oh_get_key(q, node, "/Kids");
	int nk = Q->oh_is_array(q, kids) ? Q->oh_get_array_n_items(q, kids)
	                                   : 0;
	for (int i = 0; i < nk && !ip->failed; i++)
		import_pdf_files(ip, Q->oh_get_array_item(q, kids, i),
		                 depth + 1);
}

static int import_pdf(const char *path, struct import_return *r,
                      struct diag *d)
{
	struct import_qpdf qp;
	if (import_qpdf_open(&qp, path, d) != 0)
		return -1;
	const struct import_qpdf *Q = &qp;
	struct import_pdf ip = {Q, Q->init(), r, NULL, 0, 0};
	if (ip.q == NULL) {
		import_error(d, path, "out of memory while reading it%s", "");
		dlclose(qp.lib);
		return -1;
	}
	Q->silence_errors(ip.q);
	Q->set_suppress_warnings(ip.q, QPDF_TRUE);
	int rc = -1;
	if (Q->read(ip.q, path, NULL) & QPDF_ERRORS) {
		const char *why = Q->has_error(ip.q)
		    ? Q->get_error_message_detail(ip.q, Q->get_error(ip.q))
		    : "it is damaged";
		import_error(d, path, "cannot read this %s", r->kind == IMPORT_PDF
		             ? "PDF" : "FDF");
		struct loc l = {path, NULL, 0, 0};
		diag_report(d, DIAG_NOTE, &l, NULL, "qpdf says: %s", why);
		goto done;
	}
	qpdf_oh root = Q->get_root(ip.q);
	if (r->kind == IMPORT_FDF) {
		qpdf_oh fdf = Q->oh_get_key(ip.q, root, "/FDF");
		import_pdf_fields(&ip, Q->oh_get_key(ip.q, fdf, "/Fields"));
		qpdf_oh f = Q->oh_get_key(ip.q, fdf, "/F");
		if (Q->oh_is_string(ip.q, f))
			r->form_file = import_text(&ip, f);
	} else {
		import_map_pages(&ip);
		qpdf_oh form = Q->oh_get_key(ip.q, root, "/AcroForm");
		import_pdf_fields(&ip, Q->oh_get_key(ip.q, form, "/Fields"));
		qpdf_oh names = Q->oh_get_key(ip.q, root, "/Names");
		import_pdf_files(&ip, Q->oh_get_key(ip.q, names,
		                                      "/EmbeddedFiles"), 0);
	}
	if (ip.failed) {
		import_error(d, path, "this file holds more fields, or more "
		             "deeply nested ones, than a form has, or memory "
		             "ran out while reading them%s", "");
		goto done;
	}
	rc = 0;
done:
	free(ip.page_of);
	Q->cleanup(&ip.q);
	dlclose(qp.lib);
	return rc;
}

/* ---- XFDF ---- */

static int import_xfdf_fields(struct import_return *r, xmlNodePtr parent,
                              const char *prefix, int depth)
{
	if (depth > IMPORT_MAX_DEPTH)
		return -1;
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(n->name, (const xmlChar *)"field") != 0)
			continue;
		xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
		size_t len = strlen(prefix) + (nm ? strlen((char *)nm) : 0) + 2;
		char *name = malloc(len);
		if (name == NULL) {
			xmlFree(nm);
			return -1;
		}
		snprintf(name, len, "%s%s%s", prefix, *prefix ? "." : "",
		         nm ? (const char *)nm : "");
		xmlFree(nm);
		int rc = 0, leaf = 1;
		for (xmlNodePtr c = n->children; c && rc == 0; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (xmlStrcmp(c->name, (const xmlChar *)"field") == 0)
				leaf = 0;
			else if (xmlStrcmp(c->name,
			                   (const xmlChar *)"value") == 0) {
				xmlChar *v = xmlNodeGetContent(c);
				rc = import_add_field(r, name,
				                      v ? (const char *)v : "", 0, 0);
				xmlFree(v);
				leaf = -1;
			}
		}
		if (rc == 0 && !leaf)
			rc = import_xfdf_fields(r, n, name, depth + 1);
		else if (rc == 0 && leaf == 1)
			rc = import_add_field(r, name, "", 0, 0);
		free(name);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int import_xml(const char *path, struct import_return *r,
                      struct diag *d)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		import_error(d, path, "cannot read this file: %s",
		             strerror(errno));
		return -1;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 65536 > cap) {
			if (cap >= IMPORT_MAX_FILE) {
				free(buf);
				fclose(f);
				import_error(d, path, "this file is larger than "
				             "any return (%s)", "16 MB");
				return -1;
			}
			char *n = realloc(buf, cap = cap ? cap * 2 : 65536);
			if (n == NULL) {
				free(buf);
				fclose(f);
				import_error(d, path, "out of memory%s", "");
				return -1;
			}
			buf = n;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	/* XFDF is read here; a source (a pledge the HTML form saved) is
	 * parsed where it is checked */
	xmlDocPtr x = xmlReadMemory(buf, (int)len, path, NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING);
	xmlNodePtr root = x ? xmlDocGetRootElement(x) : NULL;
	int rc = 0;
	if (root != NULL && xmlStrcmp(root->name, (const xmlChar *)"xfdf") == 0) {
		r->kind = IMPORT_XFDF;
		for (xmlNodePtr n = root->children; n && rc == 0; n = n->next) {
			if (n->type != XML_ELEMENT_NODE)
				continue;
			if (xmlStrcmp(n->name, (const xmlChar *)"fields") == 0)
				rc = import_xfdf_fields(r, n, "", 0);
			else if (xmlStrcmp(n->name, (const xmlChar *)"f") == 0 &&
			         r->form_file == NULL) {
				xmlChar *h = xmlGetProp(n, (const xmlChar *)"href");
				r->form_file = h ? strdup((const char *)h) : NULL;
				xmlFree(h);
			}
		}
		if (rc != 0)
			import_error(d, path, "this XFDF holds more fields, or "
			             "more deeply nested ones, than a form has%s",
			             "");
	} else {
		r->kind = IMPORT_XML;
		const char *base = strrchr(path, '/');
		rc = import_add_file(r, base ? base + 1 : path,
		                     (const unsigned char *)buf, len);
		if (rc != 0)
			import_error(d, path, "out of memory%s", "");
	}
	xmlFreeDoc(x);
	free(buf);
	return rc;
}

int import_read(const char *path, struct import_return *r, struct diag *d)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		import_error(d, path, "cannot read this file: %s",
		             strerror(errno));
		return -1;
	}
	char head[8] = {0};
	size_t got = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	int rc;
	if (got >= 5 && memcmp(head, "%PDF-", 5) == 0) {
		r->kind = IMPORT_PDF;
		rc = import_pdf(path, r, d);
	} else if (got >= 5 && memcmp(head, "%FDF-", 5) == 0) {
		r->kind = IMPORT_FDF;
		rc = import_pdf(path, r, d);
	} else {
		rc = import_xml(path, r, d);
	}
	if (rc != 0)
		import_free(r);
	return rc;
}
