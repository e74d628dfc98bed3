/* test_parse.c - the parser: where nodes are (line and column), how running
 * text is folded, which XML it refuses, and the model it builds. */
#include "testutil.h"

#include "arena.h"

#include <glob.h>
#include <libxml/relaxng.h>

/* ---- helpers -------------------------------------------------------- */

/* One source parsed (not checked), with its JSON diagnostics. */
struct parsed {
	char *diag;
	size_t diag_len;
	FILE *out;
	struct diag d;
	struct parse_schema *schema;
	struct source *src;
	struct document *doc;
};

static void parse_bytes(struct parsed *p, const char *name, const char *text,
                        size_t len)
{
	memset(p, 0, sizeof *p);
	p->out = open_memstream(&p->diag, &p->diag_len);
	assert_non_null(p->out);
	diag_init(&p->d, p->out, DIAG_JSON);
	p->schema = parse_schema_load(&p->d);
	assert_non_null(p->schema);
	p->src = text ? source_from_memory(name, text, len) : source_read(name);
	assert_non_null(p->src);
	p->doc = parse_document(p->src, p->schema, &p->d);
	fflush(p->out);
}

static void parse_text(struct parsed *p, const char *text)
{
	parse_bytes(p, "t.xml", text, strlen(text));
}

static void parsed_free(struct parsed *p)
{
	document_free(p->doc);
	source_free(p->src);
	parse_schema_free(p->schema);
	fclose(p->out);
	free(p->diag);
}

static unsigned errors_of(const struct parsed *p)
{
	return p->d.count[DIAG_ERROR];
}

/* Whether diag (JSON lines) holds a diagnostic of this level and rule at
 * line:col. */
static int diag_at(const char *diag, const char *level, const char *rule,
                   int line, int col)
{
	char want[192];
	snprintf(want, sizeof want,
	         "\"line\":%d,\"column\":%d,\"level\":\"%s\",\"rule\":\"%s\"",
	         line, col, level, rule);
	return diag != NULL && strstr(diag, want) != NULL;
}

/* Whether diag holds a diagnostic of this rule on this line, any column. */
static int diag_on_line(const char *diag, const char *rule, int line)
{
	char want[64], r[96];
	snprintf(want, sizeof want, "\"line\":%d,", line);
	snprintf(r, sizeof r, "\"rule\":\"%s\"", rule);
	for (const char *s = diag; s && *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char *l = strndup(s, n);
		int hit = strstr(l, want) && strstr(l, r);
		free(l);
		if (hit)
			return 1;
		s = e ? e + 1 : s + n;
	}
	return 0;
}

static const char contact_lines[] =
    "  <contact name=\"Jane Smith\" role=\"Officer\"\n"
    "           email=\"jane.smith@testbury.example\""
    " phone=\"0161 496 0123\"/>\n";

/* A one-step form whose step is written as given. */
static char *form_with_step(const char *step_xml)
{
	static const char head[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<pledge-form xmlns=\"urn:mishto:1\" id=\"f\" xml:lang=\"en\">\n"
	    "  <title>\n    The   Mini\n  Form  </title>\n"
	    "  <actions>\n"
	    "    <group title=\"G\">\n"
	    "      <action-point id=\"ap\" title=\"AP\">\n"
	    "        ";
	static const char tail[] =
	    "\n"
	    "      </action-point>\n"
	    "    </group>\n"
	    "  </actions>\n"
	    "  <support><option id=\"o\">O</option></support>\n"
	    "  <monitoring><p>M</p></monitoring>\n"
	    "  <contact/>\n"
	    "</pledge-form>\n";
	size_t n = strlen(head) + strlen(step_xml) + strlen(tail) + 1;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%s%s%s", head, step_xml, tail);
	return s;
}

static struct pledge_step *first_step(struct document *doc)
{
	assert_non_null(doc);
	assert_int_equal(doc->kind, DOCUMENT_PLEDGE_FORM);
	struct pledge_group *g = doc->u.form.groups;
	assert_non_null(g);
	assert_non_null(g->action_points);
	assert_non_null(g->action_points->steps);
	return g->action_points->steps;
}

/* ---- locations -------------------------------------------------------- */

static void attribute_value_position_is_its_first_character(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "jane.smith@testbury.example",
	                     "jane.smith.example");
	struct tu_result r = tu_check_pledge(x);
	/* '           email="' is 18 characters */
	assert_true(diag_at(r.diag, "error", "email", 16, 19));
	assert_int_equal(r.errors, 1);
	free(x);
	tu_free(&r);
}

