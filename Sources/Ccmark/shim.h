#ifndef CONCORD_CCMARK_SHIM_H
#define CONCORD_CCMARK_SHIM_H
#include <cmark.h>
#endif
