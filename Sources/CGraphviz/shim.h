#ifndef RELGRAPH_CGRAPHVIZ_SHIM_H
#define RELGRAPH_CGRAPHVIZ_SHIM_H
#include <gvc.h>
#include <cgraph.h>
#endif
