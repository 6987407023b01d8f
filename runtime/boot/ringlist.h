/*
 * ringlist.h - RINGLIST.DAT, read by spec/boot/ringlist.rl.
 */
#ifndef RINGLIST_H
#define RINGLIST_H

#include <stddef.h>

enum {
	RINGLIST_MAX = 16,            /* ring types kept; more are counted */
	RINGLIST_FILE_MAX = 16 * 1024, /* bytes in RINGLIST.DAT */
	RINGLIST_BAD_MAX = 8,         /* bad line numbers remembered */
	RINGLIST_NAME_MAX = 32,       /* bytes in a ring name (the menu) */
	RINGLIST_PCM_NAME_MAX = 64,   /* bytes in a PCM file name */
};

struct ringlist_entry {
	char name[RINGLIST_NAME_MAX];
	char file[RINGLIST_PCM_NAME_MAX];
};

struct ringlist {
	struct ringlist_entry e[RINGLIST_MAX];
	unsigned n, dropped, nbad;
	unsigned bad_line[RINGLIST_BAD_MAX];
};

/* 0, -EFBIG (past RINGLIST_FILE_MAX), -ENOMEM.  Bad lines are listed in
 * RL, not errors. */
int ringlist_parse(struct ringlist *rl, const unsigned char *text, size_t len);

#endif
