# sipphone — the one entry point: deps, gen, all, test, demo, diagrams, fuzz, bench.
#
# Layout (DESIGN.md): spec/ is the source of every grammar and state machine;
# gen/ is what ragel and lemon make of it (never edited, never committed);
# runtime/ media/ platform/ are the hand-written C; tools/<name>/main.c become
# build/bin/<name>; tests/unit/test_<module>.c become build/tests/test_<module>.
#
# A module may add a fragment mk/<module>.mk (extra packages, libraries, bench
# rules); nothing else needs to change here when a module is added.

.DEFAULT_GOAL := all
SHELL := /bin/bash
.DELETE_ON_ERROR:
.SUFFIXES:
.SECONDEXPANSION:

# ---------------------------------------------------------------- toolchain
# CROSS=arm-linux-gnueabihf- builds the firmware, tools and tests for 32-bit
# ARM Linux into build/arm-linux-gnueabihf/, against a project-local sysroot
# (build/sysroot-arm-linux-gnueabihf/, made by `make deps`); the tests run
# under qemu-arm.  SAN=1 builds for the host with ASan+UBSan.
CROSS ?=
TARGET := $(patsubst %-,%,$(CROSS))
ifeq ($(origin CC),default)
CC := $(CROSS)gcc
endif
ifeq ($(origin AR),default)
AR := $(CROSS)ar
endif
RAGEL  ?= ragel
LEMON  ?= lemon
LEMPAR ?= /usr/share/lemon/lempar.c
PYTHON ?= python3
# Ragel code style: -G2 (goto-driven, fastest); a spec may choose another
# with RAGEL_FLAGS_<file> in its mk/ fragment (e.g. -T0 for size).
RAGEL_FLAGS ?= -G2

SAN ?= 0
SANFLAGS :=
ifneq ($(CROSS),)
ifeq ($(SAN),1)
$(error SAN=1 is for host builds; the cross build runs under qemu)
endif
BUILD ?= build/$(TARGET)
else ifeq ($(SAN),1)
BUILD ?= build/asan
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
BUILD ?= build
endif

# The firmware's target: what `make deps` prepares and CI builds.
FIRMWARE_TARGET := arm-linux-gnueabihf
FIRMWARE_ARCH   := armhf
QEMU := qemu-arm -L /usr/$(FIRMWARE_TARGET)

GEN := gen

# ---------------------------------------------------------------- flags
OPT      ?= -O2 -g
CSTD     := -std=c11
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# The warning exceptions generated code needs, and only generated code:
#  ragel  - scanners keep variables it sets but never reads (-G2: "act");
#           machine constants (_first_final, _error) that a spec may not use;
#           -G2 code jumps between cases with goto, which gcc (more so with
#           sanitizers) takes for fall-through.
#  lemon  - lempar.c keeps parameters and locals some grammars never use.
GEN_WARN := -Wall -Wextra -Werror \
            -Wno-unused-but-set-variable -Wno-unused-const-variable \
            -Wno-unused-parameter -Wno-unused-variable \
            -Wno-implicit-fallthrough
CPPFLAGS := -D_POSIX_C_SOURCE=200809L -Iruntime -Imedia -Iplatform -I$(GEN)
CFLAGS   := $(CSTD) $(OPT) $(SANFLAGS) -MMD -MP
LDFLAGS  := $(SANFLAGS)
LDLIBS   :=
TEST_LDLIBS := -lcmocka
TEST_LDFLAGS :=
ifneq ($(CROSS),)
SYSROOT  := build/sysroot-$(TARGET)
CPPFLAGS += -isystem $(SYSROOT)/usr/include -isystem $(SYSROOT)/usr/include/$(TARGET)
LDFLAGS  += -L$(SYSROOT)/usr/lib/$(TARGET) -Wl,-rpath-link,$(SYSROOT)/usr/lib/$(TARGET)
# Programs and tests find the sysroot's shared libraries (libuv, cmocka)
# under qemu as they are; on a phone the path is simply absent.
LDFLAGS  += -Wl,-rpath,$(abspath $(SYSROOT))/usr/lib/$(TARGET)
# Some packages (libexpat1) still ship their library in /lib.
LDFLAGS  += -Wl,-rpath-link,$(SYSROOT)/lib/$(TARGET) \
            -Wl,-rpath,$(abspath $(SYSROOT))/lib/$(TARGET)
endif

# Bare-metal protocol core (make size): everything generated from spec/ and
# the hand-written sources that need no OS; modules list the others in
# HOSTED_SRC (file system, sockets, libuv).
BAREMETAL_CC    := arm-none-eabi-gcc
BAREMETAL_FLAGS := -mthumb -mcpu=cortex-m4 -Os -ffunction-sections -fdata-sections
HOSTED_SRC :=
HOST_ONLY_TOOLS :=

