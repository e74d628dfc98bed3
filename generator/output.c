/* output.c - staged, atomic output files. */
#include "output.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files that exist right now. A signal handler can reach
 * nothing but globals, so this list is the one piece of process-wide
 * state: nodes are complete before they are linked in. */
struct output_pending {
	char *tmp;
	struct output_pending *next;
};
static struct output_pending *volatile output_pending_list;
/* Every signal that ends a process by default and can be caught: a
 * closed pipe (build ... 2>&1 | head -1), a quit key, a file or CPU
 * limit, an alarm, the user signals. */
static const int output_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE,
                                     SIGQUIT, SIGXFSZ, SIGXCPU, SIGALRM,
                                     SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF};
#define OUTPUT_NSIGNALS (sizeof output_signals / sizeof *output_signals)
static struct sigaction output_old[OUTPUT_NSIGNALS];
static int output_guarded;

static void output_on_signal(int sig)
{
	for (struct output_pending *p = output_pending_list; p; p = p->next)
		unlink(p->tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A library that ends the process itself (libhyphen does, when its own
 * allocation fails) must not leave temporary files behind either. */
static void output_on_exit(void)
{
	for (struct output_pending *p = output_pending_list; p; p = p->next)
		unlink(p->tmp);
}

void output_guard_signals(void)
{
	static int at_exit;
	if (!at_exit)
		at_exit = atexit(output_on_exit) == 0;
	if (output_guarded)
		return;
	output_guarded = 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = output_on_signal;
	sigemptyset(&sa.sa_mask);
	/* a signal the caller ignores stays ignored (a write to a closed
	 * pipe then fails, and says so) */
	for (size_t i = 0; i < OUTPUT_NSIGNALS; i++)
		if (sigaction(output_signals[i], NULL, &output_old[i]) == 0 &&
		    output_old[i].sa_handler != SIG_IGN)
			sigaction(output_signals[i], &sa, NULL);
}

void output_unguard_signals(void)
{
	if (!output_guarded)
		return;
	output_guarded = 0;
	for (size_t i = 0; i < OUTPUT_NSIGNALS; i++)
		sigaction(output_signals[i], &output_old[i], NULL);
}

static void output_pending_remove(struct output_file *of)
{
	struct output_pending *p = of->pending;
	if (p == NULL)
		return;
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	struct output_pending *volatile *pp = &output_pending_list;
	while (*pp != NULL && *pp != p)
		pp = &(*pp)->next;
	if (*pp == p)
		*pp = p->next;
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(p->tmp);
	free(p);
	of->pending = NULL;
}

int output_stage(struct output_file *of, const char *path, const void *data,
                 size_t len, struct diag *d)
{
	memset(of, 0, sizeof *of);
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	of->path = strdup(path);
	of->tmp = malloc(strlen(path) + 16);
	if (of->path == NULL || of->tmp == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		goto fail;
	}
	/* rename() could only fail after other outputs were already
	 * replaced; the one likely cause is caught before anything moves */
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		struct loc l = {path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "output",
		            "a directory is in the way of this output file");
		goto fail;
	}
	/* ".NAME.XXXXXX" in the same directory, so rename is atomic */
	memcpy(of->tmp, path, dlen);
	sprintf(of->tmp + dlen, ".%s.XXXXXX", path + dlen);
	struct output_pending *node = malloc(sizeof *node);
	char *tmpcopy = NULL;
	if (node == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		goto fail;
	}
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);   /* no signal between create
	                                        and record */
	int fd = mkstemp(of->tmp);
	int saved = errno;
	if (fd >= 0 && (tmpcopy = strdup(of->tmp)) != NULL) {
		node->tmp = tmpcopy;
		node->next = output_pending_list;
		output_pending_list = node;
		of->pending = node;
		node = NULL;
	} else if (fd >= 0) {
		unlink(of->tmp);
		close(fd);
		fd = -1;
		saved = ENOMEM;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(node);
	errno = saved;
	if (fd < 0) {
		struct loc l = {path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "output",
		            "cannot create a file in this directory: %s",
		            strerror(errno));
		free(of->tmp);
		of->tmp = NULL;
		goto fail;
	}
	mode_t mask = umask(0);
	umask(mask);
	const char *p = data;
	size_t left = len;
	int err = 0;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	if (err == 0 && fchmod(fd, 0666 & ~mask) != 0)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0) {
		struct loc l = {path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "output",
		            "cannot write this file: %s", strerror(err));
		goto fail;
	}
	return 0;
fail:
	output_discard(of);
	return -1;
}

int output_commit(struct output_file *of, struct diag *d)
{
	output_pending_remove(of);
	if (rename(of->tmp, of->path) != 0) {
		struct loc l = {of->path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "output",
		            "cannot move the new file into place: %s",
		            strerror(errno));
		output_discard(of);
		return -1;
	}
	free(of->tmp);
	free(of->path);
	memset(of, 0, sizeof *of);
	return 0;
}

void output_discard(struct output_file *of)
{
	output_pending_remove(of);
	if (of->tmp != NULL)
		unlink(of->tmp);
	free(of->tmp);
	free(of->path);
	memset(of, 0, sizeof *of);
}