static void multibyte_character_before_a_value_is_one_column(void **state)
{
	(void)state;
	/* "Ștefania Lăcătuș" is 16 characters in 20 bytes */
	char *x = tu_replace(tu_valid_pledge, contact_lines,
	                     "  <contact name=\"\xC8\x98tefania L\xC4\x83"
	                     "c\xC4\x83tu\xC8\x99\" email=\"nope\"/>\n");
	struct tu_result r = tu_check_pledge(x);
	/* 2 + '<contact name="' 15 + 16 + '" email="' 9 = 42 characters */
	assert_true(diag_at(r.diag, "error", "email", 15, 43));
	assert_int_equal(r.errors, 1);
	free(x);
	tu_free(&r);
}

static void multibyte_character_before_an_element_is_one_column(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "  <support option",
	                     "  <!--\xC4\x82\xC4\x82--><bogus/>\n"
	                     "  <support option");
	struct parsed p;
	parse_text(&p, x);
	assert_null(p.doc);
	/* '  <!--ĂĂ-->' is 11 characters */
	assert_true(diag_at(p.diag, "error", "schema", 13, 12));
	parsed_free(&p);
	free(x);
}

/* A document on one line (minified) is as long as a line gets: a place
 * on it is still counted in characters from the line's start, wherever
 * the counting starts from. */
static void a_place_far_along_one_long_line_is_counted_in_characters(void **state)
{
	(void)state;
	/* "ab\n", then a line of 30,000 bytes: ASCII and two-byte Ă and
	 * three-byte € in a pattern that crosses every block boundary */
	size_t len = 3 + 30000;
	char *text = malloc(len + 1);
	assert_non_null(text);
	memcpy(text, "ab\n", 3);
	size_t at = 3;
	while (at < len) {
		static const char *const bits[] = {"x", "\xC4\x82", "\xE2\x82\xAC",
		                                   "yz"};
		const char *b = bits[(at / 7) % 4];
		size_t n = strlen(b);
		if (at + n > len)
			b = "w", n = 1;
		memcpy(text + at, b, n);
		at += n;
	}
	text[len] = '\0';
	struct source *s = source_from_memory("long.xml", text, len);
	assert_non_null(s);
	int line, col, chars = 1;
	for (size_t i = 3; i <= len; i++) {
		/* only at the start of a character */
		if (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			continue;
		source_position(s, i, &line, &col);
		assert_int_equal(line, 2);
		assert_int_equal(col, chars);
		chars++;
	}
	source_position(s, 1, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 2);
	source_free(s);
	free(text);
}

/* A place found from the last one asked for (the parser's cursor) is the
 * place found afresh: forwards along a line and across lines, long
 * ones and short ones, and backwards. */
static void a_place_found_from_the_last_is_the_place_found_afresh(void **state)
{
	(void)state;
	/* lines of 0 to 700 characters: ASCII, two-byte Ă, three-byte € */
	char *text = malloc(400000);
	assert_non_null(text);
	size_t len = 0;
	for (unsigned l = 0; len < 390000; l++) {
		unsigned n = (l * 7919u) % 701u;
		for (unsigned i = 0; i < n; i++) {
			static const char *const bits[] = {"x", "\xC4\x82",
			                                   "\xE2\x82\xAC"};
			const char *b = bits[(i + l) % 3];
			memcpy(text + len, b, strlen(b));
			len += strlen(b);
		}
		text[len++] = '\n';
	}
	text[len] = '\0';
	struct source *s = source_from_memory("lines.xml", text, len);
	assert_non_null(s);
	struct source_cursor c = {0};
	size_t at = 0, asked = 0;
	for (unsigned k = 0; at <= len; k++) {
		int line, col, want_line, want_col;
		source_position_from(s, &c, at, &line, &col);
		source_position(s, at, &want_line, &want_col);
		if (line != want_line || col != want_col)
			fail_msg("offset %zu: %d:%d from the cursor, %d:%d afresh",
			         at, line, col, want_line, want_col);
		asked++;
		/* mostly small steps ahead, now and then far ahead or back */
		size_t step = k % 97 == 0 ? 50000 : (k * 31u) % 300u;
		if (k % 89 == 0 && at > 9000)
			at -= 9000;
		else
			at += step;
		while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
			at++;
	}
	assert_true(asked > 500);
	source_free(s);
	free(text);
}

static void attribute_position_allows_spaces_and_single_quotes(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge,
	                     "email=\"jane.smith@testbury.example\"",
	                     "email =  'jane.smith.example'");
	struct tu_result r = tu_check_pledge(x);
	/* '           email =  '' is 21 characters */
	assert_true(diag_at(r.diag, "error", "email", 16, 22));
	free(x);
	tu_free(&r);
}

