/* pdf.c - drawing the display list with libharu, through its public API
 * only: what needs its internals (fonts from memory, CIDs, form fields,
 * the structure tree, embedded files, identification) is pdf_objects.c's. */
#include "pdf.h"
#include "pdf_objects.h"
#include "diag.h"
#include "font.h"
#include "reserve.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libharu's allocations draw on the reserve when memory runs out
 * (reserve.h): its own out-of-memory paths are not safe. A document of
 * up to PDF_REGION_PAGES pages has them in the region, which
 * PDF_REGION_EXPECT bytes are thought to hold (the form's take 600 KB,
 * a signed pledge's 300 KB). */
#define PDF_REGION_PAGES 16
#define PDF_REGION_EXPECT (1u << 20)
static void *pdf_alloc(HPDF_UINT size)
{
	return reserve_malloc(size);
}

struct pdf_err {
	HPDF_STATUS code, detail;
};

static void pdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	struct pdf_err *e = user;
	if (e->code == 0) {
		e->code = code;
		e->detail = detail;
	}
}








/* Loads the faces the document draws, each as a subset of the glyphs it
 * draws; faces that are the same file share one font. */
static int pdf_load_fonts(HPDF_Doc pdf, const struct font_set *fonts,
                          const struct layout_doc *ld,
                          HPDF_Font font[FACE_COUNT], struct pdf_err *err,
                          struct pdf_cids *ids, struct pdf_cache *cache,
                          struct diag *d)
{
	/* the code points of each face, and of all (the last set) */
	unsigned char (*cps)[FONT_CP_SET_SIZE] =
	    calloc(FACE_COUNT + 1, sizeof *cps);
	if (err->code == HPDF_FAILD_TO_ALLOC_MEM || cps == NULL ||
	    ids->cp == NULL) {
		free(cps);
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while loading the fonts");
		return -1;
	}
	int owner[FACE_COUNT], used[FACE_COUNT] = {0};
	for (int i = 0; i < FACE_COUNT; i++) {
		owner[i] = i;
		for (int j = i - 1; j >= 0; j--)
			if (fonts->face[j] == fonts->face[i])
				owner[i] = j;
	}
	unsigned char *all = cps[FACE_COUNT];
	for (size_t p = 0; p < ld->npages; p++)
		for (size_t i = 0; i < ld->pages[p].nboxes; i++) {
			const struct box *b = &ld->pages[p].boxes[i];
			if (b->kind != BOX_TEXT)
				continue;
			int o = owner[b->face];
			used[o] = 1;
			if (!b->joined) {
				cps[o][' ' / 8] |= 1u << ' ' % 8;
				all[' ' / 8] |= 1u << ' ' % 8;
			}
			const unsigned char *t = (const unsigned char *)b->text;
			for (size_t k = 0; k < b->len;) {
				uint32_t cp = pdf_next_cp(t, b->len, &k);
				cps[o][cp / 8] |= (unsigned char)(1u << cp % 8);
				all[cp / 8] |= (unsigned char)(1u << cp % 8);
			}
		}
	int rc = pdf_number_cids(all, FONT_CP_SET_SIZE, ids);
	if (rc != 0)
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while loading the fonts");
	for (int i = 0; i < FACE_COUNT && rc == 0; i++) {
		font[i] = NULL;
		if (owner[i] != i) {
			font[i] = font[owner[i]];
			continue;
		}
		if (!used[i])
			continue;
		const struct font_face *face = fonts->face[i];
		/* libharu reads the cap and x heights from H and x */
		cps[i]['H' / 8] |= 1u << 'H' % 8;
		cps[i]['x' / 8] |= 1u << 'x' % 8;
		int why = 0;
		font[i] = pdf_subset_font(pdf, face, cps[i], ids, cache, &why);
		struct loc l = {face->path, NULL, 0, 0};
		if (font[i] == NULL && why != 0) {
			if (why == ENOMEM)
				diag_report(d, DIAG_ERROR, NULL,
				            "out-of-memory", "out of memory "
				            "while loading the fonts");
			else if (why == E2BIG)
				diag_report(d, DIAG_ERROR, &l, "font",
				            "cannot embed this font: the "
				            "document draws more different "
				            "characters than one subset can map");
			else
				diag_report(d, DIAG_ERROR, &l, "font",
				            "cannot embed this font: its glyph "
				            "data is damaged");
			rc = -1;
			break;
		}
		if (font[i] == NULL || err->code != 0) {
			if (err->code == HPDF_FAILD_TO_ALLOC_MEM ||
			    err->code == 0)
				diag_report(d, DIAG_ERROR, NULL,
				            "out-of-memory", "out of memory "
				            "while loading the fonts");
			else
				diag_report(d, DIAG_ERROR, &l, "font",
				            "libharu cannot use this font (error"
				            " 0x%04X)", (unsigned)err->code);
			rc = -1;
		}
	}
	free(cps);
	return rc;
}

