# uplift — a plain Makefile.  See README.md; `make help` lists the targets.

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/uplift
PKG_CONFIG ?= pkg-config
CC        ?= cc
CHECK_FUZZ_SECONDS ?= 10
CHECK_STRESS_SECONDS ?= 5
STRESS_SECONDS ?= 120
UPLIFT_DATA ?= ../shared/data

BUILD     ?= build
comma     := ,

PKGS       = ncursesw sqlite3 zlib libpq jansson
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
# libpq is not linked: the chain opens it when first used (model/chain_pq.h).
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(filter-out libpq,$(PKGS)) 2>/dev/null)
INI_CFLAGS = -I/usr/include/iniparser
INI_LIBS   = -liniparser

# The project's own flags are kept apart from the user's: CPPFLAGS, CFLAGS
# and LDFLAGS (from the command line or the environment) are added after
# them on every compile and link, SAN=1 builds included, so they survive
# and a later flag of the user's wins.
WARN     = -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Werror
OPTFLAGS ?= -O2 -g
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all
HARDEN    = -D_FORTIFY_SOURCE=3 -fstack-protector-strong -fPIE
HARDEN_LD = -pie -Wl,-z,relro,-z,now

ifeq ($(SAN),1)
OPTFLAGS      = -O1 -g
EXTRA_CFLAGS  = $(SAN_FLAGS)
EXTRA_LDFLAGS = $(SAN_FLAGS)
else
EXTRA_CFLAGS  = $(HARDEN)
EXTRA_LDFLAGS = $(HARDEN_LD)
endif

UPLIFT_CPPFLAGS = -D_XOPEN_SOURCE=700 -DUPLIFT_VERSION='"$(VERSION)"' \
             -DUPLIFT_DATADIR='"$(DATADIR)"' -I. $(PKG_CFLAGS) $(INI_CFLAGS)
