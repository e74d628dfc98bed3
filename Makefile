# mishto - a document compiler for the Mishto campaign.
#   make          install missing Debian packages, build, compile content/
#   make check    build and run every test (also under ASan and UBSan)
# See README.md.

CC      ?= cc
CFLAGS  ?= -O2 -g
# Hardening, as Debian builds its packages: checked string and memory
# functions, stack protector and clash protection, control-flow
# protection, a read-only relocation table bound at start. CPPFLAGS and
# LDFLAGS from the environment are honoured.
HARDEN   = -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
           -fstack-clash-protection -fcf-protection
HARDEN_LD = -Wl,-z,relro,-z,now
WARN     = -std=c11 -Wall -Wextra -Wpedantic
# Where make install puts things (GNU's names; DESTDIR stages them).
prefix  ?= /usr/local
exec_prefix ?= $(prefix)
bindir  ?= $(exec_prefix)/bin
datadir ?= $(prefix)/share
mandir  ?= $(datadir)/man
DEFS     = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -DMISHTO_LAYOUT_DIR='"$(CURDIR)/layouts"' \
           -DMISHTO_DATADIR='"$(datadir)/mishto"'
# Recursive (=) on purpose: pkg-config may only exist after `deps` ran.
PKG_CFLAGS = $(shell pkg-config --cflags libxml-2.0 libpcre2-8 nettle zlib libqpdf 2>/dev/null || echo -I/usr/include/libxml2)
# libqpdf is loaded by import when a PDF comes back (dlopen), not linked
PKG_LIBS   = $(shell pkg-config --libs libxml-2.0 libpcre2-8 nettle zlib 2>/dev/null || echo -lxml2 -lpcre2-8 -lnettle -lz)
# Debian's libharu, libunibreak and libhyphen have no pkg-config file.
LIBS     = $(PKG_LIBS) -lhpdf -lunibreak -ldeflate -lm
# The program itself (not the tests) takes libxml2 with the ICU and C++
# libraries it loads, PCRE2, Nettle and libdeflate from their archives,
# and GCC's run-time library (the C++ library's unwinder) too:
# loading and relocating them took a sixth of building the pledge form
# (README, "Speed"). It is linked again whenever Debian updates one of
# their packages, so a security update reaches it with the next make.
# STATIC=0 links every library dynamically.
STATIC  ?= 1
STATIC_ARCHIVES = libxml2.a libicuuc.a libicudata.a liblzma.a \
                  libpcre2-8.a libnettle.a libdeflate.a libstdc++.a \
                  libgcc_eh.a
ifeq ($(STATIC),1)
PROGRAM_LIBS = -Wl,-Bstatic -lxml2 -licuuc -licudata -llzma -lpcre2-8 \
               -lnettle -ldeflate -lstdc++ -Wl,-Bdynamic -static-libgcc \
               -lhpdf -lunibreak -lz -lm
STATIC_PACKAGES = libxml2-dev libicu-dev liblzma-dev libpcre2-dev \
                  nettle-dev libdeflate-dev libstdc++-12-dev libgcc-12-dev
# dpkg gives an installed file the time its package was built, so an
# archive's own time does not tell of an update; a package's list of
# files in dpkg's database is written when the package is installed
PROGRAM_ARCHIVES = $(wildcard $(foreach a,$(STATIC_ARCHIVES),\
                     $(shell $(CC) -print-file-name=$(a)))) \
                   $(subst :,\:,$(wildcard $(foreach p,$(STATIC_PACKAGES),\
                     /var/lib/dpkg/info/$(p).list \
                     /var/lib/dpkg/info/$(p):*.list)))
else
PROGRAM_LIBS = $(LIBS)
PROGRAM_ARCHIVES =
endif
ALL_CFLAGS = $(WARN) $(DEFS) $(CPPFLAGS) -Igenerator -Ibuild $(PKG_CFLAGS) \
             $(HARDEN) $(CFLAGS)

# What building and running needs (make, make site, make install), and
# what only the tests need besides (make check, make fuzz).
DEB_PACKAGES = gcc make pkg-config libc6-dev libhpdf-dev libxml2-dev \
               libpcre2-dev nettle-dev zlib1g-dev libdeflate-dev \
               liblzma-dev libstdc++-12-dev \
               fonts-dejavu-core fonts-dejavu-extra \
               libunibreak-dev hyphen-en-gb hyphen-ro \
               hyphen-bg hyphen-sk hyphen-pl libqpdf-dev icc-profiles-free \
               libfontconfig-dev
