/* build.c - building: each edition's presentation tree (lowered, then
 * translated, checked and withheld as the run asks), its outputs written
 * by every writer and staged, and the build command, which replaces the
 * old outputs only when every output is written. */
#include "mishto_int.h"
#include "utf8.h"
#include "arena.h"
#include "csv.h"
#include "font.h"
#include "html.h"
#include "hyph.h"
#include "layout.h"
#include "lower.h"
#include "pdf.h"
#include "ptree.h"
#include "rules.h"
#include "source.h"
#include "style.h"
#include "translate.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int mishto_is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int mishto_make_dir(const char *path)
{
	if (mishto_is_dir(path))
		return 0;
	char p[PATH_MAX];
	if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST)
				return -1;
			*s = '/';
		}
	if (mkdir(p, 0777) != 0 && errno != EEXIST)
		return -1;
	if (!mishto_is_dir(p)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

void mishto_layout_dir(char *dir, size_t size)
{
	const char *env = getenv("MISHTO_LAYOUT_DIR");
	if (env != NULL && *env) {
		snprintf(dir, size, "%s", env);
		return;
	}
	env = getenv("MISHTO_DATADIR");
	if (env != NULL && *env) {
		snprintf(dir, size, "%s/layouts", env);
		return;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (snprintf(dir, size, "%s/../share/mishto/layouts",
			             exe) < (int)size && mishto_is_dir(dir))
				return;
		}
	}
	if (mishto_is_dir(MISHTO_LAYOUT_DIR)) {
		snprintf(dir, size, "%s", MISHTO_LAYOUT_DIR);
		return;
	}
	snprintf(dir, size, "%s/layouts", MISHTO_DATADIR);
}

char *mishto_output_path(const struct mishto *m, const char *input,
                         const char *ext)
{
	const char *base = strrchr(input, '/');
	base = base ? base + 1 : input;
	size_t blen = strlen(base);
	if (blen > 4 && strcmp(base + blen - 4, ".xml") == 0)
		blen -= 4;
	const char *lay = strrchr(m->layout, '/');
	lay = lay ? lay + 1 : m->layout;
	size_t llen = strlen(lay);
	if (llen > 7 && strcmp(lay + llen - 7, ".layout") == 0)
		llen -= 7;
	if (ext[0] != '.' || (llen == 2 && strncmp(lay, "a4", 2) == 0))
		llen = 0;
	const char *lang = ext[0] == '.' && m->edition ? m->edition : "";
	size_t n = strlen(m->out_dir) + blen + strlen(lang) + llen +
	           strlen(ext) + 5;
	char *p = malloc(n);
	if (p != NULL)
		snprintf(p, n, "%s/%.*s%s%s%s%.*s%s", m->out_dir, (int)blen,
		         base, *lang ? "." : "", lang, llen ? "." : "",
		         (int)llen, lay, ext);
	return p;
}

int mishto_stage(struct mishto *m, struct mishto_staged *st,
                 const char *input, const char *ext,
                 const void *data, size_t len)
{
	char *path = NULL;
	if (strcmp(m->out_dir, "-") == 0) {
		if (st->nout++ > 0) {
			diag_report(&m->diag, DIAG_ERROR, NULL, "output",
			            "-o - writes one output to standard output, "
			            "and this run makes more; give one FILE and "
			            "one --format, or -o DIR");
			return -1;
		}
		st->out = malloc(len ? len : 1);
		if (st->out == NULL)
			goto oom;
		memcpy(st->out, data, len);
		st->out_len = len;
		return 0;
	}
	if (st->n == st->cap) {
		size_t n = st->cap ? st->cap * 2 : 16;
		struct output_file *v = realloc(st->v, n * sizeof *v);
		if (v == NULL)
			goto oom;
		st->v = v;
		st->cap = n;
	}
	path = mishto_output_path(m, input, ext);
	if (path == NULL)
		goto oom;
	int r = output_stage(&st->v[st->n], path, data, len, &m->diag);
	free(path);
	if (r == 0)
		st->n++;
	return r;
oom:
	diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
	            "out of memory");
	return -1;
}

/* A path in a make rule, as make would name it from here: relative to the
 * current directory when inside it, "dir/../" folded away, and spaces,
 * '#' and '$' escaped as make reads them. */