static void attribute_position_skips_values_holding_its_name(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "role=\"Officer\"",
	                     "role=\"email=&quot;x&gt;\"");
	char *y = tu_replace(x, "jane.smith@testbury.example", "nope");
	struct tu_result r = tu_check_pledge(y);
	assert_true(diag_at(r.diag, "error", "email", 16, 19));
	free(x);
	free(y);
	tu_free(&r);
}

static void crlf_line_ends_give_the_same_positions(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "jane.smith@testbury.example",
	                     "jane.smith.example");
	char *crlf = malloc(2 * strlen(x) + 1);
	assert_non_null(crlf);
	char *o = crlf;
	for (const char *c = x; *c; c++) {
		if (*c == '\n')
			*o++ = '\r';
		*o++ = *c;
	}
	*o = '\0';
	struct tu_result r = tu_check_pledge(crlf);
	assert_true(diag_at(r.diag, "error", "email", 16, 19));
	free(x);
	free(crlf);
	tu_free(&r);
}

static void model_nodes_carry_their_positions(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, tu_valid_pledge);
	assert_non_null(p.doc);
	struct pledge *pl = &p.doc->u.pledge;
	assert_int_equal(pl->form_loc.line, 3);
	assert_int_equal(pl->form_loc.col, 15);
	assert_int_equal(pl->authority_loc.line, 3);
	assert_int_equal(pl->authority_loc.col, 37);
	assert_int_equal(pl->signed_on.loc.line, 3);
	assert_int_equal(pl->signed_on.loc.col, 63);
	assert_non_null(pl->commits);
	assert_int_equal(pl->commits->loc.line, 4);
	assert_int_equal(pl->commits->loc.col, 3);
	assert_int_equal(pl->commits->step_loc.line, 4);
	assert_int_equal(pl->commits->step_loc.col, 17);
	assert_int_equal(pl->commits->by.loc.line, 4);
	assert_int_equal(pl->commits->by.loc.col, 54);
	assert_int_equal(pl->report_due.loc.line, 14);
	assert_int_equal(pl->report_due.loc.col, 3);
	assert_int_equal(pl->contact.loc.line, 15);
	assert_int_equal(pl->contact.loc.col, 3);
	assert_int_equal(pl->contact.phone_loc.line, 16);
	assert_int_equal(pl->contact.phone_loc.col, 55);
	assert_string_equal(pl->commits->step_loc.file, "t.xml");
	parsed_free(&p);
}

/* ---- line numbers past 65,535 ------------------------------------------ */

static char *blank_lines_before(const char *xml, const char *before, size_t n)
{
	char *blank = malloc(n + 1);
	assert_non_null(blank);
	memset(blank, '\n', n);
	blank[n] = '\0';
	size_t bl = strlen(before);
	char *with = malloc(n + bl + 1);
	assert_non_null(with);
	memcpy(with, blank, n);
	memcpy(with + n, before, bl + 1);
	char *r = tu_replace(xml, before, with);
	free(blank);
	free(with);
	return r;
}

static void attribute_line_past_65535_is_right(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "jane.smith@testbury.example",
	                     "jane.smith.example");
	char *y = blank_lines_before(x, "  <contact", 70000);
	struct tu_result r = tu_check_pledge(y);
	assert_true(diag_at(r.diag, "error", "email", 70016, 19));
	assert_int_equal(r.errors, 1);
	free(x);
	free(y);
	tu_free(&r);
}

static void element_line_past_65535_is_right(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "  <contact", "  <bogus/>\n"
	                                                     "  <contact");
	char *y = blank_lines_before(x, "  <bogus/>", 70000);
	struct parsed p;
	parse_text(&p, y);
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "schema", 70015, 3));
	parsed_free(&p);
	free(x);
	free(y);
}

static void syntax_error_line_past_65535_is_right(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "<report-due>2027-04-30</report-due>",
	                     "<report-due>2027-04-30</report-duo>");
	char *y = blank_lines_before(x, "  <report-due>", 70000);
	struct parsed p;
	parse_text(&p, y);
	assert_null(p.doc);
	assert_true(diag_on_line(p.diag, "xml-syntax", 70014));
	parsed_free(&p);
	free(x);
	free(y);
}

/* ---- running text ----------------------------------------------------- */

static void whitespace_folds_across_inline_elements(void **state)
{
	(void)state;
	char *x = form_with_step("<step id=\"s\">  Use <em> capacity </em>\n"
	                         "  assessments  </step>");
	struct parsed p;
	parse_text(&p, x);
	struct pledge_step *s = first_step(p.doc);
	struct inline_node *n = s->text;
	assert_non_null(n);
	assert_int_equal(n->kind, INLINE_TEXT);
	assert_string_equal(n->text, "Use ");
	n = n->next;
	assert_non_null(n);
	assert_int_equal(n->kind, INLINE_EM);
	assert_non_null(n->child);
	assert_int_equal(n->child->kind, INLINE_TEXT);
	assert_string_equal(n->child->text, "capacity ");
	assert_null(n->child->next);
	n = n->next;
	assert_non_null(n);
	assert_int_equal(n->kind, INLINE_TEXT);
	assert_string_equal(n->text, "assessments");
	assert_null(n->next);
	assert_string_equal(inline_plain_text(p.doc->arena, s->text),
	                    "Use capacity assessments");
	parsed_free(&p);
	free(x);
}

