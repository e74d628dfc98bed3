/* test_layout.c - properties of the laid-out pages (boxes on pages), with
 * the real fonts' metrics from the PDF backend: text stays in its margins
 * and cells, tables split and repeat their header, ticks and deadlines are
 * drawn for what a pledge commits to, and the furniture is on every page. */
#include "testutil.h"

#include <math.h>

#include "arena.h"
#include "layout.h"
#include "font.h"
#include "hyph.h"
#include "pdf.h"
#include "style.h"

#define LT_MAX 4
#define LT_EPS 0.01
/* layout.c's cell padding (LAYOUT_CELL_PAD): text starts this far into a
 * table cell and stops this far before its right edge. */
#define LT_CELL_PAD 5.0

/* One laid-out document and everything it needs kept alive. */
struct lt {
	struct parse_schema *schema;
	struct source *src[LT_MAX];
	struct document *doc[LT_MAX];
	size_t n;
	struct style st;
	struct font_set *pm;
	const struct device_metrics *m;
	struct hyph *hy;
	struct arena *a;
	struct layout_doc *ld;
	double left, right, top, bottom;
};

static void lt_free(void *p)
{
	struct lt *t = p;
	if (t == NULL)
		return;
	layout_doc_free(t->ld);
	arena_free(t->a);
	font_set_close(t->pm);
	hyph_free(t->hy);
	style_free(&t->st);
	for (size_t i = 0; i < t->n; i++) {
		document_free(t->doc[i]);
		source_free(t->src[i]);
	}
	parse_schema_free(t->schema);
	free(t);
}

/* Parses and checks the sources (text NULL: the file named), then lays out
 * document `which` with the a4 style and the PDF backend's metrics. Fails
 * the test, printing the diagnostics, if any stage fails. The result is
 * kept (freed by the teardown, or earlier by lt_release). */
static struct lt *lt_layout(size_t n, const char *const names[],
                            const char *const texts[], size_t which)
{
	assert_true(n <= LT_MAX && which < n);
	struct lt *t = tu_keep_fn(calloc(1, sizeof *t), lt_free);
	char *dbuf = NULL;
	size_t dlen = 0;
	FILE *dout = open_memstream(&dbuf, &dlen);
	assert_non_null(dout);
	struct diag d;
	diag_init(&d, dout, DIAG_HUMAN);
	t->schema = parse_schema_load(&d);
	int ok = t->schema != NULL;
	for (size_t i = 0; ok && i < n; i++) {
		t->src[i] = texts[i] ? source_from_memory(names[i], texts[i],
		                                          strlen(texts[i]))
		                     : source_read(names[i]);
		t->n = i + 1;
		if (t->src[i] == NULL) {
			fprintf(dout, "%s: cannot read\n", names[i]);
			ok = 0;
			break;
		}
		t->doc[i] = parse_document(t->src[i], t->schema, &d);
		if (t->doc[i] == NULL)
			ok = 0;
	}
	if (ok)
		ok = check_documents(t->doc, n, NULL, &d) == 0;
	if (ok)
		ok = style_load(&t->st, "a4", "layouts", &d) == 0;
	if (ok)
		ok = (t->pm = font_set_open(&t->st, &d)) != NULL;
	fclose(dout);
	if (!ok) {
		print_message("%s", dbuf ? dbuf : "");
		free(dbuf);
		fail_msg("the test documents did not parse, check or load");
	}
	free(dbuf);
	t->m = font_set_metrics(t->pm);
	t->a = arena_new();
	assert_non_null(t->a);
	struct pt_node *tree = lower_document(t->doc[which], t->a);
	assert_non_null(tree);
	t->hy = hyph_new(NULL);
	assert_non_null(t->hy);
	t->ld = layout_document(tree, &t->st, t->m, t->hy, t->a);
	assert_non_null(t->ld);
	t->left = t->st.margin_left;
	t->right = t->st.page_width - t->st.margin_right;
	t->top = t->st.page_height - t->st.margin_top;
	t->bottom = t->st.margin_bottom;
	return t;
}

static struct lt *lt_form(void)
{
	const char *names[1] = {TU_FORM_PATH};
	const char *texts[1] = {NULL};
	return lt_layout(1, names, texts, 0);
}

/* A signed pledge file of the real form. */
static struct lt *lt_pledge_file(const char *path)
{
	const char *names[2] = {TU_FORM_PATH, path};
	const char *texts[2] = {NULL, NULL};
	return lt_layout(2, names, texts, 1);
}

/* A signed pledge of the real form, given as text. */
static struct lt *lt_pledge_text(const char *xml)
{
	const char *names[2] = {TU_FORM_PATH, "test-pledge.xml"};
	const char *texts[2] = {NULL, xml};
	return lt_layout(2, names, texts, 1);
}

/* A pledge form of its own, given as text, laid out blank. */
static struct lt *lt_custom_form(const char *xml)
{
	const char *names[1] = {"test-form.xml"};
	const char *texts[1] = {xml};
	return lt_layout(1, names, texts, 0);
}

static const char *const lt_content[] = {
	TU_FORM_PATH,
	"content/pledges/ashdown-borough.xml",
	"content/pledges/kingsmere-city.xml",
	"content/pledges/rivermouth-district.xml",
};
#define LT_NCONTENT (sizeof lt_content / sizeof *lt_content)

static struct lt *lt_content_doc(size_t i)
{
	return i == 0 ? lt_form() : lt_pledge_file(lt_content[i]);
}

/* ---- a form of our own ---------------------------------------------- */

/* A small pledge form whose first step has the text given (and whose
 * first action point the title given), so one row can be made as long or
 * as awkward as a test needs. monitoring is the monitoring section's
 * paragraph. All malloc'd. */
