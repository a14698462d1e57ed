# lab-summary: records multipath-tools 0.9.4 `multipath -t` (and its warnings) for each config in conf/golden/ into /out
# lab-timeout: 300
# Keep the results with (once, then check them in):
#     flock /tmp/mpath-lab.lock tests/lab/lab run config-golden-mpt --keep-output /tmp/golden-t
#     cd /tmp/golden-t && cp empty.t *.err $OLDPWD/tests/golden/config-t/ &&
#     for f in *.t; do [ $f = empty.t ] || [ $f = none.t ] ||
#         diff -U1 empty.t $f >$OLDPWD/tests/golden/config-t/$f.diff; done
# For NAME.conf, the directory NAME.d (if any) becomes /etc/multipath/conf.d.
# The XenServer file (conf/xenserver-multipath.conf) is recorded as xenserver.
# If mpath is in the image, its `-t` for the same file is recorded as NAME.mpath-t.
. /lab/vsan.sh
rc=0
mkdir -p /etc/multipath
record() { # record NAME CONFFILE [CONFDIR]
	rm -rf /etc/multipath/conf.d /etc/multipath.conf
	cp "$2" /etc/multipath.conf
	[ -n "${3:-}" ] && [ -d "$3" ] && cp -r "$3" /etc/multipath/conf.d
	multipath -t >"$OUT/$1.t" 2>"$OUT/$1.err" || { echo "$1: multipath -t failed"; rc=1; }
	if command -v mpath >/dev/null; then
		mpath -t >"$OUT/$1.mpath-t" 2>"$OUT/$1.mpath-err"
	fi
	echo "$1: $(wc -l <"$OUT/$1.t") lines, $(wc -l <"$OUT/$1.err") warnings"
}
for f in /lab/conf/golden/*.conf; do
	n=${f##*/}; n=${n%.conf}
	record "$n" "$f" "/lab/conf/golden/$n.d"
done
record xenserver /lab/conf/xenserver-multipath.conf
# no file at all, for the built-in defaults
rm -rf /etc/multipath/conf.d /etc/multipath.conf
multipath -t >"$OUT/none.t" 2>"$OUT/none.err"
head -n 5 $OUT/*.err
exit $rc
