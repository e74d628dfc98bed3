/* font.c - just enough TrueType: the table directory, head (units per em),
 * hhea and hmtx (advance widths), and cmap formats 4 and 12 (Unicode to
 * glyph). Widths are computed the way libharu computes them (advance *
 * 1000 / units per em, truncated), so layout and the PDF agree. */
#include "font.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <stddef.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A block of a face's glyph table: the glyph ids of 256 code points;
 * the BMP's 65,536 in 256 of them. */
#define FONT_BLOCK 256
#define FONT_BLOCKS 256

/* The part of the run of code points start..end that falls in lo..hi,
 * in *from..*to; 0 when none does. */
static int font_run_in(uint32_t start, uint32_t end, uint32_t lo,
                       uint32_t hi, uint32_t *from, uint32_t *to)
{
	if (end < lo || start > hi)
		return 0;
	*from = start > lo ? start : lo;
	*to = end < hi ? end : hi;
	return 1;
}

/* Code point c to glyph g in blk, the block of face's table that holds
 * c: the first subtable's glyph is kept where several have one, and a
 * glyph the font does not have draws nothing. */
static void font_map(const struct font_face *face, uint16_t *blk,
                     uint32_t c, uint32_t g)
{
	if (blk[c % FONT_BLOCK] == 0 && g < face->nglyphs)
		blk[c % FONT_BLOCK] = (uint16_t)g;
}

/* Whether a format 4 subtable's arrays are in the file. */
static int font_cmap4_ok(const struct font_file *f, size_t sub)
{
	uint16_t segx2, v;
	if (font_u16(f, sub + 6, &segx2) != 0)
		return 0;
	size_t ranges = sub + 14 + 3 * (size_t)segx2 + 2;
	return segx2 < 2 || font_u16(f, ranges + segx2 - 2, &v) == 0;
}

/* The code points lo..hi of a format 4 subtable into face's table, the
 * first subtable's glyph kept where several have one. */
static void font_cmap4(const struct font_file *f, size_t sub,
                       const struct font_face *face, uint16_t *blk,
                       uint32_t lo, uint32_t hi)
{
	uint16_t segx2;
	if (font_u16(f, sub + 6, &segx2) != 0)
		return;
	size_t segs = segx2 / 2;
	size_t ends = sub + 14, starts = ends + segx2 + 2;
	size_t deltas = starts + segx2, ranges = deltas + segx2;
	for (size_t i = 0; i < segs; i++) {
		uint16_t end, start, delta, range;
		if (font_u16(f, ends + 2 * i, &end) ||
		    font_u16(f, starts + 2 * i, &start) ||
		    font_u16(f, deltas + 2 * i, &delta) ||
		    font_u16(f, ranges + 2 * i, &range))
			return;
		uint32_t from, to;
		if (!font_run_in(start, end, lo, hi, &from, &to))
			continue;
		for (uint32_t c = from; c <= to; c++) {
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
			font_map(face, blk, c, g);
		}
	}
}

/* Whether a format 12 subtable's groups are in the file. */
static int font_cmap12_ok(const struct font_file *f, size_t sub)
{
	uint32_t groups, v;
	if (font_u32(f, sub + 12, &groups) != 0)
		return 0;
	return groups == 0 ||
	       font_u32(f, sub + 16 + 12 * (size_t)(groups - 1) + 8, &v) == 0;
}

static void font_cmap12(const struct font_file *f, size_t sub,
                        const struct font_face *face, uint16_t *blk,
                        uint32_t lo, uint32_t hi)
{
	uint32_t groups;
	if (font_u32(f, sub + 12, &groups) != 0)
		return;
	for (uint32_t i = 0; i < groups; i++) {
		uint32_t start, end, gid;
		size_t at = sub + 16 + 12 * (size_t)i;
		if (font_u32(f, at, &start) || font_u32(f, at + 4, &end) ||
		    font_u32(f, at + 8, &gid))
			return;
		uint32_t from, to;
		if (!font_run_in(start, end, lo, hi, &from, &to))
			continue;
		for (uint32_t c = from; c <= to; c++)
			font_map(face, blk, c, gid + (c - start));
	}
}

/* Block b of face's table into blk (zeroed), read from its cmap
 * subtables in order. */
static void font_read_block(const struct font_face *face, uint32_t b,
                            uint16_t *blk)
{
	struct font_file f = {face->data, face->len};
	for (size_t i = 0; i < face->ncmap_sub; i++) {
		if (face->cmap_format == 12)
			font_cmap12(&f, face->cmap_sub[i], face, blk, b << 8,
			            b << 8 | 0xFF);
		else
			font_cmap4(&f, face->cmap_sub[i], face, blk, b << 8,
			           b << 8 | 0xFF);
	}
}

/* The glyph of code point cp, whose block is not read yet: the block is
 * read and kept; out of memory, it is read for this one code point and
 * not kept (the answer is the same, only slower). */
