#ifndef RELGRAPH_CGRAPHVIZ_SHIM_H
#define RELGRAPH_CGRAPHVIZ_SHIM_H
/*
 * Thin, static-inline wrappers over Graphviz's C API for Swift.
 *
 * Only what Swift cannot import directly lives here: macros (agtail, aghead,
 * AGID, AGTYPE, ND_*, GD_*) and every difference between the Graphviz versions
 * relgraph builds against (2.42 up to 14.x), so that the Swift code sees one API
 * and has no `#if` of its own. The differences, each decided here by Graphviz's
 * own version macro or by the declared type itself (C11 `_Generic`, `__typeof__`):
 *
 *   since   what changed                                   here
 *   3.0     text layout plugins return `bool`, not         relgraph_textlayout_result_t
 *           Graphviz's `boolean`
 *   8.0.1   render `beziercurve` loses arrow_at_start/end  relgraph_render_engine_t
 *   10.0.1  render `polygon`/`polyline`/`beziercurve`      relgraph_render_engine_t
 *           take a `size_t` point count
 *   13.0    `gvRenderData`'s length is `size_t *`, and a     relgraph_render_data
 *           failed call poisons every later one
 *   13.0    `agsetfile` removed (the DOT lexer became      relgraph_reset_input_name
 *           reentrant: each agread counts lines from 1,    (DOTSource.swift reads
 *           and drops what it read past its graph)          up to each graph's end)
 *   13.0    SVG viewBox from the page bounding box         relgraph_job_header
 *   3.0     SVG scale printed %g (2.42.0-3: its inverse)   relgraph_job_transform
 *   13.0    `Agiddisc_t.alloc` removed                      relgraph_iddisc_init
 *   13.0    plugin API version 6 -> 8 (plugin library      RELGRAPH_GVPLUGIN_VERSION
 *           names end in .so.8)
 *
 * The system headers are used as installed; no Graphviz header is copied into
 * this repository.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <gvc.h>
#include <cgraph.h>
#include <graphviz_version.h>

/* The plugin API version of this Graphviz: 6 up to 12.x, 8 from 13.0 (the plugin
 * libraries are named libgvplugin_NAME.so.VERSION). */
#define RELGRAPH_GVPLUGIN_VERSION GVPLUGIN_VERSION

/* The version of the headers relgraph was compiled against ("2.43.0", "14.1.4"),
 * to compare with the library's gvcVersion at run time. */
static inline const char *relgraph_header_version(void) { return PACKAGE_VERSION; }

/* ---- Reading DOT ---- */

/* Before an agread: no file name in messages, line numbers from 1. Graphviz 13.0
 * removed agsetfile; its lexer keeps file name and line per agread call. */
static inline void relgraph_reset_input_name(void) {
#if GVPLUGIN_VERSION < 8
    agsetfile(NULL);
#endif
}

/* ---- The id discipline (RelGraphviz/Graphviz/IdDiscipline.swift) ---- */

#if GVPLUGIN_VERSION < 8
/* Graphviz up to 12.x asks `alloc` for an explicit id (agidnode, agidsubg);
 * relgraph never requests one. */
static inline long relgraph_iddisc_alloc_none(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;
    return 0;
}
#endif

/* Fills an id discipline with these callbacks (and, where this Graphviz has the
 * member, an `alloc` that refuses explicit ids). */
static inline void relgraph_iddisc_init(Agiddisc_t *disc,
        void *(*open)(Agraph_t *, Agdisc_t *),
        long (*map)(void *, int, char *, IDTYPE *, int),
        void (*free_id)(void *, int, IDTYPE),
        char *(*print)(void *, int, IDTYPE),
        void (*close)(void *),
        void (*idregister)(void *, int, void *)) {
    memset(disc, 0, sizeof *disc);
    disc->open = open;
    disc->map = map;
    disc->free = free_id;
    disc->print = print;
    disc->close = close;
    disc->idregister = idregister;
#if GVPLUGIN_VERSION < 8
    disc->alloc = relgraph_iddisc_alloc_none;
#endif
}

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

/* Frees the context's job list. Exported by libgvc in every version (its CLI
 * uses it) but declared only in a private header. */
extern void gvjobs_delete(GVC_t *gvc);

/* gvRenderData with a size_t length whatever this Graphviz declares. When it
 * fails before rendering (an unknown format; no layout), gvRenderData leaves the
 * job it made in the context's job list, and from Graphviz 13 every later
 * gvRenderData renders that stale job first and fails too: the list is emptied
 * then (after a render gvRenderData empties it itself). */
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
    if (rc != 0) gvjobs_delete(gvc);
    return rc;
}

/* ---- Drawing recorder (RelGraphviz/Readability/DrawingRecorder.swift) ----
 * A render plugin that records what Graphviz draws instead of writing SVG.
 * These read the job and text-span fields it needs (unions and bit fields
 * that Swift imports awkwardly). */
#include <gvplugin.h>
#include <gvplugin_render.h>
#include <gvplugin_device.h>

/* A point list as the recorder takes it, whatever this Graphviz passes. */
typedef void (*relgraph_points_fn)(GVJ_t *job, pointf *points, size_t count);

/* A render engine whose point-list callbacks (polygon, polyline, beziercurve)
 * have one signature on every Graphviz: Graphviz sees `engine` (the first
 * member, so the same address) and calls the adapters below, which find the
 * callbacks through the job's active engine. */
typedef struct {
    gvrender_engine_t engine;
    relgraph_points_fn polygon, polyline, beziercurve;
} relgraph_render_engine_t;

