/*
 * test_lcd.c - the screen as text (runtime/lcd): the layout scripts read
 * through "test show", Table 2-2's icons, and its limits.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lcd/lcd.h"

static void test_render(void **state)
{
	static const char expect[] =
		"+--------------------------------------------+\n"
		"|jdoe4X                    11/24/26 3:25p [L]|\n"
		"+--------------------------------------------+\n"
		"|1 (#) 43                                    |\n"
		"|2 (@) duval x                               |\n"
		"|3 <>  44                                    |\n"
		"|4                                           |\n"
		"|5                                           |\n"
		"|6                                           |\n"
		"+--------------------------------------------+\n"
		"|[MSG] Requesting Configuration              |\n"
		"|From 4250                                   |\n"
		"|                                            |\n"
		"|                                            |\n"
		"+--------------------------------------------+\n"
		"|Redial     NewCall    CFwd       more       |\n"
		"+--------------------------------------------+\n";
	struct lcd l = {0};
	char buf[LCD_TEXT_MAX];
	int n;

	(void)state;
	LCD_SET(l.label, "jdoe4X");
	LCD_SET(l.clock, "11/24/26 3:25p");
	l.locked = true;
	l.message_waiting = true;
	LCD_SET(l.line[0].label, "43");
	l.line[0].icon = LCD_ICON_E164;
	LCD_SET(l.line[1].label, "duval");
	l.line[1].icon = LCD_ICON_URL;
	l.line[1].reg_failed = true;
	LCD_SET(l.line[2].label, "44");
	l.line[2].icon = LCD_ICON_CONNECTED;
	LCD_SET(l.prompt, "Requesting Configuration");
	LCD_SET(l.call[0], "From 4250");
	LCD_SET(l.softkey[0], "Redial");
	LCD_SET(l.softkey[1], "NewCall");
	LCD_SET(l.softkey[2], "CFwd");
	LCD_SET(l.softkey[3], "more");
	n = lcd_render(&l, buf, sizeof(buf));
	assert_int_equal(n, (int)strlen(expect));
	assert_string_equal(buf, expect);
	/* too small a buffer: an error, never a cut screen */
	assert_int_equal(lcd_render(&l, buf, (size_t)n), -ENOSPC);
	assert_int_equal(lcd_render(&l, buf, 0), -ENOSPC);
}

static void test_fields_cut_to_screen(void **state)
{
	struct lcd l = {0};
	char buf[LCD_TEXT_MAX], longer[200];

	(void)state;
	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	LCD_SET(l.prompt, longer);
	assert_int_equal(strlen(l.prompt), LCD_WIDTH);
	LCD_SET(l.line[0].label, longer);
	assert_int_equal(strlen(l.line[0].label), LCD_LABEL_MAX - 1);
	l.line[0].icon = LCD_ICON_E164_READY;
	assert_true(lcd_render(&l, buf, sizeof(buf)) > 0);
	/* every row is the frame's width */
	{
		const char *p = buf;

		while (*p) {
			const char *nl = strchr(p, '\n');

			assert_non_null(nl);
			assert_int_equal(nl - p, LCD_WIDTH + 2);
			p = nl + 1;
		}
	}
	assert_string_equal(lcd_icon_text(LCD_ICON_CONF_HOLD), "|3|");
	assert_string_equal(lcd_icon_text(LCD_ICON_URL_READY), "[@]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_fields_cut_to_screen),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
