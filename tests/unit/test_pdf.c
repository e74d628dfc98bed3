/* test_pdf.c - the page operators mishto writes itself (pdf_objects.c)
 * write what libharu's own write, byte for byte, and leave the page as
 * they leave it: a page drawn each way is the same. */
#include "testutil.h"
#include "pdf_objects.h"

#include <hpdf_pages.h>
#include <hpdf_streams.h>

static void pdf_test_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	(void)detail;
	*(HPDF_STATUS *)data = code;
}

/* The page's content so far, as a C string (a short test page is one
 * buffer of libharu's memory stream). */
static char *content_of(HPDF_Page page)
{
	HPDF_PageAttr attr = page->attr;
	HPDF_UINT n = 0;
	HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(attr->stream, 0, &n);
	assert_true(HPDF_Stream_Size(attr->stream) == n);
	char *s = malloc(n + 1);
	assert_non_null(s);
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

struct shape {
	char kind;               /* 'l' line, 'r' rectangle, 'f' fill colour,
	                            's' stroke colour */
	float x, y, w, h;
	int fill, stroke;
	uint32_t colour;
};

/* Numbers with fractions, none, below zero, repeated (what pdf_reals
 * keeps) and colours of every part */
static const struct shape shapes[] = {
	{'f', 0, 0, 0, 0, 0, 0, 0x12505F},
	{'r', 50.0f, 418.88f, 741.89f, 22.8f, 1, 0, 0},
	{'s', 0, 0, 0, 0, 0, 0, 0x5B6A70},
	{'l', 50.0f, 441.68f, 791.89f, 441.68f, 0, 0, 0},
	{'l', 313.14f, 441.68f, 313.14f, 418.88f, 0, 0, 0},
	{'r', 55.0f, 376.88f, 86.42f, 15.6f, 1, 1, 0},
	{'r', -3.25f, 0.0f, 0.005f, 1e-6f, 0, 1, 0},
	{'f', 0, 0, 0, 0, 0, 0, 0xFFFFFF},
	{'r', 55.0f, 376.88f, 86.42f, 15.6f, 1, 0, 0},
	{'s', 0, 0, 0, 0, 0, 0, 0x000000},
	{'l', 0.5f, 1234.56789f, 32767.0f, 99999.0f, 0, 0, 0},
	{'f', 0, 0, 0, 0, 0, 0, 0x0180FE},
};

static void draw_with_libharu(HPDF_Page page, const struct shape *s)
{
	float r = ((s->colour >> 16) & 0xFF) / 255.0f,
	      g = ((s->colour >> 8) & 0xFF) / 255.0f,
	      b = (s->colour & 0xFF) / 255.0f;
	switch (s->kind) {
	case 'f':
		HPDF_Page_SetRGBFill(page, r, g, b);
		break;
	case 's':
		HPDF_Page_SetRGBStroke(page, r, g, b);
		break;
	case 'l':
		HPDF_Page_MoveTo(page, s->x, s->y);
		HPDF_Page_LineTo(page, s->w, s->h);
		HPDF_Page_Stroke(page);
		break;
	default:
		HPDF_Page_Rectangle(page, s->x, s->y, s->w, s->h);
		if (s->fill && s->stroke)
			HPDF_Page_FillStroke(page);
		else if (s->fill)
			HPDF_Page_Fill(page);
		else
			HPDF_Page_Stroke(page);
	}
}

static int draw_with_mishto(HPDF_Page page, struct pdf_reals *reals,
                            const struct shape *s)
{
	switch (s->kind) {
	case 'f':
		return pdf_rgb(page, reals, 0, s->colour);
	case 's':
		return pdf_rgb(page, reals, 1, s->colour);
	case 'l':
		return pdf_line(page, reals, s->x, s->y, s->w, s->h);
	default:
		return pdf_rect(page, reals, s->x, s->y, s->w, s->h, s->fill,
		                s->stroke);
	}
}

static void lines_rectangles_and_colours_are_libharus_bytes(void **state)
{
	(void)state;
	HPDF_STATUS err = 0;
	HPDF_Doc pdf = HPDF_New(pdf_test_error, &err);
	assert_non_null(pdf);
	HPDF_Page theirs = HPDF_AddPage(pdf), ours = HPDF_AddPage(pdf);
	assert_non_null(theirs);
	assert_non_null(ours);
	struct pdf_reals *reals = malloc(sizeof *reals);
	assert_non_null(reals);
	pdf_reals_init(reals);
	size_t n = sizeof shapes / sizeof shapes[0];
	/* twice over: the second time every number is one kept */
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < n; i++) {
			draw_with_libharu(theirs, &shapes[i]);
			assert_int_equal(draw_with_mishto(ours, reals, &shapes[i]),
			                 0);
			HPDF_PageAttr a = theirs->attr, b = ours->attr;
			assert_int_equal(a->gmode, b->gmode);
			assert_true(a->cur_pos.x == b->cur_pos.x &&
			            a->cur_pos.y == b->cur_pos.y);
			assert_true(a->str_pos.x == b->str_pos.x &&
			            a->str_pos.y == b->str_pos.y);
			assert_memory_equal(&a->gstate->rgb_fill,
			                    &b->gstate->rgb_fill,
			                    sizeof a->gstate->rgb_fill);
			assert_memory_equal(&a->gstate->rgb_stroke,
			                    &b->gstate->rgb_stroke,
			                    sizeof a->gstate->rgb_stroke);
			assert_int_equal(a->gstate->cs_fill, b->gstate->cs_fill);
			assert_int_equal(a->gstate->cs_stroke,
			                 b->gstate->cs_stroke);
		}
	}
	assert_int_equal(err, 0);
	char *want = content_of(theirs), *got = content_of(ours);
	/* a number as a float holds it */
	assert_non_null(strstr(want, "50 418.88 741.89001 22.8 re\012f\012"));
	assert_string_equal(got, want);
	free(want);
	free(got);
	free(reals);
	HPDF_Free(pdf);
}

