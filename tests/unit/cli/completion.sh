#!/bin/bash
# bash completion (cli/completion/mpath): command words, options and daemon
# command words complete; map names come from `mpath ctl`, here a stand-in
# on PATH that prints what mpathd's "show maps format %n" prints.
#   completion.sh SOURCE_ROOT
set -u
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/mpath" <<'STUB'
#!/bin/sh
[ "$*" = "ctl show maps format %n" ] && printf 'name  \nmpatha\nmpathb\n'
[ "$*" = "ctl show paths format %d" ] && printf 'dev\nsdb\nsdc\n'
exit 0
STUB
chmod +x "$work/mpath"
PATH=$work:$PATH
# shellcheck source=/dev/null
. "$src/cli/completion/mpath"
fail=0
check() { # FUNCTION WANT WORDS...
	local fn=$1 want=$2
	shift 2
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	"$fn"
	if [ "${COMPREPLY[*]}" != "$want" ]; then
		echo "FAIL: '$*' -> '${COMPREPLY[*]}', want '$want'"
		fail=1
	else
		echo "ok: '$*' -> '$want'"
	fi
}
check _mpath "maps multipaths map metrics" mpath ctl show m
check _mpath "mpatha mpathb" mpath ctl show map ""
check _mpath "mpathb" mpath -f mpathb
check _mpath "sdb sdc" mpath -u ""
check _mpath "check show" mpath config ""
check _mpathd "show shutdown" multipathd -k sh
check _mpathd "mpatha" multipathd show map mpatha
check _mpathd "--config" mpathd --conf
check _mpathd "-k" multipathd -k
exit $fail