static uint16_t font_glyph_slow(const struct font_face *face, uint32_t cp)
{
	uint16_t *blk = calloc(FONT_BLOCK, sizeof *blk);
	if (blk == NULL) {
		uint16_t tmp[FONT_BLOCK] = {0};
		font_read_block(face, cp >> 8, tmp);
		return tmp[cp % FONT_BLOCK];
	}
	font_read_block(face, cp >> 8, blk);
	face->block[cp >> 8] = blk;
	return blk[cp % FONT_BLOCK];
}

/* inline: layout asks for every character it measures (static: an
 * inline function other files can call may not call a static one) */
static inline uint16_t font_glyph_in(const struct font_face *face,
                                     uint32_t cp)
{
	if (cp > 0xFFFF)
		return 0;
	const uint16_t *blk = face->block[cp >> 8];
	return blk != NULL ? blk[cp % FONT_BLOCK] : font_glyph_slow(face, cp);
}

uint16_t font_glyph(const struct font_face *face, uint32_t cp)
{
	return font_glyph_in(face, cp);
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
	size_t maxp, maxp_len;
	if (font_table(f, "maxp", &maxp, &maxp_len) ||
	    font_u16(f, maxp + 4, &face->nglyphs) || face->nglyphs == 0)
		return -1;
	size_t cmap, cmap_len;
	if (font_table(f, "cmap", &cmap, &cmap_len) ||
	    font_u16(f, cmap + 2, &nsub))
		return -1;
	/* Unicode subtables: full repertoire (3,10 or 0,4 format 12)
	 * first, else BMP (3,1 or 0,3 format 4) */
	int found = 0;
	for (int pass = 0; pass < 2 && !found; pass++)
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
			if (!unicode || face->ncmap_sub == 8)
				continue;
			int want = pass == 0 ? 12 : 4;
			if (fmt != want ||
			    !(want == 12 ? font_cmap12_ok(f, cmap + o)
			                 : font_cmap4_ok(f, cmap + o)))
				continue;
			face->cmap_format = want;
			face->cmap_sub[face->ncmap_sub++] = cmap + o;
			found = 1;
		}
	if (!found)
		return -1;
	face->block = calloc(FONT_BLOCKS, sizeof *face->block);
	if (face->block == NULL) {
		*why = NULL;
		errno = ENOMEM;
		return -1;
	}
	/* hmtx is long enough for every metric (checked above), so the
	 * advances are read without further checks; glyphs past the last
	 * metric share its advance */
	uint16_t nglyphs = face->nglyphs;
	face->advance = malloc((size_t)nglyphs * sizeof *face->advance);
	if (face->advance == NULL) {
		*why = NULL;
		errno = ENOMEM;
		return -1;
	}
	const unsigned char *m = f->b + hmtx;
	for (size_t g = 0; g < nglyphs; g++) {
		size_t at = 4u * (g < nmetrics ? g : nmetrics - 1u);
		face->advance[g] =
		    (uint16_t)((uint32_t)(m[at] << 8 | m[at + 1]) * 1000u / upem);
	}
	return 0;
}

struct font_face *font_face_read(const char *path, const char **why)
{
	*why = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || st.st_size < 12) {
		close(fd);
		*why = "it is not a TrueType font";
		errno = EINVAL;
		return NULL;
	}
	/* mapped, not read: a document touches only the font's cmap, metrics
	 * and the outlines it draws, a few pages of a 700 KB file */
	void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
	                 0);
	int e = errno;
	close(fd);
	if (map == MAP_FAILED) {
		errno = e;
		return NULL;
	}
	struct font_face *face = calloc(1, sizeof *face);
	if (face == NULL || (face->path = strdup(path)) == NULL) {
		free(face);
		munmap(map, (size_t)st.st_size);
		errno = ENOMEM;
		return NULL;
	}
	face->data = map;
	face->len = (size_t)st.st_size;
	struct font_file f = {face->data, face->len};
	if (font_parse(&f, face, why) != 0) {
		e = *why ? EINVAL : ENOMEM;
		font_face_free(face);
		errno = e;
		return NULL;
	}
	return face;
}

void font_face_free(struct font_face *f)
{
	if (f == NULL)
		return;
	free(f->path);
	free(f->advance);
	for (size_t b = 0; f->block != NULL && b < FONT_BLOCKS; b++)
		free(f->block[b]);
	free(f->block);
	if (f->data != NULL)
		munmap((void *)f->data, f->len);
	free(f);
}

/* Face i, read now if it was not yet (a face with the same file as one
 * read already is that one). One that cannot be read becomes the regular
 * face, so it is tried once (fs->failed says why); NULL when the regular
 * face itself cannot be read. */