static char *lt_form_xml(const char *ap_title, const char *steps,
                         const char *monitoring)
{
	char *x = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&x, &len);
	assert_non_null(f);
	fprintf(f,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<pledge-form xmlns=\"urn:mishto:1\" id=\"test-form\""
	    " xml:lang=\"en\">\n"
	    "  <title>Test Form</title>\n"
	    "  <actions title=\"Actions\">\n"
	    "    <group title=\"First group\">\n"
	    "      <action-point id=\"first\" title=\"%s\">\n"
	    "%s"
	    "      </action-point>\n"
	    "      <action-point id=\"second\" title=\"Second point\">\n"
	    "        <step id=\"after\">The step after the long row.</step>\n"
	    "      </action-point>\n"
	    "    </group>\n"
	    "  </actions>\n"
	    "  <support><option id=\"training\">Training</option><other/>"
	    "</support>\n"
	    "  <monitoring><p>%s</p><report-due/></monitoring>\n"
	    "  <contact/>\n"
	    "</pledge-form>\n",
	    ap_title, steps, monitoring);
	fclose(f);
	return tu_keep(x);
}

/* s repeated n times (malloc'd). */
static char *lt_repeat(const char *s, size_t n)
{
	size_t l = strlen(s);
	char *r = tu_keep(malloc(l * n + 1));
	for (size_t i = 0; i < n; i++)
		memcpy(r + i * l, s, l);
	r[l * n] = '\0';
	return r;
}

/* <step id="long">text</step> (malloc'd). */
static char *lt_one_step(const char *text)
{
	size_t n = strlen(text) + 64;
	char *r = tu_keep(malloc(n));
	snprintf(r, n, "        <step id=\"long\">%s</step>\n", text);
	return r;
}

/* ---- looking at boxes ----------------------------------------------- */

/* Decodes one UTF-8 code point (the test's own decoder). */
static size_t lt_utf8(const unsigned char *s, size_t len, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
	           : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	assert_true(n != 0 && n <= len);
	uint32_t c = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		assert_int_equal(s[i] & 0xC0, 0x80);
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}

/* Width of a TEXT box: advances of its code points, scaled to its size. */
static double lt_width(const struct lt *t, const struct box *b)
{
	double w = 0;
	const unsigned char *s = (const unsigned char *)b->text;
	for (size_t i = 0; i < b->len;) {
		uint32_t cp;
		i += lt_utf8(s + i, b->len - i, &cp);
		w += t->m->advance(t->m->ctx, b->face, cp);
	}
	return w * b->size / 1000.0;
}

static int lt_text_is(const struct box *b, const char *s)
{
	return b->kind == BOX_TEXT && b->len == strlen(s) &&
	       memcmp(b->text, s, b->len) == 0;
}

static int lt_text_starts(const struct box *b, const char *s)
{
	return b->kind == BOX_TEXT && b->len >= strlen(s) &&
	       memcmp(b->text, s, strlen(s)) == 0;
}

static int lt_near(double a, double b)
{
	return a > b - LT_EPS && a < b + LT_EPS;
}

/* The header and footer, which sit in the top and bottom margins: header
 * text on the baseline top+28 with its rule 7 below, footer text on
 * bottom-34 with its rule header_size+4 above. */
static int lt_furniture(const struct lt *t, const struct box *b)
{
	double head = t->top + 28, foot = t->bottom - 34;
	if (b->kind == BOX_TEXT)
		return lt_near(b->y, head) || lt_near(b->y, foot);
	if (b->kind == BOX_LINE && b->h == 0)
		return lt_near(b->y, head - 7) ||
		       lt_near(b->y, foot + t->st.header_size + 4);
	return 0;
}

/* Vertical extent of a box; for text, from its descender to its ascender
 * (the layout's line box puts the baseline 0.8 size under the top). */
static void lt_extent(const struct box *b, double *lo, double *hi)
{
	if (b->kind == BOX_TEXT) {
		*lo = b->y - 0.2 * b->size;
		*hi = b->y + 0.8 * b->size;
	} else {
		*lo = b->h < 0 ? b->y + b->h : b->y;
		*hi = b->h < 0 ? b->y : b->y + b->h;
	}
}

static int lt_is_tick_box(const struct lt *t, const struct box *b)
{
	return b->kind == BOX_RECT && lt_near(b->w, t->st.tick_size) &&
	       lt_near(b->h, t->st.tick_size);
}

/* A tick box of the action table (support ticks sit at the left margin). */
static int lt_is_table_tick_box(const struct lt *t, const struct box *b)
{
	return lt_is_tick_box(t, b) && b->x > t->left + 3 * t->st.tick_size;
}

static int lt_inside(const struct box *r, double x, double y)
{
	return x >= r->x - LT_EPS && x <= r->x + r->w + LT_EPS &&
	       y >= r->y - LT_EPS && y <= r->y + r->h + LT_EPS;
}

/* How many LINE boxes of page p lie wholly inside rect r. */
static int lt_lines_inside(const struct layout_page *p, const struct box *r)
{
	int n = 0;
	for (size_t i = 0; i < p->nboxes; i++) {
		const struct box *b = &p->boxes[i];
		if (b->kind == BOX_LINE && lt_inside(r, b->x, b->y) &&
		    lt_inside(r, b->x + b->w, b->y + b->h))
			n++;
	}
	return n;
}

struct lt_ticks {
	int boxes, ticked, lines, table_boxes;
};

