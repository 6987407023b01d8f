/*
 * fetch_dir.h - boot files from a local folder (--tftp-root): the
 * embedded TFTP root of a host phone.
 */
#ifndef FETCH_DIR_H
#define FETCH_DIR_H

#include "boot/boot.h"
#include "rt/rt_timer.h"

struct fetch_dir {
	const char *root;
	struct rt_timers *timers;
	struct rt_timer answer;
	boot_fetch_cb *cb;
	void *cbarg;
	int err;
	uint8_t *data;
	size_t len;
};

void fetch_dir_init(struct fetch_dir *f, const char *root,
		    struct rt_timers *timers);
void fetch_dir_fini(struct fetch_dir *f);
struct boot_fetcher fetch_dir_fetcher(struct fetch_dir *f);

#endif
