/* Interleaving-tolerant sentinel matching. */
#include "sentinel.h"

#include <string.h>

void sentinel_init(sentinel_t *s, const char *text)
{
    memset(s, 0, sizeof *s);
    s->text = text;
    s->len = strlen(text);
}

bool sentinel_feed(sentinel_t *s, char c, size_t pos)
{
    if (s->seen || s->len == 0)
        return false;
    size_t span = SENTINEL_SPAN * s->len;
    unsigned kept = 0;
    for (unsigned i = 0; i < s->ntracks; i++) {
        if (pos - s->started[i] >= span || pos - s->last[i] > SENTINEL_GAP + 1)
            continue; /* too spread out to be this sentinel */
        if (s->text[s->matched[i]] == c) {
            s->last[i] = pos;
            if (++s->matched[i] == s->len) {
                s->seen = true;
                return true;
            }
        }
        s->matched[kept] = s->matched[i];
        s->started[kept] = s->started[i];
        s->last[kept] = s->last[i];
        kept++;
    }
    s->ntracks = kept;
    if (c == s->text[0]) {
        if (s->len == 1) {
            s->seen = true;
            return true;
        }
        if (s->ntracks == SENTINEL_TRACKS) { /* replace the oldest start */
            memmove(s->matched, s->matched + 1, sizeof s->matched[0] * (SENTINEL_TRACKS - 1));
            memmove(s->started, s->started + 1, sizeof s->started[0] * (SENTINEL_TRACKS - 1));
            memmove(s->last, s->last + 1, sizeof s->last[0] * (SENTINEL_TRACKS - 1));
            s->ntracks--;
        }
        s->matched[s->ntracks] = 1;
        s->started[s->ntracks] = pos;
        s->last[s->ntracks] = pos;
        s->ntracks++;
    }
    return false;
}
