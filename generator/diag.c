/* diag.c - formatting of diagnostics. */
#include "diag.h"
#include "utf8.h"
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
	d->max_errors = DIAG_MAX_ERRORS;
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
static int diag_bidi_at(const unsigned char *u, size_t len)
{
	uint32_t cp;
	return utf8_decode(u, len, &cp) == 3 && utf8_is_bidi_control(cp);
}

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
		} else if (u[i] == 0xE2 && diag_bidi_at(u + i, len - i)) {
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
                        const struct loc *loc, const struct diag_fix *fix,
                        const char *rule, const char *msg)
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
		if (fix != NULL && fix->text != NULL) {
			/* as clang's -fdiagnostics-parseable-fixits: replace
			 * the characters from column to end_column (not
			 * included) of line with text */
			fprintf(out, ",\"fixit\":{\"line\":%d,\"column\":%d,"
			        "\"end_column\":%d,\"replacement\":", fix->line,
			        fix->col, fix->end_col);
			diag_json_string(out, fix->text);
			fputc('}', out);
		}
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
                       const struct loc *loc, const struct diag_fix *fix,
                       const char *rule, const char *msg)
{
	char *whole = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&whole, &size);
	if (out != NULL) {
		diag_format(out, d->format, level, promoted, loc, fix, rule,
		            msg);
		int whole_made = fclose(out) == 0;
		if (whole_made)
			fwrite(whole, 1, size, d->out);
		free(whole);
		if (whole_made)
			return;
	}
	diag_format(d->out, d->format, level, promoted, loc, fix, rule, msg);
}

static void diag_vreport(struct diag *d, enum diag_level level,
                         const struct loc *loc, const struct diag_fix *fix,
                         const char *rule, const char *fmt, va_list ap0)
{
	char stack[512], *msg = stack;
	va_list ap;
	va_copy(ap, ap0);
	int n = vsnprintf(stack, sizeof stack, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof stack && (msg = malloc((size_t)n + 1)) != NULL) {
		va_copy(ap, ap0);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	} else if (n >= (int)sizeof stack || n < 0) {
		msg = stack;
	}

	/* the environment's failures (memory, files, fonts) exit 2 */
	int index = diag_rule_index(rule);
	if (level == DIAG_ERROR && index >= 0 &&
	    strstr(diag_rules[index].level_text, "exit 2") != NULL)
		d->environment++;

	int setting = index >= 0 ? d->rule_setting[index] : DIAG_RULE_DEFAULT;
	/* -w: a warning goes unsaid with its notes, as cc -w does, unless
	 * -W RULE asks for it; -Wno-RULE leaves it unsaid */
	if (level != DIAG_NOTE)
		d->muted = level == DIAG_WARNING &&
		           (setting == DIAG_RULE_OFF ||
		            (d->no_warnings && !d->werror &&
		             setting == DIAG_RULE_DEFAULT));
	if (d->muted)
		goto done;
	int promoted = 0;
	if (level == DIAG_WARNING && (d->werror || setting == DIAG_RULE_ERROR)) {
		level = DIAG_ERROR;
		promoted = 1;
	}
	d->count[level]++;
	if (level == DIAG_ERROR && loc != NULL && loc->file != NULL)
		for (size_t i = 0; i < d->nwatch; i++)
			if (d->watch[i]->line == loc->line &&
			    d->watch[i]->col == loc->col &&
			    d->watch[i]->file != NULL &&
			    strcmp(d->watch[i]->file, loc->file) == 0)
				d->watch_hit[i] = 1;
	if (!d->seen_any || level > d->worst)
		d->worst = level;
	d->seen_any = 1;
	/* past the error limit, errors and their notes are only counted */
	if (level == DIAG_ERROR && d->max_errors > 0 &&
	    d->count[DIAG_ERROR] > d->max_errors) {
		d->unsaid++;
		d->muted = 1;
		goto done;
	}
	if (d->out != NULL)
		diag_write(d, level, promoted, loc, fix, rule, msg);
	/* a rule said by a stage but missing from the registry is a bug,
	 * said so that tests find it */
	if (rule != NULL && index < 0 && level != DIAG_NOTE) {
		d->count[DIAG_ERROR]++;
		d->environment++;
		d->worst = DIAG_ERROR;
		if (d->out != NULL)
			diag_write(d, DIAG_ERROR, 0, NULL, NULL, "internal",
			           "this message's rule is not in the registry "
			           "(diag_rules.c); please report it");
	}
done:
	if (msg != stack)
		free(msg);
}

