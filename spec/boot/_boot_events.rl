# The event alphabet of the boot sequence (spec/boot/boot.rl).
# tools/gen-events.sh turns it into gen/boot/boot_events.h (BOOT_EV_*).
%%{
	machine boot_events;

	EV_POWER_ON   = 1;  # power applied, or reset / erase protflash
	EV_DONE       = 2;  # the current step finished
	EV_NOT_FOUND  = 3;  # the file of this step is not on the server
	EV_FAILED     = 4;  # the file is there but bad, or the server is down
	EV_DYN_TFTP   = 5;  # the configuration names a new TFTP server
	EV_RESET      = 6;  # CLI reset / erase protflash while running
	EV_NONE_LEFT  = 7;  # no more files of this kind to fetch
}%%
