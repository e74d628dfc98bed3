/* pdfcheck.c - checks the machine-checkable rules of tagged PDF (PDF/UA-1)
 * that mishto's PDFs must keep, where veraPDF cannot be installed. Reads
 * each PDF with libqpdf and prints TAP, a line per PDF, with each rule
 * broken:
 *   - the catalog marks the document tagged (/MarkInfo /Marked true), has a
 *     structure tree and a /Lang, asks viewers to show its title (and the
 *     title is set), and the file is not encrypted;
 *   - every painting operator of every page (text shown, paths filled or
 *     stroked, images and forms drawn) is inside marked content that is an
 *     /Artifact or carries an MCID;
 *   - in the structure tree: every TH has a /Scope attribute, every Figure
 *     an /Alt, headings do not skip a level, an LI holds Lbl or LBody, a
 *     Table holds rows (TR, THead, TBody, TFoot);
 *   - every font a page uses is embedded and has a /ToUnicode map;
 *   - every link and widget annotation has a /StructParent, every widget
 *     a /TU, and a page with annotations tabs in structure order (/Tabs /S).
 * usage: pdfcheck FILE.pdf...   (exit 1 when any rule is broken) */
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct check {
	qpdf_data q;
	const char *file;
	int faults;
	int last_heading;
};

static void fault(struct check *c, const char *fmt, const char *what)
{
	if (c->faults < 12) {
		printf("# %s: ", c->file);
		printf(fmt, what);
		putchar('\n');
	}
	c->faults++;
}

static int is_name(qpdf_data q, qpdf_oh oh, const char *name)
{
	return qpdf_oh_is_name_and_equals(q, oh, name);
}

/* ---- the content streams ---- */

struct lexer {
	const unsigned char *s;
	size_t len, i;
	char name[64];           /* the last name read ("/Artifact") */
};

/* The next token: an operator's name in op (else op[0] is 0); whether the
 * operand just before was a dictionary holding /MCID (*mcid). */
static int next_token(struct lexer *lx, char *op, size_t opsize, int *mcid)
{
	const unsigned char *s = lx->s;
	op[0] = '\0';
	while (lx->i < lx->len) {
		unsigned char c = s[lx->i];
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
		    c == '\f' || c == 0) {
			lx->i++;
		} else if (c == '%') {
			while (lx->i < lx->len && s[lx->i] != '\n' &&
			       s[lx->i] != '\r')
				lx->i++;
		} else {
			break;
		}
	}
	if (lx->i >= lx->len)
		return 0;
	unsigned char c = s[lx->i];
	if (c == '(') {
		int depth = 0;
		for (; lx->i < lx->len; lx->i++) {
			if (s[lx->i] == '\\') {
				lx->i++;
			} else if (s[lx->i] == '(') {
				depth++;
			} else if (s[lx->i] == ')' && --depth == 0) {
				lx->i++;
				break;
			}
		}
		return 1;
	}
	if (c == '<' && lx->i + 1 < lx->len && s[lx->i + 1] == '<') {
		/* a dictionary operand: whole, noting an MCID */
		int depth = 0;
		size_t start = lx->i;
		for (; lx->i + 1 < lx->len; lx->i++) {
			if (s[lx->i] == '<' && s[lx->i + 1] == '<') {
				depth++;
				lx->i++;
			} else if (s[lx->i] == '>' && s[lx->i + 1] == '>') {
				lx->i++;
				if (--depth == 0) {
					lx->i++;
					break;
				}
			}
		}
		*mcid = 0;
		for (size_t k = start; k + 5 <= lx->i; k++)
			if (memcmp(s + k, "/MCID", 5) == 0)
				*mcid = 1;
		return 1;
	}
	if (c == '<') {
		while (lx->i < lx->len && s[lx->i] != '>')
			lx->i++;
		lx->i++;
		return 1;
	}
	if (c == '[' || c == ']' || c == '{' || c == '}') {
		lx->i++;
		return 1;
	}
	if (c == '/')
		lx->i++;
	size_t start = lx->i;
	while (lx->i < lx->len && !strchr(" \n\r\t\f()<>[]{}/%", s[lx->i]) &&
	       s[lx->i] != 0)
		lx->i++;
	size_t n = lx->i - start;
	if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.')
		return 1;   /* a number */
	if (c == '/') {
		/* the slash and the name, cut to fit */
		size_t m = n + 1 < sizeof lx->name ? n + 1 : sizeof lx->name - 1;
		memcpy(lx->name, s + start - 1, m);
		lx->name[m] = '\0';
		return 1;
	}
	if (n >= opsize)
		n = opsize - 1;
	memcpy(op, s + start, n);
	op[n] = '\0';
	if (strcmp(op, "BI") == 0) {
		/* an inline image: its data runs to EI */
		while (lx->i + 2 < lx->len &&
		       !(s[lx->i] == 'E' && s[lx->i + 1] == 'I' &&
		         (s[lx->i + 2] == ' ' || s[lx->i + 2] == '\n')))
			lx->i++;
		lx->i += 2;
	}
	return 1;
}

