/* rules.c - links and contact details, over the presentation tree. */
#include "rules.h"
#include "utf8.h"
#include "arena.h"
#include "diag.h"
#include "ptree.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A place reported already this run, and for which rule. */
struct rules_seen {
	const char *file;
	int line, col;
	const char *rule;
	const char *field;       /* what the text is, for personal-data */
};

struct rules {
	struct diag *d;
	pcre2_code *email, *phone, *contact_link;
	pcre2_match_data *md;
	struct rules_seen *seen;   /* open addressing, by place */
	size_t nseen, cap;
	int errors;
	int oom;
};

/* Contact details in running text. Bounded repeats: an unbounded one
 * rescans the rest of a long word from every position, which is
 * quadratic in its length. */
static const char rules_email_pattern[] =
    /* name@example.org, with a fullwidth or small at sign too */
    "[A-Za-z0-9._%+-]{1,64}(?:@|\\x{FF20}|\\x{FE6B})[A-Za-z0-9-]{1,63}"
    "(?:\\.[A-Za-z0-9-]{1,63}){1,8}"
    /* name [at] example [dot] org, name (at) example.org */
    "|[A-Za-z0-9._%+-]{1,64}\\h{0,3}[\\[({<]\\h{0,3}(?i:at)\\h{0,3}"
    "[\\])}>]\\h{0,3}[A-Za-z0-9-]{1,63}(?:\\h{0,3}(?:\\.|[\\[({<]\\h{0,3}"
    "(?i:dot)\\h{0,3}[\\])}>])\\h{0,3}[A-Za-z0-9-]{1,63}){1,8}"
    /* name at example dot org */
    "|[A-Za-z0-9._%+-]{1,64}\\h{1,3}(?i:at)\\h{1,3}[A-Za-z0-9-]{1,63}"
    "(?:\\h{1,3}(?i:dot)\\h{1,3}[A-Za-z0-9-]{1,63}){1,8}";

/* A number with a country code (+353 1 234 5678, 0044 20 ..., +44 (0)20
 * ...) or a UK number of 10 or 11 digits (0113 496 0000), with spaces,
 * no-break spaces, dots, hyphens or brackets between the digits. */
#define RULES_SEP "[\\h.()\\-]{0,3}"
static const char rules_phone_pattern[] =
    "(?<![\\p{N}\\p{L}+])(?:\\+|00)\\h?[1-9](?:" RULES_SEP "\\d){7,13}"
    "(?!\\p{N})"
    "|(?<![\\p{N}\\p{L}+])0[1-9](?:" RULES_SEP "\\d){8,9}(?!\\p{N})";

/* Links that reach a person rather than a page. */
static const char rules_contact_link_pattern[] =
    "^\\s*(?i:sms:|callto:|skype:|viber:|whatsapp:|facetime:"
    "|(?:https?://)?(?:www\\.)?(?:wa\\.me|api\\.whatsapp\\.com"
    "|chat\\.whatsapp\\.com|t\\.me|telegram\\.me|m\\.me|signal\\.me"
    "|signal\\.group)(?:/|$))";

static pcre2_code *rules_compile(const char *pattern)
{
	int err;
	PCRE2_SIZE off;
	return pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                     PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
}

struct rules *rules_new(struct diag *d)
{
	struct rules *r = calloc(1, sizeof *r);
	if (r == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return NULL;
	}
	r->d = d;
	r->email = rules_compile(rules_email_pattern);
	r->phone = rules_compile(rules_phone_pattern);
	r->contact_link = rules_compile(rules_contact_link_pattern);
	r->md = pcre2_match_data_create(4, NULL);
	if (!r->email || !r->phone || !r->contact_link || !r->md) {
		diag_report(d, DIAG_ERROR, NULL, "internal",
		            "could not prepare the rules' patterns");
		rules_free(r);
		return NULL;
	}
	return r;
}

void rules_free(struct rules *r)
{
	if (r == NULL)
		return;
	pcre2_code_free(r->email);
	pcre2_code_free(r->phone);
	pcre2_code_free(r->contact_link);
	pcre2_match_data_free(r->md);
	free(r->seen);
	free(r);
}

/* ---- places reported once ---- */

