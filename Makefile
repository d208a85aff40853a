# bulletin — Markdown press releases to tagged, print-ready PDF.
# make [all] | check | asan | tsan | oom | oom-asan | deps | demo | bench | bench-peers | install | clean

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= gcc
PKGS := harfbuzz harfbuzz-subset freetype2 libcmark-gfm yaml-0.1 fontconfig libunibreak libpng \
        libjpeg zlib libdeflate icu-uc icu-i18n
# evaluated once, when first used (so `make deps demo` on a bare machine works)
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $$(shell pkg-config --libs $(PKGS)))$(PKG_LIBS)
WARN := -Wall -Wextra -Wpedantic
CFLAGS ?= -O2 -g
WERROR ?=
ALL_CFLAGS = -std=c17 $(WARN) $(WERROR) -D_POSIX_C_SOURCE=200809L -pthread $(PKG_CFLAGS) \
          -DBL_DATADIR='"$(PREFIX)/share/bulletin"' -I$(B)/gen $(CFLAGS)
# libhyphen and libhpdf ship no .pc file
LIBS = $(PKG_LIBS) -lcmark-gfm-extensions -lhpdf -lhyphen -lm -pthread
VERSION := 0.1.0

MAKEFLAGS += --no-print-directory
B ?= build
MODULES := util doc input text layout pdf mail
LIB_SRC := $(foreach m,$(MODULES),$(wildcard src/$(m)/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(B)/obj/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all check other asan tsan deps demo bench bench-peers install clean fuzz fuzz-seeds valgrind oom oom-asan
.PRECIOUS: build/fuzz/fuzz_%
all: $(B)/bulletin

# The PDF/A output intent: Debian's sRGB profile (icc-profiles-free), checked
# and compiled in as bytes; the header is build output, never committed.
ICC_PROFILE ?= /usr/share/color/icc/sRGB.icc
$(B)/gen/srgb_icc.h: tools/embed-icc.sh $(wildcard $(ICC_PROFILE))
	sh tools/embed-icc.sh $(ICC_PROFILE) $@
$(B)/obj/pdf/intent.o: $(B)/gen/srgb_icc.h

$(B)/obj/%.o: src/%.c $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DBL_VERSION='"$(VERSION)"' -c -o $@ $<

$(B)/libbulletin.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/bulletin: $(B)/obj/main.o $(B)/libbulletin.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(B)/libbulletin.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(B)/libbulletin.a $(LIBS)

# Writes the test images (tests/mkimage.c): none are committed.
$(B)/tests/mkimage: tests/mkimage.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBS)

$(B)/tests/test_image: $(B)/tests/mkimage

# The whole suite: unit tests, end-to-end renders checked with real tools, bad input.
# A second build in another folder ($(B)-other) must write the same bytes.
check: $(B)/bulletin $(TEST_BIN) $(B)/tests/mkimage other
	@BULLETIN=$(abspath $(B)/bulletin) BULLETIN_OTHER=$(abspath $(B)-other/bulletin) \
	    TESTBIN=$(abspath $(B)/tests) sh tests/run.sh

other:
	@$(MAKE) B=$(B)-other $(B)-other/bulletin >/dev/null

# The whole suite again under AddressSanitizer + UBSan.
ASAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_LDFLAGS = -fsanitize=address,undefined
asan:
	$(MAKE) B=build/asan CFLAGS="$(ASAN_CFLAGS)" LDFLAGS="$(ASAN_LDFLAGS)" check

# What runs on two threads at once under ThreadSanitizer (its own build in
# build/tsan): the threads tests (pages written on a thread of their own with
# -j 2 and 3, the same bytes as -j 1) and the bench volume with -j 2. Any
# report fails the run (halt_on_error, exit status 66).
TSAN_RUN = TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
tsan:
	$(MAKE) B=build/tsan CFLAGS="-O1 -g -fsanitize=thread -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=thread" build/tsan/bulletin
	@tmp=$$(mktemp -d) && out=$$($(TSAN_RUN) BULLETIN=$(abspath build/tsan/bulletin) \
	    CORPUS=$(abspath $(CORPUS)) TOOLS=$(abspath tests/tools) TMPROOT=$$tmp \
	    sh tests/e2e/threads.sh 2>&1); rc=$$?; rm -rf $$tmp; echo "$$out"; \
	    [ $$rc -eq 0 ] && echo "$$out" | grep -q '^PASS' && ! echo "$$out" | grep -q '^FAIL'
	$(TSAN_RUN) build/tsan/bulletin -q -j 2 --root $(CORPUS) -o build/tsan/volume.pdf \
	    $(CORPUS)/bench/2019-volume.yaml
	@echo "tsan: clean"

# Install what is missing (Debian packages, the checker's node modules); safe to repeat.
deps:
	sh tools/deps.sh

# The example bulletin (examples/bulletin.yaml) in each shipped style, and the
# digest as an e-mail message with the PDF attached.
demo: $(B)/bulletin
	$(B)/bulletin --root . -o $(B)/example.pdf examples/bulletin.yaml
	$(B)/bulletin --root . -s digest -o $(B)/example-digest.pdf --mail $(B)/example.eml examples/bulletin.yaml
	$(B)/bulletin --root . -s archive -o $(B)/example-archive.pdf examples/bulletin.yaml
	@echo "wrote $(B)/example.pdf (print), $(B)/example-digest.pdf, $(B)/example-archive.pdf"
	@echo "wrote $(B)/example.eml (the digest as a message; send it: msmtp -t < $(B)/example.eml)"

bench: $(B)/bulletin
	sh tools/bench.sh $(B)/bulletin

# Typst (its Node binding, from npm) renders the same releases in the same
# run as make bench: installed under $(B)/peers, never committed.
TYPST_NODE ?= @myriaddreamin/typst-ts-node-compiler@0.7.0
bench-peers: $(B)/bulletin
	@mkdir -p $(B)/peers
	@[ -d $(B)/peers/node_modules/@myriaddreamin/typst-ts-node-compiler ] || \
	    npm install --no-audit --no-fund --prefix $(B)/peers $(TYPST_NODE)
	PEERS=$(abspath $(B)/peers) sh tools/bench.sh $(B)/bulletin

install: $(B)/bulletin
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bulletin/fonts $(DESTDIR)$(PREFIX)/share/bulletin/styles
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(B)/bulletin $(DESTDIR)$(PREFIX)/bin/bulletin
	install -m 644 doc/bulletin.1 $(DESTDIR)$(PREFIX)/share/man/man1/bulletin.1
	install -m 644 fonts/*.fontset $(DESTDIR)$(PREFIX)/share/bulletin/fonts/
	-install -m 644 styles/*.yaml $(DESTDIR)$(PREFIX)/share/bulletin/styles/

clean:
	rm -rf build build-other

# Coverage-guided fuzzing (clang's libFuzzer), one target after another, each
# for FUZZ_SECONDS: tests/fuzz/fuzz_NAME.c for NAME in FUZZ_TARGETS, seeded
# from the folders in FUZZ_SEEDS_NAME (read, never written); what it finds
# grows build/fuzz/NAME/corpus, crashers land in build/fuzz/NAME/.
# A new target: its .c file, its name in FUZZ_TARGETS, its seeds and max length.
CORPUS := tests/corpus
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= release style manifest image mail
FUZZ_SEEDS_release = examples $(CORPUS)/releases $(CORPUS)/markdown
FUZZ_SEEDS_style = styles
FUZZ_SEEDS_manifest = $(CORPUS)/bulletins $(CORPUS)/bench
FUZZ_SEEDS_image = build/fuzz/image-seeds
FUZZ_SEEDS_mail = examples
FUZZ_MAXLEN_release = 65536
FUZZ_MAXLEN_style = 8192
FUZZ_MAXLEN_manifest = 4096
FUZZ_MAXLEN_image = 65536
FUZZ_MAXLEN_mail = 2048
FUZZ_CFLAGS = -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L
fuzz:
	@for t in $(FUZZ_TARGETS); do $(MAKE) fuzz-$$t || exit 1; done

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(LIB_SRC) $(wildcard src/*/*.h) \
                   $(B)/gen/srgb_icc.h
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) $(PKG_CFLAGS) -Isrc -I$(B)/gen -o $@ $< $(LIB_SRC) $(LIBS)

