/* layout_int.h - the layout engine shared by the per-document layouts
 * (layout_pledge.c, layout_guidance.c, layout_plan.c, layout_minutes.c), as
 * mandoc's term.c serves mdoc_term.c and man_term.c. Not an interface for
 * other stages (that is layout.h). */
#ifndef MISHTO_LAYOUT_INT_H
#define MISHTO_LAYOUT_INT_H

#include "layout.h"
#include "model.h"

#define LAYOUT_MAX_COLS 8
#define LAYOUT_CELL_PAD 5.0

/* A run of text in one face, colour and link. */
struct lrun {
	enum face face;
	const char *text;
	size_t len;
	const char *href;
	uint32_t colour;
};

struct lruns {
	struct lrun *v;
	size_t n, cap;
};

struct lfrag {
	double x, w;
	const struct lrun *run;
	size_t start, end;       /* byte range in run->text */
};

struct lline {
	struct lfrag *frags;
	size_t n, cap;
	double w;
};

/* Text broken into lines of one size. */
struct ltext {
	struct lline *lines;
	size_t n, cap;
	double size, lead;
};

/* What a cell (or a flowing column of text) is made of, top to bottom. */
enum litem_kind { ITEM_LINE, ITEM_GAP, ITEM_TICK, ITEM_RULE, ITEM_LABEL };

struct litem {
	enum litem_kind kind;
	double h;
	double dx;               /* indent within the cell */
	const struct lline *line;
	double size;
	int ticked;              /* TICK */
	const char *marker;      /* LINE: bullet or number before the text */
	double marker_dx;
	enum face marker_face;
	uint32_t marker_colour;
	const char *text;        /* LABEL: its word */
	uint32_t fill, colour;   /* LABEL */
};

struct lcell {
	struct litem *items;
	size_t n, cap;
	double h;
};

struct lrow {
	struct lcell cells[LAYOUT_MAX_COLS];
	int span_all;            /* one cell across the table (a band) */
	uint32_t fill;
	int filled;
	double h;                /* content height, without padding */
	const char *mark;        /* bookmark for this row, level 1 */
};

struct ltable {
	int ncols;
	int keep_rows;           /* move a row whole to the next page if it
	                            fits there, rather than split it */
	double x[LAYOUT_MAX_COLS + 1];
	struct lrow *header;
};

struct layout {
	const struct style *st;
	const struct device_metrics *m;
	struct arena *a;
	struct layout_doc *ld;
	const struct document *doc;
	struct layout_page *page;
	double y;                /* top of the free space on this page */
	double left, right, top, bottom;
	double page_width, page_height;
	const char *page_word, *of_word;   /* the footer: "Page 1 of 5" */
	int oom;
};

/* display list */
struct box *layout_box(struct layout *L, enum box_kind kind);
void layout_line(struct layout *L, double x, double y, double w, double h,
                 double width, uint32_t colour);
void layout_rect(struct layout *L, double x, double y, double w, double h,
                 int filled, uint32_t fill, double stroke, uint32_t colour);
void layout_text_box(struct layout *L, double x, double y, enum face face,
                     double size, uint32_t colour, const char *text,
                     size_t len);
void layout_new_page(struct layout *L);
void layout_mark(struct layout *L, const char *title, int level);
void layout_need(struct layout *L, double h);
/* arena_printf that records running out of memory */
const char *layout_printf(struct layout *L, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* text */
size_t layout_utf8(const char *s, size_t len, uint32_t *cp);
double layout_width(const struct layout *L, enum face face, double size,
                    const char *s, size_t len);
void layout_wrap_text(struct layout *L, const char *text, enum face face,
                      uint32_t colour, double size, double width,
                      struct ltext *t);
void layout_wrap_inline(struct layout *L, const struct inline_node *n,
                        enum face face, double size, double width,
                        struct ltext *t);
double layout_baseline(double top, double size, double lead);
void layout_emit_line(struct layout *L, const struct lline *ln, double x,
                      double top, double size, double lead);
void layout_flow(struct layout *L, const struct ltext *t, double x);
const char *layout_fit(struct layout *L, const char *text, enum face face,
                       double size, double width);

/* blocks and headings flowing down the page */
void layout_heading_keep(struct layout *L, const char *title, int number,
                         double size, int level, double keep);
void layout_heading(struct layout *L, const char *title, int number,
                    double size, int level);
void layout_blocks(struct layout *L, const struct block *b, double x,
                   double width, int depth);
void layout_flow_cell(struct layout *L, const struct lcell *c, double x,
                      double width);
void layout_field(struct layout *L, const char *label, const char *value,
                  double write_h);
/* Title, subtitle and a rule; band (may be NULL) is drawn in a box. */
void layout_title_block(struct layout *L, const char *title,
                        const char *subtitle, const char *band_bold,
                        const char *band_text);

/* cells */
struct litem *layout_cell_add(struct layout *L, struct lcell *c,
                              enum litem_kind kind, double h);
void layout_cell_text(struct layout *L, struct lcell *c,
                      const struct ltext *t);
void layout_cell_plain(struct layout *L, struct lcell *c, const char *text,
                       enum face face, uint32_t colour, double width);
void layout_cell_inline(struct layout *L, struct lcell *c,
                        const struct inline_node *n, enum face face,
                        double width, double dx);
void layout_cell_blocks(struct layout *L, struct lcell *c,
                        const struct block *b, double width, double dx);
/* A coloured label that carries its word; a word wider than width goes
 * on more than one line. */
void layout_cell_label(struct layout *L, struct lcell *c, const char *word,
                       uint32_t fill, uint32_t colour, double width);
void layout_cell_gap(struct layout *L, struct lcell *c, double h);
void layout_cell_pad_to(struct layout *L, struct lcell *c, double h);

/* tables */
double layout_cell_width(const struct ltable *tb, int col);
struct lrow *layout_new_row(struct layout *L);
void layout_row_finish(struct lrow *row, int ncols);
/* A band across the table: a group or area title. */
struct lrow *layout_band_row(struct layout *L, const struct ltable *tb,
                             const char *title, const char *mark);
struct lrow *layout_header_row(struct layout *L, const struct ltable *tb,
                               const char *const *heads);
/* Appends row to a growing array of rows. */
void layout_push_row(struct layout *L, struct lrow ***rows, size_t *n,
                     size_t *cap, struct lrow *row);
void layout_table_rows(struct layout *L, const struct ltable *tb,
                       struct lrow **rows, size_t n);
/* The room a table needs to start on this page (header and first row),
 * so a heading can be kept with it. */
double layout_table_start(const struct layout *L, const struct ltable *tb,
                          struct lrow **rows, size_t n);
/* Column boundaries from relative widths, across the text width. */
void layout_table_columns(struct layout *L, struct ltable *tb, int ncols,
                          const double *weights);
void layout_draw_tick(struct layout *L, double cx, double cy, int ticked);
/* People by name, separated by commas. */
const char *layout_people(struct layout *L, const struct person_refs *r);

/* page furniture: header and footer on every page */
void layout_page_furniture(struct layout *L, const char *left_head,
                           const char *right_head, const char *footer_right);

/* the kinds of document */
void layout_pledge(struct layout *L);
void layout_guidance(struct layout *L);
void layout_plan(struct layout *L);
void layout_minutes(struct layout *L);
void layout_signatories(struct layout *L);
void layout_progress(struct layout *L);

#endif