/* libharu refuses strings of 64 KB or more (title, subject, bookmarks):
 * metadata this long is never meant, so it is cut at a character. The
 * words are copied into buf (size bytes), which is returned: the title
 * and subject are read again when the file is written, after the
 * layout they came from may have been let go. */
static const char *pdf_short(const char *s, char *buf, size_t size)
{
	size_t len = strlen(s);
	if (len < size) {
		memcpy(buf, s, len + 1);
		return buf;
	}
	len = size - 4;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	memcpy(buf, s, len);
	memcpy(buf + len, "\xE2\x80\xA6", 4);   /* ellipsis and NUL */
	return buf;
}

/* What the page's graphics state holds, so each operator is written only
 * when its value changes (a table of a hundred cells sets the same colour
 * and font a hundred times otherwise), and runs of text share one text
 * object. */
struct pdf_state {
	HPDF_Page page;
	struct pdf_reals *reals;
	int in_text;
	uint32_t fill, stroke;
	double line_width, size;
	HPDF_Font font;
	int invisible;           /* text render mode 3 set */
};

static void pdf_fill(struct pdf_state *ps, uint32_t c)
{
	if (ps->fill == c)
		return;
	ps->fill = c;
	pdf_rgb(ps->page, ps->reals, 0, c);
}

static void pdf_stroke(struct pdf_state *ps, uint32_t c, double width)
{
	if (ps->line_width != width) {
		ps->line_width = width;
		HPDF_Page_SetLineWidth(ps->page, (HPDF_REAL)width);
	}
	if (ps->stroke == c)
		return;
	ps->stroke = c;
	pdf_rgb(ps->page, ps->reals, 1, c);
}

static void pdf_text_mode(struct pdf_state *ps, int on)
{
	if (ps->in_text == on)
		return;
	ps->in_text = on;
	if (on)
		HPDF_Page_BeginText(ps->page);
	else
		HPDF_Page_EndText(ps->page);
}


/* Text of more than PDF_MAX_SHOW bytes (a line of thousands of
 * combining marks, which take no width, is such) is shown in pieces cut
 * between characters, each going on where the last ended, as a PDF text
 * object does: each string stays under PDF's limit of 32,767 bytes (two
 * for each character). */
#define PDF_MAX_SHOW 16000
#define PDF_PAGES_PER_NODE 4096
/* how many boxes ahead of the one drawn the structure is fetched: a
 * node at twice this, its parent at this */
#define PDF_MARK_AHEAD 4
static int pdf_show_text(HPDF_Page page, const struct pdf_cids *ids,
                         const char *text, size_t len)
{
	while (len > PDF_MAX_SHOW) {
		size_t cut = PDF_MAX_SHOW;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
		if (pdf_show(page, ids, text, cut) != 0)
			return -1;
		text += cut;
		len -= cut;
	}
	return pdf_show(page, ids, text, len);
}

/* Draws one page; -1 as soon as anything fails (libharu's state after an
 * error is not to be used further). */
