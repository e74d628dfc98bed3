/* ptree.h - the presentation tree: one checked document as a small tree of
 * structural roles, the one shape every output is made from (as cmark
 * renders one node tree to every format). Per kind, lower.c turns the
 * checked, immutable model into this tree once; passes then work on the
 * tree alone (rules.c: links and personal data; translate.c: another
 * language; rules.c again: the public edition), and the writers walk it
 * (layout.c for the PDF and the layout dump, html.c, csv.c). Nothing here
 * knows a kind of document, XML or PDF.
 *
 * Every node keeps where its content came from (file, line, column), the
 * language it is in when that is not the document's, and the key a
 * translation gives its words under. Every word that reaches an output is
 * in a PT_TEXT node (or a link's address), so a pass over text nodes sees
 * every text slot: titles, labels, running headers, metadata and all. */
#ifndef MISHTO_PTREE_H
#define MISHTO_PTREE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

struct arena;
struct inline_node;

enum pt_type {
	/* ---- blocks ---- */
	PT_DOCUMENT,   /* the root: PT_META slots, then the body's blocks */
	PT_META,       /* one of the document's own text slots (meta) */
	PT_HEADER,     /* the title block: heading, subtitle, band */
	PT_SECTION,    /* a section: its PT_HEADING (if any), then blocks */
	PT_HEADING,    /* level 1 (the title) .. 3 */
	PT_PARAGRAPH,  /* inline content, then any lists that end it */
	PT_LIST,       /* items, marked as style says */
	PT_ITEM,       /* inline content, then blocks */
	PT_GROUP,      /* blocks that belong together (an update) */
	PT_TABLE,      /* a PT_ROW of column heads, then PT_ROW_GROUPs */
	PT_ROW_GROUP,  /* rows read together (a group's action points) */
	PT_ROW,        /* cells; a band row has one cell across the table */
	PT_CELL,       /* blocks or inline content */
	PT_FIELDS,     /* labelled fields, as a form prints them */
	PT_FIELD,      /* a PT_TERM and its PT_VALUE */
	PT_TERM,       /* a field's label (inline) */
	PT_VALUE,      /* a field's value (inline); empty: a line to write on */
	PT_CHART,      /* a bar chart: PT_BARs, its key, its text alternative */
	PT_BAR,        /* one bar: a PT_TERM (its name), values in the node */
	PT_DATA,       /* rows for machines (CSV): PT_ROWs of PT_CELLs */
	/* ---- inline ---- */
	PT_TEXT,       /* words: text */
	PT_EMPH,
	PT_STRONG,
	PT_LINK,       /* href; its words are its children */
	PT_SPAN,       /* its children, in lang when set, with a role */
	PT_TIME,       /* a date or time: datetime; its words are children */
	PT_CODE,       /* a fingerprint, an id */
	PT_TICK,       /* a tick box; its children say what it means */
	PT_LABEL,      /* a coloured label that also carries its word */
	PT_BREAK,      /* a line break between items of a cell */
	PT_ENTRY       /* a place to write words: a form's text field of
	                  `lines` lines (input names it) */
} __attribute__((packed));   /* a byte in a node */

/* What a node is for, beyond its type: the HTML class it carries and the
 * face, colour and spacing layout gives it. */
