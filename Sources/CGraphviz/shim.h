#ifndef RELGRAPH_CGRAPHVIZ_SHIM_H
#define RELGRAPH_CGRAPHVIZ_SHIM_H
/*
 * Thin, static-inline wrappers over Graphviz's C API for Swift.
 *
 * Only what Swift cannot import directly lives here: macros (agtail, aghead,
 * AGID, AGTYPE, ND_*, GD_*) and calls whose C signature differs between
 * Graphviz versions (gvRenderData's length is `unsigned int *` up to 12.x and
 * `size_t *` from 13.0). The system headers are used as installed; no Graphviz
 * header is copied into this repository.
 */
#include <stddef.h>
#include <gvc.h>
#include <cgraph.h>

/* agtail / aghead are macros (AGMKIN/AGMKOUT). */
static inline Agnode_t *relgraph_agtail(Agedge_t *e) { return agtail(e); }
static inline Agnode_t *relgraph_aghead(Agedge_t *e) { return aghead(e); }

/* Object id and kind (AGRAPH, AGNODE, AGOUTEDGE, AGINEDGE). */
static inline IDTYPE relgraph_agid(void *obj) { return AGID(obj); }
static inline int relgraph_agtype(void *obj) { return (int)AGTYPE(obj); }

/* The per-graph closure that the id discipline's `open` returned. */
static inline void *relgraph_idstate(Agraph_t *g) { return g->clos->state.id; }

/* Layout results: centre in points, size in inches, bounding box in points. */
static inline double relgraph_nd_x(Agnode_t *n) { return ND_coord(n).x; }
static inline double relgraph_nd_y(Agnode_t *n) { return ND_coord(n).y; }
static inline double relgraph_nd_width(Agnode_t *n) { return ND_width(n); }
static inline double relgraph_nd_height(Agnode_t *n) { return ND_height(n); }
static inline void relgraph_gd_bb(Agraph_t *g, double *llx, double *lly,
                                  double *urx, double *ury) {
    *llx = GD_bb(g).LL.x; *lly = GD_bb(g).LL.y;
    *urx = GD_bb(g).UR.x; *ury = GD_bb(g).UR.y;
}

/* 1 when this Graphviz declares gvRenderData's length as `unsigned int *`. */
#define RELGRAPH_RENDER_LENGTH_IS_UINT \
    _Generic(&gvRenderData, \
        int (*)(GVC_t *, graph_t *, const char *, char **, unsigned int *): 1, \
        default: 0)

/* gvRenderData with a size_t length whatever this Graphviz declares. */
static inline int relgraph_render_data(GVC_t *gvc, Agraph_t *g, const char *format,
                                       char **result, size_t *length) {
    typedef int (*render_uint_t)(GVC_t *, graph_t *, const char *, char **, unsigned int *);
    typedef int (*render_size_t)(GVC_t *, graph_t *, const char *, char **, size_t *);
    int rc;
    if (RELGRAPH_RENDER_LENGTH_IS_UINT) {
        unsigned int len = 0;
        rc = ((render_uint_t)gvRenderData)(gvc, g, format, result, &len);
        *length = len;
    } else {
        size_t len = 0;
        rc = ((render_size_t)gvRenderData)(gvc, g, format, result, &len);
        *length = len;
    }
    return rc;
}

/* ---- Drawing recorder (RelGraphviz/Readability/DrawingRecorder.swift) ----
 * A render plugin that records what Graphviz draws instead of writing SVG.
 * These read the job and text-span fields it needs (unions and bit fields
 * that Swift imports awkwardly). */
#include <gvplugin.h>
#include <gvplugin_render.h>
#include <gvplugin_device.h>

static inline void relgraph_job_header(GVJ_t *job, unsigned int *width, unsigned int *height, double *canvas) {
    *width = job->width; *height = job->height;
    canvas[0] = job->canvasBox.LL.x; canvas[1] = job->canvasBox.LL.y;
    canvas[2] = job->canvasBox.UR.x; canvas[3] = job->canvasBox.UR.y;
}
static inline void relgraph_job_transform(GVJ_t *job, double *values, int *rotation) {
    values[0] = job->scale.x; values[1] = job->scale.y;
    values[2] = job->translation.x; values[3] = job->translation.y;
    *rotation = job->rotation;
}
/* The object being drawn: its kind (obj_type), the graph, node or edge, and its id. */
static inline int relgraph_job_object_type(GVJ_t *job) { return (int)job->obj->type; }
static inline void *relgraph_job_object(GVJ_t *job) { return (void *)job->obj->u.n; }
static inline const char *relgraph_job_object_id(GVJ_t *job) { return job->obj->id; }
/* A text span: its font size, bold flag (<B>), the PostScript alias's weight (or NULL),
 * justification ('l', 'n', 'r') and centre-line offset. */
static inline double relgraph_span_size(textspan_t *span) { return span->font ? span->font->size : 0; }
static inline int relgraph_span_bold_flag(textspan_t *span) { return span->font && (span->font->flags & HTML_BF) ? 1 : 0; }
static inline const char *relgraph_span_alias_weight(textspan_t *span) {
    return span->font && span->font->postscript_alias ? span->font->postscript_alias->weight : NULL;
}
static inline int relgraph_span_has_alias(textspan_t *span) { return span->font && span->font->postscript_alias ? 1 : 0; }
/* An edge's tail and head port names (or NULL). */
static inline const char *relgraph_ed_tail_port(Agedge_t *e) { return ED_tail_port(e).name; }
static inline const char *relgraph_ed_head_port(Agedge_t *e) { return ED_head_port(e).name; }

/* ---- Text measuring cache (RelGraphviz/Graphviz/TextMeasureCache.swift) ----
 * The text layout engine a plugin library offers (its first "textlayout" type),
 * or NULL; and a span's HTML font flags (a bit field). */
#include <string.h>
#include <gvplugin_textlayout.h>
static inline gvtextlayout_engine_t *relgraph_library_textlayout(gvplugin_library_t *library) {
    if (!library) return NULL;
    for (gvplugin_api_t *api = library->apis; api && api->types; api++) {
        if (api->api != API_textlayout) continue;
        for (gvplugin_installed_t *type = api->types; type->type; type++)
            if (strncmp(type->type, "textlayout", 10) == 0) return (gvtextlayout_engine_t *)type->engine;
    }
    return NULL;
}
static inline unsigned int relgraph_span_font_flags(textspan_t *span) { return span->font ? span->font->flags : 0; }

#endif
