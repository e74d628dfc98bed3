/* mishto_int.h - what the command's files share: the state of one run
 * (struct mishto: options, inputs, diagnostics), the editions it makes,
 * and the jobs split between them: options.c reads the command line,
 * load.c reads and links the documents and checks them (the rules over
 * their presentation trees too), build.c makes each edition and writes
 * it, site.c makes the reports and the site, mishto.c runs a command.
 * Not an interface for other stages (that is mishto.h). */
#ifndef MISHTO_MISHTO_INT_H
#define MISHTO_MISHTO_INT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "check.h"
#include "mishto.h"
#include "diag.h"
#include "model.h"
#include "output.h"

struct arena;
struct font_set;
struct html_nav;
struct parse_schema;
struct pdf_cache;
struct layout_memo;
struct check_seen;
struct pt_node;
struct rules;
struct source;
struct style;

/* Where the layouts are when nothing else says (see mishto_layout_dir):
 * the source tree's, for a binary run where it was built, and the data
 * folder's, $(datadir)/mishto, for one installed by make install. */
#ifndef MISHTO_LAYOUT_DIR
#define MISHTO_LAYOUT_DIR "layouts"
#endif
#ifndef MISHTO_DATADIR
#define MISHTO_DATADIR "/usr/local/share/mishto"
#endif

/* The folder of the layouts, stylesheet and form script, into dir: the
 * first of $MISHTO_LAYOUT_DIR, $MISHTO_DATADIR/layouts, the data folder
 * beside the program (BIN/../share/mishto/layouts, so an installed tree
 * can be moved), the source tree it was built in, the data folder it was
 * installed for. */
void mishto_layout_dir(char *dir, size_t size);
/* mkdir -p: the folder and those above it that are missing; 0, or -1
 * with errno. */
int mishto_make_dir(const char *path);
/* A whole text file, malloc'd; NULL with errno. */
char *mishto_read_text(const char *path);

enum mishto_format { FORMAT_PDF = 1, FORMAT_HTML = 2, FORMAT_LAYOUT = 4,
                     FORMAT_CSV = 8, FORMAT_TREE = 16 };

struct mishto_input {
	struct source *src;
	struct document *doc;
	int is_output;            /* named on the command line */
	/* what its outputs are named after: its file, or for standard
	 * input the document's id */
	const char *name;
	char name_buf[80];
	/* a signed pledge of a large batch: checked in a part of its own,
	 * then let go, and read again when it is written (mishto_reload) */
	int deferred;
	char *path;               /* its file, while it is not held */
};

struct mishto {
	FILE *err;
	struct diag diag;
	const char *command;
	const char *report;       /* report: which one ("signatories") */
	const char *against;      /* report progress: the earlier version */
	const char *since;        /* site: the site last published */
	int site;                 /* site: documents, reports and an index */
	const char *lang;         /* --lang: the edition in this language */
	const char *edition;      /* while rendering one: its language */
	int first_option;         /* argv index where options start */
	int helped;               /* COMMAND --help: the usage was printed */
	const char *out_dir;
	const char *layout;
	unsigned formats;
	int reported_oom;
	int make_deps;            /* -MD: write NAME.d beside the outputs */
	struct check_options check;
	int have_epoch;
	time_t epoch;
	char **files;
	int nfiles;
	char **listed;            /* the files of folders given as inputs */
	size_t nlisted;
	/* a site's page: its navigation (NULL outside a site), and the
	 * last PDF made, for the links to it */
	struct html_nav *nav;
	size_t last_pdf_bytes;
	int last_pdf_pages;
	struct mishto_input *in;
	size_t nin, capin;
	struct parse_schema *schema;
	struct rules *rules;      /* links and contact details, over trees */
	struct hyph *hyph;        /* hyphenation patterns, read as needed */
	struct pdf_cache *pdf_cache; /* streams compressed in this run */
	struct layout_memo *layout_memo; /* line breaks found in this run */
	/* a large batch's pledges are checked again when read again,
	 * against the documents checked before them */
	struct document **refs;
	size_t nrefs;
	struct check_seen *check_seen;
	const char *import_form;  /* import --form: the form a return fills */
	int force;                /* import --force: replace a pledge kept */
	char *form_script;        /* the script a form filled in on screen
	                             is saved by (pledge-form.js beside the
	                             layout's stylesheet) */
	char form_script_path[4096];
};

/* One output of a build: a document in its own language, or in a
 * translation's. */
struct mishto_edition {
	const struct document *doc;
	struct document *tr;      /* its translation, or NULL */
	struct document *form_tr; /* the translation of the form it refers to */
	const char *lang;         /* an edition in another language: its code */
};

struct mishto_staged {
	struct output_file *v;
	size_t n, cap;
	/* -o -: the one output, written to standard output at the end */
	char *out;
	size_t out_len, nout;
};

/* strcmp of two char * for qsort (sorting names, paths). */
int mishto_by_string(const void *a, const void *b);

/* The usage text. */
void mishto_usage(FILE *out);
/* Folders among the inputs replaced by the .xml files under them; 0, or
 * an exit status after a message. */
int mishto_expand_folders(struct mishto *m);
/* One command's usage, with the notes on its options; -1 if there is no
 * such command. */
int mishto_command_usage(FILE *out, const char *command);
/* The command nearest to a misspelt one, or NULL. */
const char *mishto_command_near(const char *command);

/* "mishto: " fmt (with arg) and a pointer to --help; exit 2. */
int mishto_usage_error(struct mishto *m, const char *fmt,
                       const char *arg);

