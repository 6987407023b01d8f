/*
 * phone_mwi.h - the message waiting lamp from NOTIFY message-summary.
 */
#ifndef PHONE_MWI_H
#define PHONE_MWI_H

#include <stdbool.h>

#include "sip/sip_msg.h"
#include "txn/txn.h"

struct phone;

enum {
	PHONE_MWI_PATH_MAX = 4096, /* FLASH.mwi */
	PHONE_MWI_FILE_MAX = 64,   /* bytes of FLASH.mwi read */
};

/* The lamp as the last boot left it (FLASH.mwi). */
void phone_mwi_load(struct phone *p);
/* An out-of-dialog NOTIFY with Event: message-summary: answered (200, or
 * 400 for a body that is not RFC 3842) and true; false for anything else. */
bool phone_mwi_request(struct phone *p, struct txn *t,
		       const struct sip_msg *req);

#endif
