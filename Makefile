# wckit — small Unix-pipeline programs for the Wilson–Cowan neural mass model.
# make [all] | check [SANITIZE=1] [T=t_name] | check-hard | check-valgrind [T=...] | check-cluster | fuzz [FUZZ_TIME=s] [FUZZ=name]
#      | bench | demo | deps | install | uninstall | clean

VERSION    := $(shell cat VERSION)
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DATADIR    ?= $(PREFIX)/share/wckit
# libwc's shared library: the soname carries the major version (the ABI).
SOMAJOR    := $(firstword $(subst ., ,$(VERSION)))
SONAME     := libwc.so.$(SOMAJOR)
PKG_CONFIG ?= pkg-config
PYTHON     ?= /usr/bin/python3
PKGS       := fftw3 lapacke openblas zlib sleef libzip nlopt

# Debian packages: build (libzip and libbz2 read TVB connectivity zips, NLopt optimises), tests
# (numpy/scipy/msgpack as outside references), plots, man lint, and the engines that
# run sharded grids (GNU parallel in make check; Slurm and munge in make check-cluster).
DEB_PKGS := build-essential pkg-config libfftw3-dev liblapacke-dev libopenblas-dev \
            zlib1g-dev libsleef-dev libzip-dev libbz2-dev libnlopt-dev gnuplot-nox python3-numpy python3-scipy \
            python3-msgpack groff-base gzip fonts-dejavu-core python3-pil \
            parallel slurm-wlm munge valgrind clang libclang-rt-14-dev

CC       ?= cc
CFLAGS   ?= -O2 -g
WFLAGS   := -std=c11 -Wall -Wextra -Wshadow -Wmissing-prototypes -Wno-unused-parameter -ffp-contract=off -pthread
# pkg-config runs when a recipe needs the flags (recursive '='), not when make starts:
# "make deps demo" on a fresh machine installs the libraries before it compiles.
PKG_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(PKGS))
CPPFLAGS   += -D_GNU_SOURCE -Ilib -Itools/cli -DWC_VERSION='"$(VERSION)"' -DWC_DATADIR='"$(DATADIR)"'
# Every tool links zlib, SLEEF and libbz2 (no .pc file on Debian); FFTW, LAPACKE,
# OpenBLAS and NLopt go only into the tools that compute with them (LINALG_TOOLS): OpenBLAS
# starts a thread pool when loaded.
LIBS_BASE   = $(shell $(PKG_CONFIG) --libs zlib sleef) -lbz2 -lm -pthread
# libzip is loaded when the first zip is read (lib/wc_tvbzip.c): its soname, from the build.
LIBZIP_SONAME = $(shell objdump -p "$$($(PKG_CONFIG) --variable=libdir libzip)/libzip.so" 2>/dev/null | awk '/SONAME/ { print $$2 }')
LIBS_LINALG = $(shell $(PKG_CONFIG) --libs fftw3 lapacke openblas nlopt)
LINALG_TOOLS := wc-fc wc-psd wc-nullcline wc-cont wc-sweep wc-basin wc-explore wc-fit

ifeq ($(SANITIZE),1)
B        := build-san
CFLAGS   += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
else
B        := build
# Release hardening: checked string and memory calls where sizes are known, stack canaries.
CPPFLAGS += -D_FORTIFY_SOURCE=2
CFLAGS   += -fstack-protector-strong
endif

# libwc: lib/*.c, public headers lib/wckit/*.h, private ones lib/*_internal.h.
# The tools' layer (options, messages, exits): tools/cli, an archive of its own.
LIB_SRC  := $(wildcard lib/*.c)
LIB_OBJ  := $(LIB_SRC:lib/%.c=$(B)/lib/%.o)
PIC_OBJ  := $(LIB_SRC:lib/%.c=$(B)/pic/%.o)
PUB_H    := $(wildcard lib/wckit/*.h)
LIB_H    := $(PUB_H) $(wildcard lib/*.h)
CLI_SRC  := $(wildcard tools/cli/*.c)
CLI_OBJ  := $(CLI_SRC:tools/cli/%.c=$(B)/cli/%.o)
TOOLS    := $(patsubst tools/%.c,%,$(wildcard tools/wc-*.c))
BINS     := $(TOOLS:%=$(B)/%)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNITS    := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
MAN1     := $(wildcard man/*.1)
# Shipped connectomes (wc_data_find): share/data/NAME/ -> $(DATADIR)/data/NAME/.
DATA_DIRS := $(patsubst share/%/,%,$(sort $(dir $(wildcard share/data/*/*))))