static void mishto_make_path(FILE *f, const char *path)
{
	char cwd[PATH_MAX], tidy[PATH_MAX];
	size_t cl;
	if (getcwd(cwd, sizeof cwd) != NULL && (cl = strlen(cwd)) > 1 &&
	    strncmp(path, cwd, cl) == 0 && path[cl] == '/')
		path += cl + 1;
	/* fold "name/../" (name not itself "..") */
	size_t o = 0;
	for (const char *s = path; *s && o + 1 < sizeof tidy;) {
		if (strncmp(s, "../", 3) == 0 && o > 0) {
			size_t back = o - 1;   /* tidy[o - 1] is '/' */
			while (back > 0 && tidy[back - 1] != '/')
				back--;
			if (!(o - back == 3 && strncmp(tidy + back, "../", 3) == 0)) {
				o = back;
				s += 3;
				continue;
			}
		}
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) + 1 : strlen(s);
		if (o + n >= sizeof tidy)
			break;
		memcpy(tidy + o, s, n);
		o += n;
		s += n;
	}
	tidy[o] = '\0';
	for (const char *p = tidy; *p; p++) {
		if (*p == ' ' || *p == '#' || *p == '\\')
			fputc('\\', f);
		if (*p == '$')
			fputc('$', f);
		fputc(*p, f);
	}
}

/* NAME.d for make: the outputs of one document and every file they were
 * made from (the document, the form it links to, the layout, the
 * stylesheet, the fonts), each also listed as a target of its own so a
 * deleted file does not stop make (as gcc -MP does). */
static int mishto_stage_deps(struct mishto *m, struct mishto_staged *staged,
                             const struct mishto_input *in,
                             const struct style *st)
{
	const struct document *doc = in->doc;
	const char *deps[6 + FACE_COUNT];
	size_t n = 0;
	deps[n++] = in->src->path;
	const struct mishto_input *of = doc->kind == DOCUMENT_TRANSLATION
	    ? mishto_input_of(m, doc->u.translation.of) : NULL;
	const struct document *form =
	    doc->kind == DOCUMENT_PLEDGE ? doc->u.pledge.form :
	    doc->kind == DOCUMENT_GUIDANCE ? doc->u.guidance.form :
	    of != NULL ? of->doc : NULL;
	if (form != NULL)
		deps[n++] = form->src->path;
	/* --lang: the edition also comes from the translation */
	const struct document *tr = m->lang && doc->kind != DOCUMENT_TRANSLATION
	    ? mishto_translation(m, mishto_form_id(doc), m->lang) : NULL;
	if (tr != NULL)
		deps[n++] = tr->src->path;
	if (m->lang && doc->kind != DOCUMENT_TRANSLATION)
		m->edition = m->lang;
	deps[n++] = st->path;
	if (m->formats & FORMAT_HTML)
		deps[n++] = st->stylesheet;
	/* a blank form's page holds the script it is saved by */
	if ((m->formats & FORMAT_HTML) && m->form_script_path[0] &&
	    (doc->kind == DOCUMENT_PLEDGE_FORM ||
	     (form != NULL && of != NULL &&
	      form->kind == DOCUMENT_PLEDGE_FORM)))
		deps[n++] = m->form_script_path;
	if (m->formats & (FORMAT_PDF | FORMAT_LAYOUT))
		for (int i = 0; i < FACE_COUNT; i++)
			deps[n++] = st->font[i];
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (f == NULL)
		goto oom;
	static const struct {
		unsigned format;
		const char *ext;
	} outs[] = {{FORMAT_PDF, ".pdf"}, {FORMAT_HTML, ".html"},
	            {FORMAT_LAYOUT, ".layout.txt"}, {FORMAT_TREE, ".tree.txt"}};
	for (size_t i = 0; i < sizeof outs / sizeof *outs; i++) {
		if (!(m->formats & outs[i].format))
			continue;
		char *p = mishto_output_path(m, in->name, outs[i].ext);
		if (p == NULL) {
			fclose(f);
			free(text);
			goto oom;
		}
		mishto_make_path(f, p);
		fputc(' ', f);
		free(p);
	}
	fputs(":", f);
	for (size_t i = 0; i < n; i++) {
		fputs(" \\\n  ", f);
		mishto_make_path(f, deps[i]);
	}
	fputs("\n", f);
	for (size_t i = 0; i < n; i++) {
		fputs("\n", f);
		mishto_make_path(f, deps[i]);
		fputs(":\n", f);
	}
	if (fclose(f) != 0) {
		free(text);
		goto oom;
	}
	int rc = mishto_stage(m, staged, in->name, ".d", text, len);
	m->edition = NULL;
	free(text);
	return rc;
oom:
	m->edition = NULL;
	diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
	            "out of memory");
	return -1;
}