static size_t rules_hash(const struct rules_seen *s)
{
	size_t h = (size_t)(uintptr_t)s->file * 31u + (size_t)s->line;
	h = h * 131u + (size_t)s->col;
	h = h * 17u + (size_t)(uintptr_t)s->rule;
	for (const char *f = s->field ? s->field : ""; *f; f++)
		h = h * 33u + (unsigned char)*f;
	return h;
}

/* Whether the place (and the field the text there is) was reported for
 * the rule already; records it. */
static int rules_said_field(struct rules *r, const struct loc *loc,
                            const char *rule, const char *field)
{
	struct rules_seen k = {loc ? loc->file : NULL, loc ? loc->line : 0,
	                       loc ? loc->col : 0, rule, field};
	if ((r->nseen + 1) * 2 > r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 256;
		struct rules_seen *v = calloc(ncap, sizeof *v);
		if (v == NULL) {
			r->oom = 1;
			return 0;
		}
		for (size_t i = 0; i < r->cap; i++) {
			if (r->seen[i].rule == NULL)
				continue;
			size_t j = rules_hash(&r->seen[i]) & (ncap - 1);
			while (v[j].rule != NULL)
				j = (j + 1) & (ncap - 1);
			v[j] = r->seen[i];
		}
		free(r->seen);
		r->seen = v;
		r->cap = ncap;
	}
	size_t i = rules_hash(&k) & (r->cap - 1);
	while (r->seen[i].rule != NULL) {
		struct rules_seen *s = &r->seen[i];
		if (s->file == k.file && s->line == k.line && s->col == k.col &&
		    s->rule == k.rule &&
		    strcmp(s->field ? s->field : "", k.field ? k.field : "") == 0)
			return 1;
		i = (i + 1) & (r->cap - 1);
	}
	r->seen[i] = k;
	r->nseen++;
	return 0;
}

static int rules_said(struct rules *r, const struct loc *loc,
                      const char *rule)
{
	return rules_said_field(r, loc, rule, NULL);
}

/* ---- runs of words ---- */

/* A text node's part of a run's words. */
struct rules_piece {
	struct pt_node *node;
	size_t start, len;
};

struct rules_run {
	char *text;
	size_t len, cap;
	struct rules_piece *v;
	size_t n, ncap;
	struct pt_node **links;
	size_t nlinks, lcap;
	int oom;
};

static void rules_append(struct rules_run *run, const char *s, size_t len)
{
	if (run->len + len + 1 > run->cap) {
		size_t ncap = run->cap ? run->cap : 256;
		while (ncap < run->len + len + 1)
			ncap *= 2;
		char *t = realloc(run->text, ncap);
		if (t == NULL) {
			run->oom = 1;
			return;
		}
		run->text = t;
		run->cap = ncap;
	}
	memcpy(run->text + run->len, s, len);
	run->len += len;
	run->text[run->len] = '\0';
}

/* The words under n and after it (not those of contact fields, where
 * contact details belong). */
static void rules_collect(struct rules_run *run, struct pt_node *n)
{
	for (; n != NULL && !run->oom; n = n->next) {
		if (!pt_is_inline(n) || n->private_data == PP_CONTACT)
			continue;
		if (n->type == PT_TEXT) {
			if (run->n == run->ncap) {
				size_t nc = run->ncap ? run->ncap * 2 : 16;
				struct rules_piece *v = realloc(run->v,
				                                nc * sizeof *v);
				if (v == NULL) {
					run->oom = 1;
					return;
				}
				run->v = v;
				run->ncap = nc;
			}
			size_t l = strlen(n->text);
			run->v[run->n++] = (struct rules_piece){n, run->len, l};
			rules_append(run, n->text, l);
		} else if (n->type == PT_BREAK) {
			rules_append(run, "\n", 1);
		} else if (n->type != PT_CODE) {
			/* a fingerprint is not a phone number */
			if (n->type == PT_LINK) {
				if (run->nlinks == run->lcap) {
					size_t nc = run->lcap ? run->lcap * 2 : 4;
					struct pt_node **v = realloc(
					    run->links, nc * sizeof *v);
					if (v == NULL) {
						run->oom = 1;
						return;
					}
					run->links = v;
					run->lcap = nc;
				}
				run->links[run->nlinks++] = n;
			}
			rules_collect(run, n->first);
		}
	}
}

static void rules_run_free(struct rules_run *run)
{
	free(run->text);
	free(run->v);
	free(run->links);
}

