/* Small helpers over libxml2's tree for the interface and syscall XML readers. */
#pragma once

#include <libxml/tree.h>

/* Parses `path` (XIncludes resolved, no network). Errors go to diag as path:line; NULL then. */
xmlDoc *xml_read(const char *path);
int xml_line(const xmlNode *n);
/* A malloc'ed copy of an attribute, or NULL. */
char *xml_attr(const xmlNode *n, const char *name);
const xmlNode *xml_first_elem(const xmlNode *parent);
const xmlNode *xml_next_elem(const xmlNode *n);
/* The first child element named `name`, and the next sibling element of that name. */
const xmlNode *xml_child(const xmlNode *parent, const char *name);
const xmlNode *xml_next_named(const xmlNode *n, const char *name);
/*
 * The documentation text of an element as plain text for C comments: whitespace collapsed,
 * <texttt text="x"/> as `x`, manual cross references as (manual: label). malloc'ed.
 */
char *xml_doc_text(const xmlNode *n);
