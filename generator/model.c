/* model.c - small helpers over the document model. */
#include "model.h"
#include "arena.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *document_kind_name(enum document_kind kind)
{
	switch (kind) {
	case DOCUMENT_PLEDGE_FORM: return "pledge-form";
	case DOCUMENT_PLEDGE: return "pledge";
	case DOCUMENT_GUIDANCE: return "guidance";
	case DOCUMENT_ACTION_PLAN: return "action-plan";
	case DOCUMENT_MINUTES: return "minutes";
	case DOCUMENT_SIGNATORIES: return "signatories";
	case DOCUMENT_PROGRESS: return "progress";
	case DOCUMENT_TRANSLATION: return "translation";
	}
	return "document";
}

void document_free(struct document *doc)
{
	if (doc != NULL)
		arena_free(doc->arena);
}

const char *document_title(const struct document *doc)
{
	switch (doc->kind) {
	case DOCUMENT_PLEDGE_FORM: return doc->u.form.title;
	case DOCUMENT_PLEDGE:
		return doc->u.pledge.form ? doc->u.pledge.form->u.form.title
		                          : doc->id;
	case DOCUMENT_GUIDANCE: return doc->u.guidance.title;
	case DOCUMENT_ACTION_PLAN: return doc->u.plan.title;
	case DOCUMENT_MINUTES: return doc->u.minutes.title;
	case DOCUMENT_SIGNATORIES: return doc->u.signatories.title;
	case DOCUMENT_PROGRESS: return doc->u.progress.title;
	case DOCUMENT_TRANSLATION: return doc->id;
	}
	return doc->id;
}

long mdate_days(const struct mdate *d)
{
	/* days from civil (proleptic Gregorian), after H. Hinnant */
	int y = d->y - (d->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (d->m + (d->m > 2 ? -3 : 9)) + 2) / 5 + d->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static const char *const model_months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};

int mdate_month_named(const char *word, size_t len)
{
	for (int i = 0; i < 12; i++)
		if ((len == 3 || len == strlen(model_months[i])) &&
		    strncasecmp(word, model_months[i], len) == 0)
			return i + 1;
	return 0;
}

void mperiod_format_short(const struct mperiod *p, char *buf, size_t size)
{
	if (p->text != NULL && p->valid && p->kind == PERIOD_MONTH) {
		snprintf(buf, size, "%.3s %d",
		         model_months[(p->first.m - 1) % 12], p->first.y);
		return;
	}
	mperiod_format(p, buf, size);
}

void mperiod_format(const struct mperiod *p, char *buf, size_t size)
{
	static const char *const seasons[] = {"Spring", "Summer", "Autumn",
	                                      "Winter"};
	if (p->text == NULL) {
		snprintf(buf, size, "%s", "");
		return;
	}
	if (!p->valid) {
		snprintf(buf, size, "%s", p->text);
		return;
	}
	char date[11];
	switch (p->kind) {
	case PERIOD_DATE:
		mdate_format(&p->first, date);
		snprintf(buf, size, "%s", date);
		break;
	case PERIOD_MONTH:
		snprintf(buf, size, "%s %d", model_months[(p->first.m - 1) % 12],
		         p->first.y);
		break;
	case PERIOD_QUARTER:
		snprintf(buf, size, "Q%d %d", p->quarter, p->first.y);
		break;
	case PERIOD_SEASON:
		snprintf(buf, size, "%s %d", seasons[p->season % 4], p->first.y);
		break;
	case PERIOD_YEAR:
		snprintf(buf, size, "%d", p->first.y);
		break;
	case PERIOD_ONGOING:
		snprintf(buf, size, "%s", "Ongoing");
		break;
	case PERIOD_TBC:
		snprintf(buf, size, "%s", "TBC");
		break;
	case PERIOD_FYEAR:
		snprintf(buf, size, "%d/%02d", p->fyear, (p->fyear + 1) % 100);
		break;
	case PERIOD_FQUARTER:
		snprintf(buf, size, "Q%d %d/%02d", p->quarter, p->fyear,
		         (p->fyear + 1) % 100);
		break;
	case PERIOD_TEXT:
		snprintf(buf, size, "%s", p->text);
		break;
	}
}

void mdate_format_long(const struct mdate *d, char *buf, size_t size)
{
	static const char *const days[] = {"Thursday", "Friday", "Saturday",
	                                   "Sunday", "Monday", "Tuesday",
	                                   "Wednesday"};
	if (!d->valid) {
		snprintf(buf, size, "%s", d->text ? d->text : "");
		return;
	}
	long n = mdate_days(d);   /* 0 = Thursday 1 January 1970 */
	long w = ((n % 7) + 7) % 7;
	snprintf(buf, size, "%s %d %s %d", days[w], d->d,
	         model_months[(d->m - 1) % 12], d->y);
}

void mtime_format(const struct mtime *t, char buf[6])
{
	if (!t->valid) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, 6, "%02u:%02u", (unsigned)t->h % 100u,
	         (unsigned)t->m % 100u);
}

const char *action_status_name(enum action_status s)
{
	switch (s) {
	case STATUS_NONE: return NULL;
	case STATUS_NOT_STARTED: return "Not started";
	case STATUS_IN_PROGRESS: return "In progress";
	case STATUS_COMPLETE: return "Complete";
	case STATUS_BLOCKED: return "Blocked";
	}
	return NULL;
}

const char *rag_name(enum rag r)
{
	switch (r) {
	case RAG_NONE: return NULL;
	case RAG_RED: return "Red";
	case RAG_AMBER: return "Amber";
	case RAG_GREEN: return "Green";
	}
	return NULL;
}

const char *priority_name(enum priority p)
{
	switch (p) {
	case PRIORITY_NONE: return NULL;
	case PRIORITY_IMMEDIATE: return "Immediate";
	case PRIORITY_HIGH: return "High";
	case PRIORITY_MEDIUM: return "Medium";
	case PRIORITY_LOW: return "Low";
	}
	return NULL;
}

int pledge_step_was(const struct pledge_step *s, const char *id)
{
	size_t len = id ? strlen(id) : 0;
	for (const char *w = s->formerly; w && id && *w;) {
		while (*w == ' ')
			w++;
		size_t n = strcspn(w, " ");
		if (n > 0 && n == len && strncmp(w, id, n) == 0)
			return 1;
		w += n;
	}
	return 0;
}

const char *person_display(const struct person *p)
{
	if (p->name && p->name[0])
		return p->name;
	if (p->role && p->role[0])
		return p->role;
	if (p->organisation && p->organisation[0])
		return p->organisation;
	return p->id;
}

void mdate_format(const struct mdate *d, char buf[11])
{
	if (!d->valid) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, 11, "%02u/%02u/%04u", (unsigned)d->d % 100u,
	         (unsigned)d->m % 100u, (unsigned)d->y % 10000u);
}

static void inline_plain_append(const struct inline_node *n, char *buf,
                                size_t *len, int write)
{
	for (; n != NULL; n = n->next) {
		if (n->kind == INLINE_TEXT) {
			size_t l = strlen(n->text);
			if (write)
				memcpy(buf + *len, n->text, l);
			*len += l;
		} else {
			inline_plain_append(n->child, buf, len, write);
		}
	}
}

char *inline_plain_text(struct arena *a, const struct inline_node *n)
{
	size_t len = 0;
	inline_plain_append(n, NULL, &len, 0);
	char *buf = arena_alloc(a, len + 1);
	if (buf == NULL)
		return NULL;
	len = 0;
	inline_plain_append(n, buf, &len, 1);
	buf[len] = '\0';
	return buf;
}