static int paints(const char *op)
{
	static const char *const ops[] = {
	    "Tj", "TJ", "'", "\"", "f", "F", "f*", "B", "B*", "b", "b*", "S",
	    "s", "Do", "sh", "BI"};
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
		if (strcmp(op, ops[i]) == 0)
			return 1;
	return 0;
}

static void check_content(struct check *c, qpdf_oh page, int pageno)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	if (qpdf_oh_get_page_content_data(c->q, page, &buf, &len) &
	    QPDF_ERRORS) {
		fault(c, "page %s: its content cannot be read", "?");
		return;
	}
	struct lexer lx = {buf, len, 0, ""};
	/* the marked content open: whether each level is an artifact or
	 * carries an MCID */
	int stack[64], depth = 0, mcid = 0;
	char op[16], where[32];
	snprintf(where, sizeof where, "%d", pageno);
	lx.name[0] = '\0';
	while (next_token(&lx, op, sizeof op, &mcid)) {
		if (op[0] == '\0')
			continue;   /* an operand */
		if (strcmp(op, "BMC") == 0 || strcmp(op, "BDC") == 0) {
			int ok = strcmp(lx.name, "/Artifact") == 0 ||
			         (strcmp(op, "BDC") == 0 && mcid);
			/* inside marked content, what is nested inherits */
			if (depth > 0 && stack[depth - 1])
				ok = 1;
			if (depth < 64)
				stack[depth] = ok;
			depth++;
		} else if (strcmp(op, "EMC") == 0) {
			if (depth == 0)
				fault(c, "page %s: EMC with no marked content "
				      "open", where);
			else
				depth--;
		} else if (paints(op)) {
			if (depth == 0 || !stack[depth < 64 ? depth - 1 : 63]) {
				char msg[64];
				snprintf(msg, sizeof msg, "%s (operator %s)", where,
				         op);
				fault(c, "page %s is neither tagged content nor an "
				      "artifact", msg);
			}
		}
		mcid = 0;
		lx.name[0] = '\0';
	}
	if (depth != 0)
		fault(c, "page %s: marked content left open", where);
	free(buf);
}

/* ---- fonts ---- */

static void check_fonts(struct check *c, qpdf_oh page)
{
	qpdf_data q = c->q;
	qpdf_oh fonts = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page,
	                                                   "/Resources"),
	                                "/Font");
	if (!qpdf_oh_is_dictionary(q, fonts))
		return;
	qpdf_oh_begin_dict_key_iter(q, fonts);
	char keys[32][64];
	int n = 0;
	while (qpdf_oh_dict_more_keys(q) && n < 32)
		snprintf(keys[n++], sizeof keys[0], "%s",
		         qpdf_oh_dict_next_key(q));
	for (int i = 0; i < n; i++) {
		qpdf_oh f = qpdf_oh_get_key(q, fonts, keys[i]);
		qpdf_oh desc = qpdf_oh_get_key(q, f, "/FontDescriptor");
		if (is_name(q, qpdf_oh_get_key(q, f, "/Subtype"), "/Type0"))
			desc = qpdf_oh_get_key(
			    q, qpdf_oh_get_array_item(
			           q, qpdf_oh_get_key(q, f, "/DescendantFonts"), 0),
			    "/FontDescriptor");
		if (!qpdf_oh_has_key(q, desc, "/FontFile") &&
		    !qpdf_oh_has_key(q, desc, "/FontFile2") &&
		    !qpdf_oh_has_key(q, desc, "/FontFile3"))
			fault(c, "font %s is not embedded", keys[i]);
		if (!qpdf_oh_has_key(q, f, "/ToUnicode"))
			fault(c, "font %s has no ToUnicode map", keys[i]);
	}
}

/* ---- the structure tree ---- */

static void check_elem(struct check *c, qpdf_oh e, int depth)
{
	qpdf_data q = c->q;
	if (depth > 200 || !qpdf_oh_is_dictionary(q, e))
		return;
	qpdf_oh s = qpdf_oh_get_key(q, e, "/S");
	const char *type = qpdf_oh_is_name(q, s) ? qpdf_oh_get_name(q, s) : "";
	char t[64];
	snprintf(t, sizeof t, "%s", type);
	if (strcmp(t, "/TH") == 0) {
		qpdf_oh a = qpdf_oh_get_key(q, e, "/A");
		if (!qpdf_oh_has_key(q, a, "/Scope"))
			fault(c, "a table header cell (TH) has no %s", "/Scope");
	}
	if (strcmp(t, "/Figure") == 0) {
		qpdf_oh alt = qpdf_oh_get_key(q, e, "/Alt");
		if (!qpdf_oh_is_string(q, alt) ||
		    qpdf_oh_get_utf8_value(q, alt)[0] == '\0')
			fault(c, "a Figure has no text alternative (%s)", "/Alt");
	}
	if (t[0] == '/' && t[1] == 'H' && t[2] >= '1' && t[2] <= '6' &&
	    t[3] == '\0') {
		int level = t[2] - '0';
		if (level > c->last_heading + 1)
			fault(c, "a heading skips a level (%s)", t + 1);
		c->last_heading = level;
	}
	qpdf_oh k = qpdf_oh_get_key(q, e, "/K");
	int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k)
	        : qpdf_oh_is_dictionary(q, k) ? 1 : 0;
	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_is_array(q, k)
		              ? qpdf_oh_get_array_item(q, k, i) : k;
		if (!qpdf_oh_is_dictionary(q, kid) ||
		    !qpdf_oh_has_key(q, kid, "/S"))
			continue;
		qpdf_oh ks = qpdf_oh_get_key(q, kid, "/S");
		if (strcmp(t, "/LI") == 0 && !is_name(q, ks, "/LBody") &&
		    !is_name(q, ks, "/Lbl"))
			fault(c, "a list item (LI) holds %s, not Lbl or LBody",
			      qpdf_oh_get_name(q, ks));
		if (strcmp(t, "/Table") == 0 && !is_name(q, ks, "/TR") &&
		    !is_name(q, ks, "/THead") && !is_name(q, ks, "/TBody") &&
		    !is_name(q, ks, "/TFoot"))
			fault(c, "a Table holds %s, not rows",
			      qpdf_oh_get_name(q, ks));
		check_elem(c, kid, depth + 1);
	}
}

