/* output.c - staged, atomic output files. */
#include "output.h"
#include "diag.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files that exist right now. A signal handler can reach
 * nothing but globals, so this list is the one piece of process-wide
 * state: nodes are complete before they are linked in. */
/* Doubly linked, so a batch of thousands removes each in constant
 * time; the signal handler walks next only. */
struct output_pending {
	char *tmp;
	struct output_pending *next, *prev;
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

/* Each directory this run writes into, with its lock file ".mishto.lock"
 * held open. Two locks on its bytes (fcntl record locks, which end with
 * the process, however it ends): byte 0 is held shared by every run
 * writing there, so a run that gets it exclusively knows it is alone
 * and that any temporary file there is left from a run that was killed;
 * byte 1 is held exclusively while a run moves its outputs into place,
 * so two runs' outputs never interleave. Listed here, not in a context,
 * for the same reason as the temporary files: the signal handler. */
struct output_dir {
	char *dir;         /* "" or a path ending in '/' */
	char *lock_path;
	int fd;
	int unlocked;      /* the file system has no record locks */
	struct output_dir *next;
};
static struct output_dir *volatile output_dirs;

static int output_lock_byte(int fd, short type, off_t byte, int wait)
{
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = byte;
	fl.l_len = 1;
	int r;
	do
		r = fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl);
	while (r != 0 && wait && errno == EINTR);
	return r;
}