static void whitespace_folds_in_nested_inlines_and_links(void **state)
{
	(void)state;
	char *x = form_with_step(
	    "<step id=\"s\">\n\tRead  the <strong> <em>new\n guidance</em> "
	    "</strong>  <link href=\"https://example.org/g\">\n here </link>"
	    " .\n</step>");
	struct parsed p;
	parse_text(&p, x);
	struct pledge_step *s = first_step(p.doc);
	assert_string_equal(inline_plain_text(p.doc->arena, s->text),
	                    "Read the new guidance here .");
	const struct inline_node *link = s->text;
	while (link && link->kind != INLINE_LINK)
		link = link->next;
	assert_non_null(link);
	assert_string_equal(link->href, "https://example.org/g");
	parsed_free(&p);
	free(x);
}

static void plain_text_title_is_folded_and_trimmed(void **state)
{
	(void)state;
	char *x = form_with_step("<step id=\"s\">S</step>");
	struct parsed p;
	parse_text(&p, x);
	assert_non_null(p.doc);
	assert_string_equal(p.doc->u.form.title, "The Mini Form");
	parsed_free(&p);
	free(x);
}

static void whitespace_only_step_has_no_text(void **state)
{
	(void)state;
	char *x = form_with_step("<step id=\"s\">  \n\t </step>");
	struct parsed p;
	parse_text(&p, x);
	assert_null(first_step(p.doc)->text);
	parsed_free(&p);
	free(x);
}

/* "Drops the space at the very start and end of a block's text" must hold
 * when the block ends in an inline element with no text in it. */
static void trailing_space_before_an_empty_inline_is_trimmed(void **state)
{
	(void)state;
	char *x = form_with_step("<step id=\"s\">Use capacity <em> </em></step>");
	struct parsed p;
	parse_text(&p, x);
	struct pledge_step *s = first_step(p.doc);
	char *plain = strdup(inline_plain_text(p.doc->arena, s->text));
	parsed_free(&p);
	free(x);
	int trimmed = strcmp(plain, "Use capacity") == 0;
	if (!trimmed)
		print_message("plain text: \"%s\"\n", plain);
	free(plain);
	assert_true(trimmed);
}

/* ---- refused XML -------------------------------------------------------- */

static void doctype_is_rejected(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	               "<!DOCTYPE pledge>\n"
	               "<pledge xmlns=\"urn:mishto:1\" id=\"x\" xml:lang=\"en\""
	               " form=\"la-pledge\" authority=\"A\""
	               " signed=\"2026-05-01\"/>\n");
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "xml-doctype", 2, 1));
	assert_int_equal(errors_of(&p), 1);
	parsed_free(&p);
}

static void doctype_with_entities_is_rejected_unexpanded(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	               "<!DOCTYPE pledge [\n"
	               "  <!ENTITY a \"lolololololololololo\">\n"
	               "  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	               "  <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	               "]>\n"
	               "<pledge xmlns=\"urn:mishto:1\" id=\"x\" xml:lang=\"en\""
	               " form=\"la-pledge\" authority=\"&c;\""
	               " signed=\"2026-05-01\"/>\n");
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "xml-doctype", 2, 1));
	assert_int_equal(errors_of(&p), 1);
	assert_null(strstr(p.diag, "lolo"));
	parsed_free(&p);
}

static void undeclared_entity_is_a_syntax_error(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "Testbury Council", "&council;");
	struct parsed p;
	parse_text(&p, x);
	assert_null(p.doc);
	assert_true(diag_on_line(p.diag, "xml-syntax", 3));
	assert_non_null(strstr(p.diag, "council"));
	parsed_free(&p);
	free(x);
}

static void empty_file_is_a_syntax_error_saying_it_is_empty(void **state)
{
	(void)state;
	struct parsed p;
	parse_bytes(&p, "empty.xml", "", 0);
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "xml-syntax", 1, 1));
	assert_non_null(strstr(p.diag, "empty"));
	assert_int_equal(errors_of(&p), 1);
	parsed_free(&p);
}

static void whitespace_only_file_is_a_syntax_error(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, "  \n\n");
	assert_null(p.doc);
	assert_true(tu_has(&(struct tu_result){.diag = p.diag}, "error",
	                   "xml-syntax"));
	parsed_free(&p);
}

