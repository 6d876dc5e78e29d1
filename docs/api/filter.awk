# Doxygen's input filter for sel4c's public headers (docs/api/build.sh). The headers keep
# plain C comments, the single source of the reference; this reads them as doxygen would
# read its own:
#   - the comment that opens the file describes the file;
#   - a comment on lines of its own documents the declaration below it, and also each further
#     function or extern variable declared right below it (one comment for a group, as with
#     microkit_dbg_putc and microkit_dbg_puts), or, after inline definitions, defined below
#     them with only blank lines between (microkit_msginfo_new and its getters). A comment,
#     preprocessor line, other declaration or a blank line after a declaration ends a group;
#   - a comment after code on the same line documents that line's field, enumerator or macro.
# The line count is kept, so doxygen's messages point at the header's own lines.
function comment_text(s) {
    sub(/^[ \t]*\/\*+[ \t]?/, "", s)
    sub(/^[ \t]*\*[ \t]?/, "", s)
    sub(/[ \t]*\*\/.*$/, "", s)
    return s
}
BEGIN { in_comment = 0; seen_code = 0; group = ""; pending = 0 }
# is_file: the first comment, before any code, is the file's
in_comment {
    text = text " " comment_text($0)
    line = $0
    if ($0 ~ /\*\//) {
        in_comment = 0
        group = is_file ? "" : text
        pending = !is_file
        if (is_file)
            sub(/\*\//, "@file */", line)
    }
    print line
    next
}
/^[ \t]*\/\*/ && !/^[ \t]*\/\*\*/ {
    is_file = !seen_code
    seen_code = 1
    text = comment_text($0)
    line = $0
    sub(/\/\*/, "/**", line)
    if (is_file)
        sub(/\*\//, "@file */", line)
    print line
    if ($0 ~ /\*\//) {
        group = is_file ? "" : text
        pending = !is_file
    } else
        in_comment = 1
    next
}
/^[ \t]*$/ {
    if (!after_body)
        group = ""
    print
    next
}
/^}/ { after_body = 1 }
{
    line = $0
    if (line !~ /^#/)
        seen_code = 1
    if (line ~ /[^ \t].*\/\*[^*]/)
        sub(/[ \t]*\/\*/, " /**<", line)
    grouped = line ~ /^extern / || (line ~ /^[A-Za-z_][^=]*\(/ && line !~ /^(typedef|struct|enum|union) /)
    if (line ~ /^[A-Za-z_]/) {
        after_body = 0
        if (pending)
            pending = 0
        else if (group != "" && grouped) {
            g = group
            gsub(/\*\//, "", g)
            line = "/** " g " */ " line
        }
        if (!grouped)
            group = ""
    } else if (line ~ /^#/) {
        group = ""
        pending = 0
    }
    print line
}
