/*
 * phone_dir.h - the Directories and Services screens (runtime/dir) on
 * the phone: cards fetched over HTTP (runtime/http) and read with expat
 * (runtime/cmxml), calls dialed from them, and the call history the
 * calls (phone_call.c) report with one line each.
 */
#ifndef PHONE_DIR_H
#define PHONE_DIR_H

#include "call/call.h"
#include "sip/sip_msg.h"

struct phone;
struct dir;

int phone_dir_open(struct phone *p);
void phone_dir_close(struct phone *p);
struct dir *phone_dir(const struct phone *p);

/* The call history: dialed TARGET; a call answered; a call that rang
 * and ended unanswered; a request refused unanswered (dnd_control). */
void phone_history_placed(struct phone *p, const char *target);
void phone_history_answered(struct phone *p, const struct call *c);
void phone_history_missed(struct phone *p, const struct call_info *ci);
void phone_history_refused(struct phone *p, const struct sip_msg *req);

#endif
