/* pdf.h - the PDF backend (libharu): draws a laid-out document; knows
 * nothing of XML or of the model. */
#ifndef MISHTO_PDF_H
#define MISHTO_PDF_H

#include <stddef.h>
#include <time.h>

#include "device.h"
#include "layout.h"
#include "style.h"

struct diag;
struct font_set;
struct pdf_cache;

/* A file the PDF carries (the sources it was made from), named name. */
struct pdf_file {
	const char *name;        /* "la-pledge.xml": unique in one PDF */
	const char *desc;        /* what it is, for a person */
	const char *mime;        /* "application/xml" */
	const unsigned char *data;
	size_t len;
	const unsigned char *sha256;   /* its SHA-256 (32 bytes), or NULL */
	int shared;              /* the same in many documents of a run (a
	                            pledge's form): compressed once a run */
	char own[208];           /* room for a name made for it */
};

/* What pdf_render may let go of as it goes, for a caller that needs it
 * no more: each page's boxes once the page is drawn
 * (layout_page_release), and, once every page and bookmark is drawn and
 * before the file is written, whatever drawn(ctx) lets go (drawn NULL:
 * nothing): nothing of ld, or of what its boxes point into (the
 * presentation tree), is read after that call. */
struct pdf_release {
	void (*drawn)(void *ctx);
	void *ctx;
};

/* Renders ld into a malloc'd buffer, embedding the faces it uses (read
 * from the files the font set was read from), the n files given, and the
 * form fields the layout placed; release (NULL: nothing) says what may
 * be let go as it goes. created, if not NULL, becomes the creation date
 * (reproducible builds pass SOURCE_DATE_EPOCH). */
int pdf_render(struct layout_doc *ld, const struct pdf_release *release,
               const struct font_set *fonts, const time_t *created,
               const struct pdf_file *files, size_t nfiles,
               struct pdf_cache *cache, unsigned char **out, size_t *len,
               struct diag *d);

/* What the PDFs of one run share: each stream (a font subset, the colour
 * profile) compressed once, by its content. Passed to pdf_render (or
 * NULL); the output is the same bytes with or without it. */
struct pdf_cache;
struct pdf_cache *pdf_cache_new(void);
void pdf_cache_free(struct pdf_cache *c);

#endif