/* The options after the command, and the files after them. */
int mishto_options(struct mishto *m, int argc, char **argv);

/* Reads, links and checks the inputs (and the forms and translations
 * they name); runs the rules over each document to be written. */
int mishto_load(struct mishto *m);
/* A pledge of a large batch read and checked again (silently: its
 * mistakes were said when it was checked) before it is written; -1 after
 * a message if it cannot be, or has changed since. */
int mishto_reload(struct mishto *m, struct mishto_input *in);

/* The earlier version of a plan (--against), checked on its own: it has
 * the same id as the plan it is compared with. */
struct document *mishto_load_against(struct mishto *m,
                                     struct source **src);

/* The id of the document whose translation gives a document's words: the
 * form it signs for a pledge (it prints the form's words), its own for
 * the others; NULL for those that are not translated (reports,
 * translations). */
const char *mishto_form_id(const struct document *doc);

/* The translation of form id into lang among the inputs, or NULL. */
struct document *mishto_translation(struct mishto *m, const char *id,
                                    const char *lang);

/* The input that is document id (not a translation), or NULL. */
const struct mishto_input *mishto_input_of(const struct mishto *m,
                                           const char *id);

/* DIR/NAME + ext. An edition in another language or layout is a file of
 * its own, NAME.LANG.LAYOUT.pdf (the layout's name: large-print, or a
 * layout file's name without .layout; a4 is not named), so it can sit
 * beside the others. Only extensions (ext starting with '.') carry them. */
char *mishto_output_path(const struct mishto *m, const char *input,
                         const char *ext);

/* Writes an output under a temporary name, to be renamed when every
 * output of the run is written. */
int mishto_stage(struct mishto *m, struct mishto_staged *st,
                 const char *input, const char *ext,
                 const void *data, size_t len);

/* The presentation tree of an edition, in arena a: the document lowered,
 * then the passes over it: a translation (each: every untranslated
 * string said), the rules over the words it put in, and the public
 * edition's withholding. NULL after a diagnostic; *errors set when the
 * fault is the documents'. */
struct pt_node *mishto_tree(struct mishto *m,
                            const struct mishto_edition *ed,
                            struct arena *a, int each, int *errors);

/* Renders an edition in every format asked for, staged as DIR/NAME.EXT
 * where NAME is name's file name without .xml: its presentation tree is
 * what every writer walks. With index_title, the title a site's index
 * lists it under (as its tree has it) is returned there, malloc'd. */
int mishto_render(struct mishto *m, const struct mishto_edition *ed,
                  const char *name, struct font_set *fonts,
                  const struct style *st, const char *css,
                  struct mishto_staged *staged, char **index_title);

/* A document in its own language, as an edition. */
struct mishto_edition mishto_plain(const struct document *doc);

/* The edition of doc in tr's language (guidance takes its form's action
 * point titles from the form's translation, when there is one). */
struct mishto_edition mishto_translated(struct mishto *m,
                                        const struct document *doc,
                                        struct document *tr);

/* The edition an input of a build stands for: a document in its own
 * language, or (--lang) in another, or, for a translation named on the
 * command line, the translated edition of its document. -1 after a
 * diagnostic. */
int mishto_input_edition(struct mishto *m,
                         const struct mishto_input *in,
                         struct mishto_edition *ed);

/* Renders the edition an input stands for (mishto_render). */
int mishto_render_input(struct mishto *m, const struct mishto_input *in,
                        struct font_set *fonts,
                        const struct style *st, const char *css,
                        struct mishto_staged *staged,
                        char **index_title);

/* The fingerprint of an edition in another language: of the document
 * (and a pledge's form) and of the translations that gave its words. */
void mishto_edition_fingerprint(const struct mishto_edition *ed,
                                char out[20]);

/* Whether the libraries had to draw on the memory reserve (reserve.h):
 * then memory ran out, and nothing of the run may be trusted or written. */
int mishto_ran_out(struct mishto *m);

/* build, report and site: check, then write every output, or none. */
int mishto_build(struct mishto *m);

/* A report is a document made from the checked inputs, rendered like
 * one: the register is named after the report ("signatories"), a
 * progress report after its plan ("NAME-progress"). */
int mishto_report(struct mishto *m, struct font_set *fonts,
                  const struct style *st, const char *css,
                  struct mishto_staged *staged, int *rc);

/* A site: every document, the register of the pledges among them, a
 * progress report per plan, and index.html listing them all; staged
 * together, so a site is written whole or not at all. */
int mishto_site(struct mishto *m, struct font_set *fonts,
                const struct style *st, const char *css,
                struct mishto_staged *staged, int *rc);

/* check: parse and check. The words a translation puts in are checked as
 * its edition is made; with --lang, that edition of every document is
 * made too, and what the translation lacks (untranslated and stale
 * strings) is said string by string. */
int mishto_check(struct mishto *m);

/* import: a signed pledge's source from each return given, written to
 * the output folder (content/pledges by default) once it passes the
 * rules; keep-form: each form's version kept beside it for the pledges
 * signed on it (pledge_import.c). */
int mishto_import(struct mishto *m);
int mishto_keep_form(struct mishto *m);
/* fingerprint of a PDF: from the sources it carries. */
int mishto_fingerprint_pdf(struct mishto *m, const char *path);

/* fingerprint: what each input's footer prints (a translation's: its
 * edition's), one line each. */
int mishto_fingerprint(struct mishto *m);

#endif
