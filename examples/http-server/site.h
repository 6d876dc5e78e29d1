/*
 * The site the server PD serves: every file and directory of the first partition of its disk
 * (MBR, FAT12/16/32), read into memory when the PD starts, and served from there as the HTTP
 * core's file source. Loading walks the volume read-only; the disk is not needed afterwards.
 * Limits: SITE_MAX_ENTRIES files and directories, SITE_ARENA bytes of content, paths of
 * SITE_PATH_MAX bytes; what does not fit is reported and left out.
 */
#ifndef HTTP_SERVER_SITE_H
#define HTTP_SERVER_SITE_H

#include <sel4c/blk.h>
#include <sel4c/http.h>

#define SITE_MAX_ENTRIES 512
#define SITE_ARENA       (24u << 20)
#define SITE_PATH_MAX    256

/* Loads the site from `disk`; returns the number of files, or -1 after printing why not. */
long site_load(const sel4c_blk_t *disk);

/* The file source of the loaded site. */
extern const sel4c_http_files_t site_files;

#endif
