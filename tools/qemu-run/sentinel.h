/*
 * Sentinel matching on a console stream. Several cores printing at once interleave their
 * characters, so a sentinel matches when its characters appear in order with a few other
 * characters between consecutive ones (at most SENTINEL_GAP) and the whole match spans at
 * most SENTINEL_SPAN times the sentinel's length. Both bounds keep unrelated text from
 * spelling a sentinel out. A few overlapping partial matches are tracked so that a false
 * start does not hide the real one.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define SENTINEL_GAP    8
#define SENTINEL_SPAN   4
#define SENTINEL_TRACKS 8

typedef struct sentinel {
    const char *text;
    size_t len;
    bool seen;
    /* partial matches: characters matched, where the match started and last advanced */
    size_t matched[SENTINEL_TRACKS];
    size_t started[SENTINEL_TRACKS];
    size_t last[SENTINEL_TRACKS];
    unsigned ntracks;
} sentinel_t;

void sentinel_init(sentinel_t *s, const char *text);
/* Feeds one character at stream offset `pos`; returns true when the sentinel completes. */
bool sentinel_feed(sentinel_t *s, char c, size_t pos);
