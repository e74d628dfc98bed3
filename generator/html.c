/* html.c - the HTML backend's engine: escaping, inline text, blocks, the
 * page around a document; each kind of document is written by
 * html_pledge.c, html_guidance.c, html_plan.c or html_minutes.c. */
#include "html_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void html_put(struct html *h, const char *s, size_t n)
{
	if (h->oom)
		return;
	if (h->len + n + 1 > h->cap) {
		size_t ncap = h->cap ? h->cap : 16384;
		while (ncap < h->len + n + 1)
			ncap *= 2;
		char *b = realloc(h->buf, ncap);
		if (b == NULL) {
			h->oom = 1;
			return;
		}
		h->buf = b;
		h->cap = ncap;
	}
	memcpy(h->buf + h->len, s, n);
	h->len += n;
	h->buf[h->len] = '\0';
}

void html_raw(struct html *h, const char *s)
{
	html_put(h, s, strlen(s));
}

void html_printf(struct html *h, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		html_put(h, tmp, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (big == NULL) {
		h->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	html_put(h, big, (size_t)n);
	free(big);
}

/* Escapes text for element content and quoted attribute values alike. */
void html_text(struct html *h, const char *s)
{
	if (s == NULL)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		html_put(h, run, (size_t)(s - run));
		html_raw(h, rep);
		run = s + 1;
	}
	html_put(h, run, (size_t)(s - run));
}

/* Only links a reader can safely follow become links. */
static int html_safe_href(const char *href)
{
	static const char *const schemes[] = {"http://", "https://",
	                                      "mailto:", "tel:"};
	if (href == NULL)
		return 0;
	for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
		if (strncasecmp(href, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return href[0] == '#';
}

void html_inlines(struct html *h, const struct inline_node *n)
{
	for (; n != NULL; n = n->next) {
		switch (n->kind) {
		case INLINE_TEXT:
			html_text(h, n->text);
			break;
		case INLINE_EM:
			html_raw(h, "<em>");
			html_inlines(h, n->child);
			html_raw(h, "</em>");
			break;
		case INLINE_STRONG:
			html_raw(h, "<strong>");
			html_inlines(h, n->child);
			html_raw(h, "</strong>");
			break;
		case INLINE_LINK:
			if (html_safe_href(n->href)) {
				html_raw(h, "<a href=\"");
				html_text(h, n->href);
				html_raw(h, "\">");
				html_inlines(h, n->child);
				html_raw(h, "</a>");
			} else {
				html_inlines(h, n->child);
			}
			break;
		case INLINE_SPAN:
			if (n->lang != NULL) {
				html_raw(h, "<span lang=\"");
				html_text(h, n->lang);
				html_raw(h, "\">");
			}
			html_inlines(h, n->child);
			if (n->lang != NULL)
				html_raw(h, "</span>");
			break;
		}
	}
}

void html_blocks(struct html *h, const struct block *b, int level)
{
	for (; b != NULL; b = b->next) {
		switch (b->kind) {
		case BLOCK_P:
			html_raw(h, "<p>");
			html_inlines(h, b->text);
			html_raw(h, "</p>\n");
			html_blocks(h, b->child, level);
			break;
		case BLOCK_UL:
		case BLOCK_OL:
			html_raw(h, b->kind == BLOCK_UL ? "<ul>\n" : "<ol>\n");
			html_blocks(h, b->child, level);
			html_raw(h, b->kind == BLOCK_UL ? "</ul>\n" : "</ol>\n");
			break;
		case BLOCK_LI:
			html_raw(h, "<li>");
			html_inlines(h, b->text);
			if (b->child) {
				html_raw(h, "\n");
				html_blocks(h, b->child, level);
			}
			html_raw(h, "</li>\n");
			break;
		case BLOCK_VALUES:
			html_raw(h, "<ul class=\"values\">\n");
			html_blocks(h, b->child, level);
			html_raw(h, "</ul>\n");
			break;
		case BLOCK_VALUE:
			html_raw(h, "<li>");
			html_inlines(h, b->text);
			html_raw(h, "</li>\n");
			break;
		case BLOCK_SECTION:
			html_raw(h, "<section");
			if (b->id) {
				html_raw(h, " id=\"");
				html_text(h, b->id);
				html_raw(h, "\"");
			}
			html_printf(h, ">\n<h%d>", level < 6 ? level : 6);
			if (b->number)
				html_printf(h, "%d. ", b->number);
			html_text(h, b->title);
			html_printf(h, "</h%d>\n", level < 6 ? level : 6);
			html_blocks(h, b->child, level + 1);
			html_raw(h, "</section>\n");
			break;
		}
	}
}

void html_header(struct html *h, const char *title, const char *subtitle)
{
	html_raw(h, "<header class=\"document\">\n<h1>");
	html_text(h, title);
	html_raw(h, "</h1>\n");
	if (subtitle) {
		html_raw(h, "<p class=\"audience\">");
		html_text(h, subtitle);
		html_raw(h, "</p>\n");
	}
}

void html_period(struct html *h, const struct mperiod *p)
{
	char buf[48];
	mperiod_format(p, buf, sizeof buf);
	if (p->valid && p->kind == PERIOD_DATE) {
		html_date(h, &p->first);
		return;
	}
	if (p->valid && (p->kind == PERIOD_MONTH || p->kind == PERIOD_YEAR)) {
		if (p->kind == PERIOD_MONTH)
			html_printf(h, "<time datetime=\"%04u-%02u\">",
			            (unsigned)p->first.y % 10000u,
			            (unsigned)p->first.m % 100u);
		else
			html_printf(h, "<time datetime=\"%04u\">",
			            (unsigned)p->first.y % 10000u);
		html_text(h, buf);
		html_raw(h, "</time>");
		return;
	}
	html_text(h, buf);
}

void html_table_head(struct html *h, const char *cls,
                     const char *const *heads, int n)
{
	html_printf(h, "<table class=\"%s\">\n<thead><tr>", cls);
	for (int i = 0; i < n; i++) {
		html_raw(h, "<th scope=\"col\">");
		html_text(h, heads[i]);
		html_raw(h, "</th>");
	}
	html_raw(h, "</tr></thead>\n");
}

void html_cell(struct html *h, const char *cls, const char *label)
{
	if (cls)
		html_printf(h, "<td class=\"%s\" data-label=\"", cls);
	else
		html_raw(h, "<td data-label=\"");
	html_text(h, label);
	html_raw(h, "\">");
}

void html_people(struct html *h, const struct person_refs *r)
{
	for (size_t i = 0; i < r->n; i++) {
		if (i)
			html_raw(h, ", ");
		html_text(h, person_display(r->people[i]));
	}
}

void html_label(struct html *h, const char *cls, const char *word)
{
	if (word == NULL)
		return;
	html_printf(h, "<span class=\"label %s\">", cls);
	html_text(h, word);
	html_raw(h, "</span>");
}

void html_heading(struct html *h, const char *id, int number,
                         const char *title)
{
	html_printf(h, "<section id=\"%s\">\n<h2>", id);
	if (number)
		html_printf(h, "%d. ", number);
	html_text(h, title);
	html_raw(h, "</h2>\n");
}

void html_date(struct html *h, const struct mdate *d)
{
	char buf[11];
	mdate_format(d, buf);
	html_printf(h, "<time datetime=\"%04d-%02d-%02d\">%s</time>",
	            d->y % 10000, d->m % 100, d->d % 100, buf);
}

/* A field: a value, or a blank line to fill in on paper. */
void html_field(struct html *h, const char *label, const char *value,
                       const struct mdate *date)
{
	html_raw(h, "<div class=\"field\"><dt>");
	html_text(h, label);
	html_raw(h, "</dt><dd>");
	if (date != NULL && date->valid)
		html_date(h, date);
	else if (value != NULL && value[0])
		html_text(h, value);
	else
		html_raw(h, "<span class=\"blank\"></span>");
	html_raw(h, "</dd></div>\n");
}

/* The page up to <body>: language, title ("title – more"), the
 * stylesheet inlined so the page stands alone. */
static void html_page_open(struct html *h, const char *lang,
                           const char *title, const char *more,
                           const char *css)
{
	html_raw(h, "<!DOCTYPE html>\n<html lang=\"");
	html_text(h, lang);
	html_raw(h, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\""
	         "viewport\" content=\"width=device-width, initial-scale=1\">"
	         "\n<meta name=\"generator\" content=\"mishto\">\n<title>");
	html_text(h, title);
	if (more != NULL) {
		html_raw(h, " \xE2\x80\x93 ");
		html_text(h, more);
	}
	html_raw(h, "</title>\n");
	if (css != NULL) {
		html_raw(h, "<style>\n");
		html_raw(h, css);
		html_raw(h, "</style>\n");
	}
	html_raw(h, "</head>\n<body>\n");
}

int html_render(const struct document *doc, const char *css, char **out,
                size_t *len)
{
	struct html h = {0};
	h.doc = doc;
	html_page_open(&h, doc->lang, document_title(doc),
	               doc->kind == DOCUMENT_PLEDGE ? doc->u.pledge.authority
	                                            : NULL, css);
	switch (doc->kind) {
	case DOCUMENT_PLEDGE_FORM:
	case DOCUMENT_PLEDGE: html_pledge(&h); break;
	case DOCUMENT_GUIDANCE: html_guidance(&h); break;
	case DOCUMENT_ACTION_PLAN: html_plan(&h); break;
	case DOCUMENT_MINUTES: html_minutes(&h); break;
	case DOCUMENT_SIGNATORIES: html_signatories(&h); break;
	case DOCUMENT_PROGRESS: html_progress(&h); break;
	case DOCUMENT_TRANSLATION: break;   /* put into its document */
	}
	html_raw(&h, "</main>\n<footer>\n<p>Source <code>");
	html_text(&h, doc->fingerprint);
	html_raw(&h, "</code></p>\n</footer>\n</body>\n</html>\n");
	if (h.oom) {
		free(h.buf);
		return -1;
	}
	*out = h.buf;
	*len = h.len;
	return 0;
}

int html_site_index(const char *title, const char *lang,
                    const struct html_site_entry *e, size_t n,
                    const char *css, char **out, size_t *len)
{
	struct html h = {0};
	html_page_open(&h, lang, title, NULL, css);
	html_header(&h, title, NULL);
	html_raw(&h, "</header>\n<main>\n");
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(e[i].group, e[i - 1].group) != 0) {
			html_raw(&h, i ? "</ul>\n</section>\n" : "");
			html_raw(&h, "<section>\n<h2>");
			html_text(&h, e[i].group);
			html_raw(&h, "</h2>\n<ul class=\"site\">\n");
		}
		html_raw(&h, "<li><a href=\"");
		html_text(&h, e[i].name);
		html_raw(&h, ".html\"");
		if (e[i].lang != NULL) {
			html_raw(&h, " lang=\"");
			html_text(&h, e[i].lang);
			html_raw(&h, "\" hreflang=\"");
			html_text(&h, e[i].lang);
			html_raw(&h, "\"");
		}
		html_raw(&h, ">");
		html_text(&h, e[i].title);
		html_raw(&h, "</a> (<a href=\"");
		html_text(&h, e[i].name);
		html_raw(&h, ".pdf\">PDF<span class=\"visually-hidden\">, ");
		html_text(&h, e[i].title);
		html_raw(&h, "</span></a>");
		if (e[i].has_csv) {
			html_raw(&h, ", <a href=\"");
			html_text(&h, e[i].name);
			html_raw(&h, ".csv\">CSV<span class=\"visually-hidden\">,"
			         " ");
			html_text(&h, e[i].title);
			html_raw(&h, "</span></a>");
		}
		html_raw(&h, ")</li>\n");
	}
	html_raw(&h, n ? "</ul>\n</section>\n" : "");
	html_raw(&h, "</main>\n</body>\n</html>\n");
	if (h.oom) {
		free(h.buf);
		return -1;
	}
	*out = h.buf;
	*len = h.len;
	return 0;
}
