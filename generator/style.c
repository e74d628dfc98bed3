/* style.c - the .layout file format: "key = value" lines, '#' comments.
 * Unknown keys and malformed values are errors, so a typo never silently
 * falls back to a default. */
#include "style.h"
#include "diag.h"
#include "source.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum style_type { STYLE_NUMBER, STYLE_COLOUR, STYLE_PATH };

struct style_key {
	const char *key;
	enum style_type type;
	size_t offset;
	double min, max;
	int optional;            /* a number with a default: def */
	double def;
};

#define NUM(k, f, lo, hi) {k, STYLE_NUMBER, offsetof(struct style, f), lo, hi, \
                           0, 0}
/* Settings added after layouts were written: a layout that lacks one
 * keeps working, with the default. */
#define OPT(k, f, lo, hi, d) {k, STYLE_NUMBER, offsetof(struct style, f), lo, \
                              hi, 1, d}
#define COL(k, f) {k, STYLE_COLOUR, offsetof(struct style, f), 0, 0, 0, 0}
#define PATH(k, f) {k, STYLE_PATH, offsetof(struct style, f), 0, 0, 0, 0}

static const struct style_key style_keys[] = {
	NUM("page-width", page_width, 144, 14400),
	NUM("page-height", page_height, 144, 14400),
	NUM("margin-top", margin_top, 18, 400),
	NUM("margin-bottom", margin_bottom, 18, 400),
	NUM("margin-left", margin_left, 18, 400),
	NUM("margin-right", margin_right, 18, 400),
	NUM("body-size", body_size, 6, 72),
	NUM("title-size", title_size, 6, 96),
	NUM("subtitle-size", subtitle_size, 6, 96),
	NUM("heading-size", heading_size, 6, 96),
	NUM("subheading-size", subheading_size, 6, 96),
	NUM("header-size", header_size, 6, 72),
	NUM("leading", leading, 1, 3),
	NUM("paragraph-gap", paragraph_gap, 0, 72),
	NUM("tick-size", tick_size, 6, 72),
	OPT("column-min", column_min, 0, 400, 36),
	OPT("column-max", column_max, 0.1, 1, 0.7),
	PATH("font-regular", font[FACE_REGULAR]),
	PATH("font-bold", font[FACE_BOLD]),
	PATH("font-italic", font[FACE_ITALIC]),
	PATH("font-bold-italic", font[FACE_BOLD_ITALIC]),
	COL("text-colour", text_colour),
	COL("accent-colour", accent_colour),
	COL("muted-colour", muted_colour),
	COL("rule-colour", rule_colour),
	COL("fill-colour", fill_colour),
	COL("band-colour", band_colour),
	COL("link-colour", link_colour),
	COL("red-colour", red_colour),
	COL("amber-colour", amber_colour),
	COL("green-colour", green_colour),
	COL("neutral-colour", neutral_colour),
	COL("progress-colour", progress_colour),
	PATH("stylesheet", stylesheet),
};

/* the settings seen are bits of a uint64_t */
_Static_assert(sizeof style_keys / sizeof *style_keys <= 64,
               "more layout settings than bits to mark them seen");

int style_font_is_name(const char *value)
{
	size_t n = strlen(value);
	return strchr(value, '/') == NULL &&
	       !(n > 4 && (strcasecmp(value + n - 4, ".ttf") == 0 ||
	                   strcasecmp(value + n - 4, ".otf") == 0 ||
	                   strcasecmp(value + n - 4, ".ttc") == 0));
}

static char *style_resolve(const char *dir_of, const char *value,
                           int font)
{
	/* a font's name ("DejaVu Sans:bold") is for fontconfig to find
	 * (font_find), not a file beside the layout */
	if (value[0] == '/' || (font && style_font_is_name(value)))
		return strdup(value);
	const char *slash = strrchr(dir_of, '/');
	size_t dlen = slash ? (size_t)(slash - dir_of) + 1 : 0;
	char *r = malloc(dlen + strlen(value) + 1);
	if (r != NULL) {
		memcpy(r, dir_of, dlen);
		strcpy(r + dlen, value);
	}
	return r;
}