static const struct font_face *font_set_load(struct font_set *fs, int i)
{
	if (fs->face[i] != NULL)
		return fs->face[i];
	for (int j = 0; j < FACE_COUNT && fs->face[i] == NULL; j++)
		if (j != i && fs->face[j] != NULL &&
		    strcmp(fs->path[j], fs->path[i]) == 0)
			fs->face[i] = fs->face[j];
	if (fs->face[i] == NULL) {
		const char *why;
		fs->face[i] = font_face_read(fs->path[i], &why);
		if (fs->face[i] == NULL) {
			if (fs->failed == 0) {
				fs->failed = errno ? errno : EINVAL;
				fs->failed_path = fs->path[i];
				fs->failed_why = why;
			}
			if (i == FACE_REGULAR)
				return NULL;
			fs->face[i] = fs->face[FACE_REGULAR];
		}
	}
	const struct font_face *f = fs->face[i];
	for (uint32_t cp = 0; cp < 128; cp++) {
		uint16_t g = font_glyph_in(f, cp);
		fs->ascii[i][cp] = f->advance[g];
		fs->ascii_drawn[i][cp] = g != 0;
	}
	fs->dev.ascii[i] = fs->ascii[i];
	return f;
}

static double font_advance(void *ctx, enum face face, uint32_t cp)
{
	struct font_set *fs = ctx;
	const struct font_face *f = font_set_load(fs, face);
	return f->advance[font_glyph_in(f, cp <= 0xFFFF ? cp : 0xFFFD)];
}

/* A font's failure, said in one place for both times it can come. */
static void font_report(struct diag *d, const char *path, int err,
                        const char *why)
{
	struct loc l = {path, NULL, 0, 0};
	if (err == ENOMEM)
		diag_report(d, DIAG_ERROR, &l, "out-of-memory",
		            "out of memory while reading the font");
	else
		diag_report(d, DIAG_ERROR, &l, "font",
		            "cannot use this font: %s (Debian packages "
		            "fonts-dejavu-core and fonts-dejavu-extra provide "
		            "the default fonts)", why ? why : strerror(err));
}

int font_set_failed(struct font_set *fs, struct diag *d)
{
	if (fs == NULL || fs->failed == 0)
		return 0;
	if (!fs->failed_said)
		font_report(d, fs->failed_path, fs->failed, fs->failed_why);
	fs->failed_said = 1;
	return -1;
}

/* fontconfig, loaded when a layout needs it (dlopen): linked, its
 * libraries (freetype, expat, png, brotli) would be loaded and relocated
 * by every run, and nearly every run needs none of it. */
struct font_fc {
	void *lib;
	FcConfig *config;
	FcConfig *(*init)(void);
	void (*config_destroy)(FcConfig *);
	void (*fini)(void);
	FcPattern *(*name_parse)(const FcChar8 *);
	FcBool (*substitute)(FcConfig *, FcPattern *, FcMatchKind);
	void (*default_substitute)(FcPattern *);
	FcPattern *(*font_match)(FcConfig *, FcPattern *, FcResult *);
	void (*pattern_destroy)(FcPattern *);
	FcResult (*get_string)(const FcPattern *, const char *, int,
	                       FcChar8 **);
	FcPattern *(*pattern_create)(void);
	FcObjectSet *(*object_set_create)(void);
	FcBool (*object_set_add)(FcObjectSet *, const char *);
	void (*object_set_destroy)(FcObjectSet *);
	FcFontSet *(*font_list)(FcConfig *, FcPattern *, FcObjectSet *);
	void (*font_set_destroy)(FcFontSet *);
};

static int font_fc_open(struct font_fc *fc)
{
	memset(fc, 0, sizeof *fc);
	fc->lib = dlopen("libfontconfig.so.1", RTLD_NOW | RTLD_LOCAL);
	if (fc->lib == NULL)
		return -1;
	/* dlsym gives an object pointer; its bytes are the function's */
	static const struct {
		const char *name;
		size_t offset;
	} syms[] = {
	    {"FcInitLoadConfigAndFonts", offsetof(struct font_fc, init)},
	    {"FcConfigDestroy", offsetof(struct font_fc, config_destroy)},
	    {"FcFini", offsetof(struct font_fc, fini)},
	    {"FcNameParse", offsetof(struct font_fc, name_parse)},
	    {"FcConfigSubstitute", offsetof(struct font_fc, substitute)},
	    {"FcDefaultSubstitute",
	     offsetof(struct font_fc, default_substitute)},
	    {"FcFontMatch", offsetof(struct font_fc, font_match)},
	    {"FcPatternDestroy", offsetof(struct font_fc, pattern_destroy)},
	    {"FcPatternGetString", offsetof(struct font_fc, get_string)},
	    {"FcPatternCreate", offsetof(struct font_fc, pattern_create)},
	    {"FcObjectSetCreate", offsetof(struct font_fc, object_set_create)},
	    {"FcObjectSetAdd", offsetof(struct font_fc, object_set_add)},
	    {"FcObjectSetDestroy",
	     offsetof(struct font_fc, object_set_destroy)},
	    {"FcFontList", offsetof(struct font_fc, font_list)},
	    {"FcFontSetDestroy", offsetof(struct font_fc, font_set_destroy)},
	};
	for (size_t i = 0; i < sizeof syms / sizeof *syms; i++) {
		void *f = dlsym(fc->lib, syms[i].name);
		if (f == NULL) {
			dlclose(fc->lib);
			fc->lib = NULL;
			return -1;
		}
		memcpy((char *)fc + syms[i].offset, &f, sizeof f);
	}
	fc->config = fc->init();
	if (fc->config == NULL) {
		dlclose(fc->lib);
		fc->lib = NULL;
		return -1;
	}
	return 0;
}