/* The piece a byte of the run's words is in (the last one starting at or
 * before it). */
static const struct rules_piece *rules_piece_at(const struct rules_run *run,
                                                size_t at)
{
	const struct rules_piece *p = run->n ? &run->v[0] : NULL;
	for (size_t i = 0; i < run->n && run->v[i].start <= at; i++)
		p = &run->v[i];
	return p;
}

/* PCRE2's \h: a horizontal space. */
static int rules_is_h(uint32_t c)
{
	return c == '\t' || c == ' ' || c == 0xA0 || c == 0x1680 ||
	       c == 0x180E || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
	       c == 0x205F || c == 0x3000;
}

/* Past up to three horizontal spaces from s[*i]. */
static void rules_skip_h(const char *s, size_t len, size_t *i)
{
	for (int k = 0; k < 3 && *i < len; k++) {
		uint32_t c;
		size_t n = utf8_decode((const unsigned char *)s + *i, len - *i,
		                       &c);
		if (!rules_is_h(c))
			return;
		*i += n;
	}
}

/* Whether s has "at" in brackets, as the email pattern's second form
 * needs ("[at]", "( at )"): its "at" alone is in most sentences. */
static int rules_bracketed_at(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '[' && s[i] != '(' && s[i] != '{' && s[i] != '<')
			continue;
		size_t j = i + 1;
		rules_skip_h(s, len, &j);
		if (j + 2 > len || (s[j] | 0x20) != 'a' || (s[j + 1] | 0x20) != 't')
			continue;
		j += 2;
		rules_skip_h(s, len, &j);
		if (j < len && s[j] != '\0' && strchr("])}>", s[j]))
			return 1;
	}
	return 0;
}

/* Whether s has "dot" between horizontal spaces, as the email
 * pattern's third form ("name at example dot org") needs. */
static int rules_spaced_dot(const char *s, size_t len)
{
	for (size_t i = 0; i + 3 <= len; i++) {
		if ((s[i] | 0x20) != 'd' || (s[i + 1] | 0x20) != 'o' ||
		    (s[i + 2] | 0x20) != 't' || i == 0)
			continue;
		/* the character before: back to its first byte */
		size_t b = i - 1;
		while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
			b--;
		uint32_t before, after;
		utf8_decode((const unsigned char *)s + b, i - b, &before);
		if (i + 3 == len)
			continue;
		utf8_decode((const unsigned char *)s + i + 3, len - i - 3, &after);
		if (rules_is_h(before) && rules_is_h(after))
			return 1;
	}
	return 0;
}

/* Whether s has eight digits with at most three separators (as the
 * phone pattern's: horizontal space, dot, bracket, hyphen) between each
 * two: what every number the phone pattern takes has. */
static int rules_has_number(const char *s, size_t len)
{
	int digits = 0, seps = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += utf8_decode((const unsigned char *)s + i, len - i, &c);
		if (c >= '0' && c <= '9') {
			if (++digits >= 8)
				return 1;
			seps = 0;
		} else if (digits > 0 &&
		           (rules_is_h(c) || c == '.' || c == '(' || c == ')' ||
		            c == '-') && ++seps <= 3) {
			continue;
		} else {
			digits = 0;
			seps = 0;
		}
	}
	return 0;
}

/* The matches of contact details in s: [from, to) pairs into *out,
 * sorted, overlaps joined. Returns how many; -1 when memory runs out. */
