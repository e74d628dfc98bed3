/* pledge_import.c - the jobs of a pledge's return: `mishto import` makes
 * a signed pledge's source from what comes back (a filled PDF, an FDF or
 * XFDF export, the file the HTML form saves, or a signed pledge's own
 * PDF, which carries its source) and `mishto keep-form` keeps a form's
 * version for the pledges signed on it. What is written is checked by the
 * same rules as any pledge first; nothing is written when it fails. */
#include "mishto_int.h"
#include "arena.h"
#include "check.h"
#include "import.h"
#include "parse.h"
#include "source.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- saying what is wrong with a field ---- */

static void import_say(struct mishto *m, const struct import_return *r,
                       const struct import_field *f, enum diag_level level,
                       const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void import_say(struct mishto *m, const struct import_return *r,
                       const struct import_field *f, enum diag_level level,
                       const char *rule, const char *fmt, ...)
{
	char msg[1024], where[512] = "";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (f != NULL && f->page > 0)
		snprintf(where, sizeof where, "page %d, field \"%.200s\": ",
		         f->page, f->name);
	else if (f != NULL)
		snprintf(where, sizeof where, "field \"%.200s\": ", f->name);
	struct loc l = {r->path, NULL, 0, 0};
	diag_report(&m->diag, level, &l, rule, "%s%s", where, msg);
}

/* ---- the XML written ---- */

struct import_text {
	char *s;
	size_t len;
	FILE *f;
};

static void import_attr(FILE *f, const char *name, const char *value)
{
	if (value == NULL)
		return;
	fprintf(f, " %s=\"", name);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			/* line breaks typed in a field: a space */
			fputc(*p < 0x20 ? ' ' : *p, f);
		}
	}
	fputc('"', f);
}

static void import_element_text(FILE *f, const char *value)
{
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		default: fputc(*p < 0x20 && *p != '\n' ? ' ' : *p, f);
		}
	}
}

/* The words of a field, trimmed; NULL when it is empty or absent. */
static const char *import_value(const struct import_field *f, char *buf,
                                size_t size)
{
	if (f == NULL)
		return NULL;
	const char *s = f->value;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	                 s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 0)
		return NULL;
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static int import_ticked(const char *v)
{
	static const char *const on[] = {"Yes", "On", "1", "true", "X", "x"};
	for (size_t i = 0; v && i < sizeof on / sizeof *on; i++)
		if (strcasecmp(v, on[i]) == 0)
			return 1;
	return 0;
}

static int import_unticked(const char *v)
{
	return v == NULL || strcasecmp(v, "Off") == 0 ||
	       strcasecmp(v, "No") == 0 || strcmp(v, "0") == 0 ||
	       strcasecmp(v, "false") == 0;
}

/* A date as written in a field, as YYYY-MM-DD in out; 0 if it is none. */
static int import_date(const char *v, char out[11])
{
	int y, mo, d;
	if (!check_parse_written_date(v, &y, &mo, &d))
		return 0;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	         (unsigned)mo % 100u, (unsigned)d % 100u);
	return 1;
}

/* A deadline as written: a date (any way a person writes one), "March
 * 2027" as the month it names, or a period as plans write them. */
static const char *import_deadline(const char *v, char *out, size_t size)
{
	char iso[11];
	if (import_date(v, iso)) {
		snprintf(out, size, "%s", iso);
		return out;
	}
	size_t w = 0;
	while (isalpha((unsigned char)v[w]))
		w++;
	int y, mo = mdate_month_named(v, w);
	char end;
	if (mo != 0 && sscanf(v + w, " %4d%c", &y, &end) == 1 && y >= 1900) {
		snprintf(out, size, "%04d-%02d", y % 10000, mo);
		return out;
	}
	struct mperiod p;
	memset(&p, 0, sizeof p);
	p.text = v;
	return check_parse_period_text(&p) ? v : NULL;
}

/* An id from an authority's name: "Ashdown Borough Council" is
 * "ashdown-borough-council". */