TEST_PACKAGES = libcmocka-dev libxml2-utils poppler-utils qpdf valgrind \
                clang libclang-rt-14-dev time pdftk-java mandoc trang \
                libhyphen-dev

MODULES = arena utf8 source diag diag_rules model schema parse font check check_pledge check_guidance \
          check_plan check_minutes style ptree lower lower_pledge hyph \
          lower_guidance lower_plan lower_minutes lower_report layout pdf \
          pdf_objects html csv rules report translate output reserve options load build site \
          import pledge_import mishto
OBJS    = $(MODULES:%=build/%.o) build/schema_rng.o build/hyph_tables.o
HEADERS = $(wildcard generator/*.h)

CONTENT = $(wildcard content/*.xml content/*/*.xml)
LAYOUTS = $(wildcard layouts/*)

.PHONY: all deps documents large-print reports site check check-a11y \
        clean fuzz bench bench-linear install uninstall FORCE
all: out/.sources documents large-print reports site

deps: build/.deps
build/.deps: tools/deps.sh
	@sh tools/deps.sh $(DEB_PACKAGES)
	@mkdir -p build && touch $@
build/.test-deps: tools/deps.sh build/.deps
	@sh tools/deps.sh $(TEST_PACKAGES)
	@touch $@

# The schema as it is, and cut down to each document root's part (the
# part a document is validated against: tools/schema-roots.c).
build/schema-roots: tools/schema-roots.c build/.deps
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) -O2 -o $@ tools/schema-roots.c \
	    $(PKG_LIBS)
build/schema_rng.c: schema/mishto.rng tools/embed.sh build/schema-roots \
    generator/parse.h build/.deps
	{ sh tools/embed.sh mishto_schema_rng schema/mishto.rng && \
	  build/schema-roots schema/mishto.rng; } > $@.tmp
	mv $@.tmp $@

build/%.o: generator/%.c $(HEADERS) build/.deps
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The hyphenation patterns installed now, compiled into the program
# (generator/hyph_int.h): reading the English file took a sixth of the
# time of building the pledge form. A file that differs at run time is
# read as it is.
build/hyph-compile: tools/hyph-compile.c generator/hyph.c generator/utf8.c \
    $(HEADERS) build/.deps
	$(CC) $(ALL_CFLAGS) -DHYPH_NO_COMPILED -o $@ tools/hyph-compile.c \
	    generator/hyph.c generator/utf8.c -ldeflate
build/hyph_tables.c: build/hyph-compile $(wildcard /usr/share/hyphen/hyph_*.dic)
	build/hyph-compile > $@.tmp
	mv $@.tmp $@
build/hyph_tables.o: build/hyph_tables.c generator/hyph_int.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/schema_rng.o: build/schema_rng.c generator/parse.h generator/model.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The packages checked again when the Makefile (their list) changes: a
# checkout built before a package was added to the list has its
# build/.deps already, and linking needs what was added.
build/.deps-linked: Makefile build/.deps
	@sh tools/deps.sh $(DEB_PACKAGES)
	@touch $@
# (linked again when STATIC changes: a stamp named after it)
build/.linked-STATIC-%:
	@mkdir -p build
	@rm -f build/.linked-STATIC-*
	@touch $@
build/mishto: $(OBJS) build/main.o $(PROGRAM_ARCHIVES) \
              build/.linked-STATIC-$(STATIC) build/.deps-linked
	$(CC) $(CFLAGS) $(HARDEN) $(HARDEN_LD) $(LDFLAGS) -o $@ $(OBJS) build/main.o $(PROGRAM_LIBS)

# Each document in content/ is compiled on its own (a signed pledge or
# guidance finds its form by itself), so editing one file rebuilds only
# what depends on it: mishto -MD writes out/NAME.d listing the files each
# output was made from, the form and the layout included; make -j runs
# documents in parallel. Outputs are named after the file, so file names
# in content/ are unique.
vpath %.xml $(sort $(dir $(CONTENT)))
OUTPUTS = $(patsubst %.xml,out/%.pdf,$(notdir $(CONTENT))) \
          $(patsubst %.xml,out/%.html,$(notdir $(CONTENT)))
documents: $(OUTPUTS)
out/%.pdf out/%.html: %.xml build/mishto | out
	build/mishto build -MD -o out $<
out:
	@mkdir -p out
-include $(wildcard out/*.d)

# The names of the sources, rewritten only when one is added, renamed or
# deleted: the register and the site depend on it, so deleting a pledge
# takes it out of both, and the outputs of a source that is gone are
# removed (tools/prune.sh).
out/.sources: FORCE | out
	@printf '%s\n' $(sort $(basename $(notdir $(CONTENT)))) > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; \
	 else mv $@.new $@ && sh tools/prune.sh out $@; fi
FORCE:

FORM    = content/la-pledge.xml
PLEDGES = $(wildcard content/pledges/*.xml)
PLANS   = $(wildcard content/plans/*.xml)

# Large-print editions (PDF, 16 pt and up) of the pledge form, the signed
# pledges, guidance and minutes: NAME.large-print.pdf.
LARGE_PRINT = $(FORM) $(PLEDGES) $(wildcard content/guidance*.xml) \
              $(wildcard content/minutes/*.xml)
large-print: $(patsubst %.xml,out/%.large-print.pdf,$(notdir $(LARGE_PRINT)))
out/%.large-print.pdf: %.xml build/mishto | out
	build/mishto build -w --layout large-print --format pdf -MD -o out $<

# Reports, internal editions beside the documents: the register of the
# signed pledges (PDF, HTML, CSV) and a progress report per action plan.
# Their documents' warnings were shown when the documents were built: -w.
# One command writes the register's three files (&: groups them, so make
# -j runs it once, not once per file).
REPORTS = out/signatories.pdf out/signatories.html out/signatories.csv \
          $(patsubst %.xml,out/%-progress.pdf,$(notdir $(PLANS))) \
          $(patsubst %.xml,out/%-progress.html,$(notdir $(PLANS)))
reports: $(REPORTS)
out/signatories.pdf out/signatories.html out/signatories.csv &: $(FORM) \
    $(PLEDGES) $(LAYOUTS) out/.sources build/mishto | out
	build/mishto report signatories -w -o out $(FORM) $(PLEDGES)
out/%-progress.pdf out/%-progress.html: %.xml $(LAYOUTS) build/mishto | out
	build/mishto report progress -w -o out $<

# The site to publish: the public edition of everything (no contact
# details, no internal notes) with the reports and an index, in out/site/
# (out/ itself holds the internal editions, which are not for the public).
# Built in out/site.new and swapped in whole.
site: out/site/index.html
out/site/index.html: $(CONTENT) $(LAYOUTS) out/.sources build/mishto | out
	rm -rf out/site.new && mkdir -p out/site.new
	build/mishto site --public -w -o out/site.new $(CONTENT)
	rm -rf out/site && mv out/site.new out/site

# ---- tests ------------------------------------------------------------
TEST_NAMES = $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
SAN_FLAGS  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

# libhyphen is linked into the tests only: hyph.c reads its files, and
# test_hyph holds the points it finds to libhyphen's
build/test_%: tests/unit/test_%.c $(OBJS) tests/unit/testutil.h build/.test-deps
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(OBJS) $(LIBS) -lhyphen -lcmocka

build/san/%.o: generator/%.c $(HEADERS) build/.deps
	@mkdir -p build/san
	$(CC) $(WARN) $(DEFS) -Igenerator -Ibuild $(PKG_CFLAGS) $(SAN_FLAGS) -c -o $@ $<
build/san/schema_rng.o: build/schema_rng.c generator/parse.h generator/model.h
	@mkdir -p build/san
	$(CC) $(WARN) $(DEFS) -Igenerator $(PKG_CFLAGS) $(SAN_FLAGS) -c -o $@ $<
build/san/hyph_tables.o: build/hyph_tables.c generator/hyph_int.h
	@mkdir -p build/san
	$(CC) $(WARN) $(DEFS) -Igenerator $(SAN_FLAGS) -c -o $@ $<
SAN_OBJS = $(MODULES:%=build/san/%.o) build/san/schema_rng.o \
           build/san/hyph_tables.o
build/san/mishto: $(SAN_OBJS) build/san/main.o
	$(CC) $(SAN_FLAGS) -o $@ $(SAN_OBJS) build/san/main.o $(LIBS)
build/san/test_%: tests/unit/test_%.c $(SAN_OBJS) tests/unit/testutil.h build/.test-deps
	$(CC) $(WARN) $(DEFS) -Igenerator -Ibuild -Itests/unit $(PKG_CFLAGS) $(SAN_FLAGS) -o $@ $< $(SAN_OBJS) $(LIBS) -lhyphen -lcmocka

# The tagged-PDF checker (tests/tagged.sh), with the sanitizers.
build/pdfcheck: tests/pdfcheck.c build/.deps
	$(CC) $(WARN) $(DEFS) $(PKG_CFLAGS) $(SAN_FLAGS) -o $@ $< $(PKG_LIBS) -lqpdf

# The allocation-failure test replaces malloc itself: no sanitizers there.
build/oom: tests/oom/oom.c $(OBJS)
	$(CC) $(ALL_CFLAGS) -Wno-pedantic -rdynamic -o $@ tests/oom/oom.c $(OBJS) $(LIBS)

# The fuzz target, replayed over the saved corpus (make check), and run by
# libFuzzer for FUZZ_SECONDS (make fuzz; new inputs go to build/fuzz/new).
FUZZ_SECONDS ?= 1800
FUZZ_SRC = tests/fuzz/fuzz_documents.c
build/san/replay: tests/fuzz/replay.c $(FUZZ_SRC) $(SAN_OBJS)
	$(CC) $(WARN) $(DEFS) -Igenerator -Ibuild $(PKG_CFLAGS) $(SAN_FLAGS) -o $@ tests/fuzz/replay.c $(FUZZ_SRC) $(SAN_OBJS) $(LIBS)
build/fuzz/mishto-fuzz: $(FUZZ_SRC) $(MODULES:%=generator/%.c) build/schema_rng.c build/hyph_tables.c $(HEADERS) build/.test-deps
	@mkdir -p build/fuzz
	clang $(WARN) $(DEFS) -Igenerator -Ibuild $(PKG_CFLAGS) -g -O1 \
	    -fsanitize=fuzzer,address,undefined -o $@ $(FUZZ_SRC) \
	    $(MODULES:%=generator/%.c) build/schema_rng.c build/hyph_tables.c $(LIBS)
fuzz: build/fuzz/mishto-fuzz
	@mkdir -p build/fuzz/new
	build/fuzz/mishto-fuzz -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=1 build/fuzz/new tests/fuzz/corpus

# Benchmarks (figures, not tests): speed against WeasyPrint and FOP, and
# the linear cost of pathological inputs.
build/runtime: tests/bench/runtime.c
	$(CC) $(WARN) -O2 -o $@ $<

bench: build/mishto build/runtime
	@sh tests/bench/bench.sh build/mishto
	@sh tests/bench/linear.sh build/mishto
bench-linear: build/mishto build/runtime
	@sh tests/bench/linear.sh build/mishto

# Accessibility of the HTML (Nu HTML Checker, axe-core in Chromium, 320 px):
# installs what it needs when it can (see tests/a11y.sh), else says what is
# missing and skips.
check-a11y: build/mishto
	@A11Y_INSTALL=1 sh tests/a11y.sh build/mishto

# A stand-in for rename(2) that fails or waits (tests/outputs.sh).
build/shim-rename.so: tests/shim/rename.c
	$(CC) $(WARN) -O2 -shared -fPIC -o $@ $< -ldl

check: build/.test-deps build/mishto build/san/mishto build/oom build/san/replay build/pdfcheck \
       build/shim-rename.so \
       $(TEST_NAMES:%=build/test_%) $(TEST_NAMES:%=build/san/test_%)
	@sh tests/run.sh "$(TEST_NAMES)"

# ---- installing ---------------------------------------------------------
# The program, its data folder ($(datadir)/mishto: layouts, stylesheet,
# form script, schema), the man page and bash completion. The program
# finds its data folder beside itself (BIN/../share/mishto), so a staged
# DESTDIR tree works where it is moved to.
DATA_FILES = $(wildcard layouts/*)
install: build/mishto
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(datadir)/mishto/layouts \
	    $(DESTDIR)$(datadir)/mishto/schema $(DESTDIR)$(mandir)/man1 \
	    $(DESTDIR)$(datadir)/bash-completion/completions
	install -m 755 build/mishto $(DESTDIR)$(bindir)/mishto
	install -m 644 $(DATA_FILES) $(DESTDIR)$(datadir)/mishto/layouts/
	install -m 644 $(wildcard schema/mishto.rng schema/mishto.rnc) \
	    $(DESTDIR)$(datadir)/mishto/schema/
	install -m 644 doc/mishto.1 $(DESTDIR)$(mandir)/man1/mishto.1
	install -m 644 completion/mishto \
	    $(DESTDIR)$(datadir)/bash-completion/completions/mishto
uninstall:
	rm -f $(DESTDIR)$(bindir)/mishto $(DESTDIR)$(mandir)/man1/mishto.1 \
	    $(DESTDIR)$(datadir)/bash-completion/completions/mishto
	rm -rf $(DESTDIR)$(datadir)/mishto

clean:
	rm -rf build out
