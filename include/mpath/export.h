/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * MP_EXPORT marks the functions of libmpath's public API. The library is
 * built with -fvisibility=hidden and a linker version script, so only
 * what is marked here and listed in lib/api/libmpath.sym is visible to
 * programs; everything else stays internal and may change at any time.
 */
#ifndef MPATH_EXPORT_H
#define MPATH_EXPORT_H

#if defined(__GNUC__) && __GNUC__ >= 4
#define MP_EXPORT __attribute__((visibility("default")))
#else
#define MP_EXPORT
#endif

#endif