static void font_fc_close(struct font_fc *fc)
{
	if (fc->lib == NULL)
		return;
	fc->config_destroy(fc->config);
	fc->fini();
	dlclose(fc->lib);
	fc->lib = NULL;
}

/* The file fontconfig has for a font's name, if it is that family
 * (fontconfig answers every name with some font: "Arial" with
 * Liberation Sans); what it would give instead in why. */
static char *font_by_name(struct font_fc *fc, const char *name, char *why,
                          size_t size)
{
	FcPattern *p = fc->name_parse((const FcChar8 *)name);
	if (p == NULL)
		return NULL;
	FcChar8 *want = NULL;
	fc->get_string(p, FC_FAMILY, 0, &want);
	char *family = want ? strdup((const char *)want) : NULL;
	fc->substitute(fc->config, p, FcMatchPattern);
	fc->default_substitute(p);
	FcResult r;
	FcPattern *m = fc->font_match(fc->config, p, &r);
	fc->pattern_destroy(p);
	char *file = NULL;
	FcChar8 *f = NULL, *fam = NULL;
	if (m != NULL && fc->get_string(m, FC_FILE, 0, &f) == FcResultMatch) {
		int same = family == NULL;
		for (int i = 0; !same && fc->get_string(m, FC_FAMILY, i, &fam)
		                         == FcResultMatch; i++)
			same = strcasecmp((const char *)fam, family) == 0;
		if (same)
			file = strdup((const char *)f);
		else
			snprintf(why, size, "no font of that name is installed "
			         "(fontconfig would give %s instead)",
			         fc->get_string(m, FC_FAMILY, 0, &fam) ==
			         FcResultMatch ? (const char *)fam : "another");
	}
	if (m != NULL)
		fc->pattern_destroy(m);
	free(family);
	return file;
}

/* An installed font file of the same file name as path. */
static char *font_by_file_name(struct font_fc *fc, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	FcPattern *all = fc->pattern_create();
	FcObjectSet *os = fc->object_set_create();
	FcFontSet *set = all && os && fc->object_set_add(os, FC_FILE)
	                 ? fc->font_list(fc->config, all, os) : NULL;
	char *file = NULL;
	/* the first in sorted order, so two copies give one answer */
	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *f;
		if (fc->get_string(set->fonts[i], FC_FILE, 0, &f) !=
		    FcResultMatch)
			continue;
		const char *b = strrchr((const char *)f, '/');
		b = b ? b + 1 : (const char *)f;
		if (strcmp(b, base) == 0 &&
		    (file == NULL || strcmp((const char *)f, file) < 0)) {
			free(file);
			file = strdup((const char *)f);
		}
	}
	if (set)
		fc->font_set_destroy(set);
	if (os)
		fc->object_set_destroy(os);
	if (all)
		fc->pattern_destroy(all);
	return file;
}

int font_find(struct style *st, struct diag *d)
{
	struct font_fc fc;
	int opened = 0, rc = 0;
	for (int i = 0; i < FACE_COUNT && rc == 0; i++) {
		const char *v = st->font[i];
		int name = style_font_is_name(v);
		if (!name && access(v, F_OK) == 0)
			continue;
		if (!opened) {
			opened = font_fc_open(&fc) == 0 ? 1 : -1;
		}
		if (opened < 0) {
			if (!name)
				break;   /* font_set_open says the file is missing */
			struct loc l = {st->path, NULL, 0, 0};
			diag_report(d, DIAG_ERROR, &l, "font",
			            "cannot find the font \"%s\": fontconfig, "
			            "which finds fonts by name, is not installed "
			            "(Debian package libfontconfig1); or name the "
			            "font's file", v);
			rc = -1;
			break;
		}
		char why[256] = "";
		char *file = name ? font_by_name(&fc, v, why, sizeof why)
		                  : font_by_file_name(&fc, v);
		if (file != NULL) {
			free(st->font[i]);
			st->font[i] = file;
		} else if (name) {
			struct loc l = {st->path, NULL, 0, 0};
			diag_report(d, DIAG_ERROR, &l, "font",
			            "cannot find the font \"%s\": %s", v,
			            *why ? why : "fontconfig knows no such font");
			rc = -1;
		}
	}
	if (opened > 0)
		font_fc_close(&fc);
	return rc;
}

