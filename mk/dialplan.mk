# mk/dialplan.mk - dial plans (issue 4): packages and the benchmark.
#
# `make bench-dialplan` (also part of `make bench`): the cost of one key
# with the guide's 12-template plan and generated 200- and 500-template
# plans, in ns/key (plain run) and in instructions/key (callgrind, counting
# only the key loop bench_keys).  Numbers, never pass/fail.

DEPS_PKGS += valgrind

# Reading a plan from a path is not part of the bare-metal core.
HOSTED_SRC += runtime/dialplan/dialplan_store.c

DIALPLAN_BENCH_ROUNDS ?= 50
DIALPLAN_BENCH_DIR := $(BUILD)/bench

.PHONY: bench-dialplan
bench: bench-dialplan

bench-dialplan: $(BUILD)/bin/bench-dialplan
	@echo "== bench-dialplan: ns/key ($(DIALPLAN_BENCH_ROUNDS) rounds)"
	@$(BUILD)/bin/bench-dialplan $(DIALPLAN_BENCH_ROUNDS)
	@echo "== bench-dialplan: instructions/key (valgrind --tool=callgrind)"
	@mkdir -p $(DIALPLAN_BENCH_DIR)
	@for plan in guide 200 500; do \
		out=$(DIALPLAN_BENCH_DIR)/callgrind.dialplan-$$plan.out; \
		valgrind -q --tool=callgrind --toggle-collect=bench_keys \
			--callgrind-out-file=$$out \
			$(BUILD)/bin/bench-dialplan 1 $$plan \
			>$(DIALPLAN_BENCH_DIR)/dialplan-$$plan.txt || exit 1; \
		keys=$$(sed -n 's/.* all_keys=\([0-9]*\).*/\1/p' \
			$(DIALPLAN_BENCH_DIR)/dialplan-$$plan.txt); \
		name=$$(sed -n 's/^plan=\([^ ]*\) .*/\1/p' \
			$(DIALPLAN_BENCH_DIR)/dialplan-$$plan.txt); \
		ir=$$(sed -n 's/^\(summary\|totals\): *\([0-9]*\).*/\2/p' $$out | tail -n1); \
		awk -v n="$$name" -v ir="$$ir" -v k="$$keys" 'BEGIN { \
			printf "plan=%s instructions/key=%.0f (%s instructions, %s keys)\n", \
				n, ir / k, ir, k }'; \
	done