enum pt_role {
	PR_NONE,
	/* PT_META slots */
	PR_META_TITLE,       /* the title a window, a tab, a PDF shows */
	PR_META_SUBJECT,     /* PDF subject */
	PR_META_HEAD_LEFT,   /* the running header's two parts */
	PR_META_HEAD_RIGHT,
	PR_META_FOOTER,      /* "Source sha256:..." */
	PR_META_PAGE,        /* the words of "Page 1 of 5": two PT_TEXTs */
	PR_META_FORM,        /* a form to fill in on screen: PT_CODEs of
	                        its id, its version, its language; what it
	                        saves is the layout's form script's to say */
	/* paragraphs */
	PR_AUDIENCE,         /* a title block's subtitle */
	PR_BAND,             /* a title block's band: STRONG head, then text */
	PR_INSTRUCTION,      /* bold */
	PR_OBJECTIVE,        /* italic */
	PR_NOTE,             /* italic, internal */
	PR_LEAD,             /* bold: a headline action */
	PR_ITEM_TITLE,       /* bold: an agenda item's title */
	PR_CAPTION,          /* bold, muted: "Milestones" */
	PR_OWNER,            /* bold, accent: who does a minutes action */
	PR_DUE,              /* italic: "Due ..." */
	PR_MUTED,            /* italic, muted: "No update yet." */
	PR_TOTAL,            /* a total: a table's last row, a chart's bar */
	PR_FACTS,            /* an action's due date and lead, set at the
	                        end of its words' last line when there is
	                        room, else on a line of their own, right */
	/* spans and labels */
	PR_REF,              /* an action's reference, hung left of it */
	PR_HIDDEN,           /* words for screen readers only */
	PR_RED, PR_AMBER, PR_GREEN, PR_NEUTRAL, PR_PROGRESS   /* labels */
} __attribute__((packed));

/* What a text field holds, for the keyboard and the browser's checks. */
enum pt_input { PI_TEXT, PI_DATE, PI_EMAIL, PI_PHONE, PI_PERSON,
                PI_ROLE, PI_ORGANISATION };

enum pt_list_style {
	PL_BULLET, PL_NUMBER,
	PL_VALUES,           /* a ticked list of values */
	PL_CHECKLIST,        /* tick boxes to tick (the support options) */
	PL_PLAIN             /* no marker (milestones, readings, actions) */
};

enum pt_keep {
	PK_LINES,            /* a heading keeps three lines with it */
	PK_TO_TABLE,         /* ... everything up to its table's first row */
	PK_WHOLE             /* ... the whole section (a signing block) */
};

/* PS_ROWGROUP: the head of the rows of its row group (an action's words
 * over the row of its details), across the table. */
enum pt_scope { PS_NONE, PS_ROW, PS_COL, PS_COLGROUP, PS_ROWGROUP };

/* What the public edition leaves out: contact fields (where contact
 * details belong, so they are not warned about) and internal notes (which
 * should not hold them either). */
enum pt_private { PP_NONE, PP_CONTACT, PP_INTERNAL };

#define PT_MAX_COLS 8
/* TABLE weights: a column as wide as a tick box, or as a date, needs */
#define PT_COLUMN_TICKS (-1.0)
#define PT_COLUMN_DATES (-2.0)

/* (Fields in an order that leaves the fewest gaps: a long plan has 35
 * nodes an action.) */
/* What few nodes of a tree have, kept apart so that the many others are
 * smaller: a long plan's tree was half of all its memory, and these were
 * a quarter of each of its nodes. */
struct pt_more {
	const char *lang;        /* its language, when not the document's */
	const char *id;          /* SECTION, CELL: an anchor; never printed */
	/* What a table or chart is drawn from, or what names a form's
	 * field: no node has both (they share their room; pt_input reads
	 * a field's name on any node). */
	union {
		/* TABLE: relative column widths, nvalues columns; BAR: its
		 * counts (CHART: nvalues per bar, max_value the longest) */
		struct {
			const double *weights;
			const size_t *values;
			uint32_t nvalues, max_value;
		};
		/* A form's field (the blank pledge form): on a TICK, a check
		 * box; on an ENTRY or an empty VALUE, a text field. input is
		 * its name (stable: a returned form is read back by it);
		 * label_by holds the words that name it (a screen reader's
		 * name, a PDF's tooltip, an HTML label), hint the words that
		 * say what to write (NULL none). */
		struct {
			const char *input;
			const struct pt_node *label_by, *hint;
		};
	};
};

