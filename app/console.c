#include "app/app.h"
int
app_console(struct app *a)
{
	(void)a;
	app_error("the console is not built yet");
	return EXIT_FAIL;
}
