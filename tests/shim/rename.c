/* rename.c - a stand-in for rename(2), preloaded by tests/outputs.sh to
 * make a rename fail or take time, as a full or slow file system would:
 *   MISHTO_TEST_RENAME_FAIL=.html   renames onto a name ending so fail (EIO)
 *   MISHTO_TEST_RENAME_DELAY_MS=300 each rename waits first
 *   MISHTO_TEST_RENAME_MARK=FILE    created when the first rename starts
 * Everything else goes to the C library's rename. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *);
	/* as POSIX's dlsym page writes it: no object-to-function cast */
	*(void **)&real = dlsym(RTLD_NEXT, "rename");
	const char *mark = getenv("MISHTO_TEST_RENAME_MARK");
	if (mark != NULL && *mark) {
		int fd = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
		if (fd >= 0)
			close(fd);
	}
	const char *delay = getenv("MISHTO_TEST_RENAME_DELAY_MS");
	if (delay != NULL && *delay) {
		long ms = atol(delay);
		struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
	}
	const char *fail = getenv("MISHTO_TEST_RENAME_FAIL");
	size_t nf = fail ? strlen(fail) : 0, nt = strlen(to);
	if (nf > 0 && nt >= nf && strcmp(to + nt - nf, fail) == 0) {
		errno = EIO;
		return -1;
	}
	return real(from, to);
}
