#ifndef RELGRAPH_CLIBYAML_SHIM_H
#define RELGRAPH_CLIBYAML_SHIM_H
/*
 * libyaml's event parser, for YAMLSyntaxReader: relgraph composes the tree from
 * libyaml's events itself (iteratively, counting alias expansion, keeping each
 * node's line and column), which Yams' public API does not offer.
 */
#include <yaml.h>

#endif