static struct lt_ticks lt_count_ticks(const struct lt *t)
{
	struct lt_ticks k = {0};
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (!lt_is_tick_box(t, b))
				continue;
			k.boxes++;
			if (lt_is_table_tick_box(t, b))
				k.table_boxes++;
			int n = lt_lines_inside(pg, b);
			k.lines += n;
			if (n > 0)
				k.ticked++;
		}
	}
	return k;
}

/* "DD/MM/YYYY" */
static int lt_is_date(const struct box *b)
{
	if (b->kind != BOX_TEXT || b->len != 10)
		return 0;
	for (int i = 0; i < 10; i++) {
		int c = (unsigned char)b->text[i];
		if (i == 2 || i == 5 ? c != '/' : c < '0' || c > '9')
			return 0;
	}
	return 1;
}

/* The action table's columns on page p, from its header row: col[i] is
 * where cell i's text starts, col[i+1] - 2 * pad where it must end. */
struct lt_cols {
	double x[5];
};

static int lt_columns(const struct lt *t, size_t p, struct lt_cols *c)
{
	const struct layout_page *pg = &t->ld->pages[p];
	int found = 0;
	for (size_t i = 0; i < pg->nboxes; i++) {
		const struct box *b = &pg->boxes[i];
		if (b->kind != BOX_TEXT || b->face != FACE_BOLD)
			continue;
		if (lt_text_is(b, "Action point")) {
			c->x[0] = b->x - LT_CELL_PAD;
			found |= 1;
		} else if (lt_text_is(b, "Steps taken to support this action")) {
			c->x[1] = b->x - LT_CELL_PAD;
			found |= 2;
		} else if (lt_text_is(b, "Tick")) {
			c->x[2] = b->x - LT_CELL_PAD;
			found |= 4;
		} else if (lt_text_starts(b, "Timeline")) {
			c->x[3] = b->x - LT_CELL_PAD;
			found |= 8;
		}
	}
	c->x[4] = t->right;
	return found == 15;
}

/* Whether page p has the table's header row: its label texts and the
 * filled rectangle under them. */
static int lt_has_header_row(const struct lt *t, size_t p)
{
	struct lt_cols c;
	if (!lt_columns(t, p, &c))
		return 0;
	const struct layout_page *pg = &t->ld->pages[p];
	for (size_t i = 0; i < pg->nboxes; i++) {
		const struct box *b = &pg->boxes[i];
		if (b->kind == BOX_RECT && b->filled &&
		    b->fill == t->st.fill_colour && lt_near(b->x, c.x[0]) &&
		    lt_near(b->x + b->w, c.x[4]))
			return 1;
	}
	return 0;
}

/* Columns of the first page with a header row. */
static void lt_table_columns(const struct lt *t, struct lt_cols *c)
{
	for (size_t p = 0; p < t->ld->npages; p++)
		if (lt_columns(t, p, c))
			return;
	fail_msg("no page has the action table's header row");
}

/* Text of the steps column (cell 1) that is not its header, on page p. */
/* A box of a step's words: in the steps column, not its number (bold,
 * before the words on the step's first line). */
static int lt_in_steps_cell(const struct lt *t, const struct lt_cols *c,
                            const struct box *b)
{
	return b->kind == BOX_TEXT && !lt_furniture(t, b) &&
	       b->face == FACE_REGULAR && b->x >= c->x[1] + LT_CELL_PAD - 0.01 &&
	       b->x < c->x[2] - LT_CELL_PAD;
}

static size_t lt_count_text(const struct lt *t, const char *s)
{
	size_t n = 0;
	for (size_t p = 0; p < t->ld->npages; p++)
		for (size_t i = 0; i < t->ld->pages[p].nboxes; i++)
			if (lt_text_is(&t->ld->pages[p].boxes[i], s))
				n++;
	return n;
}

/* ---- margins ---------------------------------------------------------- */

static void lt_assert_within_left_right(const struct lt *t)
{
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (b->kind != BOX_TEXT)
				continue;
			double w = lt_width(t, b);
			if (b->x >= t->left - LT_EPS &&
			    b->x + w <= t->right + LT_EPS)
				continue;
			fail_msg("page %zu: text \"%.*s\" at x %.2f, width "
			         "%.2f, is outside the margins %.2f..%.2f",
			         p + 1, (int)b->len, b->text, b->x, w, t->left,
			         t->right);
		}
	}
}

static void lt_assert_within_top_bottom(const struct lt *t)
{
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (lt_furniture(t, b))
				continue;
			double lo, hi;
			lt_extent(b, &lo, &hi);
			if (lo >= t->bottom - LT_EPS && hi <= t->top + LT_EPS)
				continue;
			fail_msg("page %zu: box %d \"%.*s\" spans y %.2f..%.2f,"
			         " outside the margins %.2f..%.2f", p + 1,
			         (int)b->kind,
			         b->kind == BOX_TEXT ? (int)b->len : 0,
			         b->kind == BOX_TEXT ? b->text : "", lo, hi,
			         t->bottom, t->top);
		}
	}
}

static void text_stays_within_left_and_right_margins(void **state)
{
	(void)state;
	for (size_t i = 0; i < LT_NCONTENT; i++) {
		struct lt *t = lt_content_doc(i);
		lt_assert_within_left_right(t);
		tu_release(t);
	}
}

static void boxes_stay_within_top_and_bottom_margins(void **state)
{
	(void)state;
	for (size_t i = 0; i < LT_NCONTENT; i++) {
		struct lt *t = lt_content_doc(i);
		lt_assert_within_top_bottom(t);
		tu_release(t);
	}
}