UPLIFT_CFLAGS = -std=c11 -pthread $(WARN) $(OPTFLAGS) $(EXTRA_CFLAGS)
ALL_CFLAGS  = $(UPLIFT_CPPFLAGS) $(CPPFLAGS) $(UPLIFT_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = -pthread $(EXTRA_LDFLAGS) $(LDFLAGS)
LIBS = $(PKG_LIBS) $(INI_LIBS) -lcrypt -lm

MODEL_SRC = $(sort $(wildcard model/*.c))
VIEWS_SRC = $(sort $(wildcard views/*.c))
APP_SRC   = $(sort $(filter-out app/main.c,$(wildcard app/*.c)))
# The chain server's schema (sql/chain/*.sql), built into uplift.
CHAIN_SQL = $(sort $(wildcard sql/chain/*.sql))
LIB_OBJ   = $(patsubst %.c,$(BUILD)/%.o,$(MODEL_SRC) $(VIEWS_SRC) $(APP_SRC)) \
            $(BUILD)/gen/chain_sql.o
MAIN_OBJ  = $(BUILD)/app/main.o
BIN       = $(BUILD)/uplift

TEST_SRC  = $(sort $(wildcard tests/unit/test_*.c))
# Helpers every test may use (tests/unit/util.h), linked into each test.
TEST_UTIL = $(patsubst tests/unit/%.c,$(BUILD)/tests/%.o,$(wildcard tests/unit/util.c))
TEST_BIN  = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRC))

.SECONDARY:

.PHONY: all help deps demo demo-hotel check check-fuzz stress check-unit check-golden check-screen \
        check-chain chain-bench \
        check-data check-layers check-layers-selftest check-sizes check-sizes-selftest check-asan check-man bench fuzz install \
        uninstall clean

all: $(BIN)

help:
	@echo 'make            build $(BIN)'
	@echo 'make demo       build and open the counter console on the demo data'
	@echo 'make demo-hotel build and open the check-in screen of the demo hotel'
	@echo 'make check      build and run every test (unit, golden, screen, layers, sizes, man, chain, ASan+UBSan)'
	@echo 'make check-chain the chain of shops against a throwaway PostgreSQL cluster'
	@echo 'make bench      speed and memory figures on the full data sets in $$UPLIFT_DATA'
	@echo 'make chain-bench the chain at scale: 50 shops synced at once, Online Retail as 10 shops'
	@echo 'make fuzz       libFuzzer runs (FUZZ_SECONDS each, default 60)'
	@echo 'make stress    SIGKILL crash safety and concurrency (STRESS_SECONDS each, default 120)'
	@echo 'make install    install to $$DESTDIR$$PREFIX (default /usr/local)'

deps:
	@sh tools/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/chain_sql.c: $(CHAIN_SQL) tools/embed-sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed-sql.sh $(CHAIN_SQL) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/chain_sql.o: $(BUILD)/gen/chain_sql.c
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BIN): $(LIB_OBJ) $(MAIN_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# A test may name link seams in tests/unit/NAME.wrap (one symbol a line):
# each becomes -Wl,--wrap=SYMBOL, so the test can stand in for it.
$(BUILD)/tests/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) $(TEST_UTIL) $(wildcard tests/unit/*.wrap)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJ) $(TEST_UTIL) \
	    $(patsubst %,-Wl$(comma)--wrap=%,$(shell cat tests/unit/$*.wrap 2>/dev/null)) \
	    $(LIBS) -lcmocka

# The day the demo data is built around (assets/demo/README.md): the demo
# opens on it, so that its arrivals are today's.
DEMO_AT = 2026-11-23 09:00

demo: deps
	@$(MAKE) --no-print-directory all
	$(BIN) --demo --at '$(DEMO_AT)'

demo-hotel: deps
	@$(MAKE) --no-print-directory all
	$(BIN) --demo --at '$(DEMO_AT)' --hotel "Riverside Hotel"

check: deps
	@$(MAKE) --no-print-directory check-layers check-layers-selftest check-man
	@$(MAKE) --no-print-directory check-sizes check-sizes-selftest
	@$(MAKE) --no-print-directory all $(TEST_BIN)
	@$(MAKE) --no-print-directory check-unit check-golden check-screen check-data
	@$(MAKE) --no-print-directory check-chain
	@$(MAKE) --no-print-directory check-asan
	@$(MAKE) --no-print-directory check-fuzz
	@bash tests/faults.sh $(BIN)
	@sh tools/valgrind.sh $(TEST_BIN)
	@$(MAKE) --no-print-directory $(BUILD)/stress_writer
	@sh tools/stress.sh $(BIN) $(CHECK_STRESS_SECONDS)
	@echo 'make check: all suites passed'

check-unit: $(TEST_BIN) $(BIN)
	@sh tests/run-unit.sh $(TEST_BIN)

check-golden: $(BIN)
	@sh tests/golden/run.sh $(BIN)

check-screen: $(BIN)
	@sh tests/screen/run.sh $(BIN)

# The chain of shops against a throwaway PostgreSQL cluster (tests/chain.sh).
check-chain: $(BIN) $(BUILD)/chain_seller
	@sh tests/chain.sh $(BIN) $(BUILD)/chain_seller

check-data: $(BIN)
	@UPLIFT_DATA=$(UPLIFT_DATA) sh tests/data-full.sh $(BIN)

check-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 check-unit check-golden

# A short run of every fuzz target (make fuzz runs them longer).
check-fuzz:
	@if command -v $${CLANG:-clang} >/dev/null 2>&1; then \
		sh tools/fuzz.sh $(CHECK_FUZZ_SECONDS); \
	else \
		echo "fuzz: SKIPPED — clang is not installed (apt-get install clang)"; \
	fi

check-layers:
	@sh tools/check-layers.sh

# check-layers must fail, naming the file, on a deliberate violation (in a
# temporary copy of the tree).
check-layers-selftest:
	@sh tools/check-layers-selftest.sh

check-man:
	@sh tools/check-man.sh man/uplift.1
	@sh tools/check-man.sh man/uplift-chain.7

# No .c over 900 lines, no function over 80 (style.md); what may be over
# is named, with its reason, in tools/check-sizes.allow.
check-sizes:
	@sh tools/check-sizes.sh

# check-sizes must fail, naming the place, on a deliberate violation (in a
# temporary copy of the tree).
check-sizes-selftest:
	@sh tools/check-sizes-selftest.sh

$(BUILD)/bench_suggest: tools/bench_suggest.c $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

$(BUILD)/stress_writer: tools/stress_writer.c $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

$(BUILD)/chain_seller: tools/chain_seller.c $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

# libFuzzer (clang, ASan+UBSan) on the talking-point renderer; FUZZ_SECONDS
# per target (default 60).
FUZZ_SECONDS ?= 60
fuzz:
	@sh tools/fuzz.sh $(FUZZ_SECONDS)

stress: all $(BUILD)/stress_writer
	@sh tools/stress.sh $(BIN) $(STRESS_SECONDS)

# The chain at scale: 50 shops × 2,000 sales synced at once, and the
# Online Retail history as 10 shops for rebuild --chain (minutes).
chain-bench: all $(BUILD)/chain_seller
	@UPLIFT_DATA=$(UPLIFT_DATA) sh tools/chain-bench.sh $(BIN) $(BUILD)/chain_seller

bench: all $(BUILD)/bench_suggest
	@UPLIFT_DATA=$(UPLIFT_DATA) sh tools/bench.sh $(BIN)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man7 \
	    $(DESTDIR)$(DATADIR)/demo $(DESTDIR)$(DATADIR)/scripts \
	    $(DESTDIR)$(DATADIR)/training $(DESTDIR)$(DATADIR)/sql/chain
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/uplift
	install -m 644 man/uplift.1 $(DESTDIR)$(MANPREFIX)/man1/uplift.1
	install -m 644 man/uplift-chain.7 \
	    $(DESTDIR)$(MANPREFIX)/man7/uplift-chain.7
	install -m 644 $(CHAIN_SQL) $(DESTDIR)$(DATADIR)/sql/chain/
	install -m 644 assets/uplift.ini $(DESTDIR)$(DATADIR)/uplift.ini
	install -m 644 assets/demo/*.csv assets/demo/uplift.ini \
	    assets/demo/README.md $(DESTDIR)$(DATADIR)/demo/
	install -m 644 assets/scripts/*.txt $(DESTDIR)$(DATADIR)/scripts/
	install -m 644 assets/training/*.txt $(DESTDIR)$(DATADIR)/training/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/uplift $(DESTDIR)$(MANPREFIX)/man1/uplift.1 \
	    $(DESTDIR)$(MANPREFIX)/man7/uplift-chain.7
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