char *mishto_read_text(const char *path)
{
	struct source *s = source_read(path);
	if (s == NULL)
		return NULL;
	char *t = s->text;
	s->text = NULL;
	source_free(s);
	return t;
}

void mishto_edition_fingerprint(const struct mishto_edition *ed,
                                char out[20])
{
	const struct source *srcs[4];
	size_t n = 0;
	srcs[n++] = ed->doc->src;
	if (ed->doc->kind == DOCUMENT_PLEDGE && ed->doc->u.pledge.form)
		srcs[n++] = ed->doc->u.pledge.form->src;
	srcs[n++] = ed->tr->src;
	if (ed->form_tr != NULL)
		srcs[n++] = ed->form_tr->src;
	source_fingerprint(srcs, n, out);
}

struct pt_node *mishto_tree(struct mishto *m,
                            const struct mishto_edition *ed,
                            struct arena *a, int each, int *errors)
{
	struct pt_node *tree = lower_document(ed->doc, a);
	if (tree == NULL)
		goto oom;
	if (ed->tr != NULL) {
		struct diag quiet;
		diag_init(&quiet, NULL, DIAG_HUMAN);
		/* a translation's own warnings are said once a run */
		struct diag *said = ed->tr->u.translation.reported && !each
		                    ? &quiet : &m->diag;
		ed->tr->u.translation.reported = 1;
		if (translate_tree(tree, a, ed->doc->kind, ed->tr, ed->form_tr,
		                   each, said) < 0)
			goto oom;
		/* the footer matches a signed copy to what was translated */
		const struct pt_node *foot = pt_meta(tree, PR_META_FOOTER);
		for (struct pt_node *c = foot && ed->tr->src ? foot->first
		                                             : NULL;
		     c; c = c->next)
			if (c->type == PT_CODE) {
				char *fp = arena_alloc(a, 20);
				if (fp == NULL)
					goto oom;
				mishto_edition_fingerprint(ed, fp);
				c->text = fp;
			}
	}
	/* each place is reported once a run, however many editions of it
	 * are made */
	if (rules_check(m->rules, tree, 0) > 0) {
		*errors = 1;
		return NULL;
	}
	if (m->check.public_edition && rules_withhold(m->rules, tree, a) != 0)
		goto oom;
	return tree;
oom:
	diag_report(&m->diag, DIAG_ERROR, &ed->doc->loc, "out-of-memory",
	            "out of memory while making the document's edition");
	return NULL;
}

/* A text dump staged beside the outputs: the layout's boxes
 * (NAME.layout.txt) or, without ld, the presentation tree (NAME.tree.txt). */
static int mishto_stage_dump(struct mishto *m, struct mishto_staged *staged,
                             const char *name, const struct document *doc,
                             const struct layout_doc *ld,
                             const struct pt_node *tree)
{
	char *dump = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&dump, &len);
	if (f != NULL) {
		if (ld != NULL)
			layout_dump(ld, f);
		else
			pt_dump(tree, f);
		if (fclose(f) != 0) {
			free(dump);
			dump = NULL;
		}
	}
	if (f == NULL || dump == NULL) {
		diag_report(&m->diag, DIAG_ERROR, &doc->loc, "out-of-memory",
		            "out of memory while writing a dump");
		return -1;
	}
	int rc = mishto_stage(m, staged, name, ld ? ".layout.txt" : ".tree.txt",
	                      dump, len);
	free(dump);
	return rc;
}

/* Words layout had to break between letters: each once per output. */
static void mishto_warn_broken(struct mishto *m, const struct layout_doc *ld,
                               const struct loc *doc_loc)
{
	for (size_t i = 0; i < ld->nbroken; i++) {
		/* in the order of the sources (layout_doc): one word broken
		 * twice at one place is said once */
		const struct layout_broken *b = &ld->broken[i];
		if (i > 0 && layout_broken_order(b - 1, b) == 0)
			continue;
		diag_report(&m->diag, DIAG_WARNING, b->loc ? b->loc : doc_loc,
		            "broken-word",
		            "\"%.60s%s\" is wider than the space it is printed "
		            "in and has no hyphenation point that fits, so it was "
		            "broken between letters; a shorter word, or a space "
		            "or hyphen in it, lets it break cleanly",
		            b->word, strlen(b->word) > 60 ? "..." : "");
	}
}

