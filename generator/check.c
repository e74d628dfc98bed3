/* check.c - the checker's driver and the value checks shared by every
 * kind of document: dates, periods, times, ids, people. (Links and
 * contact details in running text are rules over the presentation tree:
 * rules.c.) */
#include "arena.h"
#include "check_int.h"
#include "diag.h"
#include "source.h"

#include <ctype.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pcre2_code *check_compile(const char *pattern)
{
	int err;
	PCRE2_SIZE off;
	/* DOLLAR_ENDONLY: "$" must not accept a value ending in a newline
	 * (an attribute can carry one as &#10;) */
	return pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                     PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &err, &off,
	                     NULL);
}

/* ---------------------------------------------------------------- */
/* maps and lists                                                    */

static size_t check_map_hash(const char *s, size_t len)
{
	size_t h = 14695981039346656037u;   /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

void check_map_init(struct check_map *m, struct arena *a, int *oom)
{
	memset(m, 0, sizeof *m);
	m->a = a;
	m->oom = oom;
}

static struct check_map_entry *check_map_slot(const struct check_map *m,
                                              const char *key, size_t len)
{
	size_t i = check_map_hash(key, len) & (m->cap - 1);
	while (m->v[i].key != NULL &&
	       !(m->v[i].len == len && memcmp(m->v[i].key, key, len) == 0))
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

void *check_map_get(const struct check_map *m, const char *key, size_t len)
{
	if (m == NULL || m->cap == 0 || key == NULL)
		return NULL;
	return check_map_slot(m, key, len)->value;
}

void *check_map_add(struct check_map *m, const char *key, size_t len,
                    void *value)
{
	if (key == NULL)
		return NULL;
	if ((m->n + 1) * 2 > m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 64;
		struct check_map_entry *old = m->v;
		size_t ocap = m->cap;
		m->v = arena_alloc(m->a, ncap * sizeof *m->v);
		if (m->v == NULL) {
			m->v = old;
			*m->oom = 1;
			return NULL;
		}
		m->cap = ncap;
		for (size_t i = 0; i < ocap; i++)
			if (old[i].key != NULL)
				*check_map_slot(m, old[i].key, old[i].len) =
				    old[i];
	}
	struct check_map_entry *e = check_map_slot(m, key, len);
	if (e->key != NULL)
		return e->value;
	e->key = key;
	e->len = len;
	e->value = value;
	m->n++;
	return NULL;
}

void check_list_add(struct check_list *l, const char *id)
{
	size_t n = strlen(id);
	if (l->shown >= 12 || l->len + n + 3 >= sizeof l->buf) {
		l->more++;
		return;
	}
	if (l->shown)
		l->len += (size_t)snprintf(l->buf + l->len,
		                           sizeof l->buf - l->len, ", ");
	l->len += (size_t)snprintf(l->buf + l->len, sizeof l->buf - l->len,
	                           "%s", id);
	l->shown++;
}

const char *check_list_text(struct check_list *l)
{
	if (l->more)
		snprintf(l->buf + l->len, sizeof l->buf - l->len,
		         " and %zu more", l->more);
	return l->buf;
}

int check_match(struct check *c, pcre2_code *re, const char *s)
{
	return pcre2_match(re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0,
	                   c->re->md, NULL) >= 0;
}

static int check_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

const char *check_next_word(const char **s, size_t *len)
{
	const char *p = *s;
	while (*p && isspace((unsigned char)*p))
		p++;
	const char *w = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	*s = p;
	*len = (size_t)(p - w);
	return *len ? w : NULL;
}

int check_month_days(int y, int m)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	return mdays[(m - 1) % 12] + (m == 2 && check_is_leap(y));
}

int check_parse_date(const char *t, int *y, int *m, int *d)
{
	if (t == NULL || strlen(t) != 10 || t[4] != '-' || t[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (t[i] < '0' || t[i] > '9'))
			return 0;
	int yy = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 +
	         (t[3] - '0');
	int mm = (t[5] - '0') * 10 + (t[6] - '0');
	int dd = (t[8] - '0') * 10 + (t[9] - '0');
	if (yy < 1900 || mm < 1 || mm > 12 || dd < 1)
		return 0;
	if (dd > check_month_days(yy, mm))
		return 0;
	*y = yy;
	*m = mm;
	*d = dd;
	return 1;
}

int check_parse_written_date(const char *t, int *y, int *m, int *d)
{
	if (t == NULL)
		return 0;
	while (*t == ' ')
		t++;
	if (check_parse_date(t, y, m, d))
		return 1;
	int dd = 0, mm = 0, yy = 0, n = 0;
	const char *s = t;
	while (*s >= '0' && *s <= '9' && n < 3)
		dd = dd * 10 + (*s++ - '0'), n++;
	if (n == 0 || n > 2)
		return 0;
	if (*s == '/' || *s == '.' || *s == '-') {
		char sep = *s++;
		n = 0;
		while (*s >= '0' && *s <= '9' && n < 3)
			mm = mm * 10 + (*s++ - '0'), n++;
		if (n == 0 || n > 2 || *s++ != sep)
			return 0;
	} else {
		/* "28th February 2027", "28 Feb 2027" */
		if (strncasecmp(s, "st", 2) == 0 || strncasecmp(s, "nd", 2) == 0 ||
		    strncasecmp(s, "rd", 2) == 0 || strncasecmp(s, "th", 2) == 0)
			s += 2;
		if (*s++ != ' ')
			return 0;
		size_t w = 0;
		while (isalpha((unsigned char)s[w]))
			w++;
		mm = mdate_month_named(s, w);
		if (mm == 0)
			return 0;
		s += w;
		if (*s == ',')
			s++;
		if (*s++ != ' ')
			return 0;
	}
	n = 0;
	while (*s >= '0' && *s <= '9' && n < 5)
		yy = yy * 10 + (*s++ - '0'), n++;
	while (*s == ' ')
		s++;
	if (n != 4 || *s != '\0' || yy < 1900 || mm < 1 || mm > 12 ||
	    dd < 1 || dd > check_month_days(yy, mm))
		return 0;
	*y = yy;
	*m = mm;
	*d = dd;
	return 1;
}

long check_days(const struct mdate *d)
{
	return mdate_days(d);
}

int check_value_fix(const struct loc *loc, const char *value,
                    const char *text, struct diag_fix *fix)
{
	size_t len;
	const char *line = loc->src && loc->col > 0
	                   ? source_line(loc->src, loc->line, &len) : NULL;
	if (line == NULL)
		return 0;
	size_t at = 0;
	for (int col = 1; col < loc->col && at < len; col++)
		while (++at < len && ((unsigned char)line[at] & 0xC0) == 0x80)
			;
	size_t vlen = strlen(value);
	/* the value and its closing quote: nothing else is replaced */
	if (at > 0 && at + vlen < len && memcmp(line + at, value, vlen) == 0 &&
	    line[at + vlen] == line[at - 1] &&
	    (line[at - 1] == '"' || line[at - 1] == '\'')) {
		int chars = 0;
		for (size_t i = 0; i < vlen; i++)
			chars += ((unsigned char)value[i] & 0xC0) != 0x80;
		*fix = (struct diag_fix){loc->line, loc->col, loc->col + chars,
		                         text};
		return 1;
	}
	return 0;
}

void check_letter_date(struct check *c, const struct loc *loc,
                       const char *text, const char *what, int y, int m,
                       int d)
{
	char iso[16];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
	/* a fix-it only where the reading is certain: a month named, or a
	 * day no month can be (28/02, never 02/03, which America reads as
	 * 3 February) */
	int certain = strpbrk(text, "/.-") == NULL || d > 12 || d == m;
	struct diag_fix fix;
	diag_report_fix(c->diag, DIAG_ERROR, loc,
	                certain && check_value_fix(loc, text, iso, &fix)
	                ? &fix : NULL, "date",
	                "%s \"%s\" is written as in a letter; write it as %s "
	                "(YYYY-MM-DD)", what, text, iso);
	c->errors++;
}

void check_date(struct check *c, struct mdate *d, const char *what)
{
	if (d->text == NULL)
		return;
	if (check_parse_date(d->text, &d->y, &d->m, &d->d)) {
		d->valid = 1;
		return;
	}
	int y, m, dd;
	/* "May 2017", "May, 2017": a month where a day belongs */
	int month = 0, year = 0;
	size_t wl = strcspn(d->text, " ,");
	if (wl > 0 && wl < 12)
		month = mdate_month_named(d->text, wl);
	if (month > 0) {
		char tail[8];
		if (sscanf(d->text + wl + strspn(d->text + wl, " ,"), "%4d%7s",
		           &year, tail) != 1 || year < 1000)
			month = 0;
	}
	if (check_parse_written_date(d->text, &y, &m, &dd))
		check_letter_date(c, &d->loc, d->text, what, y, m, dd);
	else if (month > 0)
		CHECK_ERROR(c, &d->loc, "date",
		            "%s \"%s\" names a month, and a day is needed here;"
		            " write %04d-%02d-DD with the day (YYYY-MM-DD)", what,
		            d->text, year, month);
	else
		CHECK_ERROR(c, &d->loc, "date",
		            "%s \"%s\" is not a valid date; write it as "
		            "YYYY-MM-DD, for example 2027-06-30", what, d->text);
}

void check_id(struct check *c, const char *id, const struct loc *loc,
                     const char *what)
{
	if (id == NULL || !check_match(c, c->re->id, id))
		CHECK_ERROR(c, loc, "id-syntax",
		            "%s id \"%s\" is not a valid id; use letters, digits,"
		            " '-', '_' or '.', starting with a letter or digit",
		            what, id ? id : "");
}

int check_blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* ---------------------------------------------------------------- */
struct document *check_find_document(struct check *c, const char *id)
{
	for (size_t i = 0; i < c->ndocs; i++)
		if (c->docs[i]->id && id && strcmp(c->docs[i]->id, id) == 0)
			return c->docs[i];
	return NULL;
}


struct document *check_find_form(struct check *c, const char *id,
                                 const struct loc *loc)
{
	struct document *fd = NULL;
	/* the form as it is now, not a version of it kept for the pledges
	 * signed on it */
	for (size_t i = 0; i < c->ndocs && fd == NULL; i++)
		if (c->docs[i]->id && id && strcmp(c->docs[i]->id, id) == 0 &&
		    !(c->docs[i]->kind == DOCUMENT_PLEDGE_FORM &&
		      c->docs[i]->u.form.kept))
			fd = c->docs[i];
	if (fd == NULL) {
		CHECK_ERROR(c, loc, "form-reference",
		            "no pledge form with id \"%s\" was found; mishto "
		            "looks among the files it was given, then for "
		            "%s.xml in this file's folder and the folder above",
		            id, id);
		return NULL;
	}
	if (fd->kind != DOCUMENT_PLEDGE_FORM) {
		CHECK_ERROR(c, loc, "form-reference",
		            "\"%s\" is a %s, not a pledge form", id,
		            document_kind_name(fd->kind));
		return NULL;
	}
	return fd;
}

/* ---------------------------------------------------------------- */
/* periods and times                                                 */

static int check_number(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return n > 0;
}

static void check_span(struct mperiod *p, int y1, int m1, int d1, int y2,
                       int m2, int d2)
{
	p->first.y = y1;
	p->first.m = m1;
	p->first.d = d1;
	p->first.valid = 1;
	p->last.y = y2;
	p->last.m = m2;
	p->last.d = d2;
	p->last.valid = 1;
}

int check_parse_period(struct mperiod *p)
{
	static const char *const seasons[] = {"spring", "summer", "autumn",
	                                      "winter"};
	const char *t = p->text;
	size_t len = t ? strlen(t) : 0;
	int y, m, d, q;
	if (len == 0)
		return 0;
	if (check_parse_date(t, &y, &m, &d)) {
		p->kind = PERIOD_DATE;
		check_span(p, y, m, d, y, m, d);
		return 1;
	}
	if (len == 7 && t[4] == '-' && check_number(t, 4, &y) &&
	    check_number(t + 5, 2, &m) && m >= 1 && m <= 12 && y >= 1900) {
		p->kind = PERIOD_MONTH;
		check_span(p, y, m, 1, y, m, check_month_days(y, m));
		return 1;
	}
	if (len == 7 && t[4] == '-' && (t[5] == 'Q' || t[5] == 'q') &&
	    check_number(t, 4, &y) && check_number(t + 6, 1, &q) && q >= 1 &&
	    q <= 4 && y >= 1900) {
		p->kind = PERIOD_QUARTER;
		p->quarter = q;
		check_span(p, y, 3 * q - 2, 1, y, 3 * q,
		           check_month_days(y, 3 * q));
		return 1;
	}
	/* "Q1 2027", as quarters are printed */
	if (len == 7 && (t[0] == 'Q' || t[0] == 'q') && t[2] == ' ' &&
	    check_number(t + 1, 1, &q) && q >= 1 && q <= 4 &&
	    check_number(t + 3, 4, &y) && y >= 1900) {
		p->kind = PERIOD_QUARTER;
		p->quarter = q;
		check_span(p, y, 3 * q - 2, 1, y, 3 * q,
		           check_month_days(y, 3 * q));
		return 1;
	}
	if (len == 4 && check_number(t, 4, &y) && y >= 1900) {
		p->kind = PERIOD_YEAR;
		check_span(p, y, 1, 1, y, 12, 31);
		return 1;
	}
	/* financial years and their quarters: "2017/18", "Q1 2017/18" or
	 * "2017/18 Q1" (not "2017-18", which reads as a month) */
	const char *fy = NULL;
	q = 0;
	if (len == 7)
		fy = t;
	else if (len == 10 && (t[0] == 'Q' || t[0] == 'q') && t[2] == ' ' &&
	         check_number(t + 1, 1, &q))
		fy = t + 3;
	else if (len == 10 && t[7] == ' ' && (t[8] == 'Q' || t[8] == 'q') &&
	         check_number(t + 9, 1, &q))
		fy = t;
	int y2;
	if (fy != NULL && fy[4] == '/' && check_number(fy, 4, &y) &&
	    check_number(fy + 5, 2, &y2) && y >= 1900 &&
	    y2 == (y + 1) % 100 && q >= 0 && q <= 4) {
		if (q == 0) {
			p->kind = PERIOD_FYEAR;
			check_span(p, y, 4, 1, y + 1, 3, 31);
		} else {
			int m1 = 4 + 3 * (q - 1), yq = y;
			if (m1 > 12) {
				m1 -= 12;
				yq++;
			}
			p->kind = PERIOD_FQUARTER;
			p->quarter = q;
			check_span(p, yq, m1, 1, yq, m1 + 2,
			           check_month_days(yq, m1 + 2));
		}
		p->fyear = y;
		return 1;
	}
	if (strcasecmp(t, "ongoing") == 0) {
		p->kind = PERIOD_ONGOING;
		return 1;
	}
	if (strcasecmp(t, "tbc") == 0) {
		p->kind = PERIOD_TBC;
		return 1;
	}
	for (int s = 0; s < 4; s++) {
		size_t n = strlen(seasons[s]);
		if (len == n + 5 && strncasecmp(t, seasons[s], n) == 0 &&
		    t[n] == ' ' && check_number(t + n + 1, 4, &y) && y >= 1900) {
			/* UK meteorological seasons; winter runs into the
			 * next year */
			p->kind = PERIOD_SEASON;
			p->season = s;
			if (s == 3)
				check_span(p, y, 12, 1, y + 1, 2,
				           check_month_days(y + 1, 2));
			else
				check_span(p, y, 3 + 3 * s, 1, y, 5 + 3 * s,
				           check_month_days(y, 5 + 3 * s));
			return 1;
		}
	}
	/* words that say when ("from summer 2020 onwards", "Jan 2021"):
	 * kept as written; digits and signs, with a letter or two, are a
	 * date or period written wrong ("2027-13", "2021-Q5") */
	for (size_t i = 0, run = 0; i < len; i++) {
		run = isalpha((unsigned char)t[i]) ? run + 1 : 0;
		if (run == 3) {
			p->kind = PERIOD_TEXT;
			return 1;
		}
	}
	return 0;
}

int check_parse_period_text(struct mperiod *p)
{
	return check_parse_period(p);
}

void check_period(struct check *c, struct mperiod *p, const char *what)
{
	if (p->text == NULL)
		return;
	int y, m, d;
	if (check_parse_period(p)) {
		p->valid = 1;
		/* "28 February 2027" reads as words, kept as written, but
		 * a date written so is never counted overdue */
		if (p->kind == PERIOD_TEXT &&
		    check_parse_written_date(p->text, &y, &m, &d))
			CHECK_WARN(c, &p->loc, "written-date",
			           "%s \"%s\" is a date written as in a letter: "
			           "it is printed as written but never counted "
			           "overdue; write it as %04d-%02d-%02d", what,
			           p->text, y, m, d);
		return;
	}
	if (check_parse_written_date(p->text, &y, &m, &d)) {
		CHECK_ERROR(c, &p->loc, "period",
		            "%s \"%s\" is written as in a letter; write it as "
		            "%04d-%02d-%02d (YYYY-MM-DD)", what, p->text, y, m, d);
		return;
	}
	CHECK_ERROR(c, &p->loc, "period",
	            "%s \"%s\" is not a date or period; write YYYY-MM-DD, "
	            "YYYY-MM, YYYY-Qn, a season and year (\"spring 2027\"), "
	            "a year, a financial year (\"2027/28\") or quarter "
	            "(\"Q1 2027/28\"), \"ongoing\", \"TBC\", or words "
	            "(\"end of 2027\")", what, p->text);
}

void check_time(struct check *c, struct mtime *t, const char *what)
{
	if (t->text == NULL)
		return;
	const char *s = t->text;
	if (strlen(s) == 5 && s[2] == ':' && check_number(s, 2, &t->h) &&
	    check_number(s + 3, 2, &t->m) && t->h < 24 && t->m < 60) {
		t->valid = 1;
		return;
	}
	CHECK_ERROR(c, &t->loc, "time",
	            "%s \"%s\" is not a time; write it as HH:MM on the 24-hour"
	            " clock, for example 14:30", what, s);
}

/* ---------------------------------------------------------------- */
/* people                                                            */

void check_people(struct check *c, struct person *people, const char *what,
                  struct check_map *by_id)
{
	for (struct person *p = people; p; p = p->next) {
		check_id(c, p->id, &p->loc, what);
		struct person *q = p->id ? check_map_add(by_id, p->id,
		                                         strlen(p->id), p)
		                         : NULL;
		if (q != NULL) {
			CHECK_ERROR(c, &p->loc, "duplicate-id",
			            "%s id \"%s\" is used twice", what, p->id);
			CHECK_NOTE(c, &q->loc, "first defined here");
		}
		if (p->email && !check_match(c, c->re->email, p->email))
			CHECK_ERROR(c, &p->email_loc, "email",
			            "\"%s\" is not an email address; write it "
			            "as name@example.org", p->email);
		if (p->phone && !check_match(c, c->re->phone, p->phone))
			CHECK_ERROR(c, &p->phone_loc, "phone",
			            "\"%s\" is not a UK phone number; write 0 or"
			            " +44 followed by 9 or 10 digits, for example"
			            " 0113 496 0000", p->phone);
	}
}

/* Whether two texts are the same words, whatever the case and spacing. */
static int check_same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t' || *a == '\n')
			a++;
		while (*b == ' ' || *b == '\t' || *b == '\n')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		int sa = a[1] == ' ' || a[1] == '\t' || a[1] == '\n';
		int sb = b[1] == ' ' || b[1] == '\t' || b[1] == '\n';
		if (sa != sb)
			return 0;
		a++;
		b++;
	}
}

