/* model.c - small helpers over the document model. */
#include "model.h"
#include "arena.h"

#include <stdio.h>
#include <string.h>

const char *document_kind_name(enum document_kind kind)
{
	switch (kind) {
	case DOCUMENT_PLEDGE_FORM: return "pledge-form";
	case DOCUMENT_PLEDGE: return "pledge";
	}
	return "document";
}

const char *document_title(const struct document *doc)
{
	if (doc->kind == DOCUMENT_PLEDGE_FORM)
		return doc->u.form.title;
	if (doc->u.pledge.form != NULL)
		return doc->u.pledge.form->u.form.title;
	return doc->id;
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
