#!/usr/bin/python3
# libblockdev's mpath plugin from Debian (libblockdev-mpath2 2.28, through
# its GObject bindings), unchanged, against the running system:
# is_mpath_member() and get_mpath_members() must see the paths of the maps.
# set_friendly_names() runs mpathconf, which Debian does not ship (with
# multipath-tools neither): its result is printed, not judged.
# usage: blockdev.py MEMBER NONMEMBER ; exit status = failures
import sys

import gi
gi.require_version("BlockDev", "2.0")
from gi.repository import BlockDev as bd

fails = 0


def check(name, ok, detail=""):
    global fails
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + repr(detail)))
    if not ok:
        fails += 1


member, other = sys.argv[1:3]
spec = bd.PluginSpec()
spec.name = bd.Plugin.MPATH
try:
    check("plugin loads with its dependency checks", bd.ensure_init([spec], None))
except Exception as e:
    check("plugin loads with its dependency checks", False, str(e))
    import os
    os.environ["LIBBLOCKDEV_SKIP_DEP_CHECKS"] = ""
    print("retrying with LIBBLOCKDEV_SKIP_DEP_CHECKS (as Debian's own libblockdev tests do)")
    bd.reinit([spec], True, None)
check("is_mpath_member(%s)" % member, bd.mpath_is_mpath_member(member))
check("not is_mpath_member(%s)" % other, not bd.mpath_is_mpath_member(other))
members = bd.mpath_get_mpath_members()
print("get_mpath_members:", members)
check("get_mpath_members has %s" % member, member in members, members)
check("get_mpath_members has both paths of mpatha (mpathb was removed by the sm sequence)", len(members) >= 2, members)
try:
    print("set_friendly_names(True):", bd.mpath_set_friendly_names(True))
except Exception as e:
    print("set_friendly_names(True) failed (not judged):", e)
sys.exit(fails)