static void import_slug(const char *name, char *out, size_t size)
{
	size_t n = 0;
	int dash = 0;
	for (const unsigned char *p = (const unsigned char *)name;
	     *p && n + 2 < size; p++) {
		if (isalnum(*p) && *p < 0x80) {
			if (dash && n > 0)
				out[n++] = '-';
			out[n++] = (char)tolower(*p);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[n] = '\0';
	if (n == 0)
		snprintf(out, size, "pledge");
}

struct import_pledge {
	char *xml;
	size_t len;
	char authority[512];
	char id[128];
	size_t ncommits;
	int incomplete;
};

/* The signed pledge the fields of r say, on form (the version filled in):
 * -1 after diagnostics naming each field at fault. */
static int import_from_fields(struct mishto *m, const struct import_return *r,
                              const struct document *form,
                              struct import_pledge *out)
{
	const struct pledge_form *f = &form->u.form;
	int errors = 0;
	char buf[4096];
	/* every field must be one the form has */
	for (size_t i = 0; i < r->nfields; i++) {
		const struct import_field *x = &r->fields[i];
		const char *n = x->name;
		int known = strcmp(n, "support-other") == 0 ||
		            strcmp(n, "report-due") == 0 ||
		            strcmp(n, "signed-for") == 0 ||
		            strcmp(n, "signed-on") == 0 ||
		            strncmp(n, "contact-", 8) == 0;
		for (const struct pledge_group *g = f->groups; g && !known;
		     g = g->next)
			for (const struct action_point *a = g->action_points;
			     a && !known; a = a->next)
				for (const struct pledge_step *s = a->steps;
				     s && !known; s = s->next)
					known = (strncmp(n, "step:", 5) == 0 &&
					         strcmp(n + 5, s->name) == 0) ||
					        (strncmp(n, "by:", 3) == 0 &&
					         strcmp(n + 3, s->name) == 0);
		for (const struct support_option *o = f->options; o && !known;
		     o = o->next)
			known = strncmp(n, "support:", 8) == 0 &&
			        strcmp(n + 8, o->id) == 0;
		if (!known) {
			import_say(m, r, x, DIAG_ERROR, "import-field",
			           "form \"%s\" (version %s) has no such field; "
			           "the return was changed, or made from another "
			           "form", form->id, f->version);
			errors++;
		}
		if ((strncmp(n, "step:", 5) == 0 ||
		     strncmp(n, "support:", 8) == 0) &&
		    !import_ticked(x->value) && !import_unticked(x->value)) {
			import_say(m, r, x, DIAG_ERROR, "import-field",
			           "a tick box holds \"%.60s\", which is neither "
			           "ticked (Yes) nor not (Off); the return was "
			           "changed", x->value);
			errors++;
		}
	}
	const struct import_field *who = import_field(r, "signed-for");
	const char *authority = import_value(who, out->authority,
	                                     sizeof out->authority);
	if (authority == NULL) {
		import_say(m, r, who, DIAG_ERROR, "import-field",
		           "no authority is named (\"Signed on behalf of\"); "
		           "a pledge is signed for a council");
		errors++;
	}
	const struct import_field *on = import_field(r, "signed-on");
	char signed_on[11] = "";
	const char *v = import_value(on, buf, sizeof buf);
	if (v == NULL || !import_date(v, signed_on)) {
		if (v == NULL)
			import_say(m, r, on, DIAG_ERROR, "import-field",
			           "the date the pledge was signed is empty");
		else
			import_say(m, r, on, DIAG_ERROR, "import-field",
			           "\"%.60s\" is not a date; the date of signing "
			           "is written as 28/02/2027 or 2027-02-28", v);
		errors++;
	}
	if (errors)
		return -1;

	import_slug(out->authority, out->id, sizeof out->id);
	FILE *x = open_memstream(&out->xml, &out->len);
	if (x == NULL)
		return -1;
	const char *base = strrchr(r->path, '/');
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Imported by "
	      "mishto import from ", x);
	import_element_text(x, base ? base + 1 : r->path);
	fputs(" (a return of the form's fields). -->\n"
	      "<pledge xmlns=\"urn:mishto:1\"", x);
	import_attr(x, "id", out->id);
	import_attr(x, "xml:lang", form->lang);
	import_attr(x, "form", form->id);
	import_attr(x, "form-version", f->version);
	fputs("\n       ", x);
	import_attr(x, "authority", out->authority);
	import_attr(x, "signed", signed_on);
	/* an action point left blank: said here, the status set below */
	size_t api = 0;
	char *body = NULL;
	size_t blen = 0;
	FILE *b = open_memstream(&body, &blen);
	if (b == NULL) {
		fclose(x);
		return -1;
	}
	for (const struct pledge_group *g = f->groups; g; g = g->next)
		for (const struct action_point *a = g->action_points; a;
		     a = a->next) {
			api++;
			size_t any = 0;
			const struct import_field *first = NULL;
			for (const struct pledge_step *s = a->steps; s;
			     s = s->next) {
				char name[600], dl[600];
				snprintf(name, sizeof name, "step:%s", s->name);
				const struct import_field *t =
				    import_field(r, name);
				snprintf(name, sizeof name, "by:%s", s->name);
				const struct import_field *by =
				    import_field(r, name);
				if (first == NULL)
					first = t;
				const char *when = import_value(by, dl,
				                                sizeof dl);
				if (t == NULL || !import_ticked(t->value)) {
					if (when != NULL)
						import_say(
						    m, r, by, DIAG_WARNING,
						    "import-field",
						    "a deadline (\"%.60s\") is "
						    "written for a step whose box is "
						    "not ticked; the step is not "
						    "committed and the deadline is "
						    "left out", when);
					continue;
				}
				any++;
				fputs("  <commit", b);
				import_attr(b, "step", s->name);
				if (when != NULL) {
					char norm[64];
					const char *d = import_deadline(
					    when, norm, sizeof norm);
					if (d == NULL) {
						import_say(
						    m, r, by, DIAG_ERROR,
						    "import-field",
						    "\"%.60s\" is not a date or "
						    "period; write a date "
						    "(31/03/2027), a month "
						    "(March 2027) or a financial "
						    "year or quarter (2027/28, Q1 "
						    "2027/28)", when);
						errors++;
					}
					import_attr(b, "by", d ? d : when);
				}
				fputs("/>\n", b);
				out->ncommits++;
			}
			if (any == 0) {
				out->incomplete = 1;
				import_say(m, r, first, DIAG_WARNING,
				           "incomplete-pledge",
				           "no step of action point %zu (%s) is "
				           "ticked; the pledge is recorded as "
				           "incomplete", api, a->title);
			}
		}
	for (const struct support_option *o = f->options; o; o = o->next) {
		char name[300];
		snprintf(name, sizeof name, "support:%s", o->id);
		const struct import_field *t = import_field(r, name);
		if (t != NULL && import_ticked(t->value)) {
			fputs("  <support", b);
			import_attr(b, "option", o->id);
			fputs("/>\n", b);
		}
	}
	v = import_value(import_field(r, "support-other"), buf, sizeof buf);
	if (v != NULL) {
		fputs("  <support-other>", b);
		import_element_text(b, v);
		fputs("</support-other>\n", b);
	}
	const struct import_field *due = import_field(r, "report-due");
	v = import_value(due, buf, sizeof buf);
	if (v != NULL) {
		char iso[11];
		if (!import_date(v, iso)) {
			import_say(m, r, due, DIAG_ERROR, "import-field",
			           "\"%.60s\" is not a date; the progress report "
			           "date is written as 28/02/2027 or 2027-02-28",
			           v);
			errors++;
		} else {
			fprintf(b, "  <report-due>%s</report-due>\n", iso);
		}
	}
	static const char *const contact[] = {"name", "role", "email",
	                                      "phone"};
	int any_contact = 0;
	for (int i = 0; i < 4; i++) {
		char name[32];
		snprintf(name, sizeof name, "contact-%s", contact[i]);
		v = import_value(import_field(r, name), buf, sizeof buf);
		if (v == NULL)
			continue;
		if (!any_contact)
			fputs("  <contact", b);
		any_contact = 1;
		import_attr(b, contact[i], v);
	}
	if (any_contact)
		fputs("/>\n", b);
	fclose(b);
	if (out->incomplete)
		import_attr(x, "status", "incomplete");
	fputs(">\n", x);
	if (body != NULL)
		fwrite(body, 1, blen, x);
	free(body);
	fputs("</pledge>\n", x);
	if (fclose(x) != 0 || errors) {
		free(out->xml);
		out->xml = NULL;
		return -1;
	}
	return 0;
}

/* ---- finding files ---- */

static int import_is_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* mkdir -p of path's folder. */
static int import_make_dirs(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(dir, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* Where a form's version is kept: form-versions/ID/VERSION.xml beside
 * the form. */
static void import_kept_path(const char *form_path, const struct document *f,
                             char *out, size_t size)
{
	const char *slash = strrchr(form_path, '/');
	int dlen = slash ? (int)(slash - form_path) : 0;
	snprintf(out, size, "%.*s%sform-versions/%s/%s.xml", dlen, form_path,
	         dlen ? "/" : "", f->id, f->u.form.version);
}

#define IMPORT_MAX_DOCS 12

struct import_run {
	struct source *srcs[IMPORT_MAX_DOCS];
	struct document *docs[IMPORT_MAX_DOCS];
	size_t n;
};

static struct document *import_parse(struct mishto *m, struct import_run *run,
                                     const char *path, const char *text,
                                     size_t len)
{
	if (run->n >= IMPORT_MAX_DOCS)
		return NULL;
	struct source *s = source_from_memory(path, text, len);
	if (s == NULL) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return NULL;
	}
	run->srcs[run->n] = s;
	run->docs[run->n] = parse_document(s, m->schema, &m->diag);
	return run->docs[run->n++];
}

static void import_run_free(struct import_run *run)
{
	for (size_t i = 0; i < run->n; i++) {
		document_free(run->docs[i]);
		source_free(run->srcs[i]);
	}
	run->n = 0;
}

/* Other pledges in dir signed by the same authority: said, not refused
 * (a council may sign again, on a later form), but never silently. */
static void import_signed_before(struct mishto *m, const char *dir,
                                 const char *authority, const char *path,
                                 const struct loc *at)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct diag quiet;
	diag_init(&quiet, NULL, DIAG_HUMAN);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0 ||
		    e->d_name[0] == '.')
			continue;
		char **v = realloc(names, (n + 1) * sizeof *v);
		if (v == NULL)
			break;
		names = v;
		names[n] = strdup(e->d_name);
		if (names[n] != NULL)
			n++;
	}
	closedir(d);
	/* in order, so what is said does not depend on the directory */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0;
		     j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		char p[PATH_MAX];
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		free(names[i]);
		if (strcmp(p, path) == 0)
			continue;
		struct source *s = source_read(p);
		struct document *doc = s ? parse_document(s, m->schema, &quiet)
		                         : NULL;
		if (doc && doc->kind == DOCUMENT_PLEDGE &&
		    doc->u.pledge.authority &&
		    strcasecmp(doc->u.pledge.authority, authority) == 0)
			diag_report(&m->diag, DIAG_WARNING, at,
			            "signed-twice", "%s has signed before: %s "
			            "(signed %s); both are kept", authority, p,
			            doc->u.pledge.signed_on.text
			            ? doc->u.pledge.signed_on.text : "undated");
		document_free(doc);
		source_free(s);
	}
	free(names);
}

