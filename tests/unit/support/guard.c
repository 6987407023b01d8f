/*
 * guard.c - inputs placed against a guard page (see guard.h).
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guard.h"

const char *guard_put(struct guard *g, const void *data, size_t len)
{
	size_t ps = (size_t)sysconf(_SC_PAGESIZE);
	size_t pages = (len + ps - 1) / ps + 1;
	char *base, *dst;

	g->base = NULL;
	g->maplen = 0;
	base = mmap(NULL, pages * ps, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	if (mprotect(base + (pages - 1) * ps, ps, PROT_NONE) != 0) {
		munmap(base, pages * ps);
		return NULL;
	}
	g->base = base;
	g->maplen = pages * ps;
	dst = base + (pages - 1) * ps - len;
	if (len)
		memcpy(dst, data, len);
	return dst;
}

void guard_free(struct guard *g)
{
	if (g->base)
		munmap(g->base, g->maplen);
	g->base = NULL;
	g->maplen = 0;
}

long guard_read_file(const char *path, char *buf, size_t max)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	long ret;

	if (!f)
		return -1;
	n = fread(buf, 1, max, f);
	ret = ferror(f) ? -1 : (long)n;
	fclose(f);
	return ret;
}

int guard_shared_path(char *out, size_t cap, const char *sub)
{
	const char *shared = getenv("SIPPHONE_SHARED");
	const char *src = getenv("SIPPHONE_SRC");
	int n;

	if (shared && *shared)
		n = snprintf(out, cap, "%s/%s", shared, sub);
	else if (src && *src)
		n = snprintf(out, cap, "%s/../shared/%s", src, sub);
	else
		n = snprintf(out, cap, "../shared/%s", sub);
	return (n < 0 || (size_t)n >= cap) ? -1 : 0;
}
