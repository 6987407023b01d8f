# The event alphabet of the Directories and Services screens
# (spec/dir/dir.rl).  tools/gen-events.sh turns it into
# gen/dir/dir_events.h (DIR_EV_*).  runtime/dir/dir.c turns keys and the
# selected item into these; the HTTP client's answers become MENU, TEXT,
# DIRECTORY or FAILED.
%%{
	machine dir_events;

	EV_DIR        = 1;   # the directories key
	EV_SERVICES   = 2;   # the services key (services_url configured)
	EV_UP         = 3;   # navigation
	EV_DOWN       = 4;
	EV_OPEN_LIST  = 5;   # Select on Missed/Received/Placed/Personal
	EV_OPEN_URL   = 6;   # Select on External Directory or a MenuItem
	EV_BACK_URL   = 7;   # Back to the card that led here (fetched again)
	EV_DIAL       = 8;   # the Dial soft key on an entry
	EV_CLEAR      = 9;   # the Clear soft key
	EV_LOCK       = 10;  # the Lock soft key (Personal Directory)
	EV_BACK       = 11;  # Back to the Directories list
	EV_EXIT       = 12;  # the Exit soft key; a failed Services card
	EV_MENU       = 13;  # a CiscoIPPhoneMenu is shown
	EV_TEXT       = 14;  # a CiscoIPPhoneText is shown
	EV_DIRECTORY  = 15;  # a CiscoIPPhoneDirectory is shown
	EV_FAILED     = 16;  # the first card of External Directory failed
}%%