static void invalid_utf8_is_a_syntax_error(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "Testbury Council",
	                     "Bad \xC3\x28 \xFF Council");
	struct parsed p;
	parse_text(&p, x);
	assert_null(p.doc);
	/* '        form="la-pledge" authority="Bad ' is 40 characters */
	assert_true(diag_at(p.diag, "error", "xml-syntax", 3, 41));
	assert_non_null(strstr(p.diag, "UTF-8"));
	parsed_free(&p);
	free(x);
}

static void truncated_utf8_at_the_end_is_a_syntax_error(void **state)
{
	(void)state;
	static const char t[] = "<pledge xmlns=\"urn:mishto:1\"/>\xE2\x82";
	struct parsed p;
	parse_bytes(&p, "t.xml", t, sizeof t - 1);
	assert_null(p.doc);
	assert_true(errors_of(&p) >= 1);
	assert_true(tu_has(&(struct tu_result){.diag = p.diag}, "error",
	                   "xml-syntax"));
	parsed_free(&p);
}

static const char latin1_pledge[] =
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
    "<pledge xmlns=\"urn:mishto:1\" id=\"x\" xml:lang=\"en\""
    " form=\"la-pledge\" authority=\"Caf\xE9 Council\""
    " signed=\"2026-05-01\"/>\n";

static void iso_8859_1_declaration_is_an_encoding_error(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, latin1_pledge);
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "xml-encoding", 1, 1));
	assert_non_null(strstr(p.diag, "ISO-8859-1"));
	parsed_free(&p);
}

/* The file is well-formed: the encoding is its only fault. */
static void iso_8859_1_declaration_gives_only_the_encoding_error(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, latin1_pledge);
	unsigned errors = errors_of(&p);
	int syntax = strstr(p.diag, "\"rule\":\"xml-syntax\"") != NULL;
	if (syntax || errors != 1)
		print_message("%s", p.diag);
	parsed_free(&p);
	assert_false(syntax);
	assert_int_equal(errors, 1);
}

static void lower_case_utf8_declaration_is_accepted(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "encoding=\"UTF-8\"",
	                     "encoding=\"utf-8\"");
	struct parsed p;
	parse_text(&p, x);
	assert_non_null(p.doc);
	assert_int_equal(errors_of(&p), 0);
	parsed_free(&p);
	free(x);
}

static void unclosed_tag_is_a_syntax_error_at_its_line(void **state)
{
	(void)state;
	struct parsed p;
	parse_bytes(&p, "tests/bad/malformed.xml", NULL, 0);
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "xml-syntax", 18, 10));
	parsed_free(&p);
}

/* ---- the schema -------------------------------------------------------- */

static void element_of_another_namespace_is_a_schema_error(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "<support option",
	                     "<support xmlns=\"urn:other:1\" option");
	struct parsed p;
	parse_text(&p, x);
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "schema", 13, 3));
	assert_int_equal(errors_of(&p), 1);
	parsed_free(&p);
	free(x);
}

static void root_of_another_namespace_is_a_schema_error(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "xmlns=\"urn:mishto:1\"",
	                     "xmlns=\"urn:mishto:2\"");
	struct parsed p;
	parse_text(&p, x);
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "schema", 2, 1));
	parsed_free(&p);
	free(x);
}

static void unknown_element_is_a_schema_error(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "  <support option",
	                     "  <bogus/>\n  <support option");
	struct parsed p;
	parse_text(&p, x);
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "schema", 13, 3));
	assert_non_null(strstr(p.diag, "bogus"));
	assert_int_equal(errors_of(&p), 1);
	parsed_free(&p);
	free(x);
}

/* Said once, at the attribute's name, with the attributes it may have. */
static void unknown_attribute_is_a_schema_error(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "<support option=\"training\"",
	                     "<support option=\"training\" colour=\"red\"");
	struct parsed p;
	parse_text(&p, x);
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "schema", 13, 30));
	assert_non_null(strstr(p.diag, "<support> has no attribute "
	                                "\\\"colour\\\" (its attributes: "
	                                "option)"));
	assert_int_equal(errors_of(&p), 1);
	parsed_free(&p);
	free(x);
}

static void missing_required_attribute_is_a_schema_error(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge,
	                     "<commit step=\"housing-access/housing-routes\"/>",
	                     "<commit/>");
	struct parsed p;
	parse_text(&p, x);
	assert_null(p.doc);
	assert_true(diag_at(p.diag, "error", "schema", 11, 3));
	assert_non_null(strstr(p.diag, "commit"));
	parsed_free(&p);
	free(x);
}

/* libxml2 hands the schema callback the first child of an element whose
 * attributes fail; the diagnostic must still point at the element. */