/* One return into out_dir. */
static int import_one(struct mishto *m, const char *path)
{
	struct import_return r;
	if (import_read(path, &r, &m->diag) != 0)
		return -1;
	struct import_run run = {0};
	int rc = -1;
	struct import_pledge ip;
	memset(&ip, 0, sizeof ip);
	const struct document *signed_pledge = NULL, *signed_form = NULL;
	const struct import_file *pledge_file = NULL;
	/* the sources a PDF carries: a few, each named NAME.xml */
	for (size_t i = 0, parsed = 0; i < r.nfiles && parsed < 6; i++) {
		size_t nl = strlen(r.files[i].name);
		if (r.kind != IMPORT_XML &&
		    (nl < 4 || strcmp(r.files[i].name + nl - 4, ".xml") != 0))
			continue;
		parsed++;
		char where[PATH_MAX];
		if (r.kind == IMPORT_XML)
			snprintf(where, sizeof where, "%s", path);
		else
			snprintf(where, sizeof where, "%s (%s)", path,
			         r.files[i].name);
		struct document *doc = import_parse(m, &run, where,
		                                    r.files[i].data,
		                                    r.files[i].len);
		if (doc == NULL)
			continue;
		if (doc->kind == DOCUMENT_PLEDGE && signed_pledge == NULL) {
			signed_pledge = doc;
			pledge_file = &r.files[i];
		} else if (doc->kind == DOCUMENT_PLEDGE_FORM &&
		           signed_form == NULL) {
			signed_form = doc;
		}
	}
	if (diag_has_errors(&m->diag))
		goto done;
	/* the form as it is now: --form, else ID.xml where the pledge
	 * will find it (the output folder, or the one above) */
	const char *form_id = signed_pledge ? signed_pledge->u.pledge.form_ref
	                      : signed_form ? signed_form->id : NULL;
	char form_path[PATH_MAX] = "";
	if (m->import_form != NULL) {
		snprintf(form_path, sizeof form_path, "%s", m->import_form);
	} else if (form_id != NULL && strchr(form_id, '/') == NULL) {
		snprintf(form_path, sizeof form_path, "%s/%s.xml", m->out_dir,
		         form_id);
		if (!import_is_file(form_path))
			snprintf(form_path, sizeof form_path, "%s/../%s.xml",
			         m->out_dir, form_id);
		if (!import_is_file(form_path))
			form_path[0] = '\0';
	}
	struct loc at = {path, NULL, 0, 0};
	if (form_path[0] == '\0' && signed_form == NULL) {
		diag_report(&m->diag, DIAG_ERROR, &at, "import",
		            r.kind == IMPORT_FDF || r.kind == IMPORT_XFDF
		            ? "this export does not carry the form it fills in; "
		              "name the form with --form (content/la-pledge.xml)"
		            : "no pledge form was found for this return; name it"
		              " with --form (content/la-pledge.xml)");
		goto done;
	}
	struct document *now = NULL;
	struct source *now_src = NULL;
	if (form_path[0] != '\0') {
		now_src = source_read(form_path);
		if (now_src == NULL) {
			struct loc l = {form_path, NULL, 0, 0};
			diag_report(&m->diag, DIAG_ERROR, &l, "input",
			            "cannot read this file: %s", source_error(errno));
			goto done;
		}
		now = import_parse(m, &run, form_path, now_src->text,
		                   now_src->len);
		source_free(now_src);
		if (now == NULL || now->kind != DOCUMENT_PLEDGE_FORM) {
			if (now != NULL)
				diag_report(&m->diag, DIAG_ERROR, &now->loc,
				            "import", "this is a %s, not a pledge "
				            "form", document_kind_name(now->kind));
			goto done;
		}
	}
	/* the version filled in, when it is not the form now, is kept */
	int keep = signed_form != NULL && now != NULL &&
	           strcmp(signed_form->u.form.version,
	                  now->u.form.version) != 0;
	/* the same version (perhaps written differently: comments, white
	 * space): the form now stands for it */
	if (signed_form != NULL && now != NULL && !keep)
		signed_form = now;
	if (signed_form != NULL && keep)
		((struct document *)signed_form)->u.form.kept = 1;
	const struct document *filled = signed_form ? signed_form : now;
	if (now == NULL)
		now = (struct document *)signed_form;

	if (signed_pledge != NULL) {
		/* a signed pledge's own PDF: its source, exactly */
		ip.xml = malloc(pledge_file->len + 1);
		if (ip.xml == NULL)
			goto done;
		memcpy(ip.xml, pledge_file->data, pledge_file->len);
		ip.len = pledge_file->len;
		snprintf(ip.authority, sizeof ip.authority, "%s",
		         signed_pledge->u.pledge.authority
		         ? signed_pledge->u.pledge.authority : "");
		snprintf(ip.id, sizeof ip.id, "%s",
		         signed_pledge->id ? signed_pledge->id : "pledge");
		ip.incomplete = signed_pledge->u.pledge.incomplete;
		for (const struct pledge_commit *k =
		         signed_pledge->u.pledge.commits; k; k = k->next)
			ip.ncommits++;
	} else if (r.nfields > 0) {
		/* the form's maps and step numbers, to read the fields by */
		struct document *one[1] = {(struct document *)filled};
		if (check_documents(one, 1, &m->check, &m->diag) != 0 ||
		    import_from_fields(m, &r, filled, &ip) != 0)
			goto done;
	} else {
		diag_report(&m->diag, DIAG_ERROR, &at, "import",
		            "this file has no form fields and carries no signed"
		            " pledge: it is not a return of a pledge form");
		goto done;
	}

	char out[PATH_MAX];
	snprintf(out, sizeof out, "%s/%s.xml", m->out_dir, ip.id);
	struct document *pledge = import_parse(m, &run, out, ip.xml, ip.len);
	if (pledge == NULL)
		goto done;
	if (pledge->kind != DOCUMENT_PLEDGE) {
		diag_report(&m->diag, DIAG_ERROR, &pledge->loc, "import",
		            "this is a %s, not a signed pledge",
		            document_kind_name(pledge->kind));
		goto done;
	}
	/* the same rules as any pledge, against the form as it is now and
	 * the version signed on (fresh copies: a document is checked once) */
	struct document *docs[3];
	size_t nd = 0;
	docs[nd] = import_parse(m, &run, now->src->path, now->src->text,
	                        now->src->len);
	if (docs[nd] == NULL)
		goto done;
	nd++;
	if (filled != now) {
		docs[nd] = import_parse(m, &run, filled->src->path,
		                        filled->src->text, filled->src->len);
		if (docs[nd] == NULL)
			goto done;
		docs[nd++]->u.form.kept = 1;
	}
	docs[nd++] = pledge;
	/* its warnings were said of its fields above; errors are all said */
	int quiet = m->diag.no_warnings;
	m->diag.no_warnings = signed_pledge == NULL;
	int checked = check_documents(docs, nd, &m->check, &m->diag);
	m->diag.no_warnings = quiet;
	if (checked != 0)
		goto done;

	if (import_is_file(out) && !m->force) {
		struct loc l = {out, NULL, 0, 0};
		diag_report(&m->diag, DIAG_ERROR, &l, "import-exists",
		            "a pledge is already kept here; nothing was "
		            "written (--force replaces it)");
		goto done;
	}
	import_signed_before(m, m->out_dir, ip.authority, out, &at);

	struct output_file staged[2];
	size_t nstaged = 0;
	output_guard_signals();
	/* -o DIR is made if missing, once the return has passed */
	if (mishto_make_dir(m->out_dir) != 0) {
		struct loc l = {m->out_dir, NULL, 0, 0};
		diag_report(&m->diag, DIAG_ERROR, &l, "output",
		            "cannot make the folder: %s", strerror(errno));
		goto done;
	}
	int ok = output_stage(&staged[nstaged], out, ip.xml, ip.len,
	                      &m->diag) == 0;
	if (ok)
		nstaged++;
	char kept[PATH_MAX] = "";
	if (ok && keep && form_path[0] != '\0') {
		import_kept_path(form_path, filled, kept, sizeof kept);
		if (!import_is_file(kept)) {
			if (import_make_dirs(kept) != 0) {
				struct loc l = {kept, NULL, 0, 0};
				diag_report(&m->diag, DIAG_ERROR, &l, "output",
				            "cannot make this folder: %s",
				            strerror(errno));
				ok = 0;
			} else if (output_stage(&staged[nstaged], kept,
			                        filled->src->text,
			                        filled->src->len,
			                        &m->diag) == 0) {
				nstaged++;
			} else {
				ok = 0;
			}
		} else {
			kept[0] = '\0';
		}
	}
	if (ok)
		ok = output_commit_all(staged, nstaged, &m->diag) == 0;
	else
		for (size_t i = 0; i < nstaged; i++)
			output_discard(&staged[i]);
	output_finish();
	if (!ok)
		goto done;
	printf("%s: %s, %zu step%s committed%s\n", out, ip.authority,
	       ip.ncommits, ip.ncommits == 1 ? "" : "s",
	       ip.incomplete ? ", incomplete" : "");
	if (kept[0] != '\0')
		printf("%s: the version of %s it was signed on, kept\n", kept,
		       filled->id);
	rc = 0;
done:
	free(ip.xml);
	import_run_free(&run);
	import_free(&r);
	return rc;
}

