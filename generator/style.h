/* style.h - a page layout read from layouts/NAME.layout: page geometry,
 * type sizes, fonts and colours, and the HTML stylesheet to use. */
#ifndef MISHTO_STYLE_H
#define MISHTO_STYLE_H

#include <stdint.h>

struct diag;

enum face { FACE_REGULAR, FACE_BOLD, FACE_ITALIC, FACE_BOLD_ITALIC,
            FACE_COUNT };

struct style {
	char *name;                     /* "a4", or the file given */
	char *path;                     /* the .layout file read */
	double page_width, page_height; /* points */
	double margin_top, margin_bottom, margin_left, margin_right;
	double body_size, title_size, subtitle_size, heading_size;
	double subheading_size, header_size;
	double leading;                 /* line height / type size */
	double paragraph_gap;
	double tick_size;
	/* Tables that fit their content (the plans', the reports'): no
	 * column narrower than column_min points or wider than column_max
	 * of the table. Optional in a layout file (defaults 36 and 0.6). */
	double column_min, column_max;
	char *font[FACE_COUNT];         /* TrueType files (font_find
	                                 * turns a font's name into one) */
	uint32_t text_colour, accent_colour, muted_colour, rule_colour;
	uint32_t fill_colour, band_colour, link_colour;
	/* labels that carry a word: RAG, status, priority, overdue */
	uint32_t red_colour, amber_colour, green_colour, neutral_colour;
	uint32_t progress_colour;
	char *stylesheet;               /* CSS file, absolute or resolved */
};

/* name is "a4", "large-print" (looked up in layout_dir as NAME.layout) or
 * a path to a .layout file. Returns 0, or reports and returns -1. */
/* Whether a layout's font value is a font's name for fontconfig
 * ("DejaVu Sans:bold": no '/', no .ttf, .otf or .ttc) rather than a
 * file. */
int style_font_is_name(const char *value);

int style_load(struct style *st, const char *name, const char *layout_dir,
               struct diag *d);
void style_free(struct style *st);

#endif
