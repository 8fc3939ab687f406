#ifndef RELGRAPH_CLIBXML2_SHIM_H
#define RELGRAPH_CLIBXML2_SHIM_H
/*
 * libxml2's push parser, for XMLCheck: the well-formedness check of every SVG
 * relgraph writes. The static Foundation links libxml2 already (FoundationXML);
 * calling it directly skips XMLParser's callbacks, which build strings for every
 * element and attribute that the check never looks at.
 */
#include <libxml/xmlversion.h>
/*
 * Without ICU's headers: encoding.h would include the system's <unicode/ucnv.h>,
 * whose declarations clash with Foundation's own copy of ICU in any Swift file
 * that imports both. Only pointers to the ICU-dependent structures are used
 * here (never their layout), so leaving them out changes nothing read.
 */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#endif
