/*
 * dir.rl - the Directories and Services screens (the 7960's directories
 * and services keys; the guide's "Cisco CallManager XML Support",
 * directory_url and services_url).
 *
 *   idle ("start") --DIR--> top: Missed, Received, Placed Calls, Personal
 *                                Directory, External Directory
 *   top --OPEN_LIST--> list --DIAL--> idle (the call is placed)
 *   top --OPEN_URL--> loading --MENU/TEXT/DIRECTORY--> xmenu/xtext/xdir
 *   idle --SERVICES--> loading
 *   xmenu --OPEN_URL--> loading (a MenuItem's URL); x* --BACK_URL--> loading
 *   xdir --DIAL--> idle
 *
 * A card that cannot be fetched or read changes nothing: runtime/dir
 * shows why and posts the event of the card still kept (MENU, TEXT or
 * DIRECTORY), FAILED (back to top) when there was none, or EXIT for a
 * Services card (the reason goes to the phone's prompt line).  Anything
 * a state does not expect is logged and changes nothing.
 */
#include "dir/dir_int.h"

%%{
	machine dir;
	alphtype unsigned char;
	include dir_events "_dir_events.rl";

	action open_top   { dir__open_top(d); }
	action services   { dir__services(d); }
	action up         { dir__move(d, -1); }
	action down       { dir__move(d, 1); }
	action open_list  { dir__open_list(d); }
	action fetch      { dir__fetch(d); }
	action cancel     { dir__cancel(d); }
	action dial       { dir__dial(d); }
	action clear_all  { dir__clear(d, 1); }
	action clear_list { dir__clear(d, 0); }
	action lock       { dir__lock(d); }
	action back_top   { dir__back_top(d); }
	action shown      { dir__shown(d); }
	action close      { dir__close(d); }
	action unexpected {
		dir__unexpected(d, fc);
		(void)(fentry(start) + fentry(top) + fentry(list) +
		       fentry(loading) + fentry(xmenu) + fentry(xtext) +
		       fentry(xdir));
	}

	# the keys every open screen takes the same way: DIR (-> top),
	# SERVICES (-> loading), EXIT (-> start)
	keys_ev = EV_DIR | EV_SERVICES | EV_EXIT;
	move   = EV_UP @up | EV_DOWN @down;
	move_ev = EV_UP | EV_DOWN;
	card_ev = EV_OPEN_URL | EV_BACK_URL | EV_BACK | EV_DIAL | keys_ev |
	          move_ev;

	# Idle: the phone's own screen.
	main := start: (
	    EV_DIR             @open_top                        -> top
	  | EV_SERVICES        @services                        -> loading
	  | (any - (EV_DIR | EV_SERVICES)) @unexpected          -> start
	),
	# The Directories list.
	top: (
	    move                                                -> top
	  | EV_OPEN_LIST       @open_list                       -> list
	  | EV_OPEN_URL        @fetch                           -> loading
	  | EV_CLEAR           @clear_all                       -> top
	  | EV_BACK            @close                           -> start
	  | EV_DIR             @open_top                        -> top
	  | EV_SERVICES        @services                        -> loading
	  | EV_EXIT            @close                           -> start
	  | (any - (move_ev | EV_OPEN_LIST | EV_OPEN_URL | EV_CLEAR | EV_BACK |
	            keys_ev)) @unexpected                       -> top
	),
	# A call list or the Personal Directory.
	list: (
	    move                                                -> list
	  | EV_DIAL            @dial                            -> start
	  | EV_CLEAR           @clear_list                      -> list
	  | EV_LOCK            @lock                            -> list
	  | EV_BACK            @back_top                        -> top
	  | EV_DIR             @open_top                        -> top
	  | EV_SERVICES        @services                        -> loading
	  | EV_EXIT            @close                           -> start
	  | (any - (move_ev | EV_DIAL | EV_CLEAR | EV_LOCK | EV_BACK |
	            keys_ev)) @unexpected                       -> list
	),
	# Waiting for a card (HTTP); Exit cancels.
	loading: (
	    EV_MENU            @shown                           -> xmenu
	  | EV_TEXT            @shown                           -> xtext
	  | EV_DIRECTORY       @shown                           -> xdir
	  | EV_FAILED          @shown                           -> top
	  | EV_EXIT            @cancel @close                   -> start
	  | EV_DIR             @cancel @open_top                -> top
	  | EV_SERVICES        @cancel @services                -> loading
	  | (any - (EV_MENU | EV_TEXT | EV_DIRECTORY | EV_FAILED |
	            keys_ev)) @unexpected                       -> loading
	),
	# A CiscoIPPhoneMenu: Select fetches the item's URL.
	xmenu: (
	    move                                                -> xmenu
	  | (EV_OPEN_URL | EV_BACK_URL) @fetch                  -> loading
	  | EV_BACK            @back_top                        -> top
	  | EV_DIR             @open_top                        -> top
	  | EV_SERVICES        @services                        -> loading
	  | EV_EXIT            @close                           -> start
	  | (any - (card_ev - EV_DIAL)) @unexpected             -> xmenu
	),
	# A CiscoIPPhoneText: the arrows scroll.
	xtext: (
	    move                                                -> xtext
	  | EV_BACK_URL        @fetch                           -> loading
	  | EV_BACK            @back_top                        -> top
	  | EV_DIR             @open_top                        -> top
	  | EV_SERVICES        @services                        -> loading
	  | EV_EXIT            @close                           -> start
	  | (any - (card_ev - EV_DIAL - EV_OPEN_URL)) @unexpected -> xtext
	),
	# A CiscoIPPhoneDirectory: Dial calls the entry.
	xdir: (
	    move                                                -> xdir
	  | EV_DIAL            @dial                            -> start
	  | EV_BACK_URL        @fetch                           -> loading
	  | EV_BACK            @back_top                        -> top
	  | EV_DIR             @open_top                        -> top
	  | EV_SERVICES        @services                        -> loading
	  | EV_EXIT            @close                           -> start
	  | (any - (card_ev - EV_OPEN_URL)) @unexpected         -> xdir
	);
}%%

%% write data noerror nofinal;

void dir__init(struct dir *d)
{
	int cs;

	%% write init;
	d->cs = cs;
}

void dir__exec(struct dir *d, int ev)
{
	const unsigned char e = (unsigned char)ev, *p = &e, *pe = p + 1;
	int cs = d->cs;

	%% write exec;
	d->cs = cs;
}

enum dir_state dir__state(int cs)
{
	if (cs == dir_en_main_top)
		return DIR_ST_TOP;
	if (cs == dir_en_main_list)
		return DIR_ST_LIST;
	if (cs == dir_en_main_loading)
		return DIR_ST_LOADING;
	if (cs == dir_en_main_xmenu)
		return DIR_ST_XMENU;
	if (cs == dir_en_main_xtext)
		return DIR_ST_XTEXT;
	if (cs == dir_en_main_xdir)
		return DIR_ST_XDIR;
	return DIR_ST_OFF;
}