/* The person a misspelt or mistaken id most likely means: one whose id
 * is a few edits away, or whose name has the word (a first or last name
 * written for the id). */
static const struct person *check_person_near(const struct person *people,
                                              const char *w, size_t len)
{
	char word[128];
	if (len >= sizeof word)
		return NULL;
	memcpy(word, w, len);
	word[len] = '\0';
	const char *ids[256];
	const struct person *who[256];
	size_t n = 0;
	for (const struct person *q = people; q && n < 256; q = q->next)
		if (q->id) {
			who[n] = q;
			ids[n++] = q->id;
		}
	const char *near = diag_nearest(word, ids, n);
	for (size_t i = 0; near && i < n; i++)
		if (ids[i] == near)
			return who[i];
	for (const struct person *q = people; q; q = q->next) {
		const char *nm = q->name ? q->name : "";
		for (const char *at = nm; *at; at++)
			if ((at == nm || at[-1] == ' ') &&
			    strncasecmp(at, word, len) == 0 &&
			    (at[len] == '\0' || at[len] == ' '))
				return q;
	}
	return NULL;
}

void check_person_refs(struct check *c, struct person_refs *refs,
                       const struct person *people,
                       const struct check_map *by_id, int allow_all,
                       struct arena *a, const char *what)
{
	if (refs->text == NULL)
		return;
	/* a person's name where the id belongs: one mistake, one message */
	for (const struct person *q = people; q; q = q->next)
		if (q->name && q->id && strchr(refs->text, ' ') &&
		    check_same_words(refs->text, q->name)) {
			CHECK_ERROR(c, &refs->loc, "person-reference",
			            "%s \"%s\" is a name; people are named here "
			            "by their ids: write \"%s\" (%s's id)", what,
			            refs->text, q->id, q->name);
			return;
		}
	/* ids separated by commas: say so once, with the list as it
	 * should be, when the ids themselves are known */
	if (strchr(refs->text, ',') != NULL) {
		char fixed[512];
		size_t k = 0;
		int known = 1;
		const char *t = refs->text;
		while (*t && k + 1 < sizeof fixed) {
			size_t l = strcspn(t, ", \t\n");
			if (l > 0) {
				if (check_map_get(by_id, t, l) == NULL &&
				    !(allow_all && l == 3 && strncmp(t, "all", 3) == 0))
					known = 0;
				if (k > 0 && k + 1 < sizeof fixed)
					fixed[k++] = ' ';
				if (k + l >= sizeof fixed)
					break;
				memcpy(fixed + k, t, l);
				k += l;
			}
			t += l;
			t += strspn(t, ", \t\n");
		}
		fixed[k] = '\0';
		if (known) {
			CHECK_ERROR(c, &refs->loc, "person-reference",
			            "%s \"%s\": ids are separated by spaces, not "
			            "commas; write \"%s\"", what, refs->text, fixed);
			return;
		}
	}
	size_t n = 0, len;
	for (const char *s = refs->text; check_next_word(&s, &len) != NULL;)
		n++;
	refs->people = arena_alloc(a, (n + 1) * sizeof *refs->people);
	if (refs->people == NULL) {
		c->oom = 1;
		return;
	}
	refs->n = 0;
	const char *w;
	for (const char *s = refs->text; (w = check_next_word(&s, &len));) {
		if (allow_all && len == 3 && strncmp(w, "all", 3) == 0) {
			refs->all = 1;
			continue;
		}
		struct person *p = check_map_get(by_id, w, len);
		const struct person *near = p ? NULL
		                              : check_person_near(people, w, len);
		if (near != NULL) {
			CHECK_ERROR(c, &refs->loc, "person-reference",
			            "%s \"%.*s\" is not in the register of "
			            "people; did you mean %s (%s)?", what, (int)len,
			            w, near->id, near->name ? near->name : near->id);
			continue;
		}
		if (p == NULL) {
			struct check_list list = {0};
			for (const struct person *q = people; q; q = q->next)
				check_list_add(&list, q->id);
			CHECK_ERROR(c, &refs->loc, "person-reference",
			            "%s \"%.*s\" is not in the register of "
			            "people; %s%s%s", what, (int)len, w,
			            people ? "known ids: " : "the document has "
			            "no register of people",
			            check_list_text(&list),
			            allow_all ? " (or \"all\")" : "");
			continue;
		}
		refs->people[refs->n++] = p;
	}
	if (n == 0)
		CHECK_ERROR(c, &refs->loc, "person-reference",
		            "%s is empty; name at least one person by id", what);
}

