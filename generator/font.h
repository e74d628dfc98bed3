/* font.h - TrueType fonts read once per process: advance widths for
 * layout (the device metrics) and the code point to glyph table the PDF
 * backend hands to libharu, whose own lookup is a linear scan. */
#ifndef MISHTO_FONT_H
#define MISHTO_FONT_H

#include <stdint.h>

#include "device.h"
#include "style.h"

struct diag;

struct font_face {
	char *path;
	uint16_t units_per_em;
	uint16_t glyph[0x10000];   /* BMP code point -> glyph id (0: none) */
	uint16_t width[0x10000];   /* BMP code point -> advance, 1/1000 em */
};

struct font_set {
	struct font_face *face[FACE_COUNT];
	struct device_metrics dev;
};

/* Reads the style's four faces once; NULL after a diagnostic (a missing
 * or unreadable font, or one that is not TrueType). */
struct font_set *font_set_open(const struct style *st, struct diag *d);
const struct device_metrics *font_set_metrics(const struct font_set *fs);
void font_set_close(struct font_set *fs);

/* Reads one TrueType file; NULL with errno and *why set on failure. */
struct font_face *font_face_read(const char *path, const char **why);
void font_face_free(struct font_face *f);

#endif