static long rules_find(struct rules *r, const char *s, size_t len,
                       size_t **out)
{
	size_t *v = NULL, n = 0, cap = 0;
	pcre2_code *const res[] = {r->email, r->phone};
	/* Most text holds neither an at sign (or a written-out one) nor
	 * eight digits, and needs no pattern run over it: a cheap look
	 * first keeps the rules from costing as much as the layout. */
	int maybe[2] = {
		memchr(s, '@', len) != NULL || strstr(s, "\xEF\xBC\xA0") ||
		    strstr(s, "\xEF\xB9\xAB") || rules_spaced_dot(s, len) ||
		    rules_bracketed_at(s, len),
		rules_has_number(s, len)};
	for (int k = 0; k < 2; k++) {
		size_t at = 0;
		if (!maybe[k])
			continue;
		while (at < len &&
		       pcre2_match(res[k], (PCRE2_SPTR)s, len, at, 0, r->md,
		                   NULL) >= 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
			if (n + 2 > cap) {
				cap = cap ? cap * 2 : 8;
				size_t *nv = realloc(v, cap * sizeof *v);
				if (nv == NULL) {
					free(v);
					return -1;
				}
				v = nv;
			}
			v[n++] = ov[0];
			v[n++] = ov[1];
			at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
	}
	/* sort the pairs by start (few: insertion), then join overlaps */
	for (size_t i = 2; i < n; i += 2)
		for (size_t j = i; j >= 2 && v[j - 2] > v[j]; j -= 2) {
			size_t a = v[j], b = v[j + 1];
			v[j] = v[j - 2];
			v[j + 1] = v[j - 1];
			v[j - 2] = a;
			v[j - 1] = b;
		}
	size_t o = 0;
	for (size_t i = 0; i < n; i += 2) {
		if (o > 0 && v[i] <= v[o - 1]) {
			if (v[i + 1] > v[o - 1])
				v[o - 1] = v[i + 1];
			continue;
		}
		v[o++] = v[i];
		v[o++] = v[i + 1];
	}
	*out = v;
	return (long)(o / 2);
}

static int rules_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* %XX in an address decoded (jo%40example.org is an address too). */
static char *rules_decode(const char *s)
{
	size_t len = strlen(s);
	char *d = malloc(len + 1), *o = d;
	if (d == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		int hi = s[i] == '%' && i + 2 < len + 1 ? rules_hex(s[i + 1])
		                                        : -1;
		int lo = hi >= 0 ? rules_hex(s[i + 2]) : -1;
		if (lo >= 0) {
			*o++ = (char)(hi * 16 + lo);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return d;
}

/* Whether a link's address reaches a person: an address or number in it
 * (mailto:jo@..., tel:0113..., https://...?phone=07700...), or a
 * messaging app's link to someone. A mailto: with no address or tel:999
 * reaches nobody in particular. */
static int rules_contact_href(struct rules *r, const char *href)
{
	if (href == NULL)
		return 0;
	if (pcre2_match(r->contact_link, (PCRE2_SPTR)href, PCRE2_ZERO_TERMINATED,
	                0, 0, r->md, NULL) >= 0)
		return 1;
	char *d = rules_decode(href);
	if (d == NULL) {
		r->oom = 1;
		return 1;   /* when in doubt, not a link */
	}
	size_t *m = NULL;
	long n = rules_find(r, d, strlen(d), &m);
	free(m);
	free(d);
	if (n < 0)
		r->oom = 1;
	return n != 0;
}

/* What a person is told the text is: the nearest field named by the
 * lowering, from the words themselves up, else what kind of block holds
 * them. */
static const char *rules_field(const struct pt_node *text,
                               const struct pt_node *n)
{
	for (const struct pt_node *p = text; p != NULL; p = p->parent)
		if (p->field != NULL)
			return p->field;
	switch (n->type) {
	case PT_META: return "the document's title or running header";
	case PT_HEADING: return "this heading";
	case PT_ITEM: return "this list item";
	case PT_CELL: return "this table cell";
	case PT_TERM: return "this label";
	default: return "this text";
	}
}


/* ---- checking ---- */

static void rules_check_links(struct rules *r, const struct rules_run *run,
                              int translated_only)
{
	for (size_t i = 0; i < run->nlinks; i++) {
		struct pt_node *l = run->links[i];
		if (translated_only && !l->from_translation)
			continue;
		const struct loc *loc = l->loc;
		switch (pt_link_kind(l->href)) {
		case PT_LINK_EMPTY:
		case PT_LINK_FRAGMENT:
			if (!rules_said(r, loc, "placeholder-link"))
				diag_report(r->d, DIAG_WARNING, loc,
				            "placeholder-link",
				            "this link has no address yet (href="
				            "\"%s\"); put the real address in, or "
				            "remove the link",
				            l->href ? l->href : "");
			break;
		case PT_LINK_RELATIVE:
		case PT_LINK_UNSAFE:
			if (!rules_said(r, loc, "link-scheme")) {
				diag_report(r->d, DIAG_ERROR, loc, "link-scheme",
				            "links must start with http://, "
				            "https://, mailto: or tel:; \"%s\" is "
				            "not allowed", l->href ? l->href : "");
				r->errors++;
			}
			break;
		default:
			if (rules_contact_href(r, l->href) &&
			    !rules_said(r, loc, "personal-data"))
				diag_report(r->d, DIAG_WARNING, loc,
				            "personal-data",
				            "this link leads to personal contact "
				            "details (%s); put them in a contact "
				            "field, which public editions leave "
				            "out", l->href);
		}
	}
}

/* The words of the run of inline nodes under container n. */
static void rules_check_run(struct rules *r, struct pt_node *n,
                            int translated_only)
{
	struct rules_run run = {0};
	rules_collect(&run, n->first);
	if (run.oom) {
		r->oom = 1;
		rules_run_free(&run);
		return;
	}
	rules_check_links(r, &run, translated_only);
	size_t *m = NULL;
	long k = run.len ? rules_find(r, run.text, run.len, &m) : 0;
	if (k < 0)
		r->oom = 1;
	for (long i = 0; i < k; i++) {
		const struct rules_piece *p = rules_piece_at(&run, m[2 * i]);
		if (p == NULL || (translated_only &&
		                  !p->node->from_translation))
			continue;
		const char *field = rules_field(p->node, n);
		if (rules_said_field(r, p->node->loc, "personal-data", field))
			break;
		diag_report(r->d, DIAG_WARNING, p->node->loc, "personal-data",
		            "%s holds an email address or a phone number; put "
		            "contact details in a contact field, which public "
		            "editions leave out", field);
		break;   /* once for the run */
	}
	free(m);
	rules_run_free(&run);
}

static void rules_check_id(struct rules *r, const struct pt_node *n)
{
	const char *id = pt_more_of(n)->id;
	if (id == NULL)
		return;
	size_t *m = NULL;
	long k = rules_find(r, id, strlen(id), &m);
	free(m);
	if (k > 0 && !rules_said(r, n->loc, "personal-data"))
		diag_report(r->d, DIAG_WARNING, n->loc, "personal-data",
		            "the id \"%s\" holds an email address or a phone "
		            "number, and ids are printed in the HTML", id);
}

/* The invisible characters that reorder the text around them (embeddings,
 * overrides, isolates: U+202A to U+202E, U+2066 to U+2069): one in a name
 * can turn the rest of a sentence round in a browser, or make words read
 * in an order other than they show ("Trojan Source"). Warned about in
 * every text, contact fields included, once per place. */
static void rules_check_bidi(struct rules *r, const struct pt_node *n,
                             int translated_only, int blocks_too)
{
	for (; n != NULL; n = n->next) {
		/* blocks are visited by rules_check_node, once */
		if (!blocks_too && !pt_is_inline(n))
			continue;
		if (n->type == PT_TEXT && n->text != NULL &&
		    (!translated_only || n->from_translation)) {
			const unsigned char *t = (const unsigned char *)n->text;
			for (; (t = (const unsigned char *)strchr(
			            (const char *)t, 0xE2)) != NULL; t++) {
				uint32_t cp;
				utf8_decode(t, strlen((const char *)t), &cp);
				if (!utf8_is_bidi_control(cp))
					continue;
				if (!rules_said(r, n->loc, "bidi-control"))
					diag_report(r->d, DIAG_WARNING, n->loc,
					            "bidi-control",
					            "this text holds U+%04X, an invisible "
					            "character that reorders the words "
					            "around it on screen; remove it (words "
					            "in a right-to-left script need none)",
					            cp);
				break;
			}
		}
		if (n->first != NULL)
			rules_check_bidi(r, n->first, translated_only,
			                 blocks_too);
	}
}

static void rules_check_node(struct rules *r, struct pt_node *n,
                             int translated_only)
{
	/* contact fields are where contact details belong (but not
	 * characters that turn words round) */
	if (n->private_data == PP_CONTACT) {
		rules_check_bidi(r, n->first, translated_only, 1);
		return;
	}
	if (pt_has_inline(n))
		rules_check_bidi(r, n->first, translated_only, 0);
	if (!translated_only)
		rules_check_id(r, n);
	if (pt_has_inline(n))
		rules_check_run(r, n, translated_only);
	for (struct pt_node *c = n->first; c; c = c->next)
		if (!pt_is_inline(c))
			rules_check_node(r, c, translated_only);
}

int rules_check(struct rules *r, const struct pt_node *tree,
                int translated_only)
{
	int before = r->errors;
	rules_check_node(r, (struct pt_node *)tree, translated_only);
	if (r->oom) {
		diag_report(r->d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while checking links and contact "
		            "details");
		r->errors++;
		r->oom = 0;
	}
	return r->errors - before;
}

/* ---- withholding ---- */

/* The run's text nodes with the matched parts replaced: the first piece a
 * match starts in says RULES_WITHHELD, the rest of it is dropped. */
static int rules_withhold_run(struct rules *r, struct pt_node *n,
                              struct arena *a)
{
	struct rules_run run = {0};
	rules_collect(&run, n->first);
	int rc = run.oom ? -1 : 0;
	/* links that reach a person become their words, and so do links
	 * to nowhere yet (href="#": warned of, never published) */
	for (size_t i = 0; rc == 0 && i < run.nlinks; i++) {
		struct pt_node *l = run.links[i];
		enum pt_link kind = pt_link_kind(l->href);
		if (rules_contact_href(r, l->href) || kind == PT_LINK_EMPTY ||
		    kind == PT_LINK_FRAGMENT) {
			l->type = PT_SPAN;
			l->href = NULL;
			if (l->more != NULL)
				l->more->lang = NULL;
		}
	}
	size_t *m = NULL;
	long k = rc == 0 && run.len ? rules_find(r, run.text, run.len, &m)
	                            : 0;
	if (k < 0)
		rc = -1;
	for (size_t i = 0; k > 0 && i < run.n && rc == 0; i++) {
		struct rules_piece *p = &run.v[i];
		size_t from = p->start, to = p->start + p->len;
		/* the parts of this piece outside every match */
		size_t cap = p->len + sizeof RULES_WITHHELD * ((size_t)k + 1) + 1;
		char *out = arena_alloc(a, cap);
		if (out == NULL) {
			rc = -1;
			break;
		}
		size_t o = 0, at = from;
		int changed = 0;
		for (long j = 0; j < k; j++) {
			size_t ms = m[2 * j], me = m[2 * j + 1];
			if (me <= from || ms >= to)
				continue;
			changed = 1;
			if (ms > at) {
				memcpy(out + o, run.text + at, ms - at);
				o += ms - at;
			}
			if (ms >= from) {
				memcpy(out + o, RULES_WITHHELD,
				       sizeof RULES_WITHHELD - 1);
				o += sizeof RULES_WITHHELD - 1;
			}
			at = me < to ? me : to;
		}
		if (!changed)
			continue;
		if (at < to) {
			memcpy(out + o, run.text + at, to - at);
			o += to - at;
		}
		out[o] = '\0';
		p->node->text = out;
		/* a word left empty goes, and markup left with no words in it
		 * (the <em> inside an address) with it */
		struct pt_node *gone = o == 0 ? p->node : NULL;
		while (gone != NULL && gone != n) {
			struct pt_node *up = gone->parent;
			pt_unlink(gone);
			gone = up && up != n && pt_is_inline(up) &&
			       up->first == NULL ? up : NULL;
		}
	}
	free(m);
	rules_run_free(&run);
	return rc;
}

static int rules_withhold_node(struct rules *r, struct pt_node *n,
                               struct arena *a)
{
	if (n->more != NULL && n->more->id != NULL) {
		size_t *m = NULL;
		long k = rules_find(r, n->more->id, strlen(n->more->id), &m);
		free(m);
		if (k != 0)
			n->more->id = NULL;   /* an anchor, not needed */
	}
	if (pt_has_inline(n) && rules_withhold_run(r, n, a) != 0)
		return -1;
	for (struct pt_node *c = n->first, *next; c; c = next) {
		next = c->next;
		if (c->private_data) {
			/* a field keeps its label and a line to write on;
			 * anything else private goes */
			if (c->type == PT_VALUE || c->type == PT_CELL)
				pt_clear(c);
			else
				pt_unlink(c);
			continue;
		}
		if (!pt_is_inline(c) && rules_withhold_node(r, c, a) != 0)
			return -1;
	}
	return 0;
}

int rules_withhold(struct rules *r, struct pt_node *tree, struct arena *a)
{
	return rules_withhold_node(r, tree, a);
}