struct font_set *font_set_open(const struct style *st, struct diag *d)
{
	struct font_set *fs = calloc(1, sizeof *fs);
	for (int i = 0; fs != NULL && i < FACE_COUNT; i++)
		if ((fs->path[i] = strdup(st->font[i])) == NULL) {
			font_set_close(fs);
			fs = NULL;
		}
	if (fs == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while reading the fonts");
		return NULL;
	}
	fs->dev.ctx = fs;
	fs->dev.advance = font_advance;
	if (font_set_load(fs, FACE_REGULAR) == NULL) {
		font_report(d, fs->failed_path, fs->failed, fs->failed_why);
		font_set_close(fs);
		return NULL;
	}
	return fs;
}

int font_set_has_glyph_long(const struct font_set *fs, enum face face,
                            uint32_t cp)
{
	/* a face never measured drew nothing */
	return fs->face[face] != NULL && font_glyph_in(fs->face[face], cp) != 0;
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
		free(fs->path[i]);
	}
	free(fs);
}

/* ---- subsetting ---- */

struct font_out {
	unsigned char *b;
	size_t len, cap;
	int oom;
};

static unsigned char *font_out_grow(struct font_out *o, size_t n)
{
	if (o->oom)
		return NULL;
	if (o->cap - o->len < n) {
		size_t ncap = o->cap ? o->cap : 4096;
		while (ncap - o->len < n)
			ncap *= 2;
		unsigned char *nb = realloc(o->b, ncap);
		if (nb == NULL) {
			o->oom = 1;
			return NULL;
		}
		o->b = nb;
		o->cap = ncap;
	}
	unsigned char *at = o->b + o->len;
	o->len += n;
	return at;
}

static void font_out_bytes(struct font_out *o, const void *p, size_t n)
{
	unsigned char *at = font_out_grow(o, n);
	if (at != NULL && n > 0)
		memcpy(at, p, n);
}

static void font_put16(unsigned char *at, uint32_t v)
{
	at[0] = (unsigned char)(v >> 8);
	at[1] = (unsigned char)v;
}

static void font_put32(unsigned char *at, uint32_t v)
{
	at[0] = (unsigned char)(v >> 24);
	at[1] = (unsigned char)(v >> 16);
	at[2] = (unsigned char)(v >> 8);
	at[3] = (unsigned char)v;
}

static void font_out16(struct font_out *o, uint32_t v)
{
	unsigned char *at = font_out_grow(o, 2);
	if (at != NULL)
		font_put16(at, v);
}

static void font_out32(struct font_out *o, uint32_t v)
{
	unsigned char *at = font_out_grow(o, 4);
	if (at != NULL)
		font_put32(at, v);
}

static void font_out_pad4(struct font_out *o)
{
	static const unsigned char zero[3];
	font_out_bytes(o, zero, (4 - o->len % 4) % 4);
}

/* The order of the table directory (sorted by tag, as TrueType asks). */
enum {
	SUB_OS2, SUB_CMAP, SUB_CVT, SUB_FPGM, SUB_GLYF, SUB_HEAD, SUB_HHEA,
	SUB_HMTX, SUB_LOCA, SUB_MAXP, SUB_NAME, SUB_POST, SUB_PREP, SUB_COUNT
};
static const char font_sub_tag[SUB_COUNT][5] = {
	"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx",
	"loca", "maxp", "name", "post", "prep",
};

struct font_src {
	struct font_file f;
	size_t off[SUB_COUNT], len[SUB_COUNT];
	uint16_t nglyphs, nmetrics;
	int long_loca;
};

/* Where an original glyph's outline lies in glyf; -1 if the font is
 * damaged there. */
static int font_glyph_at(const struct font_src *s, uint16_t g, size_t *at,
                         size_t *len)
{
	size_t loca = s->off[SUB_LOCA];
	uint32_t a, b;
	if (s->long_loca) {
		if (font_u32(&s->f, loca + 4u * g, &a) ||
		    font_u32(&s->f, loca + 4u * g + 4, &b))
			return -1;
	} else {
		uint16_t x, y;
		if (font_u16(&s->f, loca + 2u * g, &x) ||
		    font_u16(&s->f, loca + 2u * g + 2, &y))
			return -1;
		a = 2u * x;
		b = 2u * y;
	}
	if (b < a || b > s->len[SUB_GLYF])
		return -1;
	*at = s->off[SUB_GLYF] + a;
	*len = b - a;
	return 0;
}

/* Calls back for each component of a composite glyph: the offset of its
 * glyph index. 0 for a simple or empty glyph, -1 when damaged. *last is
 * set to the offset of the last component's flags (0 if not composite)
 * and *tail to where the components end. */