static int pdf_draw_page(HPDF_Page page, const struct layout_page *lp,
                         HPDF_Font font[FACE_COUNT],
                         const struct pdf_cids *ids,
                         struct pdf_reals *reals, char **buf,
                         size_t *bufcap, struct pdf_form *form,
                         struct pdf_tags *tags, size_t *left_out,
                         const struct pdf_err *err)
{
	/* libharu's defaults: black, line width 1, no font (a text object
	 * keeps its font only while it lasts) */
	struct pdf_state ps = {page, reals, 0, 0x000000, 0x000000, 1.0, 0, NULL,
	                       0};
	for (size_t i = 0; i < lp->nboxes; i++) {
		if (err->code != 0)
			return -1;
		const struct box *b = &lp->boxes[i];
		if (i + 2 * PDF_MARK_AHEAD < lp->nboxes)
			pdf_tags_ahead(&lp->boxes[i + 2 * PDF_MARK_AHEAD],
			               &lp->boxes[i + PDF_MARK_AHEAD]);
		if (b->kind != BOX_TEXT && b->kind != BOX_LINK &&
		    b->kind != BOX_FIELD)
			pdf_text_mode(&ps, 0);
		/* marked content and text objects nest: a text object ends
		 * before the marked content does */
		if (pdf_tags_differs(tags, b)) {
			pdf_text_mode(&ps, 0);
			if (pdf_tags_mark(tags, b) != 0)
				return -1;
		}
		switch (b->kind) {
		case BOX_TEXT:
			if (b->len + 2 > *bufcap) {
				char *n = realloc(*buf, b->len + 2);
				if (n == NULL)
					return -1;
				*buf = n;
				*bufcap = b->len + 2;
			}
			memcpy(*buf, b->text, b->len);
			(*buf)[b->len] = ' ';
			(*buf)[b->len + !b->joined] = '\0';
			pdf_fill(&ps, b->colour);
			if (!ps.in_text) {
				pdf_text_mode(&ps, 1);
				ps.font = NULL;
			}
			if (ps.font != font[b->face] || ps.size != b->size) {
				ps.font = font[b->face];
				ps.size = b->size;
				HPDF_Page_SetFontAndSize(page, ps.font,
				                         (HPDF_REAL)b->size);
			}
			if (ps.invisible != b->invisible) {
				ps.invisible = b->invisible;
				HPDF_Page_SetTextRenderingMode(
				    page, b->invisible ? HPDF_INVISIBLE
				                       : HPDF_FILL);
			}
			/* placed absolutely: libharu's TextOut moves relative
			 * to the last line, and its float sums drift */
			if (pdf_text_at(page, reals, (HPDF_REAL)b->x,
			                (HPDF_REAL)b->y) != 0 ||
			    pdf_show_text(page, ids, *buf,
			                  b->len + !b->joined) != 0)
				return -1;
			break;
		case BOX_LINE:
			pdf_stroke(&ps, b->colour, b->size);
			if (pdf_line(page, reals, (HPDF_REAL)b->x,
			             (HPDF_REAL)b->y, (HPDF_REAL)(b->x + b->w),
			             (HPDF_REAL)(b->y + b->h)) != 0)
				return -1;
			break;
		case BOX_RECT:
			if (b->filled)
				pdf_fill(&ps, b->fill);
			if (b->stroked)
				pdf_stroke(&ps, b->colour, b->size);
			if (pdf_rect(page, reals, (HPDF_REAL)b->x,
			             (HPDF_REAL)b->y, (HPDF_REAL)b->w,
			             (HPDF_REAL)b->h, b->filled,
			             !b->filled || b->stroked) != 0)
				return -1;
			break;
		case BOX_LINK: {
			HPDF_Rect r = {(HPDF_REAL)b->x, (HPDF_REAL)b->y,
			               (HPDF_REAL)(b->x + b->w),
			               (HPDF_REAL)(b->y + b->h)};
			char *uri = malloc(b->len + 1);
			if (uri == NULL)
				return -1;
			memcpy(uri, b->text, b->len);
			uri[b->len] = '\0';
			HPDF_Annotation a =
			    HPDF_Page_CreateURILinkAnnot(page, r, uri);
			free(uri);
			if (a != NULL)
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			if (a == NULL || pdf_tags_annot(tags, a, b) != 0)
				return -1;
			break;
		}
		case BOX_FIELD: {
			HPDF_Dict w = NULL;
			int r = pdf_form_add(form, page, b, &w);
			if (r < 0 || (r == 0 && pdf_tags_annot(tags, w, b) != 0))
				return -1;
			*left_out += (size_t)r;
			break;
		}
		}
	}
	pdf_text_mode(&ps, 0);
	if (pdf_tags_page_end(tags) != 0)
		return -1;
	return err->code != 0 ? -1 : 0;
}

static void pdf_outlines(HPDF_Doc pdf, const struct layout_doc *ld,
                         HPDF_Page *pages, const struct pdf_err *err)
{
	HPDF_Outline top = NULL;
	for (size_t i = 0; i < ld->nmarks; i++) {
		const struct layout_mark *m = &ld->marks[i];
		HPDF_Outline parent = m->level > 0 && top ? top : NULL;
		char buf[1024];
		const char *title = pdf_short(m->title, buf, sizeof buf);
		HPDF_Outline o = HPDF_CreateOutline(pdf, parent, title, NULL);
		if (o == NULL || err->code != 0 ||
		    pdf_set_text(o, "Title", title) != 0)
			return;
		if (m->level == 0)
			top = o;
		HPDF_Destination dst = HPDF_Page_CreateDestination(
		    pages[m->page]);
		if (dst == NULL || err->code != 0)
			return;
		/* FitH keeps the reader's zoom sensible; libharu refuses
		 * XYZ's "unchanged zoom" (0) */
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)(m->y + 20));
		HPDF_Outline_SetDestination(o, dst);
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
	}
}

