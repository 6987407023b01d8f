/*
 * guard.h - test support: put bytes right before an inaccessible page, so
 * a parser that reads one byte past its input faults at once (the idea of
 * picohttpparser's test.c), under plain runs, ASan and valgrind alike.
 */
#ifndef TEST_GUARD_H
#define TEST_GUARD_H

#include <stddef.h>

struct guard {
	void *base;
	size_t maplen;
};

/* A copy of LEN bytes at DATA whose last byte touches a PROT_NONE page;
 * NULL if mapping failed.  Release with guard_free(). */
const char *guard_put(struct guard *g, const void *data, size_t len);
void guard_free(struct guard *g);

/* Read a whole file (at most MAX bytes) into BUF; the length, or -1. */
long guard_read_file(const char *path, char *buf, size_t max);

/* The shared data folder: $SIPPHONE_SHARED, else $SIPPHONE_SRC/../shared,
 * else ../shared.  Writes the path of SUB inside it into OUT. */
int guard_shared_path(char *out, size_t cap, const char *sub);

#endif
