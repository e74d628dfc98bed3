/* model.h - the typed document model every stage shares. The parser
 * builds it from XML; the checker resolves references and fills in
 * defaults; layout and the backends only read it. Every node records where
 * it came from, so any stage can point at the source. */
#ifndef MISHTO_MODEL_H
#define MISHTO_MODEL_H

#include <stddef.h>

#include "diag.h"

struct arena;
struct source;

/* A calendar date; valid is set by the checker once the text parsed. */
struct mdate {
	const char *text;          /* as written in the source */
	struct loc loc;
	int y, m, d;
	int valid;
};

/* ---- inline content (mixed text) ---- */
enum inline_kind { INLINE_TEXT, INLINE_EM, INLINE_STRONG, INLINE_LINK };

struct inline_node {
	enum inline_kind kind;
	struct loc loc;
	const char *text;          /* INLINE_TEXT: whitespace already folded */
	const char *href;          /* INLINE_LINK */
	struct inline_node *child; /* EM, STRONG, LINK */
	struct inline_node *next;
};

/* ---- blocks ---- */
enum block_kind { BLOCK_P, BLOCK_UL, BLOCK_OL, BLOCK_LI, BLOCK_SECTION };

struct block {
	enum block_kind kind;
	struct loc loc;
	const char *id;            /* SECTION, optional */
	const char *title;         /* SECTION */
	struct inline_node *text;  /* P, LI */
	struct block *child;       /* UL, OL, SECTION */
	int number;                /* top-level SECTION: 1, 2, ... (check) */
	struct block *next;
};

/* ---- pledge form ---- */
struct action_point;

struct pledge_step {
	struct loc loc;
	const char *id;
	const char *name;          /* "action-point/step", set by the parser */
	struct inline_node *text;  /* after check: also for same-as steps */
	const char *same_as;       /* reuse another step's text */
	struct loc same_as_loc;
	struct action_point *action_point;
	size_t ordinal;            /* 0..n-1 across the form, set by check */
	struct pledge_step *next;
};

struct action_point {
	struct loc loc;
	const char *id;
	const char *title;
	struct pledge_step *steps;
	size_t nsteps;
	struct pledge_group *group;
	struct action_point *next;
};

struct pledge_group {
	struct loc loc;
	const char *id;
	const char *title;
	struct action_point *action_points;
	struct pledge_group *next;
};

struct support_option {
	struct loc loc;
	const char *id;
	struct inline_node *text;
	size_t ordinal;
	struct support_option *next;
};

/* Field labels printed by the backends; check fills English defaults. */
struct pledge_labels {
	const char *action_point, *steps, *tick, *deadline;
	const char *name, *role, *email, *phone;
	const char *signed_for, *signature, *date, *signed_on;
	const char *committed, *not_committed;
	const char *page;          /* "Page %d of %d" pattern words */
	const char *of;
	const char *fingerprint;
	const char *continued;
};

struct pledge_form {
	const char *title;
	const char *audience;
	struct block *intro;       /* sections before the actions */

	struct loc actions_loc;
	const char *actions_title;
	struct block *actions_intro;
	struct inline_node *instruction;
	struct pledge_group *groups;

	struct loc support_loc;
	const char *support_title;
	struct block *support_intro;
	struct support_option *options;
	int has_other;
	const char *other_label;

	struct loc monitoring_loc;
	const char *monitoring_title;
	struct block *monitoring;
	int has_report_due;
	const char *report_due_label;

	struct loc contact_loc;
	int has_contact;
	const char *contact_title;

	struct pledge_labels labels;
	size_t nsteps, noptions;   /* set by check */
	/* Section numbers the reader sees, set by check. */
	int actions_number, support_number, monitoring_number, contact_number;
};

/* ---- signed pledge ---- */
struct pledge_commit {
	struct loc loc;
	const char *step_ref;
	struct loc step_loc;
	struct mdate by;           /* by.text NULL when no deadline */
	struct pledge_step *step;  /* resolved by check */
	struct pledge_commit *next;
};

struct pledge_support {
	struct loc loc;
	const char *option_ref;
	struct loc option_loc;
	struct support_option *option;
	struct pledge_support *next;
};

struct pledge_contact {
	struct loc loc;
	const char *name, *role, *email, *phone;
	struct loc name_loc, role_loc, email_loc, phone_loc;
};

struct document;

struct pledge {
	const char *form_ref;
	struct loc form_loc;
	const char *authority;
	struct loc authority_loc;
	struct mdate signed_on;
	struct pledge_commit *commits;
	struct pledge_support *supports;
	const char *support_other;
	struct loc support_other_loc;
	struct mdate report_due;   /* text NULL when absent */
	int has_contact;
	struct pledge_contact contact;

	/* Set by check: the form, and per form step/option what was chosen. */
	struct document *form;
	struct pledge_commit **commit_for_step;   /* [form nsteps] */
	int *option_chosen;                        /* [form noptions] */
};

/* ---- documents ---- */
enum document_kind { DOCUMENT_PLEDGE_FORM, DOCUMENT_PLEDGE };

struct document {
	enum document_kind kind;
	struct loc loc;            /* the root element */
	const char *id;
	const char *lang;
	const struct source *src;
	struct arena *arena;       /* owns every node of this document */
	char fingerprint[20];      /* "sha256:" + 12 hex digits, set by check */
	union {
		struct pledge_form form;
		struct pledge pledge;
	} u;
};

const char *document_kind_name(enum document_kind kind);
/* The title a reader sees (form title; for a pledge, its form's title). */
const char *document_title(const struct document *doc);

/* "30/06/2027": UK numeric form, as printed on the paper form. */
void mdate_format(const struct mdate *d, char buf[11]);
/* Plain text of inline content (for metadata, bookmarks, messages). */
char *inline_plain_text(struct arena *a, const struct inline_node *n);

#endif
