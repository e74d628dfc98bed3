/* font.c - just enough TrueType: the table directory, head (units per em),
 * hhea and hmtx (advance widths), and cmap formats 4 and 12 (Unicode to
 * glyph). Widths are computed the way libharu computes them (advance *
 * 1000 / units per em, truncated), so layout and the PDF agree. */
#include "font.h"
#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct font_file {
	const unsigned char *b;
	size_t len;
};

static int font_u16(const struct font_file *f, size_t at, uint16_t *v)
{
	if (at > f->len || f->len - at < 2)
		return -1;
	*v = (uint16_t)(f->b[at] << 8 | f->b[at + 1]);
	return 0;
}

static int font_u32(const struct font_file *f, size_t at, uint32_t *v)
{
	if (at > f->len || f->len - at < 4)
		return -1;
	*v = (uint32_t)f->b[at] << 24 | (uint32_t)f->b[at + 1] << 16 |
	     (uint32_t)f->b[at + 2] << 8 | f->b[at + 3];
	return 0;
}

/* Offset and length of a table, or -1. */
static int font_table(const struct font_file *f, const char *tag,
                      size_t *off, size_t *len)
{
	uint16_t n;
	if (font_u16(f, 4, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t rec = 12 + 16 * i;
		uint32_t o, l;
		if (rec + 16 > f->len)
			return -1;
		if (memcmp(f->b + rec, tag, 4) != 0)
			continue;
		if (font_u32(f, rec + 8, &o) || font_u32(f, rec + 12, &l) ||
		    o > f->len || f->len - o < l)
			return -1;
		*off = o;
		*len = l;
		return 0;
	}
	return -1;
}

static int font_cmap4(const struct font_file *f, size_t sub,
                      struct font_face *face)
{
	uint16_t segx2;
	if (font_u16(f, sub + 6, &segx2) != 0)
		return -1;
	size_t segs = segx2 / 2;
	size_t ends = sub + 14, starts = ends + segx2 + 2;
	size_t deltas = starts + segx2, ranges = deltas + segx2;
	for (size_t i = 0; i < segs; i++) {
		uint16_t end, start, delta, range;
		if (font_u16(f, ends + 2 * i, &end) ||
		    font_u16(f, starts + 2 * i, &start) ||
		    font_u16(f, deltas + 2 * i, &delta) ||
		    font_u16(f, ranges + 2 * i, &range))
			return -1;
		for (uint32_t c = start; c <= end && c <= 0xFFFF; c++) {
			uint16_t g;
			if (range == 0) {
				g = (uint16_t)(c + delta);
			} else {
				size_t at = ranges + 2 * i + range +
				            2 * (c - start);
				if (font_u16(f, at, &g) != 0)
					g = 0;
				if (g != 0)
					g = (uint16_t)(g + delta);
			}
			if (face->glyph[c] == 0)
				face->glyph[c] = g;
		}
	}
	return 0;
}

static int font_cmap12(const struct font_file *f, size_t sub,
                       struct font_face *face)
{
	uint32_t groups;
	if (font_u32(f, sub + 12, &groups) != 0)
		return -1;
	for (uint32_t i = 0; i < groups; i++) {
		uint32_t start, end, gid;
		size_t at = sub + 16 + 12 * (size_t)i;
		if (font_u32(f, at, &start) || font_u32(f, at + 4, &end) ||
		    font_u32(f, at + 8, &gid))
			return -1;
		for (uint32_t c = start; c <= end && c <= 0xFFFF; c++)
			if (face->glyph[c] == 0)
				face->glyph[c] = (uint16_t)(gid + (c - start));
	}
	return 0;
}

static int font_parse(const struct font_file *f, struct font_face *face,
                      const char **why)
{
	size_t off, len;
	uint16_t upem, nmetrics, nsub;
	*why = "it is not a TrueType font";
	if (font_table(f, "head", &off, &len) || font_u16(f, off + 18, &upem) ||
	    upem == 0)
		return -1;
	face->units_per_em = upem;
	if (font_table(f, "hhea", &off, &len) ||
	    font_u16(f, off + 34, &nmetrics) || nmetrics == 0)
		return -1;
	size_t hmtx, hmtx_len;
	if (font_table(f, "hmtx", &hmtx, &hmtx_len) ||
	    hmtx_len < 4u * nmetrics)
		return -1;
	size_t cmap, cmap_len;
	if (font_table(f, "cmap", &cmap, &cmap_len) ||
	    font_u16(f, cmap + 2, &nsub))
		return -1;
	/* Unicode subtables: full repertoire (3,10 or 0,4 format 12)
	 * first, then BMP (3,1 or 0,3 format 4) */
	int found = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nsub; i++) {
			uint16_t plat, enc, fmt;
			uint32_t o;
			size_t rec = cmap + 4 + 8 * i;
			if (font_u16(f, rec, &plat) ||
			    font_u16(f, rec + 2, &enc) ||
			    font_u32(f, rec + 4, &o) ||
			    font_u16(f, cmap + o, &fmt))
				return -1;
			int unicode = plat == 0 || (plat == 3 &&
			                            (enc == 1 || enc == 10));
			if (!unicode)
				continue;
			if (pass == 0 && fmt == 12)
				found |= font_cmap12(f, cmap + o, face) == 0;
			else if (pass == 1 && fmt == 4)
				found |= font_cmap4(f, cmap + o, face) == 0;
		}
	if (!found)
		return -1;
	for (uint32_t c = 0; c <= 0xFFFF; c++) {
		uint16_t g = face->glyph[c], adv;
		size_t m = g < nmetrics ? g : nmetrics - 1u;
		if (font_u16(f, hmtx + 4 * m, &adv) != 0)
			return -1;
		face->width[c] = (uint16_t)((uint32_t)adv * 1000u / upem);
	}
	return 0;
}

