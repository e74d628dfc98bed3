/* html.c - HTML5 for pledge forms and signed pledges. */
#include "html.h"
#include "model.h"

#include <stdarg.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct html {
	char *buf;
	size_t len, cap;
	int oom;
};

static void html_put(struct html *h, const char *s, size_t n)
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

static void html_raw(struct html *h, const char *s)
{
	html_put(h, s, strlen(s));
}

static void html_printf(struct html *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void html_printf(struct html *h, const char *fmt, ...)
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
static void html_text(struct html *h, const char *s)
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

static void html_inlines(struct html *h, const struct inline_node *n)
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
		}
	}
}

static void html_blocks(struct html *h, const struct block *b, int level)
{
	for (; b != NULL; b = b->next) {
		switch (b->kind) {
		case BLOCK_P:
			html_raw(h, "<p>");
			html_inlines(h, b->text);
			html_raw(h, "</p>\n");
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
			html_raw(h, "</li>\n");
			break;
		case BLOCK_SECTION:
			html_raw(h, "<section");
			if (b->id) {
				html_raw(h, " id=\"");
				html_text(h, b->id);
				html_raw(h, "\"");
			}
			html_printf(h, ">\n<h%d>", level);
			if (b->number)
				html_printf(h, "%d. ", b->number);
			html_text(h, b->title);
			html_printf(h, "</h%d>\n", level);
			html_blocks(h, b->child, level + 1);
			html_raw(h, "</section>\n");
			break;
		}
	}
}

static void html_heading(struct html *h, const char *id, int number,
                         const char *title)
{
	html_printf(h, "<section id=\"%s\">\n<h2>", id);
	if (number)
		html_printf(h, "%d. ", number);
	html_text(h, title);
	html_raw(h, "</h2>\n");
}

static void html_tick(struct html *h, const struct pledge_labels *lb,
                      int ticked)
{
	html_printf(h, "<span class=\"tick%s\" role=\"img\" aria-label=\"",
	            ticked ? " ticked" : "");
	html_text(h, ticked ? lb->committed : lb->not_committed);
	html_raw(h, "\">");
	if (ticked)
		html_raw(h, "\xE2\x9C\x93");
	html_raw(h, "</span>");
}

static void html_date(struct html *h, const struct mdate *d)
{
	char buf[11];
	mdate_format(d, buf);
	html_printf(h, "<time datetime=\"%04d-%02d-%02d\">%s</time>",
	            d->y % 10000, d->m % 100, d->d % 100, buf);
}

