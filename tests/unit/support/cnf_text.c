/*
 * cnf_text.c - a configuration snapshot from one file's text (tests).
 */
#include <string.h>

#include "cnf_text.h"

struct cnf *cnf_text(const char *text)
{
	struct cnf_layers *l;
	struct cnf_stats st;
	struct cnf *c = NULL;

	if (cnf_layers_alloc(&l))
		return NULL;
	if (cnf_layer_load(l, CNF_LAYER_PHONE, "p.cnf", (const uint8_t *)text,
			   strlen(text), NULL, NULL, &st) ||
	    st.errors || cnf_snapshot(l, &c))
		c = NULL;
	cnf_layers_free(l);
	return c;
}