fuzz-%: build/fuzz/fuzz_% fuzz-seeds
	@mkdir -p build/fuzz/$*/corpus
	LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp $< -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$(FUZZ_MAXLEN_$*) -rss_limit_mb=3072 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/$*/ build/fuzz/$*/corpus $(FUZZ_SEEDS_$*)

# Small images of every kind (tests/mkimage.c) seed the image target.
FUZZ_IMAGES := png-rgb png-rgb16 png-gray16 png-gray1 png-rgba png-palette png-palette-trns \
               png-gray-trns png-interlaced jpeg-rgb jpeg-progressive jpeg-gray jpeg-cmyk jpeg-ycck
fuzz-seeds: $(B)/tests/mkimage
	@mkdir -p build/fuzz/image-seeds
	@for k in $(FUZZ_IMAGES); do $(B)/tests/mkimage $$k build/fuzz/image-seeds/$$k 24 16 || exit 1; done
	@$(B)/tests/mkimage jpeg-rgb build/fuzz/image-seeds/jpeg-exif6 24 16 6

# The allocation-failure sweep (tests/oom): every allocation of rendering a
# small bulletin with its cover and message, and of its releases given on
# the command line, made to fail in turn; each run must exit 3 with the one
# message or write the same bytes, leave no file and crash nowhere but in a
# library during start-up. Of fontconfig's own allocations (nine in ten:
# it parses its configuration at start-up) every 25th is made to fail,
# every other N is (-f 25; OOM_FLAGS= sweeps them all, some hours on two
# cores). OOM_FLAGS: e.g. -s 97 for every 97th N (make check runs every
# 151st, tests/e2e/oom.sh). oom-asan: every N after start-up under
# AddressSanitizer, LeakSanitizer and UBSan (build/asan).
OOM_FLAGS ?= -f 25
$(B)/oom/forksweep.so: tests/oom/forksweep.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu17 -O2 -g -shared -fPIC $(WARN) $(WERROR) -o $@ $< -ldl
oom: $(B)/bulletin $(B)/oom/forksweep.so
	@BULLETIN=$(B)/bulletin SHIM=$(B)/oom/forksweep.so sh tests/oom/sweep.sh $(OOM_FLAGS)
oom-asan: $(B)/oom/forksweep.so
	@$(MAKE) B=build/asan CFLAGS="$(ASAN_CFLAGS)" LDFLAGS="$(ASAN_LDFLAGS)" build/asan/bulletin
	@BULLETIN=build/asan/bulletin SHIM=$(B)/oom/forksweep.so sh tests/oom/sweep.sh -a $(OOM_FLAGS)

# A weekly bulletin, the releases of a week, and the example bulletin under
# valgrind: no errors, no definite leaks.
VALGRIND = valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
valgrind: $(B)/bulletin
	$(VALGRIND) $(B)/bulletin -q --root $(CORPUS) -o $(B)/valgrind.pdf $(CORPUS)/bulletins/2019-W25.yaml
	$(VALGRIND) $(B)/bulletin -q --root $(CORPUS) -o $(B)/valgrind.pdf $(CORPUS)/releases/2019-W25/*.md
	$(VALGRIND) $(B)/bulletin -q -s digest --root . -o $(B)/valgrind.pdf examples/bulletin.yaml
	@echo "valgrind: clean"
