/*
 * Lists the file-scope declarations of a C translation unit from clang's JSON AST dump
 * (clang -Xclang -ast-dump=json -fsyntax-only), one per line, tab-separated:
 *
 *   enumconst NAME                  an enumeration constant
 *   typedef   NAME TYPE             TYPE: the type it names, without the typedefs on top
 *   tag       struct|union|enum NAME
 *   member    OWNER FIELD [bitfield]  OWNER is "struct NAME" or the typedef of an unnamed one;
 *                                   members of anonymous members count as the owner's
 *   function  NAME TYPE             TYPE as clang spells it: "ret (params)"
 *   var       NAME TYPE tls|-
 *
 * Implicit (compiler-made) declarations are left out; each line is printed once.
 * libsel4_idents.sh turns the list into compile probes.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(const cJSON *node, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *qual_type(const cJSON *node)
{
    return str(cJSON_GetObjectItemCaseSensitive(node, "type"), "qualType");
}

static int is_kind(const cJSON *node, const char *kind)
{
    const char *k = str(node, "kind");
    return k && !strcmp(k, kind);
}

/* Lines already printed: the AST repeats a function's prototype and definition. */
static char **seen;
static size_t nseen, capseen;

static void emit(const char *line)
{
    for (size_t i = 0; i < nseen; i++)
        if (!strcmp(seen[i], line))
            return;
    if (nseen == capseen) {
        capseen = capseen ? 2 * capseen : 1024;
        seen = realloc(seen, capseen * sizeof *seen);
        if (!seen)
            exit(2);
    }
    seen[nseen++] = strdup(line);
    puts(line);
}

static void members(const cJSON *record, const char *owner)
{
    const cJSON *pending = NULL; /* the last unnamed nested record */
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(record, "inner"))
    {
        if (is_kind(child, "RecordDecl") && !str(child, "name")) {
            pending = child;
        } else if (is_kind(child, "FieldDecl")) {
            const char *name = str(child, "name");
            if (!name && pending) {
                members(pending, owner); /* an anonymous member: its fields are the owner's */
            } else if (name) {
                char line[512];
                snprintf(line, sizeof line, "member\t%s\t%s%s", owner, name,
                         cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(child, "isBitfield"))
                             ? "\tbitfield"
                             : "");
                emit(line);
            }
            pending = NULL;
        }
    }
}

/* The id of the unnamed tag a typedef declares with it ("typedef struct { ... } T;"). */
static const char *owned_tag(const cJSON *typedef_decl)
{
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(typedef_decl, "inner"))
    {
        const cJSON *owned = cJSON_GetObjectItemCaseSensitive(child, "ownedTagDecl");
        const char *name = owned ? str(owned, "name") : NULL;
        if (owned && (!name || !*name))
            return str(owned, "id");
    }
    return NULL;
}

static const cJSON *find_id(const cJSON *tu, const char *id)
{
    const cJSON *decl;
    cJSON_ArrayForEach(decl, cJSON_GetObjectItemCaseSensitive(tu, "inner"))
    {
        const char *i = str(decl, "id");
        if (i && !strcmp(i, id))
            return decl;
    }
    return NULL;
}

static void enum_constants(const cJSON *decl)
{
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(decl, "inner"))
    {
        if (is_kind(child, "EnumConstantDecl")) {
            char line[512];
            snprintf(line, sizeof line, "enumconst\t%s", str(child, "name"));
            emit(line);
        }
    }
}

static void declaration(const cJSON *tu, const cJSON *decl)
{
    const char *name = str(decl, "name");
    char line[2048];
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(decl, "isImplicit")))
        return;
    if (is_kind(decl, "TypedefDecl")) {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(decl, "type");
        const char *underlying = str(type, "desugaredQualType");
        snprintf(line, sizeof line, "typedef\t%s\t%s", name,
                 underlying ? underlying : str(type, "qualType"));
        emit(line);
        const char *tag = owned_tag(decl);
        const cJSON *record = tag ? find_id(tu, tag) : NULL;
        if (record && is_kind(record, "RecordDecl"))
            members(record, name);
    } else if (is_kind(decl, "RecordDecl") || is_kind(decl, "EnumDecl")) {
        const char *tag = is_kind(decl, "EnumDecl") ? "enum" : str(decl, "tagUsed");
        if (is_kind(decl, "EnumDecl"))
            enum_constants(decl);
        if (!name)
            return;
        snprintf(line, sizeof line, "tag\t%s %s", tag, name);
        emit(line);
        if (is_kind(decl, "RecordDecl")) {
            snprintf(line, sizeof line, "%s %s", tag, name);
            members(decl, line);
        }
    } else if (is_kind(decl, "FunctionDecl")) {
        snprintf(line, sizeof line, "function\t%s\t%s", name, qual_type(decl));
        emit(line);
    } else if (is_kind(decl, "VarDecl")) {
        snprintf(line, sizeof line, "var\t%s\t%s\t%s", name, qual_type(decl),
                 str(decl, "tls") ? "tls" : "-");
        emit(line);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s AST.json\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "%s: cannot read\n", argv[1]);
        return 2;
    }
    text[size] = 0;
    fclose(f);
    cJSON *tu = cJSON_Parse(text);
    if (!tu || !is_kind(tu, "TranslationUnitDecl")) {
        fprintf(stderr, "%s: not a clang JSON AST\n", argv[1]);
        return 2;
    }
    const cJSON *decl;
    cJSON_ArrayForEach(decl, cJSON_GetObjectItemCaseSensitive(tu, "inner")) declaration(tu, decl);
    cJSON_Delete(tu);
    free(text);
    return 0;
}