/* Characters that draw nothing and need no glyph: controls, soft
 * hyphen, zero-width spaces and joiners, direction marks and controls,
 * variation selectors, the byte-order mark. */
static int mishto_is_invisible(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD ||
	       (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x206F) ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
}

/* Characters the PDF's fonts have no glyph for (Chinese, Devanagari,
 * emoji with DejaVu) print as empty boxes: a warning at the words they
 * are in, once for each run of boxes of those words. Page furniture
 * repeats words said in the body, so it is not looked at. */
static void mishto_warn_missing_glyphs(struct mishto *m,
                                       const struct layout_doc *ld,
                                       const struct font_set *fonts)
{
	const struct pt_node *last = NULL;
	for (size_t p = 0; p < ld->npages; p++)
		for (size_t i = 0; i < ld->pages[p].nboxes; i++) {
			const struct box *b = &ld->pages[p].boxes[i];
			if (b->kind != BOX_TEXT || b->tag == NULL ||
			    b->tag == last)
				continue;
			const unsigned char *t = (const unsigned char *)b->text;
			size_t k = 0;
			uint32_t first = 0;
			size_t missing = 0;
			while (k < b->len) {
				uint32_t cp;
				size_t n = utf8_decode(t + k, b->len - k, &cp);
				if (!font_set_has_glyph(fonts, b->face, cp) &&
				    !mishto_is_invisible(cp)) {
					if (missing++ == 0)
						first = cp;
				}
				k += n;
			}
			if (missing == 0)
				continue;
			last = b->tag;
			char more[64] = "";
			if (missing > 1)
				snprintf(more, sizeof more, " and %zu more "
				         "character%s", missing - 1,
				         missing == 2 ? "" : "s");
			diag_report(&m->diag, DIAG_WARNING, b->tag->loc,
			            "missing-glyph",
			            "U+%04X%s in these words %s no glyph in the "
			            "layout's fonts, so the PDF prints %s as empty "
			            "boxes (the HTML shows %s in the reader's "
			            "fonts)", (unsigned)first, more,
			            missing > 1 ? "have" : "has",
			            missing > 1 ? "them" : "it",
			            missing > 1 ? "them" : "it");
		}
}

/* The sources an edition is made from, as files its PDF carries: the
 * document, a signed pledge's form, their translations. The public
 * edition carries none: its sources hold what it withholds. */
static size_t mishto_edition_files(const struct mishto *m,
                                   const struct mishto_edition *ed,
                                   struct pdf_file files[4])
{
	if (m->check.public_edition)
		return 0;
	const struct source *srcs[4];
	const char *desc[4], *names[4] = {NULL, NULL, NULL, NULL};
	int shared[4] = {0, 0, 0, 0};
	size_t n = 0;
	const struct document *doc = ed->doc;
	if (doc->src != NULL) {
		desc[n] = "The source this document was made from";
		/* read from standard input: named as if ID.xml */
		if (strcmp(doc->src->path, SOURCE_STDIN) == 0 && doc->id)
			names[n] = doc->id;
		srcs[n++] = doc->src;
	}
	if (doc->kind == DOCUMENT_PLEDGE && doc->u.pledge.form != NULL) {
		/* named by its id, wherever its version is kept: the PDF of
		 * a pledge is the same once the form it was signed on is
		 * kept and the form edited */
		desc[n] = "The pledge form this pledge was signed on";
		names[n] = doc->u.pledge.form->id;
		shared[n] = 1;
		srcs[n++] = doc->u.pledge.form->src;
	}
	if (ed->tr != NULL) {
		desc[n] = "The translation this edition was made with";
		srcs[n++] = ed->tr->src;
	}
	if (ed->form_tr != NULL) {
		desc[n] = "The translation of the pledge form";
		shared[n] = 1;
		srcs[n++] = ed->form_tr->src;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (srcs[i] == NULL)
			continue;
		const char *base = strrchr(srcs[i]->path, '/');
		base = base ? base + 1 : srcs[i]->path;
		if (names[i] != NULL) {
			snprintf(files[k].own, sizeof files[k].own, "%.200s.xml",
			         names[i]);
			base = files[k].own;
		}
		/* names are unique in a PDF: a second file of one name
		 * (two folders) is left out rather than renamed */
		int seen = 0;
		for (size_t j = 0; j < k; j++)
			seen |= strcmp(files[j].name, base) == 0;
		if (seen || *base == '\0')
			continue;
		files[k].name = base;
		files[k].desc = desc[i];
		files[k].mime = "application/xml";
		files[k].data = (const unsigned char *)srcs[i]->text;
		files[k].len = srcs[i]->len;
		files[k].sha256 = srcs[i]->sha256;
		files[k].shared = shared[i];
		k++;
	}
	return k;
}