static void furniture_is_on_every_page_in_the_margins(void **state)
{
	(void)state;
	struct lt *t = lt_pledge_file("content/pledges/ashdown-borough.xml");
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		int head = 0, foot = 0, rules = 0;
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (!lt_furniture(t, b))
				continue;
			if (b->kind == BOX_LINE)
				rules++;
			else if (b->y > t->top)
				head++;
			else
				foot++;
		}
		/* title and authority; page number and fingerprint */
		assert_int_equal(head, 2);
		assert_int_equal(foot, 2);
		assert_int_equal(rules, 2);
	}
}

static void long_authority_is_cut_to_fit_the_page_header(void **state)
{
	(void)state;
	char *long_name = lt_repeat("Very Long Metropolitan ", 12);
	long_name[strlen(long_name) - 1] = '\0';
	char *auth = tu_keep(malloc(strlen(long_name) + 32));
	sprintf(auth, "authority=\"%s\"", long_name);
	char *x = tu_keep(tu_replace(tu_valid_pledge,
	                             "authority=\"Testbury Council\"", auth));
	/* a long name is no error: it is the layout's problem */
	struct tu_result r = tu_check_pledge(x);
	int authority_error = tu_has(&r, "error", "authority");
	unsigned errors = r.errors;
	tu_free(&r);
	assert_false(authority_error);
	assert_int_equal(errors, 0);
	struct lt *t = lt_pledge_text(x);
	lt_assert_within_left_right(t);
	/* the header's copy ends in an ellipsis */
	const struct layout_page *pg = &t->ld->pages[0];
	int cut = 0;
	for (size_t i = 0; i < pg->nboxes; i++) {
		const struct box *b = &pg->boxes[i];
		if (b->kind == BOX_TEXT && lt_near(b->y, t->top + 28) &&
		    b->len > 3 && memcmp(b->text + b->len - 3, "\xE2\x80\xA6",
		                         3) == 0)
			cut++;
	}
	assert_true(cut >= 1);
}

/* ---- the action table --------------------------------------------------- */

static void lt_assert_header_on_pages_with_rows(const struct lt *t)
{
	int pages_with_rows = 0;
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		int rows = 0;
		for (size_t i = 0; i < pg->nboxes; i++)
			if (lt_is_table_tick_box(t, &pg->boxes[i]))
				rows = 1;
		if (!rows)
			continue;
		pages_with_rows++;
		if (!lt_has_header_row(t, p))
			fail_msg("page %zu has action-point rows but no "
			         "header row", p + 1);
	}
	assert_true(pages_with_rows >= 2);
}

static void header_row_repeats_on_every_page_with_action_points(void **state)
{
	(void)state;
	for (size_t i = 0; i < LT_NCONTENT; i++) {
		struct lt *t = lt_content_doc(i);
		lt_assert_header_on_pages_with_rows(t);
		tu_release(t);
	}
}

static void signed_pledge_ticks_each_commit_and_chosen_option(void **state)
{
	(void)state;
	/* ashdown-borough: 11 of the form's 19 steps, 2 of its 4 options */
	struct lt *t = lt_pledge_file("content/pledges/ashdown-borough.xml");
	struct lt_ticks k = lt_count_ticks(t);
	assert_int_equal(k.boxes, 19 + 4);
	assert_int_equal(k.table_boxes, 19);
	assert_int_equal(k.ticked, 11 + 2);
	assert_int_equal(k.lines, 2 * (11 + 2));
}

static void blank_form_has_only_empty_tick_boxes(void **state)
{
	(void)state;
	struct lt *t = lt_form();
	struct lt_ticks k = lt_count_ticks(t);
	assert_int_equal(k.boxes, 19 + 4);
	assert_int_equal(k.table_boxes, 19);
	assert_int_equal(k.ticked, 0);
	assert_int_equal(k.lines, 0);
}

/* The deadline text sits in the deadline column on the baseline band of a
 * ticked box. */
static void deadline_is_printed_as_dd_mm_yyyy_beside_its_tick(void **state)
{
	(void)state;
	struct lt *t = lt_pledge_file("content/pledges/ashdown-borough.xml");
	struct lt_cols c;
	lt_table_columns(t, &c);
	assert_int_equal(lt_count_text(t, "31/01/2027"), 1);
	int found = 0, deadlines = 0;
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (!lt_is_date(b) || b->x < c.x[3])
				continue;
			deadlines++;
			assert_true(lt_near(b->x, c.x[3] + LT_CELL_PAD));
			int beside = 0;
			for (size_t j = 0; j < pg->nboxes; j++) {
				const struct box *r = &pg->boxes[j];
				if (lt_is_table_tick_box(t, r) &&
				    b->y >= r->y && b->y <= r->y + r->h &&
				    lt_lines_inside(pg, r) == 2)
					beside = 1;
			}
			assert_true(beside);
			if (lt_text_is(b, "31/01/2027"))
				found = 1;
		}
	}
	assert_true(found);
	/* 10 of ashdown's 11 commits have a deadline */
	assert_int_equal(deadlines, 10);
}

static void blank_form_has_no_deadline_text(void **state)
{
	(void)state;
	struct lt *t = lt_form();
	for (size_t p = 0; p < t->ld->npages; p++)
		for (size_t i = 0; i < t->ld->pages[p].nboxes; i++)
			assert_false(lt_is_date(&t->ld->pages[p].boxes[i]));
}

/* ---- rows longer than a line, a cell, a page -------------------------- */

