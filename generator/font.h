/* font.h - TrueType fonts read once per process: advance widths for
 * layout (the device metrics), the code point to glyph table the PDF
 * backend hands to libharu (whose own lookup is a linear scan), and
 * subsets holding only the glyphs a document draws, for embedding. */
#ifndef MISHTO_FONT_H
#define MISHTO_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "device.h"
#include "style.h"

struct diag;

struct font_face {
	char *path;
	const unsigned char *data; /* the whole file, mapped read-only */
	size_t len;
	uint16_t units_per_em;
	uint16_t nglyphs;
	uint16_t *advance;         /* glyph id -> advance, 1/1000 em */
	/* BMP code point -> glyph id (0: none), read from the cmap a block
	 * of 256 code points at a time when first asked for (font_glyph):
	 * the whole of a font that covers most of the BMP was a seventh of
	 * the page faults of building the form. block[b] (of 256) is block
	 * b's 256 glyph ids, NULL until it is read; all malloc'd. */
	uint16_t **block;
	/* the cmap subtables read, in order: the Unicode ones of format 12,
	 * else those of format 4 (offsets in the file) */
	int cmap_format;
	size_t cmap_sub[8];
	size_t ncmap_sub;
};

/* The glyph id of a BMP code point in face (0: none; beyond the BMP,
 * none). */
uint16_t font_glyph(const struct font_face *face, uint32_t cp);

struct font_set {
	/* the regular face is read when the set is opened, the others
	 * when first measured (most documents draw no italic: reading and
	 * letting go of two faces they never use was a thirtieth of
	 * building the pledge form); NULL until then */
	struct font_face *face[FACE_COUNT];
	char *path[FACE_COUNT];
	/* a face that could not be read when first measured: it became
	 * the regular face; font_set_failed reports it */
	int failed;                /* errno, or EINVAL with why */
	int failed_said;           /* the diagnostic made, once a run */
	const char *failed_path, *failed_why;
	struct device_metrics dev;
	double ascii[FACE_COUNT][128];   /* dev.ascii's tables */
	unsigned char ascii_drawn[FACE_COUNT][128]; /* has a glyph */
};

/* Each face's file. A file the layout names is used as it is; a font's
 * name ("DejaVu Sans:bold", fontconfig's syntax) is found through
 * fontconfig, and so is a file the layout names that is not there, by
 * its file name (a system that keeps fonts in other folders). Kept off
 * the common path: fontconfig's start costs more than a whole run.
 * 0, or -1 after a diagnostic. */
int font_find(struct style *st, struct diag *d);

/* Opens the style's four faces, reading the regular one (the others are
 * read when first measured); NULL after a diagnostic (a missing or
 * unreadable font, or one that is not TrueType). */
struct font_set *font_set_open(const struct style *st, struct diag *d);
/* Whether a face could not be read when first measured (the layout is
 * then not to be used): -1 after its diagnostic, else 0. */
int font_set_failed(struct font_set *fs, struct diag *d);
const struct device_metrics *font_set_metrics(const struct font_set *fs);
/* Whether the face draws the code point (0: it prints as an empty box;
 * only the Basic Multilingual Plane is mapped). Inline for the code
 * points below 128: every character drawn is asked about. */
int font_set_has_glyph_long(const struct font_set *fs, enum face face,
                            uint32_t cp);
static inline int font_set_has_glyph(const struct font_set *fs,
                                     enum face face, uint32_t cp)
{
	if (cp < 128)
		return fs->ascii_drawn[face][cp];
	return font_set_has_glyph_long(fs, face, cp);
}
void font_set_close(struct font_set *fs);

/* Reads one TrueType file; NULL with errno and *why set on failure. */
struct font_face *font_face_read(const char *path, const char **why);
void font_face_free(struct font_face *f);

/* A TrueType file with only the glyphs of the code points asked for (and
 * the glyphs their composites are built from), renumbered from 1 after
 * .notdef; tables OS/2, cmap (format 4), cvt, fpgm, glyf, head, hhea,
 * hmtx, loca, maxp, name (names 0 to 6 only), post (format 3) and prep,
 * which are the ones a PDF viewer uses. Same outlines, hints and widths. */
struct font_subset {
	unsigned char *data;
	size_t len;
	uint16_t glyph[0x10000];   /* BMP code point -> glyph in the subset */
	uint16_t nglyphs;
	uint16_t *cps;             /* the code points with a glyph, ascending */
	size_t ncps;
};

#define FONT_CP_SET_SIZE (0x10000 / 8)

/* used is a bit set of code points (bit c % 8 of byte c / 8). Returns
 * NULL with errno ENOMEM, E2BIG when the code points are too many for the
 * subset's cmap (format 4, under 64 KB), or EINVAL when the font's glyph
 * tables are damaged or missing. */
struct font_subset *font_subset_make(const struct font_face *face,
                                     const unsigned char *used);
void font_subset_free(struct font_subset *s);

#endif
