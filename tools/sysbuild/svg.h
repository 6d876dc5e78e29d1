/*
 * The system as a picture: PDs as boxes (name, priority, passive, cpu), channels as edges
 * marked pp or notify, shared memory regions as labelled edges, IRQs as inputs. Drawn by
 * graphviz's `dot` from a graph description of ours.
 */
#pragma once

#include <stdbool.h>

#include "../common/strbuf.h"
#include "system.h"

/* The graph in dot's language. */
void sb_dot(strbuf_t *out, const sb_system_t *sys);

/* The graph as SVG, through `dot -Tsvg`. False (reported) if dot is missing or fails. */
bool sb_svg(strbuf_t *out, const sb_system_t *sys);