static void long_word_breaks_between_letters_within_its_cell(void **state)
{
	(void)state;
	char *word = lt_repeat("abcdefghij", 500);     /* 5,000 letters */
	char *step = lt_one_step(word);
	char *x = lt_form_xml("First point", step, "Report yearly.");
	struct lt *t = lt_custom_form(x);
	struct lt_cols c;
	lt_table_columns(t, &c);
	double cell_right = c.x[2] - LT_CELL_PAD;
	/* the word's pieces, in page order, spell the word */
	char *got = tu_keep(calloc(strlen(word) + 1, 1));
	size_t got_len = 0, lines = 0;
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (!lt_in_steps_cell(t, &c, b) ||
			    b->text[0] != 'a' + (int)(got_len % 10))
				continue;
			if (b->x + lt_width(t, b) > cell_right + LT_EPS)
				fail_msg("page %zu: \"%.*s\" runs %.2f past its "
				         "cell", p + 1, (int)b->len, b->text,
				         b->x + lt_width(t, b) - cell_right);
			/* the word has no hyphen: one at a piece's end (a
			 * soft hyphen, U+00AD) was put there by the break */
			size_t len = b->len;
			if (len > 1 && memcmp(b->text + len - 2, "\xC2\xAD", 2) == 0)
				len -= 2;
			assert_true(got_len + len <= strlen(word));
			memcpy(got + got_len, b->text, len);
			got_len += len;
			lines++;
		}
	}
	assert_string_equal(got, word);
	assert_true(lines > 10);
	lt_assert_within_left_right(t);
	lt_assert_within_top_bottom(t);
	/* and reported, once, for the build to warn about */
	assert_int_equal(t->ld->nbroken, 1);
	assert_int_equal(strlen(t->ld->broken[0].word), strlen(word));
	assert_non_null(t->ld->broken[0].loc);
}

/* Pages on which the steps column holds "word" lines, and how many. */
static void lt_words_per_page(const struct lt *t, const struct lt_cols *c,
                              size_t *per_page)
{
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		per_page[p] = 0;
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (!lt_in_steps_cell(t, c, b))
				continue;
			for (size_t k = 0; k + 4 <= b->len; k++)
				if (memcmp(b->text + k, "word", 4) == 0)
					per_page[p]++;
		}
	}
}

static void step_taller_than_a_page_continues_on_the_next(void **state)
{
	(void)state;
	char *text = lt_repeat("word ", 400);
	char *step = lt_one_step(text);
	char *x = lt_form_xml("First point", step, "Report yearly.");
	struct lt *t = lt_custom_form(x);
	struct lt_cols c;
	lt_table_columns(t, &c);
	size_t *per_page = tu_keep(calloc(t->ld->npages, sizeof *per_page));
	lt_words_per_page(t, &c, per_page);
	size_t total = 0, pages = 0;
	for (size_t p = 0; p < t->ld->npages; p++) {
		total += per_page[p];
		if (per_page[p] == 0)
			continue;
		pages++;
		if (!lt_has_header_row(t, p))
			fail_msg("page %zu continues the step without the "
			         "header row", p + 1);
		/* continued on the very next page */
		if (pages > 1)
			assert_true(p > 0 && per_page[p - 1] > 0);
	}
	assert_true(pages >= 2);
	/* every word once, and the step's number ("1a"): nothing lost or
	 * repeated at the page break */
	assert_int_equal(total, 400);
	lt_assert_within_top_bottom(t);
	lt_assert_within_left_right(t);
}

/* When a row splits, the cut must fall between lines in every cell: a
 * text line that straddles the cut is drawn across the row's bottom
 * border (and can run into the bottom margin). Exercised with a long
 * action-point title beside many one-line steps, whose line boundaries
 * are out of step with each other. */
static void split_row_never_cuts_through_a_line(void **state)
{
	(void)state;
	char *title = lt_repeat("Long title ", 120);
	char *steps = NULL;
	size_t steps_len = 0;
	FILE *f = open_memstream(&steps, &steps_len);
	assert_non_null(f);
	for (int i = 0; i < 40; i++)
		fprintf(f, "        <step id=\"s%d\">Step %d.</step>\n", i, i);
	fclose(f);
	tu_keep(steps);
	char *x = lt_form_xml(title, steps, "Report yearly.");
	struct lt *t = lt_custom_form(x);
	struct lt_cols c;
	lt_table_columns(t, &c);
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *l = &pg->boxes[i];
			/* a row border: a horizontal line across the table */
			if (l->kind != BOX_LINE || l->h != 0 ||
			    !lt_near(l->x, c.x[0]) ||
			    !lt_near(l->x + l->w, c.x[4]))
				continue;
			for (size_t j = 0; j < pg->nboxes; j++) {
				const struct box *b = &pg->boxes[j];
				if (b->kind != BOX_TEXT || lt_furniture(t, b) ||
				    b->x < c.x[0] || b->x > c.x[4])
					continue;
				double lo, hi;
				lt_extent(b, &lo, &hi);
				if (lo < l->y - LT_EPS && hi > l->y + LT_EPS)
					fail_msg("page %zu: \"%.*s\" (y %.2f) "
					         "crosses the row border at y "
					         "%.2f", p + 1, (int)b->len,
					         b->text, b->y, l->y);
			}
		}
	}
	lt_assert_within_top_bottom(t);
}

/* ---- contact block ------------------------------------------------------ */

/* The contact and signature block is kept on one page, so that it is
 * signed as one. Tried at every position on the page by lengthening the
 * monitoring paragraph one line at a time. */
