#ifndef RELGRAPH_CLIBXML2_SHIM_H
#define RELGRAPH_CLIBXML2_SHIM_H
/*
 * libxml2's push parser, for XMLCheck: the well-formedness check of every SVG
 * relgraph writes. The static Foundation links libxml2 already (FoundationXML);
 * calling it directly skips XMLParser's callbacks, which build strings for every
 * element and attribute that the check never looks at.
 */
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#endif