void diag_watch(struct diag *d, const struct loc *const *at, size_t n,
                unsigned char *hit)
{
	d->watch = n ? at : NULL;
	d->nwatch = n;
	d->watch_hit = n ? hit : NULL;
}

void diag_report(struct diag *d, enum diag_level level, const struct loc *loc,
                 const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(d, level, loc, NULL, rule, fmt, ap);
	va_end(ap);
}

void diag_report_fix(struct diag *d, enum diag_level level,
                     const struct loc *loc, const struct diag_fix *fix,
                     const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(d, level, loc, fix, rule, fmt, ap);
	va_end(ap);
}

size_t diag_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return limit + 1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best;
		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < v)
				v = row[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb];
}

const char *diag_nearest(const char *name, const char *const *cands,
                         size_t n)
{
	const char *best = NULL;
	size_t best_d = strlen(name) / 3 + 1;
	for (size_t i = 0; i < n; i++) {
		if (cands[i] == NULL)
			continue;
		size_t dd = diag_distance(name, cands[i], best_d);
		if (dd < best_d || (best == NULL && dd <= best_d)) {
			best = cands[i];
			best_d = dd;
		}
	}
	return best;
}

const char *diag_rule_near(const char *name)
{
	const char *best = NULL;
	size_t best_d = strlen(name) / 3 + 1;
	for (size_t i = 0; i < diag_nrules; i++) {
		size_t dd = diag_distance(name, diag_rules[i].name, best_d);
		if (dd < best_d || (best == NULL && dd <= best_d)) {
			best = diag_rules[i].name;
			best_d = dd;
		}
	}
	return best;
}

void diag_rules_table(FILE *out)
{
	fputs("| rule | level | what it checks |\n| --- | --- | --- |\n", out);
	for (size_t i = 0; i < diag_nrules;) {
		size_t k = i + 1;
		while (k < diag_nrules &&
		       strcmp(diag_rules[k].level_text,
		              diag_rules[i].level_text) == 0 &&
		       strcmp(diag_rules[k].summary, diag_rules[i].summary) == 0)
			k++;
		fputs("|", out);
		for (size_t j = i; j < k; j++)
			fprintf(out, "%s `%s`", j > i ? "," : "",
			        diag_rules[j].name);
		fprintf(out, " | %s | %s |\n", diag_rules[i].level_text,
		        diag_rules[i].summary);
		i = k;
	}
}

void diag_summary(const struct diag *d)
{
	if (d->out == NULL)
		return;
	if (d->format != DIAG_HUMAN) {
		/* machines are told what the limit left out, as a note */
		if (d->unsaid > 0) {
			char msg[160];
			snprintf(msg, sizeof msg, "%u more errors were found and "
			         "not reported (--max-errors=0 reports them all)",
			         d->unsaid);
			diag_format(d->out, d->format, DIAG_NOTE, 0, NULL, NULL,
			            NULL, msg);
		}
		return;
	}
	unsigned e = d->count[DIAG_ERROR], w = d->count[DIAG_WARNING];
	if (e == 0 && w == 0)
		return;
	char line[160], errors[96] = "", warnings[32] = "";
	if (e && d->unsaid)
		snprintf(errors, sizeof errors, "%u errors (the first %u shown; "
		         "--max-errors=0 shows them all)", e, e - d->unsaid);
	else if (e)
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