static inline relgraph_render_engine_t *relgraph_render_engine_of(GVJ_t *job) {
    return (relgraph_render_engine_t *)job->render.engine;
}
/* Up to 10.0.0 point counts are int; from 10.0.1 size_t. */
static inline void relgraph_polygon_int(GVJ_t *job, pointf *a, int n, int filled) {
    (void)filled; relgraph_render_engine_of(job)->polygon(job, a, (size_t)n);
}
static inline void relgraph_polygon_size(GVJ_t *job, pointf *a, size_t n, int filled) {
    (void)filled; relgraph_render_engine_of(job)->polygon(job, a, n);
}
static inline void relgraph_polyline_int(GVJ_t *job, pointf *a, int n) {
    relgraph_render_engine_of(job)->polyline(job, a, (size_t)n);
}
static inline void relgraph_polyline_size(GVJ_t *job, pointf *a, size_t n) {
    relgraph_render_engine_of(job)->polyline(job, a, n);
}
/* Up to 8.0.0 beziercurve also takes arrow_at_start and arrow_at_end. */
static inline void relgraph_bezier_arrows(GVJ_t *job, pointf *a, int n, int start, int end, int filled) {
    (void)start; (void)end; (void)filled; relgraph_render_engine_of(job)->beziercurve(job, a, (size_t)n);
}
static inline void relgraph_bezier_int(GVJ_t *job, pointf *a, int n, int filled) {
    (void)filled; relgraph_render_engine_of(job)->beziercurve(job, a, (size_t)n);
}
static inline void relgraph_bezier_size(GVJ_t *job, pointf *a, size_t n, int filled) {
    (void)filled; relgraph_render_engine_of(job)->beziercurve(job, a, n);
}

/* Sets the point-list callbacks, each through the adapter of the signature this
 * Graphviz declares (an unknown signature does not compile). */
static inline void relgraph_render_engine_set_points(relgraph_render_engine_t *e, relgraph_points_fn polygon,
                                                     relgraph_points_fn polyline, relgraph_points_fn beziercurve) {
    e->polygon = polygon;
    e->polyline = polyline;
    e->beziercurve = beziercurve;
    e->engine.polygon = _Generic(e->engine.polygon,
        void (*)(GVJ_t *, pointf *, int, int): relgraph_polygon_int,
        void (*)(GVJ_t *, pointf *, size_t, int): relgraph_polygon_size);
    e->engine.polyline = _Generic(e->engine.polyline,
        void (*)(GVJ_t *, pointf *, int): relgraph_polyline_int,
        void (*)(GVJ_t *, pointf *, size_t): relgraph_polyline_size);
    e->engine.beziercurve = _Generic(e->engine.beziercurve,
        void (*)(GVJ_t *, pointf *, int, int, int, int): relgraph_bezier_arrows,
        void (*)(GVJ_t *, pointf *, int, int): relgraph_bezier_int,
        void (*)(GVJ_t *, pointf *, size_t, int): relgraph_bezier_size);
}

/* The root <svg>'s width and height (points) and its viewBox as this Graphviz's
 * SVG renderer prints them: the canvas box (%.2f) up to 12.x, the page bounding
 * box (whole numbers) from 13.0. */
static inline void relgraph_job_header(GVJ_t *job, unsigned int *width, unsigned int *height, double *viewBox) {
    *width = job->width; *height = job->height;
#if GVPLUGIN_VERSION >= 8
    viewBox[0] = job->pageBoundingBox.LL.x; viewBox[1] = job->pageBoundingBox.LL.y;
    viewBox[2] = job->pageBoundingBox.UR.x; viewBox[3] = job->pageBoundingBox.UR.y;
#else
    viewBox[0] = job->canvasBox.LL.x; viewBox[1] = job->canvasBox.LL.y;
    viewBox[2] = job->canvasBox.UR.x; viewBox[3] = job->canvasBox.UR.y;
#endif
}
/* The graph group's transform, `scale(SX SY) rotate(R) translate(TX TY)`, with
 * the scale as this Graphviz's SVG renderer prints it: its inverse with two
 * decimals in 2.42.0-2.42.3, two decimals in 2.42.4-2.50, `%g` from 3.0. The
 * translation (two decimals, y negated) is left to the caller. */
static inline void relgraph_job_transform(GVJ_t *job, double *values, int *rotation, int *scalePrecise) {
    values[0] = job->scale.x; values[1] = job->scale.y;
    values[2] = job->translation.x; values[3] = job->translation.y;
    *rotation = job->rotation;
    *scalePrecise = 0;
    const char *version = PACKAGE_VERSION;
    int major = atoi(version);
    if (major >= 3) {
        *scalePrecise = 1;
    } else if (strncmp(version, "2.42.", 5) == 0 && atoi(version + 5) <= 3) {
        values[0] = 1.0 / job->scale.x; values[1] = 1.0 / job->scale.y;
    }
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
#include <gvplugin_textlayout.h>

/* What a text layout plugin returns: Graphviz's `boolean` (an unsigned char) up
 * to 2.50, C99 `bool` from 3.0. */
typedef __typeof__(((gvtextlayout_engine_t *)0)->textlayout((textspan_t *)0, (char **)0))
    relgraph_textlayout_result_t;
static inline relgraph_textlayout_result_t relgraph_textlayout_result(int measured) {
    return measured ? 1 : 0;
}
/* `engine`'s text layout of `span`: 1 when it measured the text with its fonts. */
static inline int relgraph_textlayout_call(gvtextlayout_engine_t *engine, textspan_t *span, char **fontpath) {
    return engine->textlayout(span, fontpath) ? 1 : 0;
}
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