static void missing_root_attribute_points_at_the_root(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, " authority=\"Testbury Council\"",
	                     "");
	struct parsed p;
	parse_text(&p, x);
	int at_root = diag_at(p.diag, "error", "schema", 2, 1);
	if (!at_root)
		print_message("%s", p.diag);
	int named = strstr(p.diag, "pledge") != NULL;
	int rejected = p.doc == NULL;
	parsed_free(&p);
	free(x);
	assert_true(rejected);
	assert_true(named);
	assert_true(at_root);
}

static void missing_action_point_title_points_at_the_action_point(
    void **state)
{
	(void)state;
	char *x = form_with_step("<step id=\"s\">S</step>");
	char *y = tu_replace(x, " title=\"AP\"", "");
	struct parsed p;
	parse_text(&p, y);
	/* <action-point> is on line 8, its step on line 9 */
	int at_element = diag_at(p.diag, "error", "schema", 8, 7);
	if (!at_element)
		print_message("%s", p.diag);
	int rejected = p.doc == NULL;
	parsed_free(&p);
	free(x);
	free(y);
	assert_true(rejected);
	assert_true(at_element);
}

static void elements_out_of_order_are_a_schema_error(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "  <support option=\"training\"/>\n",
	                     "");
	char *y = tu_replace(x, "  <commit step=\"promote-culture",
	                     "  <support option=\"training\"/>\n"
	                     "  <commit step=\"promote-culture");
	struct parsed p;
	parse_text(&p, y);
	assert_null(p.doc);
	assert_true(tu_has(&(struct tu_result){.diag = p.diag}, "error",
	                   "schema"));
	parsed_free(&p);
	free(x);
	free(y);
}

/* ---- the model -------------------------------------------------------- */

static void pledge_root_gives_a_pledge_document(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, tu_valid_pledge);
	assert_non_null(p.doc);
	assert_int_equal(errors_of(&p), 0);
	assert_int_equal(p.doc->kind, DOCUMENT_PLEDGE);
	assert_int_equal(p.doc->loc.line, 2);
	assert_int_equal(p.doc->loc.col, 1);
	assert_string_equal(p.doc->loc.file, "t.xml");
	assert_string_equal(p.doc->id, "test-pledge");
	assert_string_equal(p.doc->lang, "en");
	assert_ptr_equal(p.doc->src, p.src);
	parsed_free(&p);
}

static void form_root_gives_a_form_document(void **state)
{
	(void)state;
	struct parsed p;
	parse_bytes(&p, TU_FORM_PATH, NULL, 0);
	assert_non_null(p.doc);
	assert_int_equal(errors_of(&p), 0);
	assert_int_equal(p.doc->kind, DOCUMENT_PLEDGE_FORM);
	/* after a comment holding '<' and '>' */
	assert_int_equal(p.doc->loc.line, 7);
	assert_int_equal(p.doc->loc.col, 1);
	assert_string_equal(p.doc->id, "la-pledge");
	assert_string_equal(p.doc->lang, "en");
	parsed_free(&p);
}

static void root_not_at_column_one_has_its_column(void **state)
{
	(void)state;
	char *x = tu_replace(tu_valid_pledge, "<pledge xmlns",
	                     "<!-- a > b --> <pledge xmlns");
	struct parsed p;
	parse_text(&p, x);
	assert_non_null(p.doc);
	assert_int_equal(p.doc->loc.line, 2);
	assert_int_equal(p.doc->loc.col, 16);
	parsed_free(&p);
	free(x);
}

static void pledge_model_holds_what_was_written(void **state)
{
	(void)state;
	struct parsed p;
	parse_text(&p, tu_valid_pledge);
	struct pledge *pl = &p.doc->u.pledge;
	assert_string_equal(pl->form_ref, "la-pledge");
	assert_string_equal(pl->authority, "Testbury Council");
	assert_string_equal(pl->signed_on.text, "2026-05-01");
	size_t n = 0;
	for (struct pledge_commit *c = pl->commits; c; c = c->next)
		n++;
	assert_int_equal(n, 9);
	assert_string_equal(pl->commits->step_ref,
	                    "promote-culture/calendar-events");
	assert_string_equal(pl->commits->by.text, "2027-01-31");
	assert_null(pl->commits->next->by.text);
	assert_non_null(pl->supports);
	assert_string_equal(pl->supports->option_ref, "training");
	assert_null(pl->supports->next);
	assert_null(pl->support_other);
	assert_string_equal(pl->report_due.text, "2027-04-30");
	assert_true(pl->has_contact);
	assert_string_equal(pl->contact.name, "Jane Smith");
	assert_string_equal(pl->contact.role, "Officer");
	assert_string_equal(pl->contact.email, "jane.smith@testbury.example");
	assert_string_equal(pl->contact.phone, "0161 496 0123");
	parsed_free(&p);
}

