/* model.h - the typed document model every stage shares. The parser
 * builds it from XML; the checker resolves references and fills in
 * defaults; lowering (lower.h) reads it into the presentation tree that
 * the passes and writers work on, and nothing changes it after check.
 * Every node records where it came from, so any stage can point at the
 * source. */
#ifndef MISHTO_MODEL_H
#define MISHTO_MODEL_H

#include <stddef.h>

#include "diag.h"

struct arena;
struct source;
struct check_map;

/* A calendar date; valid is set by the checker once the text parsed. */
struct mdate {
	const char *text;          /* as written in the source */
	struct loc loc;
	int y, m, d;
	int valid;
};

/* ---- inline content (mixed text) ---- */
/* SPAN: its children as they are (a link the public edition unlinked, or
 * text a translated edition leaves in its source language, with lang) */
enum inline_kind { INLINE_TEXT, INLINE_EM, INLINE_STRONG, INLINE_LINK,
                   INLINE_SPAN };

struct inline_node {
	enum inline_kind kind;
	struct loc loc;
	const char *text;          /* INLINE_TEXT: whitespace already folded */
	const char *href;          /* INLINE_LINK */
	const char *lang;          /* INLINE_SPAN: its language, if marked */
	struct inline_node *child; /* EM, STRONG, LINK */
	struct inline_node *next;
};

/* ---- blocks ---- */
/* P and LI hold text and, after it, nested lists in child (running text
 * that ends in a list: list items, action texts, updates). VALUES holds
 * VALUE items: a list of values printed with ticks. */
enum block_kind { BLOCK_P, BLOCK_UL, BLOCK_OL, BLOCK_LI, BLOCK_SECTION,
                  BLOCK_VALUES, BLOCK_VALUE };

struct block {
	enum block_kind kind;
	struct loc loc;
	const char *id;            /* SECTION, optional */
	const char *title;         /* SECTION */
	struct inline_node *text;  /* P, LI, VALUE */
	struct block *child;       /* UL, OL, SECTION, VALUES; lists in P, LI */
	int number;                /* top-level SECTION: 1, 2, ... (check) */
	struct block *next;
};

/* PERIOD_FYEAR: a UK financial year, 1 April to 31 March ("2017/18");
 * PERIOD_FQUARTER: a quarter of one, from April ("Q1 2017/18" is April to
 * June 2017); PERIOD_TEXT: words that say when but name no span ("from
 * summer 2020 onwards", "end of the year"): printed as written, never
 * counted overdue. */
enum period_kind { PERIOD_DATE, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_SEASON,
                   PERIOD_YEAR, PERIOD_ONGOING, PERIOD_TBC, PERIOD_FYEAR,
                   PERIOD_FQUARTER, PERIOD_TEXT };

struct mperiod {
	const char *text;          /* NULL when absent */
	struct loc loc;
	enum period_kind kind;
	int valid;                 /* set by check */
	struct mdate first, last;  /* DATE..YEAR: the days it spans */
	int quarter, season;       /* 1-4; season 0 spring .. 3 winter */
	int fyear;                 /* FYEAR, FQUARTER: the year it starts */
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
	const char *formerly;      /* ids it had before, space-separated */
	struct pledge_step *original;   /* the step same_as names (check) */
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

struct pledge_form {
	/* Its version: 12 hex digits of the SHA-256 of its canonical XML
	 * (comments, white space and attribute order ignored), set by the
	 * parser. A signed pledge names the version it was signed on. */
	char version[13];
	/* A version kept for the pledges signed on it (form-versions/ID/
	 * VERSION.xml), not the form as it is now: never an output. */
	int kept;
	/* Versions of it are kept (a form-versions/ID folder beside it):
	 * every pledge should then say which it was signed on. */
	int has_kept;
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

