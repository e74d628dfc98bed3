/* pdf.h - the PDF backend (libharu). Supplies font metrics to layout and
 * draws a laid-out document; knows nothing of XML or of the model. */
#ifndef MISHTO_PDF_H
#define MISHTO_PDF_H

#include <stddef.h>
#include <time.h>

#include "device.h"
#include "layout.h"
#include "style.h"

struct diag;
struct pdf_metrics;

/* Loads the style's fonts once for measuring; widths are cached, since
 * libharu's own glyph lookup is a linear scan. NULL after a diagnostic
 * (a missing or unreadable font). */
struct pdf_metrics *pdf_metrics_open(const struct style *st, struct diag *d);
const struct device_metrics *pdf_metrics_device(struct pdf_metrics *pm);
void pdf_metrics_close(struct pdf_metrics *pm);

/* Renders ld into a malloc'd buffer. created, if not NULL, becomes the
 * creation date (reproducible builds pass SOURCE_DATE_EPOCH). */
int pdf_render(const struct layout_doc *ld, const struct style *st,
               const time_t *created, unsigned char **out, size_t *len,
               struct diag *d);

#endif