static void contact_block_stays_on_one_page(void **state)
{
	(void)state;
	static const char *const labels[] = {
		"Name:", "Role:", "Email:", "Phone:", "Signed on behalf of:",
		"Signature:", "Date:"};
	char *line = lt_repeat("m", 30);  /* wider than half a line */
	char *step = lt_one_step("A step.");
	for (size_t n = 1; n <= 45; n++) {
		char *para = tu_keep(malloc(n * 31 + 1));
		para[0] = '\0';
		for (size_t i = 0; i < n; i++) {
			strcat(para, line);
			strcat(para, " ");
		}
		char *x = lt_form_xml("First point", step, para);
		struct lt *t = lt_custom_form(x);
		long page[7];
		for (int k = 0; k < 7; k++) {
			page[k] = -1;
			for (size_t p = 0; p < t->ld->npages; p++)
				for (size_t i = 0; i < t->ld->pages[p].nboxes;
				     i++)
					if (lt_text_is(&t->ld->pages[p].boxes[i],
					               labels[k]))
						page[k] = (long)p;
			assert_true(page[k] >= 0);
		}
		for (int k = 1; k < 7; k++)
			if (page[k] != page[0])
				fail_msg("with %zu monitoring lines, \"%s\" is "
				         "on page %ld but \"%s\" on page %ld",
				         n, labels[0], page[0] + 1, labels[k],
				         page[k] + 1);
		tu_release(t);
		tu_release(x);
		tu_release(para);
	}
}

/* ---- furniture, bookmarks, dump ------------------------------------- */

static void every_page_says_page_n_of_m(void **state)
{
	(void)state;
	for (size_t i = 0; i < LT_NCONTENT; i++) {
		struct lt *t = lt_content_doc(i);
		size_t m = t->ld->npages;
		assert_true(m >= 2);
		for (size_t p = 0; p < m; p++) {
			char want[64];
			snprintf(want, sizeof want, "Page %zu of %zu", p + 1, m);
			int n = 0;
			const struct layout_page *pg = &t->ld->pages[p];
			for (size_t k = 0; k < pg->nboxes; k++)
				if (lt_text_is(&pg->boxes[k], want)) {
					n++;
					assert_true(lt_near(pg->boxes[k].y,
					                    t->bottom - 34));
				}
			assert_int_equal(n, 1);
		}
		tu_release(t);
	}
}

/* A writer lets a page go once it has drawn it: that page's boxes alone
 * go, and layout_doc_free lets go of the others (the sanitizer build
 * finds any left). */
static void a_released_page_gives_up_its_boxes_alone(void **state)
{
	(void)state;
	struct lt *t = lt_content_doc(0);
	size_t m = t->ld->npages;
	assert_true(m >= 2);
	size_t second = t->ld->pages[1].nboxes;
	assert_true(second > 0);
	layout_page_release(t->ld, 0);
	assert_int_equal(t->ld->pages[0].nboxes, 0);
	assert_null(t->ld->pages[0].boxes);
	assert_int_equal(t->ld->pages[1].nboxes, second);
	assert_int_equal(t->ld->npages, m);
	tu_release(t);
}

/* Every box of pages from..npages - 1 read (a box's words, byte by
 * byte): where a page's boxes had been let go with another's, this
 * reads memory given back to the system. Returns the bytes read. */
static size_t lt_read_pages(const struct lt *t, size_t from)
{
	size_t n = 0;
	for (size_t p = from; p < t->ld->npages; p++)
		for (size_t k = 0; k < t->ld->pages[p].nboxes; k++) {
			const struct box *b = &t->ld->pages[p].boxes[k];
			assert_true(b->kind <= BOX_FIELD);
			for (size_t i = 0; b->kind == BOX_TEXT && i < b->len; i++)
				n += b->text[i] != '\0';
		}
	return n;
}

/* A long document's pages past its first 32 keep their boxes in
 * blocks, one page's after another's; letting pages go one by one, in
 * the order a writer draws them, leaves every page after them whole,
 * and a block goes with the last of its pages (the sanitizer build
 * finds any block or box left). */
static void a_long_documents_pages_share_blocks_let_go_one_by_one(void **state)
{
	(void)state;
	char *text = lt_repeat("word ", 12000);
	char *x = lt_form_xml("First point", lt_one_step(text), "Yearly.");
	struct lt *t = lt_custom_form(x);
	size_t m = t->ld->npages;
	assert_true(m > 40);
	for (size_t p = 0; p < 32; p++)
		assert_null(t->ld->pages[p].block);
	assert_non_null(t->ld->pages[34].block);
	assert_ptr_equal(t->ld->pages[34].block, t->ld->pages[35].block);
	size_t words = lt_read_pages(t, 0);
	assert_true(words > 12000 * 4);
	for (size_t p = 0; p + 1 < m; p++) {
		size_t on_page = lt_read_pages(t, p) - lt_read_pages(t, p + 1);
		layout_page_release(t->ld, p);
		assert_null(t->ld->pages[p].boxes);
		assert_null(t->ld->pages[p].block);
		words -= on_page;
		assert_int_equal(lt_read_pages(t, p + 1), words);
	}
	tu_release(t);
}

/* A group's bookmark points at the page (and height) of its band. */
static void group_bookmarks_point_at_their_band(void **state)
{
	(void)state;
	for (size_t i = 0; i < LT_NCONTENT; i++) {
		struct lt *t = lt_content_doc(i);
		int groups = 0;
		for (size_t k = 0; k < t->ld->nmarks; k++) {
			const struct layout_mark *mk = &t->ld->marks[k];
			assert_true(mk->page < t->ld->npages);
			if (mk->level != 1)
				continue;
			groups++;
			const struct layout_page *pg = &t->ld->pages[mk->page];
			int band = 0;
			for (size_t j = 0; j < pg->nboxes; j++) {
				const struct box *b = &pg->boxes[j];
				if (lt_text_is(b, mk->title) &&
				    b->face == FACE_BOLD && b->y < mk->y &&
				    b->y > mk->y - 2 * t->st.body_size *
				                   t->st.leading)
					band = 1;
			}
			if (!band)
				fail_msg("%s: bookmark \"%s\" points at page %zu"
				         " y %.2f, where its band is not",
				         lt_content[i], mk->title, mk->page + 1,
				         mk->y);
		}
		assert_int_equal(groups, 3);
		tu_release(t);
	}
}

