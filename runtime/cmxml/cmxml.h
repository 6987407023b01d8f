/*
 * cmxml.h - Cisco CallManager XML cards (the guide's "Cisco CallManager
 * XML Support"): what services_url and directory_url answer.
 *
 * Three objects are understood: CiscoIPPhoneMenu (Title, Prompt,
 * MenuItem Name/URL), CiscoIPPhoneText (Title, Prompt, Text) and
 * CiscoIPPhoneDirectory (Title, Prompt, DirectoryEntry Name/Telephone).
 * As the guide says of the SIP phone, white space is consolidated (runs
 * of spaces, tabs, carriage returns and line feeds become one space) and
 * the 3.1 objects (CiscoIPPhoneIconMenu, Execute, Error, Response) are
 * not supported; SoftKeyItem elements are skipped.
 *
 * expat reads the XML (cmxml.c, hosted); the object itself is plain data
 * the bare-metal directory screens (runtime/dir) show.  A value above its
 * limit is an error naming the line, never cut.
 */
#ifndef CMXML_H
#define CMXML_H

#include <stddef.h>

enum {
	CMXML_TITLE_MAX = 32,     /* bytes of Title, Prompt */
	CMXML_TEXT_MAX = 4000,    /* bytes of a CiscoIPPhoneText's Text */
	CMXML_NAME_MAX = 64,      /* bytes of a MenuItem's or entry's Name */
	CMXML_VALUE_MAX = 255,    /* bytes of a URL or Telephone */
	CMXML_ITEMS_MAX = 32,     /* MenuItems or DirectoryEntries */
	CMXML_DEPTH_MAX = 8,      /* element nesting */
	CMXML_WHY_MAX = 96,
};

enum cmxml_type {
	CMXML_NONE,
	CMXML_MENU,       /* CiscoIPPhoneMenu: items are Name -> URL */
	CMXML_TEXT,       /* CiscoIPPhoneText */
	CMXML_DIRECTORY,  /* CiscoIPPhoneDirectory: items are Name -> number */
};

struct cmxml_item {
	char name[CMXML_NAME_MAX + 1];
	char value[CMXML_VALUE_MAX + 1];  /* the URL or the Telephone */
};

struct cmxml_obj {
	enum cmxml_type type;
	char title[CMXML_TITLE_MAX + 1];
	char prompt[CMXML_TITLE_MAX + 1];
	char text[CMXML_TEXT_MAX + 1];
	unsigned nitems;
	struct cmxml_item item[CMXML_ITEMS_MAX];
};

/* BUF (LEN bytes) into O.  0; -EBADMSG (not well-formed XML, or an item
 * without its URL/Telephone), -ENOTSUP (another object), -EMSGSIZE (a
 * value or the item count above its limit, nesting too deep).  WHY says
 * what and on which line ("line 3: Title longer than 32 bytes"). */
int cmxml_parse(const char *buf, size_t len, struct cmxml_obj *o, char *why,
		size_t why_size);

const char *cmxml_type_name(enum cmxml_type t);

#endif