struct pt_node {
	enum pt_type type;
	enum pt_role role;
	unsigned char level;     /* HEADING: 1..; PARAGRAPH: indent depth;
	                            LIST: items indented by level steps */
	unsigned char col;       /* CELL: its column */
	unsigned char span, rowspan;   /* CELL: columns, rows it spans */
	unsigned char lines;     /* VALUE: lines to write on when empty */
	/* small enumerations in bits, with the yes-or-no fields: the
	 * header is 12 bytes, and with the serial number 16 (a long plan
	 * holds millions of nodes) */
	unsigned domain : 1;
	unsigned private_data : 2;   /* enum pt_private */
	unsigned list : 3;       /* LIST: enum pt_list_style */
	unsigned keep : 2;       /* SECTION: enum pt_keep */
	unsigned scope : 3;      /* CELL: enum pt_scope */
	unsigned input_kind : 3; /* input: enum pt_input */
	/* yes or no, a bit each */
	unsigned plain : 1;
	unsigned from_translation : 1;   /* its words are a translation's */
	unsigned bare : 1;       /* PARAGRAPH: no <p> of its own (a cell's) */
	unsigned ticked : 1;     /* TICK */
	unsigned landscape : 1;  /* DOCUMENT */
	unsigned keep_rows : 1;  /* TABLE: rows move whole to a new page */
	unsigned fit : 1;        /* TABLE: columns as wide as their content
	                            needs (weights NULL), and a column empty
	                            in every row left out */
	unsigned stacked : 1;    /* CHART: bars in segments of a whole */
	unsigned bookmark : 1;   /* ROW: its head is a bookmark */
	unsigned spaced : 1;     /* LIST: a gap between its items */
	unsigned name : 1;       /* TEXT: a person's name, never hyphenated
	                            or broken within a word */
	unsigned multiline : 1;  /* input: a text field of several lines */
	unsigned required : 1;   /* input: must be filled in */
	/* its number among the nodes made in its arena, from 1 (0: none
	 * left): a writer's record of a node goes in an array by it */
	uint32_t serial;
	/* where its content came from: a model node's place (the model
	 * outlives every tree made from it), never NULL */
	const struct loc *loc;
	union {
		const char *text;     /* TEXT, CODE */
		const char *href;     /* LINK */
		const char *datetime; /* TIME */
	};
	const char *cls;         /* HTML class beside the role's */
	/* Translation: the key its words are given under in a translation
	 * of the document (domain 0) or of the form it prints (domain 1);
	 * plain: the words are plain text (a title, a label). */
	const char *key;
	/* What this text is, for a person told to move contact details out
	 * of it ("the title", "a step"); set on text containers. */
	const char *field;
	/* what few nodes have (pt_more_of reads it, pt_more makes it) */
	struct pt_more *more;
	/* The children are a list from first by next; prev is the one
	 * before, and the first child's prev is the last (pt_last): no
	 * node keeps its last child, 8 bytes of every node of a long plan. */
	struct pt_node *parent, *first, *prev, *next;
};

/* Each small enumeration fits its bits in struct pt_node. */
_Static_assert(PP_INTERNAL < 4 && PL_PLAIN < 8 && PK_WHOLE < 4 &&
               PS_ROWGROUP < 8 && PI_ORGANISATION < 8,
               "a field of struct pt_node is too narrow for its enumeration");

/* n's last child, NULL when it has none. */
static inline struct pt_node *pt_last(const struct pt_node *n)
{
	return n->first != NULL ? n->first->prev : NULL;
}

/* A node's own struct pt_more, or one all empty (NULL, 0) when it has
 * none. */
extern const struct pt_more pt_no_more;
static inline const struct pt_more *pt_more_of(const struct pt_node *n)
{
	return n->more != NULL ? n->more : &pt_no_more;
}

/* A node's own struct pt_more, made (empty) when it has none yet; NULL
 * only when memory is exhausted. */
struct pt_more *pt_more(struct arena *a, struct pt_node *n);
/* n's language (pt_more_of(n)->lang) set to lang; -1 out of memory
 * (n's when it is NULL: nothing is made to hold a NULL). */