static int font_components(const struct font_src *s, size_t at, size_t len,
                           int (*fn)(void *, size_t), void *ctx,
                           size_t *last, size_t *tail)
{
	uint16_t contours;
	*last = 0;
	*tail = at + len;
	if (len == 0)
		return 0;
	if (len < 10 || font_u16(&s->f, at, &contours))
		return -1;
	if (!(contours & 0x8000))
		return 0;
	size_t p = at + 10, end = at + len;
	for (;;) {
		uint16_t flags;
		if (p + 4 > end || font_u16(&s->f, p, &flags))
			return -1;
		if (fn != NULL && fn(ctx, p + 2) != 0)
			return -1;
		*last = p;
		p += 4 + ((flags & 0x0001) ? 4 : 2);
		p += (flags & 0x0008) ? 2 : (flags & 0x0040) ? 4 :
		     (flags & 0x0080) ? 8 : 0;
		if (!(flags & 0x0020)) {
			*tail = p;
			return p <= end ? 0 : -1;
		}
	}
}

struct font_glyphs {
	const struct font_src *s;
	uint16_t *new_of_old;      /* 0: not in the subset (except .notdef) */
	uint16_t *old_of_new;
	uint16_t n;
};

static int font_glyph_add(struct font_glyphs *gs, uint16_t old)
{
	if (old >= gs->s->nglyphs)
		return -1;
	if (old != 0 && gs->new_of_old[old] == 0) {
		gs->new_of_old[old] = gs->n;
		gs->old_of_new[gs->n++] = old;
	}
	return 0;
}

static int font_component_add(void *ctx, size_t at)
{
	struct font_glyphs *gs = ctx;
	uint16_t old;
	if (font_u16(&gs->s->f, at, &old) != 0)
		return -1;
	return font_glyph_add(gs, old);
}

struct font_remap {
	unsigned char *glyph;      /* the copy being written */
	size_t base;               /* where the original glyph began */
	const struct font_glyphs *gs;
};

static int font_component_remap(void *ctx, size_t at)
{
	struct font_remap *r = ctx;
	unsigned char *p = r->glyph + (at - r->base);
	uint16_t old = (uint16_t)(p[0] << 8 | p[1]);
	font_put16(p, r->gs->new_of_old[old]);
	return 0;
}

/* Copies one glyph into the subset with its components renumbered. The
 * hinting instructions stay: without them Ghostscript, for one, draws
 * small text on screen with broken strokes. */
static int font_glyph_copy(struct font_out *o, const struct font_src *s,
                           const struct font_glyphs *gs, uint16_t old)
{
	size_t at, len, last, tail;
	if (font_glyph_at(s, old, &at, &len) != 0)
		return -1;
	size_t copy = o->len;
	font_out_bytes(o, s->f.b + at, len);
	if (o->oom)
		return 0;
	struct font_remap r = {o->b + copy, at, gs};
	return font_components(s, at, len, font_component_remap, &r, &last,
	                       &tail);
}

static int font_src_open(const struct font_face *face, struct font_src *s)
{
	memset(s, 0, sizeof *s);
	s->f.b = face->data;
	s->f.len = face->len;
	for (int i = 0; i < SUB_COUNT; i++)
		if (font_table(&s->f, font_sub_tag[i], &s->off[i], &s->len[i]))
			return -1;
	uint16_t fmt;
	if (s->len[SUB_HEAD] < 54 || s->len[SUB_HHEA] < 36 ||
	    s->len[SUB_MAXP] < 6 || s->len[SUB_POST] < 32 ||
	    font_u16(&s->f, s->off[SUB_HEAD] + 50, &fmt) ||
	    font_u16(&s->f, s->off[SUB_MAXP] + 4, &s->nglyphs) ||
	    font_u16(&s->f, s->off[SUB_HHEA] + 34, &s->nmetrics) ||
	    s->nglyphs == 0 || s->nmetrics == 0 || s->nmetrics > s->nglyphs)
		return -1;
	s->long_loca = fmt != 0;
	size_t need = (size_t)(s->nglyphs + 1) * (s->long_loca ? 4 : 2);
	size_t hmtx = 4u * s->nmetrics + 2u * (s->nglyphs - s->nmetrics);
	if (s->len[SUB_LOCA] < need || s->len[SUB_HMTX] < hmtx)
		return -1;
	return 0;
}

/* cmap: one format 4 subtable (Windows, Unicode BMP), a segment per run
 * of consecutive code points, glyphs through the glyph index array. */