	size_t nsteps, noptions;   /* set by check */
	/* Indexes by id, built by check (action points, "ap/step" names,
	 * support options) so references resolve in constant time. */
	struct check_map *by_action_point, *by_step, *by_option;
	/* Section numbers the reader sees, set by check. */
	int actions_number, support_number, monitoring_number, contact_number;
};

/* ---- signed pledge ---- */
struct pledge_commit {
	struct loc loc;
	const char *step_ref;
	struct loc step_loc;
	struct mperiod by;         /* by.text NULL when no deadline: a date,
	                              or any period a plan's dates may be */
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
	const char *form_version;  /* NULL: not said (signed on the form as
	                              it is now) */
	struct loc form_version_loc;
	int incomplete;            /* status="incomplete" */
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

/* ---- people ---- */
struct person {
	struct loc loc;
	const char *id, *name, *role, *organisation, *email, *phone;
	struct loc email_loc, phone_loc;
	struct person *next;
};

/* A list of person ids as written ("LA LV"), resolved by check. */
struct person_refs {
	const char *text;
	struct loc loc;
	struct person **people;
	size_t n;
	int all;                   /* the word "all" */
};

/* ---- periods: when something is due ---- */

/* ---- guidance ---- */
struct guidance_row {
	struct loc loc;
	const char *action_point_ref;
	struct loc ref_loc;
	struct action_point *action_point;     /* resolved by check */
	struct block *actions, *resources;
	struct guidance_row *next;
};

struct guidance {
	const char *form_ref;
	struct loc form_loc;
	const char *groups;        /* group ids covered, NULL = all */
	struct loc groups_loc;
	const char *title, *subtitle;
	struct block *intro, *outro;
	const char *table_title;
	struct loc table_loc;
	struct guidance_row *rows;
	struct document *form;     /* resolved by check */
};

/* ---- action plans ---- */
enum action_status { STATUS_NONE, STATUS_NOT_STARTED, STATUS_IN_PROGRESS,
                     STATUS_COMPLETE, STATUS_BLOCKED };
enum rag { RAG_NONE, RAG_RED, RAG_AMBER, RAG_GREEN };
enum priority { PRIORITY_NONE, PRIORITY_IMMEDIATE, PRIORITY_HIGH,
                PRIORITY_MEDIUM, PRIORITY_LOW };

/* A value from a closed list, as written and as understood by check. */
struct mword {
	const char *text;
	struct loc loc;
};

struct plan_objective {
	struct loc loc;
	struct inline_node *text;
	struct plan_objective *next;
};

struct plan_milestone {
	struct loc loc;
	struct mperiod due;
	struct mword status_word;
	enum action_status status;
	struct inline_node *text;
	int overdue;               /* set by check when --as-of is given */
	struct plan_milestone *next;
};

struct plan_update {
	struct loc loc;
	struct mperiod date;
	struct mword rag_word;
	enum rag rag;
	struct block *text;        /* a P, possibly with lists */
	struct plan_update *next;
};

struct plan_note {
	struct loc loc;
	struct inline_node *text;
	struct plan_note *next;
};

struct plan_action {
	struct loc loc;
	const char *ref, *id;
	struct person_refs leads;
	struct mword status_word, rag_word, priority_word;
	enum action_status status;
	enum rag rag;
	enum priority priority;
	struct mperiod due;
	struct block *text;        /* a P, possibly with lists */
	struct inline_node *measure;
	struct plan_milestone *milestones;
	struct plan_update *updates;
	struct plan_note *notes;
	struct plan_action *children;
	struct plan_action *next;
	int depth;                 /* 0 = headline action (check) */
	int overdue;               /* set by check when --as-of is given */
};

/* Actions of a goal, under a service area's title (NULL: directly in the
 * goal). */
struct plan_area {
	struct loc loc;
	const char *title;
	struct plan_objective *objectives;
	struct plan_action *actions;
	struct plan_area *next;
};

struct plan_goal {
	struct loc loc;
	const char *ref, *id, *title;
	const char *label;         /* printed before the title ("Priority 1") */
	struct plan_objective *objectives;
	struct plan_area *areas;
	struct plan_goal *next;
};

struct plan_reading {
	struct loc loc;
	struct mperiod period;
	struct mword rag_word;
	enum rag rag;
	const char *value;
	struct plan_reading *next;
};

struct plan_kpi {
	struct loc loc;
	const char *id, *title, *baseline, *target;
	struct person_refs leads;
	struct plan_reading *readings;
	struct plan_kpi *next;
};

struct action_plan {
	const char *title, *subtitle;
	struct block *intro, *outro;
	struct person *people;
	struct plan_goal *goals;
	const char *kpis_title;
	struct loc kpis_loc;
	struct plan_kpi *kpis;
	struct mdate as_of;        /* valid when --as-of was given */
};

/* ---- minutes ---- */
struct mtime {
	const char *text;          /* NULL when absent */
	struct loc loc;
	int h, m;
	int valid;
};

struct meeting {
	struct loc loc;
	struct mdate date;
	struct mtime start, end;
	const char *location;
};

struct minutes_action {
	struct loc loc;
	struct person_refs owners;
	struct mperiod due;
	struct block *text;        /* a P, possibly with lists */
	struct minutes_action *next;
};

struct minutes_item {
	struct loc loc;
	const char *title;
	struct block *agenda, *discussion;
	struct minutes_action *actions;
	struct minutes_item *next;
};

struct minutes {
	const char *title, *subtitle;
	struct meeting meeting;
	struct person *attendees, *apologies;
	struct block *intro, *outro;
	struct minutes_item *items;
	int has_next;
	struct meeting next_meeting;
};

/* ---- the signatories register: made by report.c from checked pledges
 * of one form, not parsed ---- */
struct signatory {
	const struct document *pledge;
	int report_overdue;        /* its report is due before as_of */
	/* Its commitments by step of the register's form (by the step's
	 * ordinal): a pledge signed on an earlier version of the form is
	 * matched by step name, or a name the step had before. */
	const struct pledge_commit **commits;
	size_t gone;               /* commitments to steps the form no
	                              longer has */
};

/* How many signatories committed to one step of the form. */
struct step_tally {
	const struct action_point *action_point;
	const struct pledge_step *step;
	size_t count;
};

struct signatories {
	const struct document *form;
	struct signatory *v;       /* by authority, then signing date */
	size_t n;
	struct step_tally *tally;  /* every step of the form, in its order */
	size_t ntally;
	size_t max_count;          /* the longest bar */
	size_t noverdue;
	struct mdate as_of;        /* valid when --as-of was given */
	const char *title, *subtitle;
};

/* ---- translation: the strings of another document in one language ---- */
struct translation_string {
	struct loc loc;
	const char *key;
	const char *source;        /* the source text it was made from */
	struct inline_node *text;  /* the translation */
	int used;                  /* set by translate.c */
	struct translation_string *next;
};

struct translation {
	const char *of;            /* the id of the document translated */
	int sample;                /* a sample, not a translation to use */
	struct translation_string *strings;
	size_t nstrings;
	int reported;              /* its warnings are said once a run */
};

/* ---- a plan's progress report: made by report.c from a checked plan
 * (and, to say what changed, an earlier version of it) ---- */
#define PROGRESS_NSTATUS 5         /* enum action_status */
#define PROGRESS_NRAG 4            /* enum rag */

struct progress_count {
	const struct plan_goal *goal;   /* NULL: the whole plan */
	const char *name;               /* its title, else its ref or id */
	size_t actions;                 /* every action, sub-actions too */
	size_t status[PROGRESS_NSTATUS];
	size_t rag[PROGRESS_NRAG];
};

enum progress_change_kind { CHANGE_NEW_ACTION, CHANGE_STATUS,
                            CHANGE_NEW_UPDATE, CHANGE_NEW_OVERDUE,
                            CHANGE_RAG, CHANGE_MILESTONE_DONE };

struct progress_change {
	enum progress_change_kind kind;
	const struct plan_action *action;    /* in the later version */
	const char *ref;                     /* its reference, as printed */
	enum action_status from;             /* STATUS */
	enum rag rag_from;                   /* RAG */
	const struct plan_update *update;    /* NEW_UPDATE */
	const struct plan_milestone *milestone;   /* MILESTONE_DONE */
};

/* An action (or, in the overdue list, one of its milestones) with where
 * it is: its goal and its reference. */
struct progress_item {
	const struct plan_action *action;
	const struct plan_goal *goal;
	const char *ref;                     /* as printed: "1.2 A", "#3" */
	const char *key;                     /* what matches it across
	                                        versions: its id, else its
	                                        goal, area and ref */
	const struct plan_milestone *milestone;   /* overdue list only */
};

struct progress {
	const struct document *plan, *before;   /* before: may be NULL */
	struct progress_count *goals;           /* per goal, in order */
	size_t ngoals;
	struct progress_count total;
	struct progress_item *items;            /* every action, in order */
	size_t nitems;
	struct progress_item *overdue;          /* with --as-of */
	size_t noverdue;
	struct progress_change *changes;
	size_t nchanges;
	struct mdate as_of;
	const char *title, *subtitle;
};

/* ---- documents ---- */
enum document_kind { DOCUMENT_PLEDGE_FORM, DOCUMENT_PLEDGE, DOCUMENT_GUIDANCE,
                     DOCUMENT_ACTION_PLAN, DOCUMENT_MINUTES,
                     DOCUMENT_SIGNATORIES, DOCUMENT_PROGRESS,
                     DOCUMENT_TRANSLATION };

/* A mistake the schema found in a value (a word not in its list, a date
 * not written YYYY-MM-DD), held for the checker, which says such
 * mistakes better (the word meant, the date rewritten); the checker
 * says the schema's words for any it does not say itself. */
struct held_error {
	struct loc loc;
	const char *message;
	struct held_error *next;
};

struct document {
	enum document_kind kind;
	struct loc loc;            /* the root element */
	const char *id;
	const char *lang;
	struct loc lang_loc;       /* its value's */
	const struct source *src;
	struct arena *arena;       /* owns every node of this document */
	char fingerprint[20];      /* "sha256:" + 12 hex digits, set by check */
	struct held_error *held;   /* the schema's, for the checker */
	union {
		struct pledge_form form;
		struct pledge pledge;
		struct guidance guidance;
		struct action_plan plan;
		struct minutes minutes;
		struct signatories signatories;
		struct progress progress;
		struct translation translation;
	} u;
};

const char *document_kind_name(enum document_kind kind);
/* Frees a document and every node of it (its arena). */
void document_free(struct document *doc);
/* The title a reader sees (form title; for a pledge, its form's title). */
const char *document_title(const struct document *doc);

/* "30/06/2027": UK numeric form, as printed on the paper form. */
void mdate_format(const struct mdate *d, char buf[11]);
/* Days since 1970-01-01 (negative before). */
long mdate_days(const struct mdate *d);
/* The month a word of len letters names ("March", "mar"): 1..12, or 0. */
int mdate_month_named(const char *word, size_t len);
/* "Wednesday 23 October 2024" */
void mdate_format_long(const struct mdate *d, char *buf, size_t size);
/* "July 2020", "Q2 2021", "Spring 2021", "Ongoing", "30/06/2021" ... */
void mperiod_format(const struct mperiod *p, char *buf, size_t size);
/* The same with months shortened: "Jul 2020" (narrow table columns). */
void mperiod_format_short(const struct mperiod *p, char *buf, size_t size);
/* "11:00" */
void mtime_format(const struct mtime *t, char buf[6]);
const char *action_status_name(enum action_status s);   /* "In progress" */
const char *rag_name(enum rag r);                        /* "Amber" */
const char *priority_name(enum priority p);             /* "Immediate" */
/* How a person is named in print: their name, else their role (a team),
 * else their organisation; their id only when the register gives none of
 * these. */
const char *person_display(const struct person *p);
/* Whether id is among the ids a step had before (formerly="a b"). */
int pledge_step_was(const struct pledge_step *s, const char *id);
/* Plain text of inline content (for metadata, bookmarks, messages). */
char *inline_plain_text(struct arena *a, const struct inline_node *n);

#endif
