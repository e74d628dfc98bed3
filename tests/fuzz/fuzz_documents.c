/* fuzz_documents.c - one document through every stage, in memory: parse,
 * check (against the real pledge form, so pledges and guidance link),
 * lowering to the presentation tree, its rules (and the public edition for
 * inputs of odd length), layout, PDF, HTML and CSV, and the report made
 * from it (a pledge's register, a plan's progress report compared with
 * itself; a translation is put into the form's tree, which is rendered
 * again). Built with libFuzzer by `make fuzz`; replayed over
 * the saved corpus by tests/fuzz/replay.c in `make check`. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "html.h"
#include "csv.h"
#include "layout.h"
#include "lower.h"
#include "ptree.h"
#include "rules.h"
#include "model.h"
#include "parse.h"
#include "font.h"
#include "pdf.h"
#include "report.h"
#include "translate.h"
#include "source.h"
#include "hyph.h"
#include "style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loaded once: the schema, the layout and the fonts (as a batch build
 * does); the form is parsed anew each time, since checking fills it in. */
static struct {
	int ready;
	FILE *quiet;
	struct parse_schema *schema;
	struct style st;
	struct font_set *pm;
	struct hyph *hy;
	struct source *form_src;
} fuzz;

static int fuzz_setup(void)
{
	/* FUZZ_VERBOSE=1 shows the diagnostics (to see what an input does) */
	fuzz.quiet = getenv("FUZZ_VERBOSE") ? stderr : fopen("/dev/null", "w");
	struct diag d;
	diag_init(&d, fuzz.quiet, DIAG_HUMAN);
	fuzz.schema = parse_schema_load(&d);
	if (fuzz.schema == NULL ||
	    style_load(&fuzz.st, "a4", "layouts", &d) != 0)
		return -1;
	fuzz.pm = font_set_open(&fuzz.st, &d);
	fuzz.hy = hyph_new(NULL);
	fuzz.form_src = source_read("content/la-pledge.xml");
	return fuzz.pm && fuzz.hy && fuzz.form_src ? 0 : -1;
}

static void fuzz_render(const struct document *doc, struct document *tr,
                        int public_edition, struct diag *d)
{
	struct arena *a = arena_new();
	struct rules *rules = rules_new(d);
	struct pt_node *tree = a && rules ? lower_document(doc, a) : NULL;
	if (tree != NULL && tr != NULL &&
	    translate_tree(tree, a, doc->kind, tr, NULL, 1, d) < 0)
		tree = NULL;
	if (tree != NULL && rules_check(rules, tree, 0) > 0)
		tree = NULL;
	if (tree != NULL && public_edition &&
	    rules_withhold(rules, tree, a) != 0)
		tree = NULL;
	struct layout_doc *ld = tree ? layout_document(tree, &fuzz.st,
	                                               font_set_metrics(fuzz.pm),
	                                               fuzz.hy, a)
	                             : NULL;
	char *text = NULL;
	size_t len = 0;
	if (tree != NULL && html_render(tree, NULL, NULL, &fuzz.st, NULL, &text, &len) == 0)
		free(text);
	if (tree != NULL && csv_render(tree, &text, &len) == 0)
		free(text);
	rules_free(rules);
	/* the PDF last, as in a build whose only output it is: each page's
	 * boxes let go once drawn, then the layout and the tree before the
	 * file is written */
	unsigned char *pdf = NULL;
	size_t npages = ld != NULL ? ld->npages : 0;
	struct layout_owner drawn = {&ld, &a};
	struct pdf_release release = {layout_let_go, &drawn};
	len = 0;
	if (ld != NULL)
		pdf_render(ld, &release, fuzz.pm, NULL, NULL, 0, NULL, &pdf, &len,
		           d);
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "fuzz: %s: %zu pages, %zu bytes of PDF\n",
		        document_kind_name(doc->kind), npages, len);
	free(pdf);
	layout_doc_free(ld);
	arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz.ready) {
		if (fuzz_setup() != 0) {
			fprintf(stderr, "fuzz: run from the repository root\n");
			abort();
		}
		fuzz.ready = 1;
	}
	struct diag d;
	diag_init(&d, fuzz.quiet, DIAG_JSON);
	struct source *src = source_from_memory("fuzz.xml", (const char *)data,
	                                        size);
	if (src == NULL)
		return 0;
	struct document *docs[2] = {NULL, NULL};
	docs[0] = parse_document(fuzz.form_src, fuzz.schema, &d);
	docs[1] = parse_document(src, fuzz.schema, &d);
	if (docs[0] != NULL && docs[1] != NULL) {
		struct check_options opts = {{"2027-01-31", {0}, 2027, 1, 31, 1},
		                             (int)(size & 1)};
		int pub = opts.public_edition;
		if (check_documents(docs, 2, &opts, &d) == 0) {
			fuzz_render(docs[1], NULL, pub, &d);
			struct document *rep = NULL;
			if (docs[1]->kind == DOCUMENT_TRANSLATION)
				fuzz_render(docs[0], docs[1], pub, &d);
			if (docs[1]->kind == DOCUMENT_PLEDGE)
				rep = report_signatories(docs, 2, &opts.as_of,
				                         &d);
			else if (docs[1]->kind == DOCUMENT_ACTION_PLAN)
				rep = report_progress(docs[1], docs[1],
				                      &opts.as_of, &d);
			if (rep != NULL)
				fuzz_render(rep, NULL, pub, &d);
			document_free(rep);
		}
	}
	document_free(docs[0]);
	document_free(docs[1]);
	source_free(src);
	return 0;
}
