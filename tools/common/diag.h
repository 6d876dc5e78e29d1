/* Diagnostics for host tools: "file:line: error: message" on stderr, counted. */
#pragma once

/* Reports an error at file:line (line 0 omits the line). Never exits. */
void diag_error(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reports an error at file:line:col (col 0 omits the column, line 0 both). Never exits. */
void diag_error_at(const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Counts errors without printing them (fuzzers, where errors are the expected outcome). */
void diag_set_quiet(int on);
/* Number of errors reported so far. */
int diag_count(void);
/* Exit status for tools: 2 once any error was reported. */
#define DIAG_EXIT_FAILURE 2
