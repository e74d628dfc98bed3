/* diag.c - formatting of diagnostics. */
#include "diag.h"
#include "source.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const diag_level_name[] = {"note", "warning", "error"};

void diag_init(struct diag *d, FILE *out, enum diag_format format)
{
	memset(d, 0, sizeof *d);
	d->out = out;
	d->format = format;
	d->worst = DIAG_NOTE;
}

static void diag_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* GitHub workflow commands need %, CR, LF (and in properties , :) escaped. */
static void diag_github_escape(FILE *out, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else if ((unsigned char)*s < 0x20 || *s == 0x7F)
			fputc('?', out);
		else
			fputc(*s, out);
	}
}

/* Text shown to a person never carries control characters to the
 * terminal (a hostile file could otherwise send escape sequences): C0
 * controls, DEL, C1 controls and the characters that set the direction
 * of text (U+202A to U+202E, U+2066 to U+2069) print as '?'; tab as a
 * space. */
static void diag_put_safe(FILE *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		if (u[i] == '\t')
			fputc(' ', out);
		else if (u[i] < 0x20 || u[i] == 0x7F)
			fputc('?', out);
		else if (u[i] == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 &&
		         u[i + 1] <= 0x9F) {
			fputc('?', out);
			i++;
		} else if (u[i] == 0xE2 && i + 2 < len &&
		           ((u[i + 1] == 0x80 && u[i + 2] >= 0xAA &&
		             u[i + 2] <= 0xAE) ||
		            (u[i + 1] == 0x81 && u[i + 2] >= 0xA6 &&
		             u[i + 2] <= 0xA9))) {
			/* a direction override or isolate would turn the
			 * rest of the terminal's line round */
			fputc('?', out);
			i += 2;
		} else
			fputc(u[i], out);
	}
}

static void diag_quote_line(FILE *out, const struct loc *loc)
{
	size_t len;
	const char *text = source_line(loc->src, loc->line, &len);
	if (text == NULL)
		return;
	/* Very long lines (minified XML) are cut around the column. */
	size_t start = 0, col_byte = 0;
	int col = 1;
	while (col_byte < len && col < loc->col) {
		col_byte++;
		while (col_byte < len &&
		       ((unsigned char)text[col_byte] & 0xC0) == 0x80)
			col_byte++;
		col++;
	}
	if (col_byte > 60)
		start = col_byte - 40;
	while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
		start--;
	size_t end = len;
	if (end - start > 120)
		end = start + 120;
	while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
		end++;
	fprintf(out, "%5d | %s", loc->line, start ? "..." : "");
	diag_put_safe(out, text + start, end - start);
	fprintf(out, "%s\n      | %s", end < len ? "..." : "", start ? "   " : "");
	for (size_t i = start; i < col_byte; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			fputc(' ', out);
	fputs("^\n", out);
}

static void diag_format(FILE *out, enum diag_format format,
                        enum diag_level level, int promoted,
                        const struct loc *loc, const char *rule,
                        const char *msg)
{
	const char *file = loc && loc->file ? loc->file : "mishto";
	int line = loc ? loc->line : 0, col = loc ? loc->col : 0;
	switch (format) {
	case DIAG_HUMAN:
		diag_put_safe(out, file, strlen(file));
		if (line > 0)
			fprintf(out, ":%d", line);
		if (line > 0 && col > 0)
			fprintf(out, ":%d", col);
		fprintf(out, ": %s: ", diag_level_name[level]);
		diag_put_safe(out, msg, strlen(msg));
		if (rule != NULL && level != DIAG_NOTE)
			fprintf(out, " [%s%s]", promoted ? "-Werror," : "", rule);
		fputc('\n', out);
		if (loc && loc->src && line > 0)
			diag_quote_line(out, loc);
		break;
	case DIAG_JSON:
		fputs("{\"file\":", out);
		diag_json_string(out, file);
		fprintf(out, ",\"line\":%d,\"column\":%d,\"level\":\"%s\",\"rule\":",
		        line, col, diag_level_name[level]);
		if (rule)
			diag_json_string(out, rule);
		else
			fputs("null", out);
		fputs(",\"message\":", out);
		diag_json_string(out, msg);
		fputs("}\n", out);
		break;
	case DIAG_GITHUB:
		fprintf(out, "::%s file=", level == DIAG_ERROR ? "error" :
		        level == DIAG_WARNING ? "warning" : "notice");
		diag_github_escape(out, file, 1);
		if (line > 0)
			fprintf(out, ",line=%d", line);
		if (line > 0 && col > 0)
			fprintf(out, ",col=%d", col);
		if (rule) {
			fputs(",title=", out);
			diag_github_escape(out, rule, 1);
		}
		fputs("::", out);
		diag_github_escape(out, msg, 0);
		fputc('\n', out);
		break;
	}
}

/* One message in its format, written whole: an unbuffered standard
 * error would otherwise take a system call per byte (10,000 errors made
 * millions of them), and a message is never interleaved with another
 * process's writes to the same terminal. When memory for the whole
 * message cannot be had, it is written piece by piece instead. */
static void diag_write(struct diag *d, enum diag_level level, int promoted,
                       const struct loc *loc, const char *rule,
                       const char *msg)
{
	char *whole = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&whole, &size);
	if (out != NULL) {
		diag_format(out, d->format, level, promoted, loc, rule, msg);
		int whole_made = fclose(out) == 0;
		if (whole_made)
			fwrite(whole, 1, size, d->out);
		free(whole);
		if (whole_made)
			return;
	}
	diag_format(d->out, d->format, level, promoted, loc, rule, msg);
}