/* ---------------------------------------------------------------- */
/* running text                                                      */

static int check_inline_scan(struct check *c, pcre2_code *re,
                             const struct inline_node *n)
{
	for (; n != NULL; n = n->next)
		if ((n->kind == INLINE_TEXT && check_match(c, re, n->text)) ||
		    check_inline_scan(c, re, n->child))
			return 1;
	return 0;
}

int check_inline_matches(struct check *c, pcre2_code *re,
                         const struct inline_node *n)
{
	return check_inline_scan(c, re, n);
}

int check_blocks_match(struct check *c, pcre2_code *re, const struct block *b)
{
	for (; b != NULL; b = b->next)
		if (check_inline_scan(c, re, b->text) ||
		    check_blocks_match(c, re, b->child))
			return 1;
	return 0;
}

/* ---------------------------------------------------------------- */

static void check_fingerprint(struct document *doc)
{
	const struct source *srcs[2] = {doc->src, NULL};
	size_t n = 1;
	if (doc->kind == DOCUMENT_PLEDGE && doc->u.pledge.form != NULL)
		srcs[n++] = doc->u.pledge.form->src;
	source_fingerprint(srcs, n, doc->fingerprint);
}

/* A translation: every string has a key, given once, and its source. */
static void check_translation(struct check *c, struct document *doc)
{
	const struct translation *x = &doc->u.translation;
	check_id(c, x->of, &doc->loc, "translated document");
	struct check_map keys;
	check_map_init(&keys, doc->arena, &c->oom);
	for (struct translation_string *s = x->strings; s; s = s->next) {
		if (check_blank(s->key)) {
			CHECK_ERROR(c, &s->loc, "translation-key",
			            "this string has no key: say which string "
			            "it translates");
			continue;
		}
		struct translation_string *first =
		    check_map_add(&keys, s->key, strlen(s->key), s);
		if (first != NULL) {
			CHECK_ERROR(c, &s->loc, "duplicate-key",
			            "key \"%s\" is translated twice", s->key);
			CHECK_NOTE(c, &first->loc, "first here");
		}
		if (check_blank(s->source))
			CHECK_ERROR(c, &s->loc, "translation-source",
			            "string \"%s\" does not say what source text "
			            "it translates (source=\"...\")", s->key);
	}
}

