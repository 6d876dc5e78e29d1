/* Finding the files a system description names in the search path. */
#pragma once

#include <stddef.h>

#include "../common/strbuf.h"

/*
 * The first existing `dir/path` for the directories in order (an absolute path is taken as
 * written), malloc'ed; NULL when there is none, with `searched` (if given) listing the
 * directories tried, for the message.
 */
char *sb_search(const char *path, const char *const *dirs, size_t ndirs, strbuf_t *searched);