void diag_report(struct diag *d, enum diag_level level, const struct loc *loc,
                 const char *rule, const char *fmt, ...)
{
	char stack[512], *msg = stack;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(stack, sizeof stack, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof stack && (msg = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	} else if (n >= (int)sizeof stack || n < 0) {
		msg = stack;
	}

	static const char *const environment_rules[] = {
		"out-of-memory", "internal", "input", "output", "layout",
		"font", "environment", "pdf"};
	if (level == DIAG_ERROR && rule != NULL)
		for (size_t i = 0; i < sizeof environment_rules /
		                       sizeof *environment_rules; i++)
			if (strcmp(rule, environment_rules[i]) == 0)
				d->environment++;

	/* -w: a warning goes unsaid with its notes, as cc -w does */
	if (level != DIAG_NOTE)
		d->muted = level == DIAG_WARNING && d->no_warnings &&
		           !d->werror;
	if (d->muted) {
		if (msg != stack)
			free(msg);
		return;
	}
	int promoted = 0;
	if (level == DIAG_WARNING && d->werror) {
		level = DIAG_ERROR;
		promoted = 1;
	}
	d->count[level]++;
	if (!d->seen_any || level > d->worst)
		d->worst = level;
	d->seen_any = 1;

	if (d->out != NULL)
		diag_write(d, level, promoted, loc, rule, msg);
	if (msg != stack)
		free(msg);
}

void diag_summary(const struct diag *d)
{
	if (d->format != DIAG_HUMAN || d->out == NULL)
		return;
	unsigned e = d->count[DIAG_ERROR], w = d->count[DIAG_WARNING];
	if (e == 0 && w == 0)
		return;
	char line[80], errors[32] = "", warnings[32] = "";
	if (e)
		snprintf(errors, sizeof errors, "%u error%s", e, e == 1 ? "" : "s");
	if (w)
		snprintf(warnings, sizeof warnings, "%u warning%s", w,
		         w == 1 ? "" : "s");
	int n = snprintf(line, sizeof line, "%s%s%s.\n", errors,
	                 e && w ? " and " : "", warnings);
	fwrite(line, 1, (size_t)n, d->out);
}

int diag_has_errors(const struct diag *d)
{
	return d->count[DIAG_ERROR] > 0;
}

int diag_environment_failed(const struct diag *d)
{
	return d->environment > 0;
}