/* A kept version of a form is the form exactly as pledges signed it: its
 * file is named after its version, which an edit would change. */
static void check_kept_form(struct check *c, struct document *doc)
{
	if (!doc->u.form.kept || doc->src == NULL)
		return;
	const char *base = strrchr(doc->src->path, '/');
	base = base ? base + 1 : doc->src->path;
	size_t n = strlen(doc->u.form.version);
	if (strncmp(base, doc->u.form.version, n) == 0 &&
	    strcmp(base + n, ".xml") == 0)
		return;
	CHECK_ERROR(c, &doc->loc, "form-version",
	            "this kept version of \"%s\" has been edited: its "
	            "version is now %s, not the one its file is named after; "
	            "a kept version is what pledges were signed on and is "
	            "never edited (restore it from version control)",
	            doc->id, doc->u.form.version);
}

void check_say_held(const struct document *doc, struct diag *d)
{
	for (const struct held_error *e = doc->held; e; e = e->next)
		diag_report(d, DIAG_ERROR, &e->loc, "schema", "%s", e->message);
}

/* The schema's held mistakes the checker did not say (hit[i] 0), in the
 * schema's words. */
static size_t check_unsaid_held(struct document **docs, size_t ndocs,
                                const unsigned char *hit, struct diag *d)
{
	size_t i = 0, said = 0;
	for (size_t k = 0; k < ndocs; k++)
		for (const struct held_error *e = docs[k]->held; e; e = e->next)
			if (!hit[i++]) {
				diag_report(d, DIAG_ERROR, &e->loc, "schema", "%s",
				            e->message);
				said++;
			}
	return said;
}

