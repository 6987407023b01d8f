/*
 * boot_int.h - internals shared by runtime/boot/boot.c and the chart
 * generated from spec/boot/boot.rl.
 */
#ifndef BOOT_INT_H
#define BOOT_INT_H

#include "boot/boot.h"
#include "boot/boot_events.h"
#include "boot/ringlist.h"

enum { BOOT_EVQ_MAX = 4 };

struct boot_fetch_ctx;

struct boot {
	int cs;
	struct cnf_layers *layers;
	struct rt_timers *timers;
	struct boot_fetcher fetcher;
	const struct boot_ops *ops;
	void *arg;
	char mac[13];
	struct boot_server server;     /* where files come from now */
	struct boot_server initial;    /* ... at the start of a run */
	enum boot_file fetching;
	char name[BOOT_NAME_MAX];      /* the file being fetched */
	struct boot_fetch_ctx *inflight; /* its callback context */
	struct ringlist rings;
	unsigned next_ring;
	struct boot_stats st;
	struct rt_timer kick;          /* runs queued events from the loop */
	int evq[BOOT_EVQ_MAX];
	unsigned evq_n;
	uint8_t running_exec;
};

void boot__init(struct boot *b);
void boot__exec(struct boot *b, int ev);
const char *boot__state(int cs);

void boot__load_flash(struct boot *b);
void boot__identity(struct boot *b);
void boot__fetch(struct boot *b, enum boot_file f);
void boot__fetch_next_ring(struct boot *b);
void boot__missing(struct boot *b);
void boot__bad(struct boot *b);
void boot__switch_tftp(struct boot *b);
void boot__check_dyn_tftp(struct boot *b);
void boot__apply(struct boot *b);
void boot__running(struct boot *b);
void boot__restart(struct boot *b);
void boot__unexpected(struct boot *b, int ev);

#endif
