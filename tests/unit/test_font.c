/* test_font.c - the font module: reading a TrueType face and cutting the
 * subset a PDF embeds. Subsets are read back with the module's own reader
 * and checked against the original face glyph by glyph. */
#include "testutil.h"

#include <errno.h>
#include <unistd.h>

#include "diag.h"
#include "font.h"
#include "style.h"

#define REGULAR "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Offset and length of a table of a font in memory; fails when absent. */
static void table(const unsigned char *b, size_t len, const char *tag,
                  size_t *off, size_t *tlen)
{
	uint16_t n = be16(b + 4);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *r = b + 12 + 16 * i;
		if (memcmp(r, tag, 4) == 0) {
			*off = be32(r + 8);
			*tlen = be32(r + 12);
			assert_true(*off + *tlen <= len);
			return;
		}
	}
	fail_msg("no %s table", tag);
}

/* The outline bytes of a glyph (the subset writes long loca offsets). */
static const unsigned char *outline(const unsigned char *b, size_t len,
                                    int long_loca, uint16_t g, size_t *glen)
{
	size_t loca, loca_len, glyf, glyf_len;
	table(b, len, "loca", &loca, &loca_len);
	table(b, len, "glyf", &glyf, &glyf_len);
	uint32_t from, to;
	if (long_loca) {
		from = be32(b + loca + 4u * g);
		to = be32(b + loca + 4u * g + 4);
	} else {
		from = 2u * be16(b + loca + 2u * g);
		to = 2u * be16(b + loca + 2u * g + 2);
	}
	*glen = to - from;
	return b + glyf + from;
}

static void set_cp(unsigned char *used, uint32_t cp)
{
	used[cp / 8] |= (unsigned char)(1u << cp % 8);
}

struct fixture {
	struct font_face *face;
	struct font_subset *sub;
	struct font_face *back;   /* the subset read back from a file */
	char path[64];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *why;
	if (f == NULL || (f->face = font_face_read(REGULAR, &why)) == NULL)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	font_subset_free(f->sub);
	font_face_free(f->back);
	font_face_free(f->face);
	if (f->path[0])
		unlink(f->path);
	free(f);
	return 0;
}

/* Cuts the subset of the code points of text and reads it back. */
static void cut(struct fixture *f, const char *text)
{
	unsigned char used[FONT_CP_SET_SIZE] = {0};
	for (const unsigned char *p = (const unsigned char *)text; *p;) {
		uint32_t cp = *p++;
		if (cp >= 0xC0) {
			int n = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
			cp &= 0x3Fu >> n;
			while (n-- > 0)
				cp = cp << 6 | (*p++ & 0x3Fu);
		}
		set_cp(used, cp);
	}
	f->sub = font_subset_make(f->face, used);
	assert_non_null(f->sub);
	strcpy(f->path, "/tmp/mishto-subset-XXXXXX");
	int fd = mkstemp(f->path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, f->sub->data, f->sub->len),
	                 (ssize_t)f->sub->len);
	close(fd);
	const char *why;
	f->back = font_face_read(f->path, &why);
	assert_non_null(f->back);
}

static void subset_maps_only_the_code_points_asked_for(void **state)
{
	struct fixture *f = *state;
	cut(f, "Roma");
	assert_int_equal(f->sub->ncps, 4);
	assert_int_equal(f->sub->nglyphs, 5);   /* .notdef and four */
	for (const char *c = "Roma"; *c; c++)
		assert_int_not_equal(font_glyph(f->back, (unsigned char)*c), 0);
	assert_int_equal(font_glyph(f->back, 'z'), 0);
	assert_int_equal(font_glyph(f->back, 0x20AC), 0);
}

