/* device.h - what layout needs from a font back end: advance widths.
 * Layout never calls libharu; the PDF backend supplies these (with its own
 * cache), and tests can supply any other. */
#ifndef MISHTO_DEVICE_H
#define MISHTO_DEVICE_H

#include <stdint.h>

#include "style.h"

struct device_metrics {
	void *ctx;
	/* advance width of one code point in 1/1000 of the type size */
	double (*advance)(void *ctx, enum face face, uint32_t codepoint);
	/* the same for the code points below 128, where a back end has
	 * them in a table (NULL: ask advance): a call for each letter was
	 * a tenth of laying out a form */
	const double *ascii[FACE_COUNT];
};

#endif