static char *lt_dump(const struct layout_doc *ld)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	layout_dump(ld, f);
	fclose(f);
	return tu_keep(buf);
}

/* The run's memo of where lines may break changes nothing: a document
 * laid out with it (the second time, answered from it) is laid out as
 * without it. */
static void a_runs_memo_of_line_breaks_changes_no_layout(void **state)
{
	(void)state;
	struct lt *t = lt_pledge_file("content/pledges/ashdown-borough.xml");
	const char *without = lt_dump(t->ld);
	struct layout_memo *mm = layout_memo_new();
	assert_non_null(mm);
	for (int round = 0; round < 2; round++) {
		struct arena *a = arena_new();
		assert_non_null(a);
		struct pt_node *tree = lower_document(t->doc[1], a);
		assert_non_null(tree);
		struct layout_doc *ld = layout_document_memo(
		    tree, &t->st, t->m, t->hy, mm, a);
		assert_non_null(ld);
		assert_string_equal(lt_dump(ld), without);
		layout_doc_free(ld);
		arena_free(a);
	}
	layout_memo_free(mm);
}

static void layout_dump_has_the_page_size_and_a_line_per_page(void **state)
{
	(void)state;
	struct lt *t = lt_pledge_file("content/pledges/ashdown-borough.xml");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	layout_dump(t->ld, f);
	fclose(f);
	tu_keep(buf);
	const char *start = "document 595.28 x 841.89,";
	assert_int_equal(strncmp(buf, start, strlen(start)), 0);
	char first[64];
	snprintf(first, sizeof first, "%s %zu pages\n", start,
	         t->ld->npages);
	assert_int_equal(strncmp(buf, first, strlen(first)), 0);
	size_t pages = 0;
	for (const char *l = buf; l && *l; l = strchr(l, '\n'), l = l ? l + 1
	                                                             : NULL) {
		if (strncmp(l, "page ", 5) != 0)
			continue;
		char want[32];
		snprintf(want, sizeof want, "page %zu\n", pages + 1);
		assert_int_equal(strncmp(l, want, strlen(want)), 0);
		pages++;
	}
	assert_int_equal(pages, t->ld->npages);
}

/* ---- line breaking and page breaking -------------------------------- */

/* The steps column's text lines on each page, and the texts. */
static size_t lt_step_lines(const struct lt *t, const struct lt_cols *c,
                            size_t page, const char *word)
{
	size_t n = 0;
	const struct layout_page *pg = &t->ld->pages[page];
	for (size_t i = 0; i < pg->nboxes; i++) {
		const struct box *b = &pg->boxes[i];
		if (!lt_in_steps_cell(t, c, b))
			continue;
		for (size_t k = 0; word && k + strlen(word) <= b->len; k++)
			if (memcmp(b->text + k, word, strlen(word)) == 0) {
				n++;
				break;
			}
		if (word == NULL)
			n++;
	}
	return n;
}

/* Unicode line breaking: a line may end after the hyphen or the slash of
 * "cross-departmental/multi-agency", never inside "departmental". */
static void compound_breaks_after_its_slash_never_inside_a_word(void **state)
{
	(void)state;
	char *text = lt_repeat("Set up cross-departmental/multi-agency "
	                       "panels. ", 30);
	char *x = lt_form_xml("First point", lt_one_step(text), "Yearly.");
	struct lt *t = lt_custom_form(x);
	struct lt_cols c;
	lt_table_columns(t, &c);
	size_t lines = 0;
	for (size_t p = 0; p < t->ld->npages; p++) {
		const struct layout_page *pg = &t->ld->pages[p];
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (!lt_in_steps_cell(t, &c, b))
				continue;
			char line[512];
			snprintf(line, sizeof line, "%.*s", (int)b->len, b->text);
			char *d = strstr(line, "depa");
			if (d != NULL && strncmp(d, "departmental/", 13) != 0)
				fail_msg("\"%s\" breaks inside departmental", line);
			if (line[0] == 'd' && strncmp(line, "depart", 6))
				fail_msg("\"%s\" starts inside a word", line);
			lines++;
		}
	}
	assert_true(lines > 10);   /* the text did wrap, many times */
	assert_int_equal(t->ld->nbroken, 0);
}

/* A row that fits on a page is never split: it moves whole. */
static void a_row_that_fits_on_a_page_moves_whole(void **state)
{
	(void)state;
	char *steps = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&steps, &len);
	assert_non_null(f);
	for (int i = 0; i < 9; i++) {
		fprintf(f, "        <step id=\"s%d\">", i);
		for (int k = 0; k < 45; k++)
			fprintf(f, "row%c text ", 'a' + i);
		fprintf(f, "</step>\n");
	}
	fclose(f);
	tu_keep(steps);
	struct lt *t = lt_custom_form(lt_form_xml("First point", steps, "Y."));
	struct lt_cols c;
	lt_table_columns(t, &c);
	size_t split = 0;
	for (int i = 0; i < 9; i++) {
		char word[8];
		snprintf(word, sizeof word, "row%c", 'a' + i);
		size_t pages = 0;
		for (size_t p = 0; p < t->ld->npages; p++)
			pages += lt_step_lines(t, &c, p, word) > 0;
		if (pages != 1)
			split++;
	}
	assert_int_equal(split, 0);
	assert_true(t->ld->npages >= 3);
	lt_assert_within_top_bottom(t);
}