static void subset_keeps_each_advance_width(void **state)
{
	struct fixture *f = *state;
	const char *text = "Pledge £ – ✓ Žilina";
	cut(f, text);
	for (size_t i = 0; i < f->sub->ncps; i++) {
		uint16_t cp = f->sub->cps[i];
		assert_int_equal(f->back->advance[font_glyph(f->back, cp)],
		                 f->face->advance[font_glyph(f->face, cp)]);
	}
}

static void subset_keeps_each_outline(void **state)
{
	struct fixture *f = *state;
	cut(f, "Mishto");
	size_t head, head_len;
	table(f->face->data, f->face->len, "head", &head, &head_len);
	int long_loca = be16(f->face->data + head + 50) != 0;
	for (const char *c = "Mishto"; *c; c++) {
		size_t a, b;
		const unsigned char *orig = outline(f->face->data, f->face->len,
		                                    long_loca,
		                                    font_glyph(f->face, (int)*c), &a);
		const unsigned char *mine = outline(f->sub->data, f->sub->len, 1,
		                                    font_glyph(f->back, (int)*c), &b);
		assert_true(b >= a && b - a < 4);   /* padded to 4 bytes */
		assert_memory_equal(orig, mine, a);
	}
}

static void subset_brings_the_parts_of_composite_glyphs(void **state)
{
	struct fixture *f = *state;
	cut(f, "é");   /* DejaVu builds é from e and an acute accent */
	size_t len;
	const unsigned char *g = outline(f->sub->data, f->sub->len, 1,
	                                 font_glyph(f->back, 0xE9), &len);
	assert_true(len >= 10);
	assert_int_equal((int16_t)be16(g), -1);
	assert_true(f->sub->nglyphs >= 4);   /* .notdef, é and its parts */
	/* every component names a glyph inside the subset */
	size_t p = 10;
	for (;;) {
		uint16_t flags = be16(g + p), part = be16(g + p + 2);
		assert_true(part > 0 && part < f->sub->nglyphs);
		p += 4 + ((flags & 1) ? 4 : 2);
		p += (flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0;
		if (!(flags & 0x20))
			break;
	}
}

static void subset_checksums_are_right(void **state)
{
	struct fixture *f = *state;
	cut(f, "Local Authorities");
	uint32_t sum = 0;
	for (size_t i = 0; i + 4 <= f->sub->len; i += 4)
		sum += be32(f->sub->data + i);
	assert_int_equal(f->sub->len % 4, 0);
	assert_int_equal(sum, 0xB1B0AFBAu);   /* the whole-file magic */
	uint16_t n = be16(f->sub->data + 4);
	for (size_t t = 0; t < n; t++) {
		const unsigned char *r = f->sub->data + 12 + 16 * t;
		uint32_t off = be32(r + 8), len = be32(r + 12), s = 0;
		if (memcmp(r, "head", 4) == 0)
			continue;   /* summed with its adjustment set to 0 */
		for (uint32_t i = 0; i < len; i += 4) {
			uint32_t w = 0;
			for (uint32_t k = 0; k < 4; k++)
				w = w << 8 | (i + k < len ? f->sub->data[off + i + k]
				                          : 0);
			s += w;
		}
		assert_int_equal(be32(r + 4), s);
	}
}

static void subset_is_the_same_for_the_same_text(void **state)
{
	struct fixture *f = *state;
	cut(f, "Ashdown Borough Council");
	unsigned char used[FONT_CP_SET_SIZE] = {0};
	for (size_t i = 0; i < f->sub->ncps; i++)
		set_cp(used, f->sub->cps[i]);
	struct font_subset *again = font_subset_make(f->face, used);
	assert_non_null(again);
	assert_int_equal(again->len, f->sub->len);
	assert_memory_equal(again->data, f->sub->data, f->sub->len);
	font_subset_free(again);
}

static void subset_is_far_smaller_than_the_font(void **state)
{
	struct fixture *f = *state;
	cut(f, "The Mishto Pledge – Action Plan for Local Authorities 0123456789");
	assert_true(f->sub->len * 10 < f->face->len);
}

static void subset_of_every_code_point_keeps_every_mapped_glyph(void **state)
{
	struct fixture *f = *state;
	unsigned char used[FONT_CP_SET_SIZE];
	memset(used, 0xFF, sizeof used);
	f->sub = font_subset_make(f->face, used);
	assert_non_null(f->sub);
	size_t mapped = 0;
	for (uint32_t c = 0; c < 0xFFFF; c++)
		mapped += font_glyph(f->face, c) != 0;
	assert_int_equal(f->sub->ncps, mapped);
	for (uint32_t c = 0; c < 0xFFFF; c++)
		assert_int_equal(f->sub->glyph[c] != 0, font_glyph(f->face, c) != 0);
}

static void subset_of_nothing_is_a_font_with_only_notdef(void **state)
{
	struct fixture *f = *state;
	cut(f, "");
	assert_int_equal(f->sub->nglyphs, 1);
	assert_int_equal(f->sub->ncps, 0);
}

/* The oracle: every Unicode subtable of the font's cmap read whole, the
 * way font.c read them before it read a block at a time (format 12
 * subtables if any read, else format 4; the first glyph a code point is
 * given kept; glyphs the font lacks dropped). */
static void whole_cmap(const unsigned char *b, size_t len, uint16_t *out)
{
	memset(out, 0, 0x10000 * sizeof *out);
	unsigned ntab = be16(b + 4);
	size_t cmap = 0, maxp = 0;
	for (unsigned i = 0; i < ntab; i++) {
		const unsigned char *r = b + 12 + 16 * i;
		if (memcmp(r, "cmap", 4) == 0)
			cmap = be32(r + 8);
		if (memcmp(r, "maxp", 4) == 0)
			maxp = be32(r + 8);
	}
	assert_true(cmap > 0 && maxp > 0 && cmap < len);
	unsigned nglyphs = be16(b + maxp + 4), nsub = be16(b + cmap + 2);
	for (int want = 12, found = 0; want >= 4 && !found; want -= 8)
		for (unsigned i = 0; i < nsub; i++) {
			const unsigned char *r = b + cmap + 4 + 8 * i;
			unsigned plat = be16(r), enc = be16(r + 2);
			size_t sub = cmap + be32(r + 4);
			if (!(plat == 0 || (plat == 3 && (enc == 1 || enc == 10))) ||
			    be16(b + sub) != (unsigned)want)
				continue;
			found = 1;
			if (want == 12) {
				unsigned long groups = be32(b + sub + 12);
				for (unsigned long g = 0; g < groups; g++) {
					const unsigned char *p = b + sub + 16 + 12 * g;
					for (unsigned long c = be32(p);
					     c <= be32(p + 4) && c <= 0xFFFF; c++) {
						unsigned long gid = be32(p + 8) + c - be32(p);
						if (out[c] == 0 && gid < nglyphs)
							out[c] = (uint16_t)gid;
					}
				}
				continue;
			}
			unsigned segx2 = be16(b + sub + 6);
			size_t ends = sub + 14, starts = ends + segx2 + 2;
			size_t deltas = starts + segx2, ranges = deltas + segx2;
			for (unsigned s = 0; s < segx2 / 2; s++) {
				unsigned end = be16(b + ends + 2 * s);
				unsigned start = be16(b + starts + 2 * s);
				unsigned delta = be16(b + deltas + 2 * s);
				unsigned range = be16(b + ranges + 2 * s);
				for (unsigned c = start; c <= end && c <= 0xFFFF; c++) {
					unsigned g;
					if (range == 0) {
						g = (c + delta) & 0xFFFF;
					} else {
						size_t at = ranges + 2 * s + range +
						            2 * (c - start);
						g = at + 2 <= len ? be16(b + at) : 0;
						if (g != 0)
							g = (g + delta) & 0xFFFF;
					}
					if (out[c] == 0 && g < nglyphs)
						out[c] = (uint16_t)g;
				}
			}
		}
}

/* The cmap is read a block of 256 code points at a time, when one is
 * first asked for: every answer is the whole cmap's, whatever the order
 * of asking. */
static void a_code_points_glyph_is_the_same_whatever_is_asked_first(void **state)
{
	struct fixture *f = *state;
	const char *why;
	struct font_face *other = font_face_read(REGULAR, &why);
	assert_non_null(other);
	/* one face asked in order, block after block */
	static uint16_t in_order[0x10000], whole[0x10000];
	for (uint32_t cp = 0; cp < 0x10000; cp++)
		in_order[cp] = font_glyph(f->face, cp);
	whole_cmap(f->face->data, f->face->len, whole);
	assert_memory_equal(in_order, whole, sizeof whole);
	size_t mapped = 0;
	for (uint32_t i = 0; i < 0x10000; i++) {
		/* an odd multiplier visits every code point once, blocks in
		 * no order */
		uint32_t cp = (i * 40503u) & 0xFFFF;
		uint16_t g = font_glyph(other, cp);
		mapped += g != 0;
		if (g != in_order[cp]) {
			font_face_free(other);
			fail_msg("U+%04X: glyph %u asked in order, %u out of it",
			         (unsigned)cp, (unsigned)in_order[cp],
			         (unsigned)g);
		}
	}
	font_face_free(other);
	/* DejaVu Sans maps thousands of the BMP's code points */
	assert_true(mapped > 3000);
	assert_int_equal(font_glyph(f->face, 0x1F600), 0);
	/* a subset's cmap is of format 4, DejaVu's of format 12 */
	cut(f, "Roma \xC4\x83\xC3\xAE\xC8\x99\xC8\x9B \xE2\x80\x93 \xE2\x82\xAC");
	for (uint32_t cp = 0; cp < 0x10000; cp++)
		in_order[cp] = font_glyph(f->back, (cp * 40503u) & 0xFFFF);
	whole_cmap(f->back->data, f->back->len, whole);
	for (uint32_t cp = 0; cp < 0x10000; cp++)
		if (in_order[cp] != whole[(cp * 40503u) & 0xFFFF])
			fail_msg("subset: U+%04X", (unsigned)((cp * 40503u) & 0xFFFF));
	assert_int_not_equal(font_glyph(f->back, 0x20AC), 0);
}

static void reading_a_file_that_is_not_a_font_says_so(void **state)
{
	(void)state;
	const char *why = NULL;
	assert_null(font_face_read("content/la-pledge.xml", &why));
	assert_int_equal(errno, EINVAL);
	assert_string_equal(why, "it is not a TrueType font");
	assert_null(font_face_read("content", &why));
	assert_string_equal(why, "it is not a TrueType font");
	why = "unchanged";
	assert_null(font_face_read("no/such/font.ttf", &why));
	assert_int_equal(errno, ENOENT);
	assert_null(why);
}

static void font_set_close_kept(void *fs)
{
	font_set_close(fs);
}

/* The a4 layout's style, its italic face's file replaced by italic (NULL:
 * as it is), opened as a font set freed when the test ends; what was
 * said goes to *said (NULL: nowhere). */
static struct font_set *open_set(const char *italic, struct diag *d,
                                 FILE *said)
{
	static struct style st;
	diag_init(d, said, DIAG_HUMAN);
	assert_int_equal(style_load(&st, "a4", "layouts", d), 0);
	if (italic != NULL) {
		free(st.font[FACE_ITALIC]);
		st.font[FACE_ITALIC] = strdup(italic);
	}
	struct font_set *fs = font_set_open(&st, d);
	style_free(&st);
	return fs ? tu_keep_fn(fs, font_set_close_kept) : NULL;
}

/* Only the regular face is read when a set is opened; another is read
 * when first measured, and then has its table of ASCII widths. */
static void a_face_is_read_when_first_measured(void **state)
{
	(void)state;
	struct diag d;
	struct font_set *fs = open_set(NULL, &d, NULL);
	assert_non_null(fs);
	const struct device_metrics *m = font_set_metrics(fs);
	assert_non_null(fs->face[FACE_REGULAR]);
	assert_non_null(m->ascii[FACE_REGULAR]);
	for (int i = FACE_BOLD; i < FACE_COUNT; i++) {
		assert_null(fs->face[i]);
		assert_null(m->ascii[i]);
	}
	double w = m->advance(m->ctx, FACE_ITALIC, 'W');
	assert_non_null(fs->face[FACE_ITALIC]);
	assert_non_null(m->ascii[FACE_ITALIC]);
	assert_true(m->ascii[FACE_ITALIC]['W'] == w);
	assert_true(w > 0);
	assert_true(font_set_has_glyph(fs, FACE_ITALIC, 'W'));
	/* DejaVu's oblique W is its own face's, not the regular one read */
	assert_ptr_not_equal(fs->face[FACE_ITALIC], fs->face[FACE_REGULAR]);
	assert_null(fs->face[FACE_BOLD_ITALIC]);
	assert_int_equal(font_set_failed(fs, &d), 0);
}

/* What a diagnostic stream said, in memory, freed when the test ends. */
struct said {
	FILE *f;
	char *buf;
	size_t len;
};

static void said_free(void *p)
{
	struct said *s = p;
	fclose(s->f);
	free(s->buf);
	free(s);
}

/* A face that is not a font is said when first measured, once a run:
 * layout meanwhile goes on in the regular face. */
static void a_face_that_cannot_be_read_is_said_when_first_measured(void **state)
{
	(void)state;
	struct said *s = tu_keep_fn(calloc(1, sizeof *s), said_free);
	s->f = open_memstream(&s->buf, &s->len);
	assert_non_null(s->f);
	FILE *out = s->f;
	struct diag d;
	struct font_set *fs = open_set("content/la-pledge.xml", &d, out);
	assert_non_null(fs);
	assert_int_equal(font_set_failed(fs, &d), 0);
	const struct device_metrics *m = font_set_metrics(fs);
	double regular = m->advance(m->ctx, FACE_REGULAR, 'W');
	assert_true(m->advance(m->ctx, FACE_ITALIC, 'W') == regular);
	/* tried once: the face is the regular one from then on */
	assert_ptr_equal(fs->face[FACE_ITALIC], fs->face[FACE_REGULAR]);
	assert_true(m->ascii[FACE_ITALIC]['W'] == regular);
	assert_int_equal(font_set_failed(fs, &d), -1);
	assert_int_equal(font_set_failed(fs, &d), -1);
	fflush(out);
	const char *said = s->buf;
	assert_non_null(strstr(said, "content/la-pledge.xml: error: cannot use "
	                             "this font: it is not a TrueType font"));
	/* said once */
	assert_null(strstr(strstr(said, "cannot use") + 1, "cannot use"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(subset_maps_only_the_code_points_asked_for),
		T(subset_keeps_each_advance_width),
		T(subset_keeps_each_outline),
		T(subset_brings_the_parts_of_composite_glyphs),
		T(subset_checksums_are_right),
		T(subset_is_the_same_for_the_same_text),
		T(subset_is_far_smaller_than_the_font),
		T(subset_of_every_code_point_keeps_every_mapped_glyph),
		T(subset_of_nothing_is_a_font_with_only_notdef),
		T(a_code_points_glyph_is_the_same_whatever_is_asked_first),
		cmocka_unit_test(reading_a_file_that_is_not_a_font_says_so),
		cmocka_unit_test_teardown(a_face_is_read_when_first_measured,
		                          tu_teardown),
		cmocka_unit_test_teardown(
		    a_face_that_cannot_be_read_is_said_when_first_measured,
		    tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