int mishto_render(struct mishto *m, const struct mishto_edition *ed,
                  const char *name, struct font_set *fonts,
                  const struct style *st, const char *css,
                  struct mishto_staged *staged, char **index_title)
{
	const struct document *doc = ed->doc;
	struct arena *a = arena_new();
	if (a == NULL) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return -1;
	}
	int rc = 0, errors = 0;
	struct layout_doc *ld = NULL;
	m->edition = ed->lang;
	struct pt_node *tree = mishto_tree(m, ed, a, 0, &errors);
	if (tree == NULL) {
		rc = -1;
		goto done;
	}
	if (index_title != NULL) {
		const struct pt_node *t = pt_meta(
		    tree, doc->kind == DOCUMENT_PLEDGE ? PR_META_HEAD_RIGHT
		                                       : PR_META_TITLE);
		*index_title = pt_plain(t);
		if (*index_title == NULL) {
			diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory");
			rc = -1;
			goto done;
		}
	}
	if (m->formats & (FORMAT_PDF | FORMAT_LAYOUT)) {
		ld = layout_document_memo(tree, st, font_set_metrics(fonts),
		                          m->hyph, m->layout_memo, a);
		if (ld == NULL) {
			diag_report(&m->diag, DIAG_ERROR, &doc->loc,
			            "out-of-memory", "out of memory during layout");
			rc = -1;
			goto done;
		}
		if (font_set_failed(fonts, &m->diag) != 0) {
			rc = -1;
			goto done;
		}
		mishto_warn_broken(m, ld, &doc->loc);
		mishto_warn_missing_glyphs(m, ld, fonts);
	}
	if (m->formats & FORMAT_PDF) {
		unsigned char *pdf;
		size_t len;
		struct pdf_file files[4];
		size_t nfiles = mishto_edition_files(m, ed, files);
		/* the layout dump, written after, needs the boxes; the other
		 * outputs written after need the tree. An edition whose PDF
		 * is its last output lets the layout and the tree (the
		 * edition's arena) go once the pages are drawn, before the
		 * file is written (a 100,000-action plan's were 370 MB of
		 * its peak) */
		struct layout_owner drawn = {&ld, &a};
		struct pdf_release release = {NULL, NULL};
		if (!(m->formats & (FORMAT_HTML | FORMAT_TREE | FORMAT_CSV |
		                    FORMAT_LAYOUT))) {
			release.drawn = layout_let_go;
			release.ctx = &drawn;
			tree = NULL;
		}
		int npages = (int)ld->npages;
		if (pdf_render(ld, m->formats & FORMAT_LAYOUT ? NULL : &release,
		               fonts, m->have_epoch ? &m->epoch : NULL,
		               files, nfiles, m->pdf_cache, &pdf, &len,
		               &m->diag) != 0) {
			rc = -1;
			goto done;
		}
		m->last_pdf_bytes = len;
		m->last_pdf_pages = npages;
		if (m->nav != NULL) {
			m->nav->pdf_bytes = len;
			m->nav->pdf_pages = npages;
		}
		rc = mishto_stage(m, staged, name, ".pdf", pdf, len);
		free(pdf);
		if (rc != 0)
			goto done;
	}
	if (m->formats & FORMAT_HTML) {
		char *html;
		size_t len;
		if (html_render(tree, css, m->form_script, st, m->nav, &html,
		                &len) != 0) {
			diag_report(&m->diag, DIAG_ERROR, &doc->loc,
			            "out-of-memory", "out of memory while "
			            "writing the HTML");
			rc = -1;
			goto done;
		}
		rc = mishto_stage(m, staged, name, ".html", html,
		                  len);
		free(html);
		if (rc != 0)
			goto done;
	}
	if ((m->formats & FORMAT_LAYOUT) &&
	    (rc = mishto_stage_dump(m, staged, name, doc, ld, NULL)) != 0)
		goto done;
	if ((m->formats & FORMAT_TREE) &&
	    (rc = mishto_stage_dump(m, staged, name, doc, NULL, tree)) != 0)
		goto done;
	if ((m->formats & FORMAT_CSV) && doc->kind == DOCUMENT_SIGNATORIES) {
		char *csv;
		size_t len;
		if (csv_render(tree, &csv, &len) != 0) {
			diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory while writing the CSV");
			rc = -1;
			goto done;
		}
		rc = mishto_stage(m, staged, name, ".csv", csv, len);
		free(csv);
	}