static void form_model_names_steps_and_keeps_same_as(void **state)
{
	(void)state;
	struct parsed p;
	parse_bytes(&p, TU_FORM_PATH, NULL, 0);
	struct pledge_form *f = &p.doc->u.form;
	assert_string_equal(f->title, "The Mishto Pledge \xE2\x80\x93 Action Plan");
	assert_string_equal(f->audience, "Local Authorities");
	assert_string_equal(f->actions_title, "Action Points");
	size_t groups = 0, aps = 0;
	struct pledge_step *same = NULL;
	for (struct pledge_group *g = f->groups; g; g = g->next, groups++)
		for (struct action_point *a = g->action_points; a;
		     a = a->next, aps++) {
			assert_ptr_equal(a->group, g);
			for (struct pledge_step *s = a->steps; s; s = s->next) {
				assert_ptr_equal(s->action_point, a);
				if (s->same_as)
					same = s;
			}
		}
	assert_int_equal(groups, 3);
	assert_int_equal(aps, 9);
	assert_non_null(same);
	assert_string_equal(same->name, "housing-access/romanes-interpreters");
	assert_string_equal(same->same_as,
	                    "children-access/romanes-interpreters");
	assert_null(same->text);   /* filled in by check, not the parser */
	assert_int_equal(same->same_as_loc.line, 112);
	assert_int_equal(same->same_as_loc.col, 50);
	assert_true(f->has_other);
	assert_true(f->has_report_due);
	assert_string_equal(f->report_due_label, "Progress report due by");
	assert_true(f->has_contact);
	assert_string_equal(f->contact_title, "Contact Information");
	parsed_free(&p);
}

/* ---- each root's part of the schema ------------------------------------ */

static xmlRelaxNGPtr compile_schema(const unsigned char *rng, size_t len)
{
	xmlRelaxNGParserCtxtPtr pc =
	    xmlRelaxNGNewMemParserCtxt((const char *)rng, (int)len);
	assert_non_null(pc);
	xmlRelaxNGPtr r = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	return r;
}

static int rng_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static void every_document_root_has_a_part_of_the_schema(void **state)
{
	(void)state;
	xmlDocPtr whole = xmlReadMemory((const char *)mishto_schema_rng,
	                                (int)mishto_schema_rng_len, "rng",
	                                NULL, XML_PARSE_NONET);
	assert_non_null(whole);
	size_t roots = 0;
	for (xmlNode *st = xmlDocGetRootElement(whole)->children; st;
	     st = st->next)
		for (xmlNode *ch = rng_is(st, "start") ? st->children : NULL;
		     ch; ch = ch->next)
			for (xmlNode *r = rng_is(ch, "choice") ? ch->children
			                                       : NULL;
			     r; r = r->next)
				roots += rng_is(r, "ref");
	xmlFreeDoc(whole);
	assert_int_equal(roots, mishto_schema_nroots);
	assert_true(roots >= 6);
	for (size_t i = 0; i < mishto_schema_nroots; i++) {
		/* a part, made smaller, that compiles */
		assert_true(mishto_schema_roots[i].len <
		            mishto_schema_rng_len / 2);
		xmlRelaxNGPtr r = compile_schema(mishto_schema_roots[i].rng,
		                                 mishto_schema_roots[i].len);
		assert_non_null(r);
		xmlRelaxNGFree(r);
	}
}

