/*
 * cnf_text.h - test support: a configuration snapshot from the text of
 * one file, as if it were SIP<MAC>.cnf (CNF_LAYER_PHONE).
 */
#ifndef TEST_CNF_TEXT_H
#define TEST_CNF_TEXT_H

#include "cnf/cnf.h"

/* The snapshot (cnf_free it), or NULL when TEXT has an error or memory ran
 * out: tests assert_non_null() the result. */
struct cnf *cnf_text(const char *text);

#endif