done:
	if (rc != 0 && index_title != NULL) {
		free(*index_title);
		*index_title = NULL;
	}
	m->edition = NULL;
	layout_doc_free(ld);
	arena_free(a);
	return rc;
}

struct mishto_edition mishto_plain(const struct document *doc)
{
	struct mishto_edition ed = {doc, NULL, NULL, NULL};
	return ed;
}

struct mishto_edition mishto_translated(struct mishto *m,
                                        const struct document *doc,
                                        struct document *tr)
{
	struct mishto_edition ed = {doc, tr, NULL, tr->lang};
	if (doc->kind == DOCUMENT_GUIDANCE && doc->u.guidance.form)
		ed.form_tr = mishto_translation(m, doc->u.guidance.form->id,
		                                tr->lang);
	return ed;
}

int mishto_input_edition(struct mishto *m,
                         const struct mishto_input *in,
                         struct mishto_edition *ed)
{
	const struct document *doc = in->doc;
	if (doc->kind == DOCUMENT_TRANSLATION) {
		const struct mishto_input *of =
		    mishto_input_of(m, doc->u.translation.of);
		if (of == NULL || mishto_form_id(of->doc) == NULL ||
		    of->doc->kind == DOCUMENT_PLEDGE) {
			diag_report(&m->diag, DIAG_ERROR, &doc->loc,
			            "form-reference", "this translates \"%s\", "
			            "which is not a form, guidance, plan or "
			            "minutes among the inputs or beside them "
			            "(%s.xml)", doc->u.translation.of,
			            doc->u.translation.of);
			return -1;
		}
		*ed = mishto_translated(m, of->doc, (struct document *)doc);
		return 0;
	}
	*ed = mishto_plain(doc);
	if (m->lang == NULL)
		return 0;
	const char *id = mishto_form_id(doc);
	struct document *tr = mishto_translation(m, id, m->lang);
	if (tr != NULL) {
		*ed = mishto_translated(m, doc, tr);
		return 0;
	}
	diag_report(&m->diag, DIAG_WARNING, &doc->loc, "untranslated",
	            "no %s translation of %s (%s); this edition stays in its "
	            "source language", m->lang, doc->id,
	            id ? "looked for translations/ID.LANG.xml beside it and"
	                 " one folder up" : "reports are not translated");
	ed->lang = m->lang;
	return 0;
}

int mishto_render_input(struct mishto *m, const struct mishto_input *in,
                        struct font_set *fonts,
                        const struct style *st, const char *css,
                        struct mishto_staged *staged,
                        char **index_title)
{
	struct mishto_edition ed;
	if (mishto_input_edition(m, in, &ed) != 0)
		return -1;
	/* outputs are named after the document (NAME.LANG.pdf) */
	return mishto_render(m, &ed, in->doc == ed.doc ? in->name
	                                              : ed.doc->src->path,
	                     fonts, st, css, staged, index_title);
}

static int mishto_epoch(struct mishto *m)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e == NULL || *e == '\0')
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(e, &end, 10);
	if (*end != '\0' || errno != 0 || v < 0 || v > 253402300799LL) {
		diag_report(&m->diag, DIAG_ERROR, NULL, "environment",
		            "SOURCE_DATE_EPOCH=\"%s\" is not a number of seconds"
		            " since 1970", e);
		return -1;
	}
	m->epoch = (time_t)v;
	m->have_epoch = 1;
	return 0;
}