/* A row taller than a page is split between lines, never leaving one line
 * of its paragraph alone at the foot of a page or at the top of the next. */
static void a_split_paragraph_keeps_two_lines_each_side(void **state)
{
	(void)state;
	for (size_t words = 380; words <= 420; words += 7) {
		char *text = lt_repeat("word ", words);
		char *x = lt_form_xml("First point", lt_one_step(text), "Y.");
		struct lt *t = lt_custom_form(x);
		struct lt_cols c;
		lt_table_columns(t, &c);
		size_t parts = 0;
		for (size_t p = 0; p < t->ld->npages; p++) {
			size_t n = lt_step_lines(t, &c, p, "word");
			if (n == 0)
				continue;
			parts++;
			if (n < 2)
				fail_msg("%zu words: page %zu holds %zu line of "
				         "the paragraph", words, p + 1, n);
		}
		assert_true(parts >= 2);
		tu_release(t);
	}
}

/* A table starts on the page where its header and first row fit: a signed
 * pledge does not leave page 1 half empty. */
static void table_starts_where_its_header_and_first_row_fit(void **state)
{
	(void)state;
	for (size_t i = 0; i < LT_NCONTENT; i++) {
		struct lt *t = lt_content_doc(i);
		if (!lt_has_header_row(t, 0))
			fail_msg("%s: the action table does not start on page 1",
			         lt_content[i]);
		tu_release(t);
	}
}

/* A table heading's word is never broken between letters: its column is
 * made as wide as the word. */
static void a_heading_word_is_never_broken_between_letters(void **state)
{
	(void)state;
	struct lt *t = lt_custom_form(lt_form_xml(
	    "Interdepartmental working strategy",
	    lt_one_step("A short step."), "Y."));
	assert_int_equal(lt_count_text(t, "Interdepartmental"), 1);
	assert_int_equal(t->ld->nbroken, 0);
	lt_assert_within_left_right(t);
}

/* CIE L* of an sRGB colour: its lightness, what is left of it in grey. */
static double lt_lightness(uint32_t rgb)
{
	double c[3];
	for (int i = 0; i < 3; i++) {
		double v = (double)((rgb >> (16 - 8 * i)) & 0xFF) / 255.0;
		c[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	return y > 0.008856 ? 116.0 * cbrt(y) - 16.0 : 903.3 * y;
}

static void lt_assert_apart(const char *layout, const uint32_t *colours,
                            size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++) {
			double d = fabs(lt_lightness(colours[i]) -
			                lt_lightness(colours[k]));
			if (d < 15)
				fail_msg("%s: #%06x and #%06x differ by only %.1f "
				         "in lightness", layout, colours[i],
				         colours[k], d);
		}
}

/* The colours of a chart (by status: complete, in progress, not started,
 * blocked, none; by RAG: red, amber, green, none) can be told apart in
 * greyscale, in every layout shipped. */
static void chart_colours_differ_in_lightness(void **state)
{
	(void)state;
	static const char *const layouts[] = {"a4", "large-print"};
	for (size_t l = 0; l < sizeof layouts / sizeof *layouts; l++) {
		struct style st;
		struct diag d;
		diag_init(&d, NULL, DIAG_HUMAN);
		assert_int_equal(style_load(&st, layouts[l], "layouts", &d), 0);
		uint32_t status[] = {st.green_colour, st.progress_colour,
		                     st.neutral_colour, st.red_colour, 0xFFFFFF};
		uint32_t rag[] = {st.red_colour, st.amber_colour, st.green_colour,
		                  0xFFFFFF};
		lt_assert_apart(layouts[l], status, 5);
		lt_assert_apart(layouts[l], rag, 4);
		style_free(&st);
	}
}

#define LT_TEST(f) cmocka_unit_test_teardown(f, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		LT_TEST(text_stays_within_left_and_right_margins),
		LT_TEST(boxes_stay_within_top_and_bottom_margins),
		LT_TEST(furniture_is_on_every_page_in_the_margins),
		LT_TEST(long_authority_is_cut_to_fit_the_page_header),
		LT_TEST(header_row_repeats_on_every_page_with_action_points),
		LT_TEST(signed_pledge_ticks_each_commit_and_chosen_option),
		LT_TEST(blank_form_has_only_empty_tick_boxes),
		LT_TEST(deadline_is_printed_as_dd_mm_yyyy_beside_its_tick),
		LT_TEST(blank_form_has_no_deadline_text),
		LT_TEST(long_word_breaks_between_letters_within_its_cell),
		LT_TEST(step_taller_than_a_page_continues_on_the_next),
		LT_TEST(split_row_never_cuts_through_a_line),
		LT_TEST(contact_block_stays_on_one_page),
		LT_TEST(every_page_says_page_n_of_m),
		LT_TEST(a_released_page_gives_up_its_boxes_alone),
		LT_TEST(a_long_documents_pages_share_blocks_let_go_one_by_one),
		LT_TEST(group_bookmarks_point_at_their_band),
		LT_TEST(layout_dump_has_the_page_size_and_a_line_per_page),
		LT_TEST(a_runs_memo_of_line_breaks_changes_no_layout),
		LT_TEST(compound_breaks_after_its_slash_never_inside_a_word),
		LT_TEST(a_row_that_fits_on_a_page_moves_whole),
		LT_TEST(a_split_paragraph_keeps_two_lines_each_side),
		LT_TEST(table_starts_where_its_header_and_first_row_fit),
		LT_TEST(a_heading_word_is_never_broken_between_letters),
		LT_TEST(chart_colours_differ_in_lightness),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
