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

/* Renders ld into a malloc'd buffer, embedding the faces it uses (read
 * from the files the font set was read from). created, if not NULL,
 * becomes the creation date (reproducible builds pass SOURCE_DATE_EPOCH). */
int pdf_render(const struct layout_doc *ld, const struct font_set *fonts,
               const time_t *created, unsigned char **out, size_t *len,
               struct diag *d);

#endif
