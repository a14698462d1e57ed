#!/usr/bin/python3
# The command sequences XenServer's storage manager (xapi-project/sm,
# drivers/mpath_cli.py) sends to `multipathd -k`, judged by the same tests
# that code applies to the replies (written here from its behaviour):
#  - actions (add/remove path, remove/resize map, reconfigure): the whole
#    stdout must be "multipathd> ok\nmultipathd> " or
#    "multipathd> CMD\nok\nmultipathd> ";
#  - "help" must mention switchgroup (is_working);
#  - "show map X topology": the device names after each H:C:T:L (list_paths);
#  - "list maps": lines [2:-1] of stdout, first word of each (list_maps).
# usage: xen-sm.py MAP PATH_OF_MAP UNUSED_MAP ; exit status = failures
import re
import subprocess
import sys

fails = 0


def k(cmd):
    p = subprocess.run(["/usr/sbin/multipathd", "-k"], input=cmd,
                       capture_output=True, text=True, timeout=60)
    return p.stdout


def check(name, ok, detail=""):
    global fails
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + repr(detail)))
    if not ok:
        fails += 1


def action(cmd):
    out = k(cmd)
    check("action '%s'" % cmd,
          out in ("multipathd> ok\nmultipathd> ", "multipathd> " + cmd + "\nok\nmultipathd> "), out)


def topology_paths(m):
    lines = k("show map %s topology" % m).split("\n")[:-1]
    if lines:
        mm = re.search(r"multipathd>(\s*[^:]*:)?\s+(.*)", lines[0])
        lines[0] = mm.group(2) if mm else lines[0]
    return [x.group(1) for x in (re.search(r"[0-9]+:[0-9]+:[0-9]+:[0-9]+\s*([a-z]*)", l) for l in lines) if x]


def list_maps():
    return [x.split(" ")[0] for x in k("list maps").split("\n")[2:-1]]


mapname, path, unused = sys.argv[1:4]
check("help mentions switchgroup", re.search("switchgroup", k("help")) is not None)
maps = list_maps()
check("list maps has %s and %s" % (mapname, unused), mapname in maps and unused in maps, maps)
paths = topology_paths(mapname)
check("show map %s topology lists %s" % (mapname, path), path in paths and len(paths) == 2, paths)
action("remove path %s" % path)
check("path %s left %s" % (path, mapname), topology_paths(mapname) == [p for p in paths if p != path],
      topology_paths(mapname))
action("add path %s" % path)
check("path %s back in %s" % (path, mapname), sorted(topology_paths(mapname)) == sorted(paths),
      topology_paths(mapname))
action("resize map %s" % mapname)
action("reconfigure")
action("remove map %s" % unused)
check("%s gone from list maps" % unused, unused not in list_maps(), list_maps())
sys.exit(fails)