/* The ids of every part checked so far, each with where it was first
 * given (copied: the document may be gone by the next part). */
struct check_seen {
	struct arena *a;
	struct check_map ids;
	int oom;
	int closed;              /* every id seen: later parts only look */
	struct check_patterns re;
};

struct check_seen *check_seen_new(void)
{
	struct check_seen *s = calloc(1, sizeof *s);
	if (s == NULL)
		return NULL;
	s->a = arena_new();
	if (s->a == NULL) {
		free(s);
		return NULL;
	}
	check_map_init(&s->ids, s->a, &s->oom);
	return s;
}

static void check_patterns_free(struct check_patterns *re)
{
	pcre2_code_free(re->id);
	pcre2_code_free(re->lang);
	pcre2_code_free(re->email);
	pcre2_code_free(re->phone);
	pcre2_code_free(re->complete);
	pcre2_match_data_free(re->md);
	memset(re, 0, sizeof *re);
}

/* 0 when all are compiled (or were already). */
static int check_patterns_make(struct check_patterns *re)
{
	if (re->md != NULL)
		return 0;
	re->id = check_compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
	re->lang = check_compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$");
	re->email = check_compile(
	    "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
	    "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
	    "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
	re->phone = check_compile(
	    "^(?:\\+44 ?(?:\\(0\\) ?)?|0)(?:[0-9][ -]?){8,9}[0-9]$");
	re->complete = check_compile("\\bCOMPLETE\\b");
	re->md = pcre2_match_data_create(4, NULL);
	if (!re->id || !re->lang || !re->email || !re->phone ||
	    !re->complete || !re->md) {
		check_patterns_free(re);
		return -1;
	}
	return 0;
}

void check_seen_close(struct check_seen *s)
{
	s->closed = 1;
}

void check_seen_free(struct check_seen *s)
{
	if (s == NULL)
		return;
	check_patterns_free(&s->re);
	arena_free(s->a);
	free(s);
}

/* doc's id into seen; the first with that id, when it is not the first
 * (NULL when it is, or memory ran out: then *oom). */
static const struct loc *check_seen_add(struct check_seen *s,
                                        const struct document *doc,
                                        int *oom)
{
	size_t len = strlen(doc->id);
	const struct loc *first = check_map_get(&s->ids, doc->id, len);
	if (first != NULL)
		return first;
	char *key = arena_strndup(s->a, doc->id, len);
	struct loc *l = arena_alloc(s->a, sizeof *l);
	char *file = doc->loc.file ? arena_strdup(s->a, doc->loc.file) : NULL;
	if (key == NULL || l == NULL || (doc->loc.file && file == NULL)) {
		*oom = 1;
		return NULL;
	}
	*l = doc->loc;
	l->file = file;
	l->src = NULL;
	check_map_add(&s->ids, key, len, l);
	if (s->oom)
		*oom = 1;
	return NULL;
}

int check_documents(struct document **docs, size_t ndocs,
                    const struct check_options *opts, struct diag *d)
{
	return check_documents_part(docs, ndocs, NULL, 0, NULL, opts, d);
}

int check_documents_part(struct document **docs, size_t ndocs,
                         struct document *const *refs, size_t nrefs,
                         struct check_seen *seen,
                         const struct check_options *opts, struct diag *d)
{
	static const struct check_options defaults;
	struct check c = {0};
	/* what references resolve against: the documents checked before
	 * and this part's */
	struct document **all = docs;
	if (nrefs > 0) {
		all = malloc((nrefs + ndocs) * sizeof *all);
		if (all == NULL) {
			diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
			            "out of memory while checking");
			return 1;
		}
		memcpy(all, refs, nrefs * sizeof *all);
		memcpy(all + nrefs, docs, ndocs * sizeof *all);
	}
	/* the schema's held mistakes: the checker says them better */
	size_t nheld = 0;
	for (size_t k = 0; k < ndocs; k++)
		for (const struct held_error *e = docs[k]->held; e; e = e->next)
			nheld++;
	const struct loc **held = nheld ? malloc(nheld * sizeof *held) : NULL;
	unsigned char *hit = nheld ? calloc(nheld, 1) : NULL;
	if (nheld > 0 && (held == NULL || hit == NULL)) {
		free(held);
		free(hit);
		if (all != docs)
			free(all);
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while checking");
		return 1;
	}
	nheld = 0;
	for (size_t k = 0; k < ndocs; k++)
		for (const struct held_error *e = docs[k]->held; e; e = e->next)
			held[nheld++] = &e->loc;
	diag_watch(d, held, nheld, hit);
	c.diag = d;
	c.docs = all;
	c.ndocs = nrefs + ndocs;
	c.opts = opts ? opts : &defaults;
	struct check_patterns own = {0};
	struct check_patterns *re = seen ? &seen->re : &own;
	c.re = re;
	if (check_patterns_make(re) != 0) {
		diag_report(d, DIAG_ERROR, NULL, "internal",
		            "could not prepare the checker's patterns");
		c.errors++;
		goto done;
	}

	/* ids seen, for the second of one id: a map, as a batch may be ten
	 * thousand pledges */
	struct arena *ids_arena = arena_new();
	struct check_map ids;
	check_map_init(&ids, ids_arena, &c.oom);
	if (ids_arena == NULL)
		c.oom = 1;
	for (size_t i = 0; i < ndocs; i++) {
		struct document *doc = docs[i];
		check_id(&c, doc->id, &doc->loc, "document");
		if (doc->lang == NULL || !check_match(&c, c.re->lang, doc->lang))
			CHECK_ERROR(&c, &doc->lang_loc, "lang",
			            "xml:lang=\"%s\" is not a language tag; use "
			            "a code such as en, ro, sk or bg",
			            doc->lang ? doc->lang : "");
		/* a form's kept versions share its id */
		int kept = doc->kind == DOCUMENT_PLEDGE_FORM &&
		           doc->u.form.kept;
		const struct loc *first = NULL;
		if (!kept && doc->id && seen != NULL) {
			if (!seen->closed)
				first = check_seen_add(seen, doc, &c.oom);
		} else if (!kept && doc->id && ids_arena) {
			struct document *f = check_map_add(
			    &ids, doc->id, strlen(doc->id), doc);
			first = f ? &f->loc : NULL;
		}
		if (first != NULL) {
			CHECK_ERROR(&c, &doc->loc, "duplicate-document",
			            "another document already has id \"%s\"",
			            doc->id);
			CHECK_NOTE(&c, first, "it is here");
		}
		/* both would be written as ID.LANG: the last would win */
		for (size_t j = 0; doc->kind == DOCUMENT_TRANSLATION && j < i; j++)
			if (docs[j]->kind == DOCUMENT_TRANSLATION &&
			    doc->u.translation.of && docs[j]->u.translation.of &&
			    doc->lang && docs[j]->lang &&
			    strcmp(doc->u.translation.of,
			           docs[j]->u.translation.of) == 0 &&
			    strcmp(doc->lang, docs[j]->lang) == 0) {
				CHECK_ERROR(&c, &doc->loc, "duplicate-translation",
				            "a second translation of \"%s\" into "
				            "%s; keep one of the two (both would be "
				            "written as %s.%s)",
				            doc->u.translation.of, doc->lang,
				            doc->u.translation.of, doc->lang);
				CHECK_NOTE(&c, &docs[j]->loc,
				           "the first is here");
				break;
			}
	}
	arena_free(ids_arena);
	/* Forms first: pledges and guidance link against them. */
	for (size_t i = 0; i < ndocs; i++)
		if (docs[i]->kind == DOCUMENT_PLEDGE_FORM) {
			c.arena = docs[i]->arena;
			check_form(&c, docs[i]);
			check_kept_form(&c, docs[i]);
		}
	for (size_t i = 0; i < ndocs; i++) {
		c.arena = docs[i]->arena;
		switch (docs[i]->kind) {
		case DOCUMENT_PLEDGE_FORM: break;
		case DOCUMENT_PLEDGE: check_pledge(&c, docs[i]); break;
		case DOCUMENT_GUIDANCE: check_guidance(&c, docs[i]); break;
		case DOCUMENT_ACTION_PLAN: check_plan(&c, docs[i]); break;
		case DOCUMENT_MINUTES: check_minutes(&c, docs[i]); break;
		case DOCUMENT_TRANSLATION:
			check_translation(&c, docs[i]);
			break;
		case DOCUMENT_SIGNATORIES:
		case DOCUMENT_PROGRESS: break;   /* made from checked ones */
		}
	}
	for (size_t i = 0; i < ndocs; i++)
		check_fingerprint(docs[i]);
	if (c.oom) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory while checking");
		c.errors++;
	}
done:
	diag_watch(d, NULL, 0, NULL);
	if (nheld > 0)
		c.errors += (int)check_unsaid_held(docs, ndocs, hit, d);
	free(held);
	free(hit);
	check_patterns_free(&own);
	if (all != docs)
		free(all);
	return c.errors ? -1 : 0;
}