struct font_face *font_face_read(const char *path, const char **why)
{
	*why = NULL;
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (cap - len < 65536) {
			size_t ncap = cap ? cap * 2 : 1 << 20;
			unsigned char *n = realloc(buf, ncap);
			if (n == NULL) {
				free(buf);
				fclose(fp);
				errno = ENOMEM;
				return NULL;
			}
			buf = n;
			cap = ncap;
		}
		size_t got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	int rerr = ferror(fp);
	fclose(fp);
	struct font_face *face = rerr ? NULL : calloc(1, sizeof *face);
	if (face == NULL || (face->path = strdup(path)) == NULL) {
		free(face);
		free(buf);
		errno = rerr ? EIO : ENOMEM;
		return NULL;
	}
	struct font_file f = {buf, len};
	int bad = font_parse(&f, face, why);
	free(buf);
	if (bad) {
		font_face_free(face);
		errno = EINVAL;
		return NULL;
	}
	return face;
}

void font_face_free(struct font_face *f)
{
	if (f == NULL)
		return;
	free(f->path);
	free(f);
}

static double font_advance(void *ctx, enum face face, uint32_t cp)
{
	const struct font_set *fs = ctx;
	return fs->face[face]->width[cp <= 0xFFFF ? cp : 0xFFFD];
}

struct font_set *font_set_open(const struct style *st, struct diag *d)
{
	struct font_set *fs = calloc(1, sizeof *fs);
	if (fs == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while reading the fonts");
		return NULL;
	}
	for (int i = 0; i < FACE_COUNT; i++) {
		/* the same file for two faces is read once */
		for (int j = 0; j < i; j++)
			if (strcmp(st->font[j], st->font[i]) == 0)
				fs->face[i] = fs->face[j];
		if (fs->face[i] != NULL)
			continue;
		const char *why;
		fs->face[i] = font_face_read(st->font[i], &why);
		if (fs->face[i] == NULL) {
			struct loc l = {st->font[i], NULL, 0, 0};
			if (errno == ENOMEM)
				diag_report(d, DIAG_ERROR, &l, "out-of-memory",
				            "out of memory while reading the "
				            "font");
			else
				diag_report(d, DIAG_ERROR, &l, "font",
				            "cannot use this font: %s (Debian "
				            "packages fonts-dejavu-core and "
				            "fonts-dejavu-extra provide the default"
				            " fonts)", why ? why : strerror(errno));
			font_set_close(fs);
			return NULL;
		}
	}
	fs->dev.ctx = fs;
	fs->dev.advance = font_advance;
	return fs;
}

const struct device_metrics *font_set_metrics(const struct font_set *fs)
{
	return &fs->dev;
}

void font_set_close(struct font_set *fs)
{
	if (fs == NULL)
		return;
	for (int i = 0; i < FACE_COUNT; i++) {
		int shared = 0;
		for (int j = 0; j < i; j++)
			shared |= fs->face[j] == fs->face[i];
		if (!shared)
			font_face_free(fs->face[i]);
	}
	free(fs);
}