/* An input of a site named as a file the site makes from others (index,
 * signatories, another input's NAME-progress) would be overwritten by
 * it, or overwrite it: refused before anything is read. */
static int mishto_reserved_names(struct mishto *m)
{
	if (!m->site)
		return 0;
	for (int i = 0; i < m->nfiles; i++) {
		const char *base = strrchr(m->files[i], '/');
		base = base ? base + 1 : m->files[i];
		size_t n = strcspn(base, ".");
		const char *clash = NULL;
		size_t blen = strlen(base);
		if (blen > 4 && strcmp(base + blen - 4, ".xml") == 0)
			blen -= 4;
		if (m->site && n == 5 && strncmp(base, "index", 5) == 0)
			clash = "index.html, the site's index";
		else if (m->site && m->since && n == 7 &&
		         strncmp(base, "changes", 7) == 0)
			clash = "changes.html, what changed since --since";
		else if (n == 3 && strncmp(base, "404", 3) == 0)
			clash = "404.html, the page for a missing address";
		else if (blen > 12 &&
		         strncmp(base + blen - 12, ".large-print", 12) == 0)
			clash = "a document's large print PDF";
		else if (n == 11 && strncmp(base, "signatories", 11) == 0)
			clash = "signatories.pdf, .html and .csv, the register";
		for (int j = 0; j < m->nfiles && clash == NULL; j++) {
			const char *other = strrchr(m->files[j], '/');
			other = other ? other + 1 : m->files[j];
			size_t k = strcspn(other, ".");
			if (j != i && n == k + 9 && strncmp(base, other, k) == 0 &&
			    strncmp(base + k, "-progress", 9) == 0)
				clash = "a plan's progress report";
		}
		if (clash != NULL) {
			fprintf(m->err, "mishto: the input \"%s\" would be written "
			        "where %s is; rename it\n", m->files[i], clash);
			return MISHTO_EXIT_USAGE;
		}
	}
	return 0;
}

/* Two inputs whose outputs would have one name (a/x.xml, b/x.xml): by
 * sorting the names, so ten thousand inputs take no longer than they
 * should. */
static int mishto_same_outputs(struct mishto *m)
{
	size_t n = (size_t)m->nfiles;
	char **paths = calloc(n + 1, sizeof *paths);
	int rc = 0;
	for (size_t i = 0; paths != NULL && i < n; i++)
		if ((paths[i] = mishto_output_path(m, m->files[i], "")) == NULL) {
			rc = -1;
			break;
		}
	if (paths == NULL || rc != 0) {
		fputs("mishto: error: out of memory\n", m->err);
		rc = MISHTO_EXIT_USAGE;
	} else {
		qsort(paths, n, sizeof *paths, mishto_by_string);
		for (size_t i = 1; i < n && rc == 0; i++)
			if (strcmp(paths[i - 1], paths[i]) == 0)
				rc = mishto_usage_error(
				    m, "two inputs would both write \"%s\" "
				    "(.pdf, .html); rename one", paths[i]);
	}
	for (size_t i = 0; paths != NULL && i < n; i++)
		free(paths[i]);
	free(paths);
	return rc;
}

