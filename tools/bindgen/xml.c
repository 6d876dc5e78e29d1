/* libxml2 helpers. */
#include "xml.h"

#include <libxml/parser.h>
#include <libxml/xinclude.h>
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/strbuf.h"

static const char *current_path;

static void on_xml_error(void *ctx, const xmlError *err)
{
    (void)ctx;
    if (err->level < XML_ERR_ERROR)
        return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", err->message ? err->message : "malformed XML");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    diag_error(current_path, err->line > 0 ? err->line : 1, "%s", msg);
}

xmlDoc *xml_read(const char *path)
{
    current_path = path;
    int before = diag_count();
    xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)on_xml_error);
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (doc && xmlXIncludeProcessFlags(doc, XML_PARSE_NONET) < 0 && diag_count() == before)
        diag_error(path, 1, "XInclude processing failed");
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc || diag_count() != before) {
        if (diag_count() == before)
            diag_error(path, 0, "cannot read XML");
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

int xml_line(const xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 ? (int)l : 1;
}

char *xml_attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

const xmlNode *xml_next_elem(const xmlNode *n)
{
    for (n = n->next; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

const xmlNode *xml_first_elem(const xmlNode *parent)
{
    for (const xmlNode *n = parent->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

const xmlNode *xml_next_named(const xmlNode *n, const char *name)
{
    for (n = xml_next_elem(n); n; n = xml_next_elem(n))
        if (strcmp((const char *)n->name, name) == 0)
            return n;
    return NULL;
}

const xmlNode *xml_child(const xmlNode *parent, const char *name)
{
    const xmlNode *n = xml_first_elem(parent);
    if (n && strcmp((const char *)n->name, name) == 0)
        return n;
    return n ? xml_next_named(n, name) : NULL;
}

static void doc_text(const xmlNode *n, strbuf_t *sb)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            sb_put(sb, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            const char *tag = (const char *)c->name;
            char *a = NULL;
            if (strcmp(tag, "texttt") == 0 && (a = xml_attr(c, "text"))) {
                sb_printf(sb, "`%s`", a);
            } else if ((strcmp(tag, "autoref") == 0 || strcmp(tag, "shortref") == 0) &&
                       ((a = xml_attr(c, "label")) || (a = xml_attr(c, "sec")))) {
                sb_printf(sb, "(manual: %s)", a);
            } else if (strcmp(tag, "obj") == 0 && (a = xml_attr(c, "name"))) {
                sb_put(sb, a);
            } else if (strcmp(tag, "errorenumdesc") == 0) {
                sb_put(sb, "an seL4_Error value");
            } else {
                doc_text(c, sb);
            }
            free(a);
        }
    }
}

char *xml_doc_text(const xmlNode *n)
{
    strbuf_t raw = STRBUF_INIT, out = STRBUF_INIT;
    doc_text(n, &raw);
    /* collapse runs of white space; never let the text close a C comment */
    const char *s = sb_str(&raw);
    bool space = false;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            space = out.len > 0;
            continue;
        }
        if (space)
            sb_putc(&out, ' ');
        space = false;
        if (s[0] == '*' && s[1] == '/')
            sb_put(&out, "* ");
        else
            sb_putc(&out, *s);
    }
    sb_free(&raw);
    char *r = xstrdup(sb_str(&out));
    sb_free(&out);
    return r;
}