/* What the file's identifier is made from: its title, its pages' count
 * and the sources it carries (their SHA-256, which reading them made:
 * hashing a pledge's form again for every pledge of a batch was a
 * thirtieth of each); one source makes one identifier. */
static void pdf_digest(const struct layout_doc *ld,
                       const struct pdf_file *files, size_t nfiles,
                       unsigned char out[16])
{
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&h);
	if (ld->title)
		sha256_update(&h, strlen(ld->title) + 1,
		              (const uint8_t *)ld->title);
	char pages[32];
	snprintf(pages, sizeof pages, "%zu pages", ld->npages);
	sha256_update(&h, strlen(pages), (const uint8_t *)pages);
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].sha256 != NULL)
			sha256_update(&h, 32, files[i].sha256);
		else
			sha256_update(&h, files[i].len, files[i].data);
	sha256_digest(&h, sizeof d, d);
	memcpy(out, d, 16);
}

int pdf_render(struct layout_doc *ld, const struct pdf_release *release,
               const struct font_set *fonts, const time_t *created,
               const struct pdf_file *files, size_t nfiles,
               struct pdf_cache *cache, unsigned char **out, size_t *len,
               struct diag *d)
{
	struct pdf_form *form = NULL;
	struct pdf_tags *tags = NULL;
	struct pdf_writer *writer = NULL;
	size_t left_out = 0;
	struct pdf_err err = {0, 0};
	int rc = -1;
	char *buf = NULL, *lang = NULL;
	size_t bufcap = 0;
	HPDF_Page *pages = NULL;
	HPDF_Font font[FACE_COUNT];
	struct pdf_cids ids;
	memset(&ids, 0, sizeof ids);
	ids.cp = malloc(0x10000 * sizeof *ids.cp);
	struct pdf_reals *own_reals = NULL,
	                 *reals = pdf_cache_reals(cache);
	if (reals == NULL && (own_reals = malloc(sizeof *own_reals)) != NULL)
		pdf_reals_init(own_reals);
	if (reals == NULL)
		reals = own_reals;
	*out = NULL;
	*len = 0;
	int oom = 0;
	/* a short document's libharu objects in the region (reserve.h):
	 * made one after another and let go at once, not each from the
	 * heap and back (a batch of pledges 4% less CPU); a long one's
	 * are let go as its pages are written, and stay in the heap */
	int in_region = ld->npages <= PDF_REGION_PAGES;
	if (in_region)
		reserve_region_open(PDF_REGION_EXPECT);
	HPDF_Doc pdf = HPDF_NewEx(pdf_error, pdf_alloc, reserve_free, 0, &err);
	if (pdf == NULL) {
		oom = 1;
		goto fail;
	}
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	if (err.code != 0)
		goto fail;
	if (pdf_load_fonts(pdf, fonts, ld, font, &err, &ids, cache, d) != 0)
		goto done;
	HPDF_SetPageMode(pdf, ld->nmarks ? HPDF_PAGE_MODE_USE_OUTLINE
	                                 : HPDF_PAGE_MODE_USE_NONE);
	char meta[1024], about[1024];
	struct pdf_identity id;
	memset(&id, 0, sizeof id);
	if (ld->title) {
		id.title = pdf_short(ld->title, meta, sizeof meta);
		pdf_info_text(pdf, HPDF_INFO_TITLE, id.title);
	}
	if (ld->subject) {
		id.subject = pdf_short(ld->subject, about, sizeof about);
		pdf_info_text(pdf, HPDF_INFO_SUBJECT, id.subject);
	}
	pdf_info_text(pdf, HPDF_INFO_CREATOR, "mishto");
	/* read again when the file is written (pdf_short's title) */
	if (ld->lang != NULL && (lang = strdup(ld->lang)) == NULL) {
		oom = 1;
		goto fail;
	}
	id.lang = lang;
	/* sRGB from Debian's icc-profiles-free, for the PDF/A output
	 * intent; MISHTO_ICC_PROFILE names another */
	const char *icc = getenv("MISHTO_ICC_PROFILE");
	id.icc_path = icc && *icc ? icc : "/usr/share/color/icc/sRGB.icc";
	pdf_digest(ld, files, nfiles, id.digest);
	if (created != NULL) {
		struct tm tm;
		gmtime_r(created, &tm);
		snprintf(id.created, sizeof id.created, "%04u-%02u-%02uT%02u:%02u:%02uZ",
		         (unsigned)(tm.tm_year + 1900) % 10000u,
		         (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
		         (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u,
		         (unsigned)tm.tm_sec % 100u);
		HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		                  tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
	}
	pdf_catalog_extras(pdf, ld->lang);
	if (err.code != 0)
		goto fail;

	/* libharu's one Pages node holds at most 32,767 pages (an array's
	 * limit); a long document gets a two-tier page tree, which also
	 * lets a viewer find a page without reading every other */
	if (ld->npages > PDF_PAGES_PER_NODE)
		HPDF_SetPagesConfiguration(pdf, PDF_PAGES_PER_NODE);
	pages = calloc(ld->npages ? ld->npages : 1, sizeof *pages);
	form = pdf_form_new(pdf);
	tags = pdf_tags_new(pdf, ld->lang, ld->npages);
	writer = pdf_writer_new(pdf, cache);
	if (pages == NULL || form == NULL || tags == NULL || writer == NULL ||
	    reals == NULL) {
		oom = 1;
		goto fail;
	}
	for (size_t i = 0; i < ld->npages; i++) {
		HPDF_Page page = HPDF_AddPage(pdf);
		if (page == NULL || err.code != 0)
			goto fail;
		pages[i] = page;
		HPDF_Page_SetWidth(page, (HPDF_REAL)ld->page_width);
		HPDF_Page_SetHeight(page, (HPDF_REAL)ld->page_height);
		HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
		HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
		if (pdf_tags_page(tags, page, i) != 0 ||
		    pdf_draw_page(page, &ld->pages[i], font, &ids, reals, &buf,
		                  &bufcap, form, tags, &left_out, &err) != 0 ||
		    err.code != 0 || pdf_writer_page(writer, page) != 0) {
			if (err.code == 0)
				err.code = HPDF_FAILD_TO_ALLOC_MEM;
			goto fail;
		}
		if (release != NULL)
			layout_page_release(ld, i);
	}
	if (err.code != 0)
		goto fail;
	pdf_outlines(pdf, ld, pages, &err);
	if (err.code != 0)
		goto fail;
	size_t nfields = ld->nfields;
	if (release != NULL && release->drawn != NULL) {
		release->drawn(release->ctx);
		ld = NULL;
	}
	if (left_out > 0)
		diag_report(d, DIAG_WARNING, NULL, "form-fields",
		            "%zu of the form's %zu fields are left out of the PDF "
		            "(a name of over %d bytes, or more than %d fields); "
		            "it prints, but cannot be filled in there", left_out,
		            nfields, PDF_FIELD_NAME_MAX, PDF_MAX_FIELDS);
	int formed = pdf_form_finish(form);
	form = NULL;
	if (formed != 0 || pdf_tags_finish(tags) != 0 ||
	    pdf_attach_files(writer, files, nfiles) != 0 ||
	    pdf_identify(pdf, &id, cache) != 0 || err.code != 0) {
		if (err.code == 0)
			err.code = HPDF_FAILD_TO_ALLOC_MEM;
		goto fail;
	}
	if (pdf_writer_finish(writer, tags, out, len) != 0)
		goto fail;
	rc = 0;
	goto done;
fail:
	if (oom || err.code == HPDF_FAILD_TO_ALLOC_MEM)
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while writing the PDF");
	else
		diag_report(d, DIAG_ERROR, NULL, "pdf",
		            "libharu could not write the PDF (error 0x%04X, "
		            "detail %u)", (unsigned)err.code,
		            (unsigned)err.detail);
	free(*out);
	*out = NULL;
	*len = 0;
done:
	pdf_form_free(form);
	pdf_tags_free(tags);
	pdf_writer_free(writer);
	pdf_cids_free(&ids);
	free(ids.cp);
	free(own_reals);
	free(buf);
	free(lang);
	free(pages);
	if (pdf != NULL)
		HPDF_Free(pdf);
	if (in_region)
		reserve_region_free();
	return rc;
}