# Debian 12 packages the project needs; modules add theirs in mk/*.mk.
DEPS_PKGS := make gcc ragel lemon graphviz python3 libcmocka-dev chromium \
             valgrind clang libclang-rt-14-dev
# ... for the firmware build: cross compilers, qemu, and the armhf -dev
# packages that go into the project-local sysroot (CROSS_PKGS).
DEPS_PKGS += gcc-$(FIRMWARE_TARGET) libc6-dev-$(FIRMWARE_ARCH)-cross \
             binutils-$(FIRMWARE_TARGET) qemu-user \
             gcc-arm-none-eabi libnewlib-arm-none-eabi
CROSS_PKGS := libcmocka-dev libcmocka0

-include $(sort $(wildcard mk/*.mk))

# ---------------------------------------------------------------- sources
# spec/**/_*.rl are fragments included by other specs, not machines.
RL_SRC   := $(shell find spec -name '*.rl' ! -name '_*' 2>/dev/null | sort)
RL_ALL   := $(shell find spec -name '*.rl' 2>/dev/null | sort)
Y_SRC    := $(shell find spec -name '*.y' 2>/dev/null | sort)
# A state chart's events live in spec/<mod>/_<name>_events.rl and become
# gen/<mod>/<name>_events.h for the C side.
EV_SRC   := $(shell find spec -name '_*_events.rl' 2>/dev/null | sort)
EV_H     := $(foreach f,$(EV_SRC),$(GEN)/$(patsubst spec/%,%,$(dir $(f)))$(patsubst _%.rl,%.h,$(notdir $(f))))
GEN_C    := $(RL_SRC:spec/%.rl=$(GEN)/%.c) $(Y_SRC:spec/%.y=$(GEN)/%.c)
# GEN_H_MK: headers a module's mk/ fragment generates by its own rule.
GEN_H    := $(Y_SRC:spec/%.y=$(GEN)/%.h) $(EV_H) $(GEN_H_MK)

# platform/<port>/main.c is a program, not library code.
LIB_SRC  := $(filter-out platform/%/main.c,$(shell find runtime media platform -name '*.c' 2>/dev/null | sort))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_C:%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/lib/libsipphone.a

# The firmware: the host port's program (platform/host/main.c).
FIRMWARE := $(BUILD)/bin/sipphone

TOOLS    := $(patsubst tools/%/main.c,%,$(wildcard tools/*/main.c))
# Tools that link host-only libraries (the SIP benchmark's peers) are not
# part of a cross build; modules name them in HOST_ONLY_TOOLS.
ifneq ($(CROSS),)
TOOLS    := $(filter-out $(HOST_ONLY_TOOLS),$(TOOLS))
endif
TOOL_BIN := $(TOOLS:%=$(BUILD)/bin/%)

TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_SUPPORT_SRC := $(wildcard tests/unit/support/*.c)
TEST_SUPPORT_OBJ := $(TEST_SUPPORT_SRC:%.c=$(BUILD)/obj/%.o)

FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)

# ---------------------------------------------------------------- targets
.PHONY: all gen deps test unit demo diagrams fuzz bench core size clean distclean help
all: gen $(LIB) $(TOOL_BIN) $(FIRMWARE)

gen: $(GEN_C) $(GEN_H)

help:
	@echo "make deps       install the Debian 12 packages the project needs"
	@echo "make            regenerate gen/ from spec/, build build/bin/*"
	@echo "make test       every test: plain, ASan+UBSan, valgrind; ends with a total"
	@echo "make demo       two phones from examples/tftpboot call each other"
	@echo "make diagrams   every Ragel machine as SVG + gen/diagrams/index.html"
	@echo "make fuzz       every fuzz harness briefly (FUZZ_SECONDS=$(FUZZ_SECONDS))"
	@echo "make bench      benchmarks (numbers, never assertions)"
	@echo "make CROSS=$(FIRMWARE_TARGET)- [test]   the ARM firmware build [under qemu]"
	@echo "make size       .text/.data/.bss per module: armhf firmware, bare-metal core"

# Installs only what is missing; safe to run again.
deps:
	@tools/deps.sh $(sort $(DEPS_PKGS))
	@tools/sysroot.sh $(FIRMWARE_ARCH) build/sysroot-$(FIRMWARE_TARGET) $(sort $(CROSS_PKGS))

# ---- generation: spec/ -> gen/
# A module's mk/ fragment may set RAGEL_FLAGS_<file>: regenerate when it
# changes.
$(GEN)/%.c: spec/%.rl $(RL_ALL) $(wildcard mk/*.mk)
	@mkdir -p $(@D)
	$(RAGEL) $(or $(RAGEL_FLAGS_$(notdir $*)),$(RAGEL_FLAGS)) -I spec/$(dir $*) -o $@ $<

$(GEN)/%.c $(GEN)/%.h: spec/%.y $(LEMPAR)
	@mkdir -p $(@D)
	$(LEMON) -q -T$(LEMPAR) -d$(@D) $<

$(GEN)/%_events.h: tools/gen-events.sh $$(dir spec/$$*)_$$(notdir $$*)_events.rl
	@mkdir -p $(@D)
	tools/gen-events.sh $(lastword $^) $@

# ---- compilation
$(BUILD)/obj/$(GEN)/%.o: $(GEN)/%.c | $(GEN_H)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(GEN_WARN) -c -o $@ $<

# Per-object extra flags: CFLAGS_<tool> for tools/<tool>/*.c, CFLAGS_<file>
# (file name without .c) for any other source.
$(BUILD)/obj/tools/%.o: tools/%.c | $(GEN_H)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(CFLAGS_$(patsubst %/,%,$(dir $*))) -c -o $@ $<

$(BUILD)/obj/%.o: %.c | $(GEN_H)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(CFLAGS_$(notdir $*)) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

# Tools link the project's own code statically (the archive), system
# libraries as usual.
$(FIRMWARE): $(BUILD)/obj/platform/host/main.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# A tool is every .c file in tools/<tool>/; LDLIBS_<tool> adds libraries.
$(BUILD)/bin/%: $$(addprefix $(BUILD)/obj/,$$(subst .c,.o,$$(wildcard tools/$$*/*.c))) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(LDLIBS_$*) $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(TEST_SUPPORT_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(TEST_LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(LDLIBS_$*) $(LDLIBS) $(TEST_LDLIBS)

# ---- tests
# One run of the whole suite: plain build, ASan+UBSan build, valgrind; the
# script prints every cmocka summary and ends with "N passed, M failed".
test:
	@CROSS=$(CROSS) tests/run-all.sh

# The unit binaries of one build (used by tests/run-all.sh).
unit: all $(TEST_BIN)

# ---- the main job: two phones boot from the example provisioning folder
# on 127.0.0.2 and 127.0.0.3 and call each other (tools/demo/demo.py):
# dial plan, ringing, answer, DTMF both ways, hold and resume, hang up; it
# prints the SIP ladder and the screens and checks the audio.
DEMO_ROOT ?= examples/tftpboot
demo: all
	@$(PYTHON) tools/demo/demo.py $(BUILD)/bin $(DEMO_ROOT)

# ---- diagrams: every Ragel machine, with event and state names.
diagrams: $(GEN)/diagrams/index.html
$(GEN)/diagrams/index.html: $(RL_ALL) tools/diagrams/diagrams.py
	$(PYTHON) tools/diagrams/diagrams.py --out $(GEN)/diagrams $(RL_SRC)

# ---- fuzzing (libFuzzer; clang builds its own copy of the sources)
FUZZ_SECONDS ?= 20
FUZZ_CFLAGS := $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined \
               -fno-sanitize-recover=all $(CPPFLAGS) -Wno-unused-command-line-argument
build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(GEN_C) $(GEN_H)
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -o $@ $< $(LIB_SRC) $(GEN_C) $(LDLIBS)

fuzz: $(FUZZ_BIN)
	@tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

bench: all

# ---- footprint: the armhf firmware build and the bare-metal core
CORE_SRC := $(filter-out $(HOSTED_SRC),$(LIB_SRC))
CORE_OBJ := $(CORE_SRC:%.c=build/baremetal/obj/%.o) \
            $(patsubst %.c,build/baremetal/obj/%.o,$(filter-out $(HOSTED_SRC),$(GEN_C)))
build/baremetal/obj/$(GEN)/%.o: $(GEN)/%.c | $(GEN_H)
	@mkdir -p $(@D)
	$(BAREMETAL_CC) $(BAREMETAL_FLAGS) $(CSTD) $(CPPFLAGS) -MMD -MP $(GEN_WARN) -c -o $@ $<
build/baremetal/obj/%.o: %.c | $(GEN_H)
	@mkdir -p $(@D)
	$(BAREMETAL_CC) $(BAREMETAL_FLAGS) $(CSTD) $(CPPFLAGS) -MMD -MP $(WARN) -c -o $@ $<
build/baremetal/libsipphone-core.a: $(CORE_OBJ)
	@rm -f $@
	arm-none-eabi-ar rcs $@ $^

core: build/baremetal/libsipphone-core.a

size: build/baremetal/libsipphone-core.a
	@$(MAKE) --no-print-directory -s CROSS=$(FIRMWARE_TARGET)- all
	@tools/size.sh $(FIRMWARE_TARGET) build/$(FIRMWARE_TARGET) build/baremetal $(FIRMWARE_ARCH)

clean:
	rm -rf build
distclean: clean
	rm -rf $(GEN)

-include $(shell find $(BUILD)/obj build/baremetal/obj -name '*.d' 2>/dev/null)
