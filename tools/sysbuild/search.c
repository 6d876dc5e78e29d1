/* Finding the files a system description names in the search path. */
#include "search.h"

#include <unistd.h>

char *sb_search(const char *path, const char *const *dirs, size_t ndirs, strbuf_t *searched)
{
    if (path[0] == '/')
        return access(path, F_OK) == 0 ? xstrdup(path) : NULL;
    for (size_t i = 0; i < ndirs; i++) {
        strbuf_t full = STRBUF_INIT;
        sb_printf(&full, "%s/%s", dirs[i], path);
        if (access(sb_str(&full), F_OK) == 0)
            return full.data;
        sb_free(&full);
        if (searched)
            sb_printf(searched, "%s%s", i ? ", " : "", dirs[i]);
    }
    if (searched && ndirs == 0)
        sb_put(searched, "no search path given");
    return NULL;
}