/* Whether a name is a temporary file of ours: ".NAME.mishto-XXXXXX". */
static int output_is_temporary(const char *name)
{
	size_t n = strlen(name);
	if (name[0] != '.' || n < 16 ||
	    memcmp(name + n - 14, ".mishto-", 8) != 0)
		return 0;
	for (size_t i = n - 6; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return 0;
	return 1;
}

static void output_remove_stale(const char *dir)
{
	DIR *dp = opendir(*dir ? dir : ".");
	if (dp == NULL)
		return;
	int dfd = dirfd(dp);
	struct dirent *e;
	while ((e = readdir(dp)) != NULL)
		if (output_is_temporary(e->d_name))
			unlinkat(dfd, e->d_name, 0);
	closedir(dp);
}

/* Joins the runs writing into dir (taking byte 0 shared), first
 * removing what killed runs left there when no other run is. */
static struct output_dir *output_dir_enter(const char *path, size_t dlen,
                                           struct diag *d)
{
	for (struct output_dir *o = output_dirs; o; o = o->next)
		if (strlen(o->dir) == dlen && memcmp(o->dir, path, dlen) == 0)
			return o;
	struct output_dir *o = calloc(1, sizeof *o);
	if (o == NULL || (o->dir = strndup(path, dlen)) == NULL ||
	    (o->lock_path = malloc(dlen + 13)) == NULL) {
		if (o)
			free(o->dir);
		free(o);
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		return NULL;
	}
	sprintf(o->lock_path, "%s.mishto.lock", o->dir);
	int alone = 0;
	for (int tries = 0;; tries++) {
		o->fd = open(o->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
		if (o->fd < 0) {
			struct loc l = {o->lock_path, NULL, 0, 0};
			diag_report(d, DIAG_ERROR, &l, "output",
			            "cannot create a file in this directory: %s",
			            strerror(errno));
			goto fail;
		}
		alone = output_lock_byte(o->fd, F_WRLCK, 0, 0) == 0;
		if (!alone && output_lock_byte(o->fd, F_RDLCK, 0, 1) != 0) {
			/* a file system without record locks (some network
			 * and FUSE ones): write as before there were locks,
			 * never removing another run's files */
			if (errno == ENOLCK || errno == EINVAL ||
			    errno == EOPNOTSUPP) {
				o->unlocked = 1;
				break;
			}
			struct loc l = {o->lock_path, NULL, 0, 0};
			diag_report(d, DIAG_ERROR, &l, "output",
			            "cannot lock this file: %s", strerror(errno));
			goto fail;
		}
		/* a run that was alone removed the file as it ended: the
		 * lock is on a file no longer there; open it again */
		struct stat a, b;
		if (fstat(o->fd, &a) == 0 && stat(o->lock_path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			break;
		close(o->fd);
		o->fd = -1;
		if (tries == 100) {
			struct loc l = {o->lock_path, NULL, 0, 0};
			diag_report(d, DIAG_ERROR, &l, "output",
			            "this lock file keeps being replaced; is "
			            "something else removing it?");
			goto fail;
		}
	}
	if (alone) {
		output_remove_stale(o->dir);
		output_lock_byte(o->fd, F_RDLCK, 0, 0);
	}
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	o->next = output_dirs;
	output_dirs = o;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return o;
fail:
	if (o->fd >= 0)
		close(o->fd);
	free(o->lock_path);
	free(o->dir);
	free(o);
	return NULL;
}

/* The last run out of a directory removes its lock file (async-signal
 * safe: the signal handler does this too). */
static void output_dir_leave(struct output_dir *o)
{
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 1;
	if (o->unlocked || fcntl(o->fd, F_SETLK, &fl) == 0)
		unlink(o->lock_path);
	close(o->fd);
}

static void output_on_signal(int sig)
{
	for (struct output_pending *p = output_pending_list; p; p = p->next)
		unlink(p->tmp);
	for (struct output_dir *o = output_dirs; o; o = o->next)
		output_dir_leave(o);
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

void output_finish(void)
{
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	struct output_dir *o = output_dirs;
	output_dirs = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
	while (o != NULL) {
		struct output_dir *next = o->next;
		output_dir_leave(o);
		free(o->lock_path);
		free(o->dir);
		free(o);
		o = next;
	}
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
	if (p->prev != NULL)
		p->prev->next = p->next;
	else if (output_pending_list == p)
		output_pending_list = p->next;
	if (p->next != NULL)
		p->next->prev = p->prev;
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
	of->tmp = malloc(strlen(path) + 24);
	if (of->path != NULL && of->tmp != NULL &&
	    output_dir_enter(path, dlen, d) == NULL)
		goto fail;
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
	/* ".NAME.mishto-XXXXXX" in the same directory, so rename is
	 * atomic and a killed run's files are known for what they are */
	memcpy(of->tmp, path, dlen);
	sprintf(of->tmp + dlen, ".%s.mishto-XXXXXX", path + dlen);
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
		node->prev = NULL;
		node->next = output_pending_list;
		if (node->next != NULL)
			node->next->prev = node;
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

static int output_by_dir(const void *a, const void *b)
{
	return strcmp((*(struct output_dir *const *)a)->dir,
	              (*(struct output_dir *const *)b)->dir);
}

/* A hard link to the file now at path, under a temporary name, to put
 * back if a later rename fails; NULL if there is none (no old file, or
 * a file system without hard links). */
static char *output_keep_old(const char *path, const char *tmp)
{
	struct stat sb;
	if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return NULL;
	char *bk = strdup(tmp);
	if (bk == NULL)
		return NULL;
	/* named from the staged file's unique name, not by mkstemp: a
	 * file made only to be unlinked for its name cost an inode each,
	 * and on ext4 without a journal every inode freed in the last
	 * minutes is looked at again by each file made after it (a batch
	 * of 400 pledges rebuilt spent a fifth of its time there); link
	 * refuses a name taken, by another run's mkstemp too */
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz"
	                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	char *x = bk + strlen(bk) - 6;
	uint32_t h = 2166136261u;
	for (int i = 0; i < 6; i++)
		h = (h ^ (unsigned char)x[i]) * 16777619u;
	for (int tries = 0; tries < 10; tries++) {
		for (int i = 0; i < 6; i++) {
			h = h * 1103515245u + 12345u;
			x[i] = letters[(h >> 16) % (sizeof letters - 1)];
		}
		if (link(path, bk) == 0)
			return bk;
		if (errno != EEXIST)
			break;
	}
	free(bk);
	return NULL;
}

int output_commit_all(struct output_file *v, size_t n, struct diag *d)
{
	if (n == 0)
		return 0;
	int rc = 0;
	char **old = calloc(n, sizeof *old);
	struct output_dir **dirs = calloc(n, sizeof *dirs);
	if (old == NULL || dirs == NULL) {
		diag_report(d, DIAG_ERROR, NULL, "out-of-memory",
		            "out of memory");
		free(old);
		free(dirs);
		for (size_t i = 0; i < n; i++)
			output_discard(&v[i]);
		return -1;
	}
	/* no signal part-way through: the renames take microseconds */
	sigset_t all, mask;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &mask);
	/* each directory's commit lock, always in the same order */
	size_t ndirs = 0;
	for (struct output_dir *o = output_dirs; o && ndirs < n; o = o->next)
		dirs[ndirs++] = o;
	qsort(dirs, ndirs, sizeof *dirs, output_by_dir);
	for (size_t i = 0; i < ndirs; i++)
		output_lock_byte(dirs[i]->fd, F_WRLCK, 1, 1);
	size_t done = 0;
	for (; done < n; done++) {
		/* the last has nothing after it to fail: no copy to keep
		 * (a build of one file: four calls to the system fewer) */
		if (done + 1 < n)
			old[done] = output_keep_old(v[done].path, v[done].tmp);
		if (rename(v[done].tmp, v[done].path) != 0)
			break;
	}
	if (done < n) {
		int err = errno;
		/* put back what this run replaced, remove what it added */
		for (size_t j = 0; j < done; j++)
			if (old[j] == NULL || rename(old[j], v[j].path) != 0)
				unlink(v[j].path);
		struct loc l = {v[done].path, NULL, 0, 0};
		diag_report(d, DIAG_ERROR, &l, "output",
		            "cannot move the new file into place: %s; the "
		            "files this run had replaced are put back",
		            strerror(err));
		rc = -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (old[i] != NULL)
			unlink(old[i]);
		free(old[i]);
		output_pending_remove(&v[i]);
		if (i >= done && v[i].tmp != NULL)
			unlink(v[i].tmp);
		free(v[i].tmp);
		free(v[i].path);
		memset(&v[i], 0, sizeof v[i]);
	}
	for (size_t i = 0; i < ndirs; i++)
		output_lock_byte(dirs[i]->fd, F_UNLCK, 1, 0);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	free(old);
	free(dirs);
	return rc;
}

int output_commit(struct output_file *of, struct diag *d)
{
	return output_commit_all(of, 1, d);
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