.PHONY: all check check-hard check-valgrind check-cluster fuzz fuzz-build bench demo deps install uninstall clean units FORCE
all: $(BINS) $(B)/libwc.a $(B)/libwc.so $(B)/wckit.pc

$(B)/lib/%.o: lib/%.c $(LIB_H) | $(B)/lib $(B)/.deps-ok
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WFLAGS) $(CFLAGS) -c -o $@ $<
$(B)/pic/%.o: lib/%.c $(LIB_H) | $(B)/pic $(B)/.deps-ok
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WFLAGS) $(CFLAGS) -fPIC -c -o $@ $<
$(B)/cli/%.o: tools/cli/%.c tools/cli/*.h $(LIB_H) | $(B)/cli $(B)/.deps-ok
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WFLAGS) $(CFLAGS) -c -o $@ $<
# The AVX-512 and AVX2 kernels are the only files built for wider instruction sets; they
# are chosen at run time only on CPUs that have them (lib/wc_integrate.c).
$(B)/lib/wc_tvbzip.o $(B)/pic/wc_tvbzip.o: CPPFLAGS += -DWC_LIBZIP_SONAME='"$(LIBZIP_SONAME)"'
$(B)/lib/wc_kernel_avx512.o $(B)/pic/wc_kernel_avx512.o: WFLAGS += -mavx512f -mavx2 -mfma -ffp-contract=fast
$(B)/lib/wc_kernel_avx2.o $(B)/pic/wc_kernel_avx2.o: WFLAGS += -mavx2 -mfma
# Its SSE2 twin passes 32-byte vectors only between inlined functions.
$(B)/lib/wc_kernel_sse2.o $(B)/pic/wc_kernel_sse2.o: WFLAGS += -Wno-psabi
$(B)/libwc.a: $(LIB_OBJ)
	$(AR) rcs $@ $^
$(B)/libwctool.a: $(CLI_OBJ)
	$(AR) rcs $@ $^
# The shared library exports exactly the functions the public headers declare.
$(B)/libwc.map: $(PUB_H) | $(B)/lib
	{ echo '{ global:'; grep -hvE '^static inline|^ *(/\*|\*)' $(PUB_H) | grep -o '\bwc_[a-z0-9_]*[ ]*(' | tr -d ' (' | sort -u | sed 's/$$/;/'; \
	  echo 'local: *; };'; } > $@
$(B)/$(SONAME): $(PIC_OBJ) $(B)/libwc.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script,$(B)/libwc.map -Wl,--no-undefined $(LDFLAGS) \
	    -o $@ $(PIC_OBJ) $(LIBS_LINALG) $(LIBS_BASE) $(LDLIBS)
$(B)/libwc.so: $(B)/$(SONAME)
	ln -sf $(SONAME) $@
# libdir and includedir under the prefix are written as ${prefix}/..., so that
# pkg-config --define-prefix (or --define-variable=prefix=DIR) relocates a staged install.
PC_DIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
# The directories the file names, kept in a file that changes only when they do, so a
# "make install PREFIX=..." after a plain "make" writes the right ones.
PC_VARS = $(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(VERSION)
$(B)/pc.vars: FORCE | $(B)/lib
	@echo '$(PC_VARS)' | cmp -s - $@ || echo '$(PC_VARS)' > $@
$(B)/wckit.pc: lib/wckit.pc.in $(B)/pc.vars Makefile | $(B)/lib
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(call PC_DIR,$(LIBDIR))|; s|@INCLUDEDIR@|$(call PC_DIR,$(INCLUDEDIR))|' \
	    -e 's|@VERSION@|$(VERSION)|' $< > $@
$(B)/%: tools/%.c $(B)/libwctool.a $(B)/libwc.a $(LIB_H) tools/cli/*.h
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libwctool.a $(B)/libwc.a \
	    $(if $(filter $*,$(LINALG_TOOLS)),$(LIBS_LINALG)) $(LIBS_BASE) $(LDLIBS)
$(B)/tests/%: tests/unit/%.c tests/unit/tap.h $(B)/libwctool.a $(B)/libwc.a $(LIB_H) | $(B)/tests
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) -DWC_TOP='"$(CURDIR)"' -Itests/unit $(WFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(B)/libwctool.a $(B)/libwc.a $(LIBS_LINALG) $(LIBS_BASE) $(LDLIBS)
$(B)/lib $(B)/pic $(B)/cli $(B)/tests $(B)/bench:
	mkdir -p $@
# A clear message instead of a compiler error when a library is missing.
$(B)/.deps-ok: | $(B)/lib
	@$(PKG_CONFIG) --exists $(PKGS) || { echo "wckit: missing libraries ($(PKGS)); run 'make deps'" >&2; exit 1; }
	@echo '#include <bzlib.h>' | $(CC) -E -x c - >/dev/null 2>&1 || { echo "wckit: missing libbz2 (bzlib.h); run 'make deps'" >&2; exit 1; }
	@touch $@

units: $(UNITS)

# The whole suite: unit tests, tool tests, man-page examples, pipelines.
# T=t_stats (or T=test_fc, several separated by blanks) runs those test files only.
check: all units
	WC_BIN=$(CURDIR)/$(B) PYTHON=$(PYTHON) $(if $(filter 1,$(SANITIZE)),WC_SANITIZED=1) bash tests/run.sh $(T)

# The tool tests with every tool under valgrind's memcheck: no memory error anywhere, no
# block definitely lost by a run that ends normally or on an error (tests/check_valgrind.sh;
# WC_SIMD=avx2, as valgrind has no AVX-512).  T= names the tests; all of them, under an hour.
check-valgrind: all
	WC_BIN=$(CURDIR)/$(B) PYTHON=$(PYTHON) bash tests/check_valgrind.sh $(T)

# The hardening checks in one command: the fuzz targets' crash inputs and a short run of
# each, the bad-input catalogue (tests/bad), the fault tests and the error messages, in
# the release and the sanitized build, then the catalogue and the messages under
# valgrind.  make check runs all of these too; this is the quick way to run only them.
check-hard:
	$(MAKE) check T="t_fuzz_lib t_bad t_faults t_errors"
	$(MAKE) check SANITIZE=1 T="t_bad t_faults t_errors"
	$(MAKE) check-valgrind T="t_bad t_errors"

# The Slurm engine for real: a throw-away single-node cluster on loopback (slurm-wlm and
# munge from make deps), a job array of wc-sweep and its merge against the unsharded run,
# shut down by PID (tests/check_cluster.sh, pipelines/slurm). About 20 s.
check-cluster: all
	WC_BIN=$(CURDIR)/$(B) PYTHON=$(PYTHON) bash tests/check_cluster.sh

# ---- fuzzing (tests/fuzz/README) ----
# libFuzzer targets tests/fuzz/fuzz_NAME.c, one per parser, built with clang (Debian's
# clang and libclang-rt-14-dev, from make deps) under ASan and UBSan, against libwc
# compiled the same way in build-fuzz/.  make fuzz runs each for FUZZ_TIME seconds
# (FUZZ=stream or FUZZ="stream npy": those only; FUZZ_FLAGS: more libFuzzer options) from
# its seeds in tests/fuzz/corpus/NAME and prints the executions; crashes go to
# build-fuzz/crash/ (a crash input belongs in tests/fuzz/regress/NAME/ once fixed;
# tests/t_fuzz_lib.sh replays those and runs each target for a few seconds).
FUZZ_CC      ?= clang
# (no _FORTIFY_SOURCE: ASan checks those calls itself)
FUZZ_CPPFLAGS = $(filter-out -D_FORTIFY_SOURCE=2,$(CPPFLAGS))
FUZZ_TIME    ?= 60
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                -Wno-missing-field-initializers -Wno-string-concatenation
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_NAMES:%=build-fuzz/fuzz_%)
FUZZ_LIB_OBJ := $(LIB_SRC:lib/%.c=build-fuzz/lib/%.o)
build-fuzz/lib/%.o: lib/%.c $(LIB_H) | build-fuzz/lib build-fuzz/.deps-ok
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(PKG_CFLAGS) $(WFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build-fuzz/lib/wc_tvbzip.o: CPPFLAGS += -DWC_LIBZIP_SONAME='"$(LIBZIP_SONAME)"'
# a 64-byte read buffer: short inputs cross its refills (and it costs no mmap per input)
build-fuzz/lib/wc_stream_read.o: CPPFLAGS += -DWC_RBUF_SIZE=64
build-fuzz/lib/wc_stream_write.o: CPPFLAGS += -DWC_WBUF_SIZE=4096
build-fuzz/lib/wc_kernel_avx512.o: WFLAGS += -mavx512f -mavx2 -mfma -ffp-contract=fast
build-fuzz/lib/wc_kernel_avx2.o: WFLAGS += -mavx2 -mfma
# (clang says more than gcc about the kernels, which no parser uses)
build-fuzz/lib/wc_kernel_%.o: WFLAGS += -w
build-fuzz/libwc.a: $(FUZZ_LIB_OBJ)
	$(AR) rcs $@ $^
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/*.h build-fuzz/libwc.a
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(PKG_CFLAGS) $(WFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< build-fuzz/libwc.a \
	    -Wl,--as-needed $(LIBS_LINALG) $(LIBS_BASE) -ldl
build-fuzz/lib:
	mkdir -p $@
build-fuzz/.deps-ok: | build-fuzz/lib $(B)/.deps-ok
	@command -v $(FUZZ_CC) >/dev/null && echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' | \
	    $(FUZZ_CC) -fsanitize=fuzzer -x c -o /dev/null - 2>/dev/null || \
	    { echo "wckit: no $(FUZZ_CC) with libFuzzer (Debian: clang libclang-rt-14-dev); run 'make deps'" >&2; exit 1; }
	@touch $@
fuzz-build: $(FUZZ_BINS)
fuzz: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_TIME) $(FUZZ)

bench: all $(B)/bench/net_baseline $(B)/bench/rng_normals
	WC_BIN=$(CURDIR)/$(B) PYTHON=$(PYTHON) bash bench/run.sh

# The network baseline the bench measures wc-run against, and the noise's draws alone,
# built with the project's flags.
$(B)/bench/%: bench/%.c $(B)/libwc.a $(LIB_H) | $(B)/bench
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libwc.a $(LIBS_LINALG) $(LIBS_BASE) $(LDLIBS)

# What wckit is for, in about a second: a pulse response's metrics, the 1972 limit
# cycle's frequency and an 80-node network's FC fit, each printed as its command and a
# one-line result (share/demo.sh; the network is the shipped hcp80).
demo: all
	@PATH="$(CURDIR)/$(B):$$PATH" bash share/demo.sh

# Installs what is missing, through sudo unless already root; a no-op when all is there.
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
deps:
	@if dpkg -s $(DEB_PKGS) >/dev/null 2>&1; then echo "deps: all Debian packages present"; \
	else $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(DEB_PKGS); fi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR)/presets $(DESTDIR)$(DATADIR)/gnuplot \
	    $(DATA_DIRS:%=$(DESTDIR)$(DATADIR)/%) \
	    $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/wckit $(DESTDIR)$(PKGCONFIGDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(B)/libwc.a $(DESTDIR)$(LIBDIR)
	install -m 755 $(B)/$(SONAME) $(DESTDIR)$(LIBDIR)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libwc.so
	install -m 644 $(PUB_H) $(DESTDIR)$(INCLUDEDIR)/wckit
	install -m 644 $(B)/wckit.pc $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(wildcard man/*.3) $(DESTDIR)$(MANDIR)/man3
	install -m 644 $(wildcard man/*.5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(MANDIR)/man7
	install -m 644 share/presets/*.params $(DESTDIR)$(DATADIR)/presets
	$(foreach d,$(DATA_DIRS),install -m 644 $(wildcard share/$(d)/*) $(DESTDIR)$(DATADIR)/$(d) &&) true
	-install -m 644 share/gnuplot/*.gp $(DESTDIR)$(DATADIR)/gnuplot 2>/dev/null
	$(if $(wildcard share/examples/*.c),install -d $(DESTDIR)$(DATADIR)/examples && install -m 644 $(wildcard share/examples/*.c) $(DESTDIR)$(DATADIR)/examples)

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libwc.a $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libwc.so \
	    $(DESTDIR)$(PKGCONFIGDIR)/wckit.pc $(PUB_H:lib/wckit/%=$(DESTDIR)$(INCLUDEDIR)/wckit/%)
	-rmdir $(DESTDIR)$(INCLUDEDIR)/wckit 2>/dev/null
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%) \
	    $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) \
	    $(patsubst man/%,$(DESTDIR)$(MANDIR)/man3/%,$(wildcard man/*.3)) \
	    $(patsubst man/%,$(DESTDIR)$(MANDIR)/man5/%,$(wildcard man/*.5)) \
	    $(patsubst man/%,$(DESTDIR)$(MANDIR)/man7/%,$(wildcard man/*.7))
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-fuzz tests/out demo.wcb.gz