static int font_sub_cmap(struct font_out *o, const struct font_subset *sub)
{
	const uint16_t *cp = sub->cps;
	size_t segs = 1;   /* the closing 0xFFFF segment */
	for (size_t i = 0; i < sub->ncps; i++)
		segs += i == 0 || cp[i - 1] + 1 != cp[i];
	size_t len = 16 + 8 * segs + 2 * sub->ncps;
	if (len > 0xFFFF)
		return E2BIG;
	font_out16(o, 0);      /* version */
	font_out16(o, 1);      /* one subtable */
	font_out16(o, 3);
	font_out16(o, 1);
	font_out32(o, 12);
	size_t at = o->len;
	if (font_out_grow(o, len) == NULL)
		return 0;
	unsigned char *t = o->b + at;
	memset(t, 0, len);
	size_t range = 1, sel = 0;
	while (range * 2 <= segs) {
		range *= 2;
		sel++;
	}
	font_put16(t, 4);
	font_put16(t + 2, (uint32_t)len);
	font_put16(t + 6, (uint32_t)(2 * segs));
	font_put16(t + 8, (uint32_t)(2 * range));
	font_put16(t + 10, (uint32_t)sel);
	font_put16(t + 12, (uint32_t)(2 * segs - 2 * range));
	unsigned char *end = t + 14, *start = end + 2 * segs + 2;
	unsigned char *delta = start + 2 * segs, *roff = delta + 2 * segs;
	unsigned char *gids = roff + 2 * segs;
	size_t seg = 0;
	for (size_t i = 0; i < sub->ncps; i++) {
		if (i == 0 || cp[i - 1] + 1 != cp[i]) {
			font_put16(start + 2 * seg, cp[i]);
			font_put16(roff + 2 * seg,
			           (uint32_t)(2 * (segs - seg) + 2 * i));
		}
		if (i + 1 == sub->ncps || cp[i] + 1 != cp[i + 1])
			font_put16(end + 2 * seg++, cp[i]);
		font_put16(gids + 2 * i, sub->glyph[cp[i]]);
	}
	font_put16(end + 2 * seg, 0xFFFF);
	font_put16(start + 2 * seg, 0xFFFF);
	font_put16(delta + 2 * seg, 1);
	return 0;
}

/* name: only the records of names 0 to 6 (copyright, family, subfamily,
 * unique name, full name, version, PostScript name); the licence text
 * and the rest stay in the font file. */
static int font_sub_name(struct font_out *o, const struct font_src *s)
{
	const struct font_file *f = &s->f;
	size_t base = s->off[SUB_NAME], tlen = s->len[SUB_NAME];
	uint16_t count, strings;
	if (font_u16(f, base + 2, &count) || font_u16(f, base + 4, &strings) ||
	    6 + 12 * (size_t)count > tlen || strings > tlen)
		return -1;
	size_t keep = 0;
	for (size_t i = 0; i < count; i++) {
		uint16_t id = 0xFFFF;
		font_u16(f, base + 6 + 12 * i + 6, &id);
		keep += id <= 6;
	}
	font_out16(o, 0);
	font_out16(o, (uint32_t)keep);
	font_out16(o, (uint32_t)(6 + 12 * keep));
	size_t recs = o->len;
	if (font_out_grow(o, 12 * keep) == NULL)
		return 0;
	size_t data = o->len, k = 0;
	for (size_t i = 0; i < count; i++) {
		size_t rec = base + 6 + 12 * i;
		uint16_t id, slen, soff;
		if (font_u16(f, rec + 6, &id) || font_u16(f, rec + 8, &slen) ||
		    font_u16(f, rec + 10, &soff))
			return -1;
		if (id > 6)
			continue;
		if ((size_t)strings + soff + slen > tlen ||
		    o->len - data + slen > 0xFFFF)
			return -1;
		if (o->oom)
			return 0;
		unsigned char *r = o->b + recs + 12 * k++;
		memcpy(r, f->b + rec, 8);
		font_put16(r + 8, slen);
		font_put16(r + 10, (uint32_t)(o->len - data));
		font_out_bytes(o, f->b + base + strings + soff, slen);
	}
	return 0;
}

static uint32_t font_checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < len; i += 4) {
		uint32_t w = 0;
		for (size_t k = 0; k < 4; k++)
			w = w << 8 | (i + k < len ? p[i + k] : 0);
		sum += w;
	}
	return sum;
}

