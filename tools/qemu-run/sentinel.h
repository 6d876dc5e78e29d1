/*
 * Sentinel matching on a console stream. Several cores printing at once interleave their
 * characters, so a sentinel matches when its characters appear in order with other
 * characters between them, as long as the whole match spans at most SENTINEL_SPAN times the
 * sentinel's length. A few overlapping partial matches are tracked so that a false start
 * does not hide the real one.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define SENTINEL_SPAN   4
#define SENTINEL_TRACKS 8

typedef struct sentinel {
    const char *text;
    size_t len;
    bool seen;
    /* partial matches: how many characters matched, and where the match started */
    size_t matched[SENTINEL_TRACKS];
    size_t started[SENTINEL_TRACKS];
    unsigned ntracks;
} sentinel_t;

void sentinel_init(sentinel_t *s, const char *text);
/* Feeds one character at stream offset `pos`; returns true when the sentinel completes. */
bool sentinel_feed(sentinel_t *s, char c, size_t pos);
