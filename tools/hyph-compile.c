/* hyph-compile - writes the hyphenation tables compiled into mishto
 * (hyph_int.h) to standard output, from the pattern files in DIR (default
 * Debian's /usr/share/hyphen). Run by make; not installed.
 * usage: hyph-compile [DIR] */
#include "hyph_int.h"

int main(int argc, char **argv)
{
	return hyph_compile(argc > 1 ? argv[1] : NULL, stdout) == 0 ? 0 : 1;
}