/* A field: a value, or a blank line to fill in on paper. */
static void html_field(struct html *h, const char *label, const char *value,
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

static void html_actions(struct html *h, const struct pledge_form *f,
                         const struct pledge *pl)
{
	const struct pledge_labels *lb = &f->labels;
	html_heading(h, "actions", f->actions_number, f->actions_title);
	html_blocks(h, f->actions_intro, 3);
	if (f->instruction) {
		html_raw(h, "<p class=\"instruction\"><strong>");
		html_inlines(h, f->instruction);
		html_raw(h, "</strong></p>\n");
	}
	html_raw(h, "<table class=\"actions\">\n<thead><tr>");
	const char *heads[4] = {lb->action_point, lb->steps, lb->tick,
	                        lb->deadline};
	for (int i = 0; i < 4; i++) {
		html_raw(h, "<th scope=\"col\">");
		html_text(h, heads[i]);
		html_raw(h, "</th>");
	}
	html_raw(h, "</tr></thead>\n");
	for (const struct pledge_group *g = f->groups; g; g = g->next) {
		html_raw(h, "<tbody>\n<tr class=\"group\"><th colspan=\"4\" "
		         "scope=\"colgroup\">");
		html_text(h, g->title);
		html_raw(h, "</th></tr>\n");
		for (const struct action_point *a = g->action_points; a;
		     a = a->next) {
			for (const struct pledge_step *s = a->steps; s;
			     s = s->next) {
				const struct pledge_commit *k =
				    pl ? pl->commit_for_step[s->ordinal] : NULL;
				html_raw(h, "<tr");
				if (s == a->steps)
					html_raw(h, " class=\"first\"");
				html_raw(h, ">");
				if (s == a->steps) {
					html_printf(h, "<th scope=\"row\" "
					            "rowspan=\"%zu\" id=\"",
					            a->nsteps);
					html_text(h, a->id);
					html_raw(h, "\">");
					html_text(h, a->title);
					html_raw(h, "</th>");
				}
				html_raw(h, "<td class=\"step\">");
				html_inlines(h, s->text);
				html_raw(h, "</td><td class=\"tick-cell\" "
				         "data-label=\"");
				html_text(h, lb->tick);
				html_raw(h, "\">");
				html_tick(h, lb, k != NULL);
				html_raw(h, "</td><td class=\"deadline\" "
				         "data-label=\"");
				html_text(h, lb->deadline);
				html_raw(h, "\">");
				if (k != NULL && k->by.valid)
					html_date(h, &k->by);
				html_raw(h, "</td></tr>\n");
			}
		}
		html_raw(h, "</tbody>\n");
	}
	html_raw(h, "</table>\n</section>\n");
}

static void html_support(struct html *h, const struct pledge_form *f,
                         const struct pledge *pl)
{
	html_heading(h, "support", f->support_number, f->support_title);
	html_blocks(h, f->support_intro, 3);
	html_raw(h, "<ul class=\"checklist\">\n");
	for (const struct support_option *o = f->options; o; o = o->next) {
		html_raw(h, "<li>");
		html_tick(h, &f->labels, pl && pl->option_chosen[o->ordinal]);
		html_raw(h, " <span>");
		html_inlines(h, o->text);
		html_raw(h, "</span></li>\n");
	}
	html_raw(h, "</ul>\n");
	if (f->has_other) {
		html_raw(h, "<dl class=\"fields\">\n");
		html_field(h, f->other_label, pl ? pl->support_other : NULL,
		           NULL);
		html_raw(h, "</dl>\n");
	}
	html_raw(h, "</section>\n");
}

static void html_monitoring(struct html *h, const struct pledge_form *f,
                            const struct pledge *pl)
{
	html_heading(h, "monitoring", f->monitoring_number,
	             f->monitoring_title);
	html_blocks(h, f->monitoring, 3);
	if (f->has_report_due) {
		html_raw(h, "<dl class=\"fields\">\n");
		html_field(h, f->report_due_label, NULL,
		           pl ? &pl->report_due : NULL);
		html_raw(h, "</dl>\n");
	}
	html_raw(h, "</section>\n");
}

static void html_contact(struct html *h, const struct pledge_form *f,
                         const struct pledge *pl)
{
	const struct pledge_labels *lb = &f->labels;
	const struct pledge_contact *c =
	    pl && pl->has_contact ? &pl->contact : NULL;
	html_heading(h, "contact", f->contact_number, f->contact_title);
	html_raw(h, "<dl class=\"fields\">\n");
	html_field(h, lb->name, c ? c->name : NULL, NULL);
	html_field(h, lb->role, c ? c->role : NULL, NULL);
	html_field(h, lb->email, c ? c->email : NULL, NULL);
	html_field(h, lb->phone, c ? c->phone : NULL, NULL);
	html_field(h, lb->signed_for, pl ? pl->authority : NULL, NULL);
	html_raw(h, "<div class=\"field signature\"><dt>");
	html_text(h, lb->signature);
	html_raw(h, "</dt><dd><span class=\"blank\"></span></dd></div>\n");
	html_field(h, lb->date, NULL, pl ? &pl->signed_on : NULL);
	html_raw(h, "</dl>\n</section>\n");
}

int html_render(const struct document *doc, const char *css, char **out,
                size_t *len)
{
	struct html h = {0};
	const struct pledge *pl = doc->kind == DOCUMENT_PLEDGE
	                          ? &doc->u.pledge : NULL;
	const struct pledge_form *f = pl ? &pl->form->u.form : &doc->u.form;

	html_raw(&h, "<!DOCTYPE html>\n<html lang=\"");
	html_text(&h, doc->lang);
	html_raw(&h, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\""
	         "viewport\" content=\"width=device-width, initial-scale=1\">"
	         "\n<meta name=\"generator\" content=\"mishto\">\n<title>");
	html_text(&h, f->title);
	if (pl) {
		html_raw(&h, " \xE2\x80\x93 ");
		html_text(&h, pl->authority);
	}
	html_raw(&h, "</title>\n");
	if (css != NULL) {
		html_raw(&h, "<style>\n");
		html_raw(&h, css);
		html_raw(&h, "</style>\n");
	}
	html_raw(&h, "</head>\n<body>\n<header class=\"document\">\n<h1>");
	html_text(&h, f->title);
	html_raw(&h, "</h1>\n");
	if (f->audience) {
		html_raw(&h, "<p class=\"audience\">");
		html_text(&h, f->audience);
		html_raw(&h, "</p>\n");
	}
	if (pl) {
		html_raw(&h, "<p class=\"signatory\"><strong>");
		html_text(&h, pl->authority);
		html_raw(&h, "</strong> ");
		html_text(&h, f->labels.signed_on);
		html_raw(&h, " ");
		html_date(&h, &pl->signed_on);
		html_raw(&h, "</p>\n");
	}
	html_raw(&h, "</header>\n<main>\n");
	html_blocks(&h, f->intro, 2);
	html_actions(&h, f, pl);
	if (f->support_number)
		html_support(&h, f, pl);
	if (f->monitoring_number)
		html_monitoring(&h, f, pl);
	if (f->has_contact)
		html_contact(&h, f, pl);
	html_raw(&h, "</main>\n<footer>\n<p>");
	html_text(&h, f->labels.fingerprint);
	html_raw(&h, " <code>");
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