static int style_parse(struct style *st, const struct source *src,
                       struct diag *d)
{
	int errors = 0;
	uint64_t seen = 0;
	for (size_t i = 0; i < sizeof style_keys / sizeof *style_keys; i++)
		if (style_keys[i].optional) {
			*(double *)((char *)st + style_keys[i].offset) =
			    style_keys[i].def;
			seen |= (uint64_t)1 << i;
		}
	for (int ln = 1; ln <= (int)src->nlines; ln++) {
		size_t len;
		const char *line = source_line(src, ln, &len);
		char buf[1024];
		if (len >= sizeof buf) {
			struct loc l = {src->path, src, ln, 1};
			diag_report(d, DIAG_ERROR, &l, "layout",
			            "this line is too long for a layout file");
			errors++;
			continue;
		}
		memcpy(buf, line, len);
		buf[len] = '\0';
		char *s = buf;
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		struct loc l = {src->path, src, ln, (int)(s - buf) + 1};
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			diag_report(d, DIAG_ERROR, &l, "layout",
			            "expected \"key = value\"");
			errors++;
			continue;
		}
		char *kend = eq;
		while (kend > s && isspace((unsigned char)kend[-1]))
			kend--;
		*kend = '\0';
		char *v = eq + 1;
		while (isspace((unsigned char)*v))
			v++;
		char *vend = v + strlen(v);
		while (vend > v && isspace((unsigned char)vend[-1]))
			vend--;
		*vend = '\0';
		l.col = (int)(v - buf) + 1;

		size_t i;
		for (i = 0; i < sizeof style_keys / sizeof *style_keys; i++)
			if (strcmp(style_keys[i].key, s) == 0)
				break;
		if (i == sizeof style_keys / sizeof *style_keys) {
			l.col = (int)(s - buf) + 1;
			diag_report(d, DIAG_ERROR, &l, "layout",
			            "unknown layout setting \"%s\"", s);
			errors++;
			continue;
		}
		const struct style_key *k = &style_keys[i];
		seen |= (uint64_t)1 << i;
		char *field = (char *)st + k->offset;
		if (k->type == STYLE_NUMBER) {
			char *end;
			errno = 0;
			double x = strtod(v, &end);
			if (end == v || *end != '\0' || errno != 0 ||
			    x < k->min || x > k->max) {
				diag_report(d, DIAG_ERROR, &l, "layout",
				            "%s must be a number from %g to %g",
				            k->key, k->min, k->max);
				errors++;
				continue;
			}
			*(double *)field = x;
		} else if (k->type == STYLE_COLOUR) {
			unsigned rgb;
			char tail;
			if (strlen(v) != 7 ||
			    sscanf(v, "#%6x%c", &rgb, &tail) != 1) {
				diag_report(d, DIAG_ERROR, &l, "layout",
				            "%s must be a colour written #rrggbb",
				            k->key);
				errors++;
				continue;
			}
			*(uint32_t *)field = rgb;
		} else {
			char **p = (char **)field;
			free(*p);
			*p = style_resolve(src->path, v,
			                   strncmp(k->key, "font-", 5) == 0);
			if (*p == NULL) {
				diag_report(d, DIAG_ERROR, &l, "out-of-memory",
				            "out of memory");
				errors++;
			}
		}
	}
	for (size_t i = 0; i < sizeof style_keys / sizeof *style_keys; i++)
		if (!(seen & ((uint64_t)1 << i))) {
			struct loc l = {src->path, NULL, 0, 0};
			diag_report(d, DIAG_ERROR, &l, "layout",
			            "the layout does not set \"%s\"",
			            style_keys[i].key);
			errors++;
		}
	return errors ? -1 : 0;
}

int style_load(struct style *st, const char *name, const char *layout_dir,
               struct diag *d)
{
	memset(st, 0, sizeof *st);
	st->name = strdup(name);
	if (strchr(name, '/') != NULL || strstr(name, ".layout") != NULL) {
		st->path = strdup(name);
	} else {
		size_t n = strlen(layout_dir) + strlen(name) + 16;
		st->path = malloc(n);
		if (st->path)
			snprintf(st->path, n, "%s/%s.layout", layout_dir, name);
	}
	if (st->name == NULL || st->path == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return -1;
	}
	struct source *src = source_read(st->path);
	if (src == NULL) {
		struct loc l = {st->path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "layout",
		            "cannot read the layout \"%s\": %s (layouts that "
		            "come with mishto: a4, large-print)", name,
		            source_error(errno));
		return -1;
	}
	int r = style_parse(st, src, d);
	source_free(src);
	return r;
}

void style_free(struct style *st)
{
	free(st->name);
	free(st->path);
	for (int i = 0; i < FACE_COUNT; i++)
		free(st->font[i]);
	free(st->stylesheet);
	memset(st, 0, sizeof *st);
}