int mishto_build(struct mishto *m)
{
	int reserved = mishto_reserved_names(m);
	if (reserved != 0)
		return reserved;
	int clash = mishto_same_outputs(m);
	if (clash != 0)
		return clash;
	if (mishto_epoch(m) != 0)
		return MISHTO_EXIT_USAGE;
	int rc = mishto_load(m);
	if (rc != MISHTO_EXIT_OK)
		return rc;

	char dir[PATH_MAX];
	mishto_layout_dir(dir, sizeof dir);
	struct style st;
	if (style_load(&st, m->layout, dir, &m->diag) != 0) {
		style_free(&st);
		return MISHTO_EXIT_USAGE;
	}
	char *css = NULL;
	struct font_set *fonts = NULL;
	struct mishto_staged staged = {0};
	rc = MISHTO_EXIT_USAGE;
	if (m->formats & FORMAT_HTML) {
		css = mishto_read_text(st.stylesheet);
		if (css == NULL) {
			struct loc l = {st.stylesheet, NULL, 0, 0};
			diag_report(&m->diag, DIAG_ERROR, &l, "layout",
			            "cannot read the stylesheet: %s",
			            strerror(errno));
			goto done;
		}
		/* the pledge form's script sits beside the stylesheet */
		const char *slash = strrchr(st.stylesheet, '/');
		int dlen = slash ? (int)(slash - st.stylesheet) : 0;
		char js[PATH_MAX];
		snprintf(js, sizeof js, "%.*s%spledge-form.js", dlen,
		         st.stylesheet, dlen ? "/" : "");
		m->form_script = mishto_read_text(js);
		/* a layout of one's own may keep its stylesheet elsewhere:
		 * then the script that comes with mishto */
		if (m->form_script == NULL) {
			int w = snprintf(js, sizeof js, "%s/pledge-form.js", dir);
			m->form_script = w > 0 && (size_t)w < sizeof js
			                 ? mishto_read_text(js) : NULL;
		}
		snprintf(m->form_script_path, sizeof m->form_script_path, "%s",
		         js);
		if (m->form_script == NULL) {
			struct loc l = {js, NULL, 0, 0};
			diag_report(&m->diag, DIAG_ERROR, &l, "layout",
			            "cannot read the pledge form's script: %s",
			            strerror(errno));
			goto done;
		}
	}
	if (m->formats & (FORMAT_PDF | FORMAT_LAYOUT)) {
		fonts = font_find(&st, &m->diag) == 0
		        ? font_set_open(&st, &m->diag) : NULL;
		if (fonts == NULL)
			goto done;
		m->hyph = hyph_new(NULL);
		m->pdf_cache = pdf_cache_new();
		m->layout_memo = layout_memo_new();
		if (m->hyph == NULL || m->pdf_cache == NULL ||
		    m->layout_memo == NULL) {
			diag_report(&m->diag, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory");
			goto done;
		}
	}
	struct stat sb;
	int to_stdout = strcmp(m->out_dir, "-") == 0;
	if (!to_stdout && mishto_make_dir(m->out_dir) != 0) {
		struct loc l = {m->out_dir, NULL, 0, 0};
		diag_report(&m->diag, DIAG_ERROR, &l, "output",
		            stat(m->out_dir, &sb) == 0 && !S_ISDIR(sb.st_mode)
		            ? "the output directory is not a directory"
		            : "cannot make the output directory: %s",
		            strerror(errno));
		goto done;
	}
	output_guard_signals();
	if (m->site) {
		if (mishto_site(m, fonts, &st, css, &staged, &rc) != 0)
			goto done;
	} else if (m->report != NULL) {
		if (mishto_report(m, fonts, &st, css, &staged, &rc) != 0)
			goto done;
	} else for (size_t i = 0; i < m->nin; i++) {
		struct mishto_input *in = &m->in[i];
		if (in->deferred && mishto_reload(m, in) != 0)
			goto done;
		if (in->is_output &&
		    (mishto_render_input(m, in, fonts, &st, css, &staged,
		                         NULL) != 0 ||
		     (m->make_deps &&
		      mishto_stage_deps(m, &staged, in, &st) != 0)))
			goto done;
		/* its outputs are staged: a signed pledge, which nothing else
		 * links to (forms, plans, guidance and minutes have
		 * translations that use them), is let go */
		if (in->is_output && in->doc != NULL &&
		    in->doc->kind == DOCUMENT_PLEDGE) {
			document_free(in->doc);
			source_free(in->src);
			in->doc = NULL;
			in->src = NULL;
			in->name = NULL;
		}
	}
	if (mishto_ran_out(m))
		goto done;
	/* Everything is written; only now replace the old outputs. */
	if (output_commit_all(staged.v, staged.n, &m->diag) != 0)
		goto done;
	if (staged.out != NULL)
		fwrite(staged.out, 1, staged.out_len, stdout);
	rc = MISHTO_EXIT_OK;
done:
	free(staged.out);
	for (size_t i = 0; i < staged.n; i++)
		output_discard(&staged.v[i]);
	output_finish();
	free(staged.v);
	font_set_close(fonts);
	hyph_free(m->hyph);
	m->hyph = NULL;
	pdf_cache_free(m->pdf_cache);
	m->pdf_cache = NULL;
	layout_memo_free(m->layout_memo);
	m->layout_memo = NULL;
	free(css);
	free(m->form_script);
	m->form_script = NULL;
	style_free(&st);
	return rc;
}
