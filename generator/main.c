/* main.c - the program: everything else is in mishto_main. */
#include <stdio.h>

#include "mishto.h"

int main(int argc, char **argv)
{
	return mishto_main(argc, argv, stderr);
}