int mishto_import(struct mishto *m)
{
	m->schema = parse_schema_load(&m->diag);
	if (m->schema == NULL)
		return MISHTO_EXIT_USAGE;
	int rc = MISHTO_EXIT_OK;
	for (int i = 0; i < m->nfiles; i++)
		if (import_one(m, m->files[i]) != 0)
			rc = MISHTO_EXIT_ERRORS;
	return rc;
}

/* The fingerprint a PDF's footer prints, from the sources it carries:
 * paper, a PDF and its source can be matched without the source tree. */
int mishto_fingerprint_pdf(struct mishto *m, const char *path)
{
	struct import_return r;
	if (import_read(path, &r, &m->diag) != 0)
		return MISHTO_EXIT_ERRORS;
	struct import_run run = {0};
	int rc = MISHTO_EXIT_ERRORS;
	for (size_t i = 0; i < r.nfiles && run.n < 6; i++) {
		char where[PATH_MAX];
		snprintf(where, sizeof where, "%s (%s)", path, r.files[i].name);
		import_parse(m, &run, where, r.files[i].data, r.files[i].len);
	}
	struct document *docs[IMPORT_MAX_DOCS];
	struct document *main = NULL, *tr = NULL;
	size_t nd = 0;
	for (size_t i = 0; i < run.n; i++) {
		if (run.docs[i] == NULL)
			goto done;
		docs[nd++] = run.docs[i];
		if (run.docs[i]->kind == DOCUMENT_TRANSLATION)
			tr = tr ? tr : run.docs[i];
		else if (main == NULL ||
		         run.docs[i]->kind == DOCUMENT_PLEDGE)
			main = run.docs[i];
	}
	if (main == NULL) {
		struct loc l = {path, NULL, 0, 0};
		diag_report(&m->diag, DIAG_ERROR, &l, "import",
		            "this PDF carries no source mishto made it from");
		goto done;
	}
	if (check_documents(docs, nd, &m->check, &m->diag) != 0)
		goto done;
	char fp[20];
	if (tr != NULL) {
		struct mishto_edition ed = {main, tr, NULL, tr->lang};
		mishto_edition_fingerprint(&ed, fp);
	} else {
		memcpy(fp, main->fingerprint, sizeof fp);
	}
	printf("%s  %s\n", fp, path);
	rc = MISHTO_EXIT_OK;
done:
	import_run_free(&run);
	import_free(&r);
	return rc;
}