/* A path is begun only where libharu would begin one: not inside a text
 * object, where it raises the same error and writes nothing. */
static void a_path_inside_text_is_refused_as_libharu_refuses_it(void **state)
{
	(void)state;
	HPDF_STATUS err = 0;
	HPDF_Doc pdf = HPDF_New(pdf_test_error, &err);
	assert_non_null(pdf);
	HPDF_Page page = HPDF_AddPage(pdf);
	assert_non_null(page);
	struct pdf_reals *reals = malloc(sizeof *reals);
	assert_non_null(reals);
	pdf_reals_init(reals);
	HPDF_Page_BeginText(page);
	HPDF_UINT32 before = HPDF_Stream_Size(((HPDF_PageAttr)page->attr)->stream);
	assert_int_equal(pdf_line(page, reals, 1, 2, 3, 4), -1);
	assert_int_equal(err, HPDF_PAGE_INVALID_GMODE);
	err = 0;
	assert_int_equal(pdf_rect(page, reals, 1, 2, 3, 4, 1, 0), -1);
	assert_int_equal(err, HPDF_PAGE_INVALID_GMODE);
	assert_int_equal(HPDF_Stream_Size(((HPDF_PageAttr)page->attr)->stream),
	                 before);
	/* a colour is set in a text object as outside one (once the error
	 * is cleared: libharu skips writing while one stands) */
	HPDF_ResetError(pdf);
	err = 0;
	assert_int_equal(pdf_rgb(page, reals, 0, 0x336699), 0);
	assert_int_equal(err, 0);
	free(reals);
	HPDF_Free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_rectangles_and_colours_are_libharus_bytes),
		cmocka_unit_test(a_path_inside_text_is_refused_as_libharu_refuses_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
