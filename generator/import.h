/* import.h - what comes back: a filled-in form read as the values of its
 * fields, and the files it carries. Reads a filled PDF (its AcroForm
 * fields, through libqpdf), an FDF or XFDF export of one, or a source
 * file as it is (what the HTML form saves). Knows nothing of pledges:
 * pledge_import.c makes a pledge of the values. */
#ifndef MISHTO_IMPORT_H
#define MISHTO_IMPORT_H

#include <stddef.h>

struct diag;

enum import_kind { IMPORT_PDF, IMPORT_FDF, IMPORT_XFDF, IMPORT_XML };

struct import_field {
	char *name;              /* fully qualified ("step:ap/step") */
	char *value;             /* UTF-8; a check box's state name ("Yes",
	                            "Off"); "" when empty */
	int page;                /* 1-based page of its first widget; 0
	                            unknown (FDF, XFDF) */
	int is_check;            /* a check box (its value a state name) */
};

struct import_file {
	char *name;              /* as the PDF names it ("la-pledge.xml") */
	char *data;              /* NUL-terminated */
	size_t len;
};

struct import_return {
	const char *path;
	enum import_kind kind;
	struct import_field *fields;
	size_t nfields;
	struct import_file *files;
	size_t nfiles;
	char *form_file;         /* FDF /F, XFDF <f href>: the PDF it fills */
};

/* Reads the file at path (what it is is told by its first bytes). 0, or
 * -1 after a diagnostic naming the file. */
int import_read(const char *path, struct import_return *r, struct diag *d);
void import_free(struct import_return *r);
/* The field named name, or NULL. */
const struct import_field *import_field(const struct import_return *r,
                                        const char *name);

#endif
