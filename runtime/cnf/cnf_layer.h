/*
 * cnf_layer.h - layer storage (internal to runtime/cnf).
 */
#ifndef CNF_LAYER_H
#define CNF_LAYER_H

#include <stddef.h>
#include <stdint.h>

#include "cnf/cnf.h"

enum cnf__state { CNF__UNSET, CNF__SET, CNF__DELETED };

struct cnf__entry {
	char *val;     /* stored form (validated), owned; NULL unless SET */
	int32_t num;   /* its number, where the type has one */
	uint32_t line; /* where it was set (0: not from a file) */
	uint8_t state; /* enum cnf__state */
};

struct cnf__layer {
	struct cnf__entry e[CNF_PARAM_COUNT];
};

struct cnf_layers {
	struct cnf__layer layer[CNF_LAYER_COUNT];
};

int cnf__is_deletion(const char *v, size_t len);

#endif
