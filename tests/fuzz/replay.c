/* replay.c - runs the fuzz target over every file of a corpus directory,
 * without libFuzzer: the regression test `make check` runs under the
 * sanitizers. Prints TAP, one line per input. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/fuzz/corpus";
	DIR *d = opendir(dir);
	if (d == NULL) {
		perror(dir);
		return 2;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **nn = realloc(names, cap * sizeof *names);
			if (nn == NULL)
				return 2;
			names = nn;
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, replay_cmp);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		struct source *s = source_read(path);
		if (s == NULL) {
			printf("not ok %zu - %s cannot be read\n", i + 1, path);
			continue;
		}
		/* a crash or sanitizer report ends the run: the runner
		 * counts that as a failure */
		LLVMFuzzerTestOneInput((const uint8_t *)s->text, s->len);
		printf("ok %zu - %s\n", i + 1, names[i]);
		source_free(s);
		free(names[i]);
	}
	free(names);
	printf("1..%zu\n", n);
	return 0;
}