static void check_annots(struct check *c, qpdf_oh page, int pageno)
{
	qpdf_data q = c->q;
	qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
	int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots)
	                                    : 0;
	char where[32];
	snprintf(where, sizeof where, "%d", pageno);
	if (n > 0 && !is_name(q, qpdf_oh_get_key(q, page, "/Tabs"), "/S"))
		fault(c, "page %s has annotations but does not tab in structure "
		      "order (/Tabs /S)", where);
	for (int i = 0; i < n; i++) {
		qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
		qpdf_oh st = qpdf_oh_get_key(q, a, "/Subtype");
		int widget = is_name(q, st, "/Widget");
		if (!widget && !is_name(q, st, "/Link"))
			continue;
		if (!qpdf_oh_has_key(q, a, "/StructParent"))
			fault(c, "an annotation on page %s is not in the structure "
			      "tree (no /StructParent)", where);
		if (widget && !qpdf_oh_has_key(q, a, "/TU"))
			fault(c, "a form field on page %s has no name to speak "
			      "(/TU)", where);
	}
}

static int check_file(const char *file, int n)
{
	struct check c = {qpdf_init(), file, 0, 0};
	qpdf_silence_errors(c.q);
	qpdf_set_suppress_warnings(c.q, QPDF_TRUE);
	if (qpdf_read(c.q, file, NULL) & QPDF_ERRORS) {
		printf("not ok %d - %s: cannot be read\n", n, file);
		qpdf_cleanup(&c.q);
		return 1;
	}
	qpdf_data q = c.q;
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh trailer = qpdf_get_trailer(q);
	if (qpdf_oh_has_key(q, trailer, "/Encrypt"))
		fault(&c, "the file is encrypted%s", "");
	if (!qpdf_oh_get_bool_value(q, qpdf_oh_get_key(
	                                   q, qpdf_oh_get_key(q, root,
	                                                      "/MarkInfo"),
	                                   "/Marked")))
		fault(&c, "the document is not marked tagged (%s)",
		      "/MarkInfo /Marked true");
	qpdf_oh lang = qpdf_oh_get_key(q, root, "/Lang");
	if (!qpdf_oh_is_string(q, lang) || qpdf_oh_get_utf8_value(q, lang)[0] == 0)
		fault(&c, "the document has no language (%s)", "/Lang");
	if (!qpdf_oh_get_bool_value(q, qpdf_oh_get_key(
	                                   q, qpdf_oh_get_key(
	                                          q, root, "/ViewerPreferences"),
	                                   "/DisplayDocTitle")))
		fault(&c, "viewers are not asked to show the title (%s)",
		      "/DisplayDocTitle");
	qpdf_oh title = qpdf_oh_get_key(q, qpdf_oh_get_key(q, trailer, "/Info"),
	                                "/Title");
	if (!qpdf_oh_is_string(q, title) ||
	    qpdf_oh_get_utf8_value(q, title)[0] == 0)
		fault(&c, "the document has no title%s", "");
	qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	if (!qpdf_oh_is_dictionary(q, tree))
		fault(&c, "the document has no structure tree%s", "");
	else
		check_elem(&c, tree, 0);
	int pages = qpdf_get_num_pages(q);
	for (int p = 0; p < pages; p++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
		check_content(&c, page, p + 1);
		check_fonts(&c, page);
		check_annots(&c, page, p + 1);
	}
	if (c.faults > 12)
		printf("# %s: and %d more\n", file, c.faults - 12);
	printf("%s %d - %s: tagged, every rule checked holds\n",
	       c.faults ? "not ok" : "ok", n, file);
	qpdf_cleanup(&c.q);
	return c.faults != 0;
}

int main(int argc, char **argv)
{
	int bad = 0;
	for (int i = 1; i < argc; i++)
		bad |= check_file(argv[i], i);
	printf("1..%d\n", argc - 1);
	return bad;
}