/* Whether the schema finds the document valid (1) or not (0). */
static int valid_by(xmlRelaxNGPtr rng, xmlDocPtr doc)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	assert_non_null(vc);
	xmlRelaxNGSetValidStructuredErrors(vc, NULL, NULL);
	int rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	return rc == 0;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void a_roots_part_of_the_schema_judges_as_the_whole_does(void **state)
{
	(void)state;
	xmlSetGenericErrorFunc(NULL, silent);
	xmlRelaxNGPtr whole = compile_schema(mishto_schema_rng,
	                                     mishto_schema_rng_len);
	assert_non_null(whole);
	xmlRelaxNGPtr part[16] = {0};
	assert_true(mishto_schema_nroots <= 16);
	glob_t g;
	memset(&g, 0, sizeof g);
	const char *where[] = {"content/*.xml", "content/*/*.xml",
	                       "tests/bad/*.xml", "tests/hostile/*.xml",
	                       "tests/plans/*.xml", "tests/translation/*.xml",
	                       "tests/golden/*.xml", "tests/fuzz/corpus/*"};
	for (size_t k = 0; k < sizeof where / sizeof *where; k++)
		glob(where[k], k ? GLOB_APPEND : 0, NULL, &g);
	size_t valid = 0, invalid = 0;
	for (size_t f = 0; f < g.gl_pathc; f++) {
		xmlDocPtr doc = xmlReadFile(g.gl_pathv[f], NULL,
		                            XML_PARSE_NONET | XML_PARSE_NOERROR |
		                            XML_PARSE_NOWARNING);
		const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
		size_t i = root == NULL ? mishto_schema_nroots
		           : parse_schema_root_index(
		                 root->ns ? (const char *)root->ns->href : NULL,
		                 (const char *)root->name);
		if (i == mishto_schema_nroots) {
			xmlFreeDoc(doc);
			continue;
		}
		if (part[i] == NULL)
			part[i] = compile_schema(mishto_schema_roots[i].rng,
			                         mishto_schema_roots[i].len);
		int by_whole = valid_by(whole, doc);
		if (by_whole != valid_by(part[i], doc))
			fail_msg("%s: the whole schema says %s, its root's "
			         "part %s", g.gl_pathv[f],
			         by_whole ? "valid" : "not valid",
			         by_whole ? "not valid" : "valid");
		valid += by_whole;
		invalid += !by_whole;
		xmlFreeDoc(doc);
	}
	globfree(&g);
	/* both verdicts tried, on many documents */
	assert_true(valid >= 100);
	assert_true(invalid >= 30);
	for (size_t i = 0; i < mishto_schema_nroots; i++)
		xmlRelaxNGFree(part[i]);
	xmlRelaxNGFree(whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(attribute_value_position_is_its_first_character),
		cmocka_unit_test(multibyte_character_before_a_value_is_one_column),
		cmocka_unit_test(multibyte_character_before_an_element_is_one_column),
		cmocka_unit_test(a_place_far_along_one_long_line_is_counted_in_characters),
		cmocka_unit_test(a_place_found_from_the_last_is_the_place_found_afresh),
		cmocka_unit_test(attribute_position_allows_spaces_and_single_quotes),
		cmocka_unit_test(attribute_position_skips_values_holding_its_name),
		cmocka_unit_test(crlf_line_ends_give_the_same_positions),
		cmocka_unit_test(model_nodes_carry_their_positions),
		cmocka_unit_test(attribute_line_past_65535_is_right),
		cmocka_unit_test(element_line_past_65535_is_right),
		cmocka_unit_test(syntax_error_line_past_65535_is_right),
		cmocka_unit_test(whitespace_folds_across_inline_elements),
		cmocka_unit_test(whitespace_folds_in_nested_inlines_and_links),
		cmocka_unit_test(plain_text_title_is_folded_and_trimmed),
		cmocka_unit_test(whitespace_only_step_has_no_text),
		cmocka_unit_test(trailing_space_before_an_empty_inline_is_trimmed),
		cmocka_unit_test(doctype_is_rejected),
		cmocka_unit_test(doctype_with_entities_is_rejected_unexpanded),
		cmocka_unit_test(undeclared_entity_is_a_syntax_error),
		cmocka_unit_test(empty_file_is_a_syntax_error_saying_it_is_empty),
		cmocka_unit_test(whitespace_only_file_is_a_syntax_error),
		cmocka_unit_test(invalid_utf8_is_a_syntax_error),
		cmocka_unit_test(truncated_utf8_at_the_end_is_a_syntax_error),
		cmocka_unit_test(iso_8859_1_declaration_is_an_encoding_error),
		cmocka_unit_test(iso_8859_1_declaration_gives_only_the_encoding_error),
		cmocka_unit_test(lower_case_utf8_declaration_is_accepted),
		cmocka_unit_test(unclosed_tag_is_a_syntax_error_at_its_line),
		cmocka_unit_test(element_of_another_namespace_is_a_schema_error),
		cmocka_unit_test(root_of_another_namespace_is_a_schema_error),
		cmocka_unit_test(unknown_element_is_a_schema_error),
		cmocka_unit_test(unknown_attribute_is_a_schema_error),
		cmocka_unit_test(missing_required_attribute_is_a_schema_error),
		cmocka_unit_test(missing_root_attribute_points_at_the_root),
		cmocka_unit_test(missing_action_point_title_points_at_the_action_point),
		cmocka_unit_test(elements_out_of_order_are_a_schema_error),
		cmocka_unit_test(pledge_root_gives_a_pledge_document),
		cmocka_unit_test(form_root_gives_a_form_document),
		cmocka_unit_test(root_not_at_column_one_has_its_column),
		cmocka_unit_test(pledge_model_holds_what_was_written),
		cmocka_unit_test(form_model_names_steps_and_keeps_same_as),
		cmocka_unit_test(every_document_root_has_a_part_of_the_schema),
		cmocka_unit_test(a_roots_part_of_the_schema_judges_as_the_whole_does),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