int mishto_keep_form(struct mishto *m)
{
	int rc = mishto_load(m);
	if (rc != MISHTO_EXIT_OK)
		return rc;
	for (size_t i = 0; i < m->nin; i++) {
		const struct mishto_input *in = &m->in[i];
		if (!in->is_output)
			continue;
		if (in->doc->kind != DOCUMENT_PLEDGE_FORM) {
			diag_report(&m->diag, DIAG_ERROR, &in->doc->loc,
			            "keep-form", "this is a %s; keep-form keeps "
			            "a pledge form's version",
			            document_kind_name(in->doc->kind));
			return MISHTO_EXIT_ERRORS;
		}
		char kept[PATH_MAX];
		import_kept_path(in->src->path, in->doc, kept, sizeof kept);
		if (import_is_file(kept)) {
			printf("%s: version %s of %s, already kept\n", kept,
			       in->doc->u.form.version, in->doc->id);
			continue;
		}
		struct output_file of;
		if (import_make_dirs(kept) != 0) {
			struct loc l = {kept, NULL, 0, 0};
			diag_report(&m->diag, DIAG_ERROR, &l, "output",
			            "cannot make this folder: %s",
			            strerror(errno));
			return MISHTO_EXIT_USAGE;
		}
		int failed = output_stage(&of, kept, in->src->text,
		                          in->src->len, &m->diag) != 0 ||
		             output_commit(&of, &m->diag) != 0;
		output_finish();
		if (failed)
			return MISHTO_EXIT_USAGE;
		printf("%s: version %s of %s, kept\n", kept,
		       in->doc->u.form.version, in->doc->id);
	}
	return MISHTO_EXIT_OK;
}