static int font_sub_write(struct font_out *o, const struct font_src *s,
                          const struct font_glyphs *gs,
                          const struct font_subset *sub)
{
	const struct font_file *f = &s->f;
	size_t start[SUB_COUNT], len[SUB_COUNT];
	font_out32(o, 0x00010000);
	font_out16(o, SUB_COUNT);
	font_out16(o, 128);    /* 16 * the largest power of 2 <= 13 */
	font_out16(o, 3);
	font_out16(o, 16 * SUB_COUNT - 128);
	size_t dir = o->len;
	font_out_grow(o, 16 * SUB_COUNT);
	uint32_t *loca = malloc(((size_t)gs->n + 1) * sizeof *loca);
	if (loca == NULL) {
		o->oom = 1;
		return 0;
	}
	int rc = 0;
	for (int t = 0; t < SUB_COUNT && rc == 0 && !o->oom; t++) {
		start[t] = o->len;
		const unsigned char *src = f->b + s->off[t];
		switch (t) {
		case SUB_CMAP:
			rc = font_sub_cmap(o, sub);
			break;
		case SUB_GLYF:
			for (uint16_t n = 0; n < gs->n && rc == 0; n++) {
				loca[n] = (uint32_t)(o->len - start[t]);
				rc = font_glyph_copy(o, s, gs, gs->old_of_new[n]);
				font_out_pad4(o);
			}
			loca[gs->n] = (uint32_t)(o->len - start[t]);
			break;
		case SUB_LOCA:
			for (size_t n = 0; n <= gs->n; n++)
				font_out32(o, loca[n]);
			break;
		case SUB_HMTX:
			for (uint16_t n = 0; n < gs->n; n++) {
				uint16_t g = gs->old_of_new[n], adv = 0, lsb = 0;
				size_t m = g < s->nmetrics ? g : s->nmetrics - 1u;
				size_t l = g < s->nmetrics ?
				           4u * g + 2 :
				           4u * s->nmetrics +
				           2u * (g - s->nmetrics);
				font_u16(f, s->off[t] + 4 * m, &adv);
				font_u16(f, s->off[t] + l, &lsb);
				font_out16(o, adv);
				font_out16(o, lsb);
			}
			break;
		case SUB_NAME:
			rc = font_sub_name(o, s);
			break;
		case SUB_POST:
			font_out_bytes(o, src, 32);
			if (!o->oom)
				font_put32(o->b + start[t], 0x00030000);
			break;
		default:
			font_out_bytes(o, src, s->len[t]);
			if (o->oom)
				break;
			unsigned char *copy = o->b + start[t];
			if (t == SUB_HEAD) {
				font_put32(copy + 8, 0);   /* set below */
				font_put16(copy + 50, 1);  /* long loca */
			} else if (t == SUB_HHEA) {
				font_put16(copy + 34, gs->n);
			} else if (t == SUB_MAXP) {
				font_put16(copy + 4, gs->n);
			}
		}
		len[t] = o->len - start[t];
		font_out_pad4(o);
	}
	free(loca);
	if (rc != 0 || o->oom)
		return rc;
	for (int t = 0; t < SUB_COUNT; t++) {
		unsigned char *r = o->b + dir + 16 * t;
		memcpy(r, font_sub_tag[t], 4);
		font_put32(r + 4, font_checksum(o->b + start[t], len[t]));
		font_put32(r + 8, (uint32_t)start[t]);
		font_put32(r + 12, (uint32_t)len[t]);
	}
	font_put32(o->b + start[SUB_HEAD] + 8,
	           0xB1B0AFBAu - font_checksum(o->b, o->len));
	return 0;
}

struct font_subset *font_subset_make(const struct font_face *face,
                                     const unsigned char *used)
{
	struct font_src s;
	if (font_src_open(face, &s) != 0) {
		errno = EINVAL;
		return NULL;
	}
	struct font_subset *sub = calloc(1, sizeof *sub);
	struct font_glyphs gs = {&s, NULL, NULL, 1};
	gs.new_of_old = calloc(s.nglyphs, sizeof *gs.new_of_old);
	gs.old_of_new = calloc(s.nglyphs, sizeof *gs.old_of_new);
	struct font_out o = {NULL, 0, 0, 0};
	int bad = 0;
	if (sub == NULL || gs.new_of_old == NULL || gs.old_of_new == NULL)
		goto oom;
	size_t ncps = 0;
	for (size_t i = 0; i < FONT_CP_SET_SIZE; i++)
		for (unsigned bits = used[i]; bits; bits &= bits - 1)
			ncps++;
	sub->cps = malloc((ncps ? ncps : 1) * sizeof *sub->cps);
	if (sub->cps == NULL)
		goto oom;
	for (size_t i = 0; i < FONT_CP_SET_SIZE && !bad; i++) {
		if (used[i] == 0)
			continue;
		for (uint32_t c = 8 * i; c < 8 * i + 8 && !bad; c++) {
			uint16_t g = font_glyph_in(face, c);
			if (!(used[i] >> (c % 8) & 1) || g == 0 || c == 0xFFFF)
				continue;
			bad = font_glyph_add(&gs, g);
			sub->glyph[c] = gs.new_of_old[g];
			sub->cps[sub->ncps++] = (uint16_t)c;
		}
	}
	/* the list grows as composites name their parts, which are then
	 * visited in turn: parts of parts are found too */
	for (uint16_t n = 0; n < gs.n && !bad; n++) {
		size_t at, len;
		size_t last, tail;
		bad = font_glyph_at(&s, gs.old_of_new[n], &at, &len) ||
		      font_components(&s, at, len, font_component_add, &gs,
		                      &last, &tail);
	}
	if (!bad)
		bad = font_sub_write(&o, &s, &gs, sub);
	if (o.oom)
		goto oom;
	free(gs.new_of_old);
	free(gs.old_of_new);
	if (bad) {
		free(o.b);
		free(sub->cps);
		free(sub);
		errno = bad == E2BIG ? E2BIG : EINVAL;
		return NULL;
	}
	sub->data = o.b;
	sub->len = o.len;
	sub->nglyphs = gs.n;
	return sub;
oom:
	free(o.b);
	if (sub != NULL)
		free(sub->cps);
	free(sub);
	free(gs.new_of_old);
	free(gs.old_of_new);
	errno = ENOMEM;
	return NULL;
}

void font_subset_free(struct font_subset *s)
{
	if (s == NULL)
		return;
	free(s->data);
	free(s->cps);
	free(s);
}
