/*
 * dir_int.h - between the chart (spec/dir/dir.rl) and runtime/dir/dir.c.
 */
#ifndef DIR_INT_H
#define DIR_INT_H

#include "dir/dir.h"
#include "dir/dir_events.h"

void dir__init(struct dir *d);
void dir__exec(struct dir *d, int ev);
enum dir_state dir__state(int cs);

/* The chart's actions (dir.c). */
void dir__open_top(struct dir *d);
void dir__services(struct dir *d);
void dir__move(struct dir *d, int by);
void dir__open_list(struct dir *d);
void dir__fetch(struct dir *d);
void dir__cancel(struct dir *d);
void dir__dial(struct dir *d);
void dir__clear(struct dir *d, int all);
void dir__lock(struct dir *d);
void dir__back_top(struct dir *d);
void dir__shown(struct dir *d);
void dir__close(struct dir *d);
void dir__unexpected(struct dir *d, int ev);

#endif
