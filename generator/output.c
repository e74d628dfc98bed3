/* output.c - staged, atomic output files. */
#include "output.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
	int fd = mkstemp(of->tmp);
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
	if (of->tmp != NULL)
		unlink(of->tmp);
	free(of->tmp);
	free(of->path);
	memset(of, 0, sizeof *of);
}
