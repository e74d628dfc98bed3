/* report.h - reports: documents made from checked documents rather than
 * parsed, which the backends then render like any other. */
#ifndef MISHTO_REPORT_H
#define MISHTO_REPORT_H

#include <stddef.h>

#include "model.h"

struct diag;

/* The signatories register of the signed pledges among docs (which must
 * all sign the same form): who signed, when, what each committed to, when
 * each report is due and, given as_of (valid), whether that has passed; and
 * per step of the form, how many committed to it. NULL after a diagnostic.
 * Free with document_free. */
struct document *report_signatories(struct document *const *docs, size_t n,
                                    const struct mdate *as_of,
                                    struct diag *d);

/* The progress report of a checked action plan: counts of actions by
 * status and RAG per goal, the overdue ones (with as_of), each action's
 * latest update, and, when before (an earlier version of the plan, also
 * checked) is given, what changed since: new actions, status moves, new
 * updates, newly overdue actions. NULL after a diagnostic. */
struct document *report_progress(const struct document *plan,
                                 const struct document *before,
                                 const struct mdate *as_of,
                                 struct diag *d);

#endif