int pt_set_lang(struct arena *a, struct pt_node *n, const char *lang);
int pt_set_id(struct arena *a, struct pt_node *n, const char *id);

/* A form field's name: its input on a TICK, ENTRY or VALUE, else NULL
 * (other nodes keep a table's or chart's figures in its room). */
static inline const char *pt_input(const struct pt_node *n)
{
	return n->type == PT_TICK || n->type == PT_ENTRY ||
	               n->type == PT_VALUE
	           ? pt_more_of(n)->input
	           : NULL;
}

/* ---- making trees (in an arena; NULL only when memory runs out) ---- */
struct pt_node *pt_new(struct arena *a, enum pt_type type,
                       const struct loc *loc);
/* Appends child to parent (either may be NULL: nothing happens). */
struct pt_node *pt_append(struct pt_node *parent, struct pt_node *child);
/* A new node appended to parent. */
struct pt_node *pt_add(struct arena *a, struct pt_node *parent,
                       enum pt_type type, const struct loc *loc);
/* A PT_TEXT node with text (not copied) appended to parent. */
struct pt_node *pt_add_text(struct arena *a, struct pt_node *parent,
                            const char *text, const struct loc *loc);
struct pt_node *pt_add_textf(struct arena *a, struct pt_node *parent,
                             const struct loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The model's inline content as tree nodes appended to parent. */
int pt_add_inlines(struct arena *a, struct pt_node *parent,
                   const struct inline_node *n);
void pt_unlink(struct pt_node *n);
/* Puts n (unlinked) before sibling; nothing when either is NULL. */
void pt_insert_before(struct pt_node *sibling, struct pt_node *n);
/* Removes n's children. */
void pt_clear(struct pt_node *n);

/* ---- reading trees ---- */
/* The plain text of n's words (its PT_TEXT, PT_CODE descendants, and a
 * TIME's words), malloc'd; NULL when out of memory. */
char *pt_plain(const struct pt_node *n);
/* The same in an arena. */
char *pt_plain_in(struct arena *a, const struct pt_node *n);
/* The document's slot of role r, or NULL. */
const struct pt_node *pt_meta(const struct pt_node *doc, enum pt_role r);
/* Leaves out of every table that fits its content the columns empty in
 * every row (head cells, widths and spans follow). */
void pt_drop_empty_columns(struct pt_node *root);
/* The next node of a walk of the whole tree in document order. */
struct pt_node *pt_walk_next(const struct pt_node *root,
                             const struct pt_node *n);
int pt_is_inline(const struct pt_node *n);
/* Whether n has any inline child (some words). */
int pt_has_inline(const struct pt_node *n);
/* A cell's column head: the head row's cell of its column, or NULL. */
const struct pt_node *pt_column_head(const struct pt_node *cell);
/* Children of a node, by index; NULL past the end. */
const struct pt_node *pt_child(const struct pt_node *n, size_t i);
size_t pt_count(const struct pt_node *n);

/* Links: the one place that decides what a link address is. The checker
 * allows a document's own links only to the web, mail and phone (a
 * placeholder "#" is warned about); the writers make a link of an address
 * only when pt_link_safe says so, whatever reached them. Browsers ignore
 * leading blanks and tabs or line breaks inside a scheme, so these do. */
enum pt_link { PT_LINK_EMPTY, PT_LINK_FRAGMENT, PT_LINK_RELATIVE,
               PT_LINK_WEB, PT_LINK_MAIL, PT_LINK_PHONE, PT_LINK_UNSAFE };
enum pt_link pt_link_kind(const char *href);
int pt_link_safe(const char *href);

/* A text dump of the tree (one node a line, indented), for tests. */
void pt_dump(const struct pt_node *n, FILE *out);

/* What a reader is told of a file before following a link to it: "3
 * pages, 120 KB" (or "1 page, 900 bytes"; pages 0: only the size). */
void pt_file_facts(char *buf, size_t size, int pages, size_t bytes);

#endif
