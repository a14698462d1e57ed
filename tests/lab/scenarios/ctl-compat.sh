# lab-summary: multipathd 0.9.4 and mpathd in one boot: every 0.9.4 command form's reply layout, and `multipathd -k` on a pipe vs `mpath ctl -k`
# lab-timeout: 420
# The same scsi_debug LUNs (2 x 2 paths) under each daemon in turn. For
# each command form the first line of the reply (a header, "ok", "fail")
# must be the same, pid and counts aside; forms whose 0.9.4 reply is known
# to differ on purpose are recorded, not compared (see the closing note of
# issue 8). Then one interactive session fed on a pipe to 0.9.4's
# `multipathd -k`, and to mpath's two spellings of it, must print the same.
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }

vsan_mpt_config /lab/conf/mpathd.conf
vsan_scsi_debug 2 2 16 || exit 1
vsan_udev_db_all
set -- $(vsan_disks | awk '{print $1}')
P=$1

# compared: the first line must match; recorded: kept for the note only
FORMS='c show paths
c show paths format "%d %c %T"
c show paths raw format "%d %c"
c show path $P
c show maps
c show maps status
c show maps stats
c show maps format "%n %N %w"
c show maps raw format "%n %N"
c show maps topology
c show topology
c show maps json
c show map mpatha topology
c show map mpatha format "%n %N"
c show map mpatha raw format "%n %N"
c show map mpatha json
c show wildcards
c show config
c show config local
c show blacklist
c show devices
c show status
c show daemon
c reset maps stats
c reset map mpatha stats
r reset map mpatha
c reconfigure
c reconfigure all
c disablequeueing map mpatha
c restorequeueing map mpatha
c disablequeueing maps
c restorequeueing maps
c forcequeueing daemon
c restorequeueing daemon
c setmarginal path $P
c unsetmarginal path $P
c unsetmarginal map mpatha
c suspend map mpatha
c resume map mpatha
c reload map mpatha
c resize map mpatha
c fail path $P
c reinstate path $P
c switchgroup map mpatha group 1
c quit
c exit
c del path $P
c add path $P
c fail path nosuch
c show map nosuch topology'

# first line, pid and numbers that depend on the run masked, blanks squeezed
norm() { head -n 1 | sed -E 's/^pid [0-9]+/pid N/; s/^create: //; s/[[:space:]]+/ /g; s/ $//'; }

run_forms() { # DIR: each form through the 0.9.4 client, one connection each
	local i=0 kind c
	mkdir -p "$1"
	while IFS= read -r line; do
		kind=${line%% *} c=${line#* }
		c=$(echo "$c" | sed "s/\$P/$P/g")
		i=$((i + 1))
		timeout 30 multipathd -k"$c" >"$1/$i.out" 2>&1
		echo "$kind $c" >"$1/$i.cmd"
	done <<EOF2
$FORMS
EOF2
}

SESSION="show daemon
fail path $P

reinstate path $P
show maps raw format \"%n %N\"
reset maps stats
forcequeueing daemon
restorequeueing daemon
quit
show daemon"

# ---- multipath-tools 0.9.4
multipathd -d -s >$OUT/multipathd.log 2>&1 &
maps2() { [ "$(dmsetup ls --target multipath 2>/dev/null | grep -c mpath)" -ge 2 ]; }
vsan_wait 30 maps2 || bad "multipathd did not create 2 maps"
# 0.9.4 answers "fail" to map commands until its new maps are settled
# (seen on a quiet machine): wait until it takes a harmless one
settled() { [ "$(timeout 10 multipathd -k'resize map mpatha' 2>/dev/null)" = ok ]; }
vsan_wait 60 settled || echo "note: multipathd 0.9.4 still refuses map commands"
sleep 1
run_forms $OUT/mpt
printf '%s\n' "$SESSION" | timeout 30 multipathd -k >$OUT/k-mpt.txt 2>/dev/null
timeout 30 multipathd shutdown >/dev/null 2>&1
sleep 2
timeout 60 multipath -F >/dev/null 2>&1 || dmsetup remove_all -f
rm -f /etc/multipath/bindings /etc/multipath/wwids

# ---- mpathd, the same forms through the same 0.9.4 client
mpathd -d -s >$OUT/mpathd.log 2>&1 &
echo $! >/run/mpathd.test.pid
vsan_wait 30 maps2 || bad "mpathd did not create 2 maps"
sleep 3
run_forms $OUT/mpathd
printf '%s\n' "$SESSION" | timeout 30 mpath ctl -k >$OUT/k-mpath-ctl.txt 2>/dev/null
printf '%s\n' "$SESSION" | timeout 30 multipathd -k >$OUT/k-mpt-client-mpathd.txt 2>/dev/null

# ---- compare
same=0 differ=0
for f in $OUT/mpt/*.cmd; do
	n=${f##*/}; n=${n%.cmd}
	read -r kind c <"$f"
	a=$(norm <$OUT/mpt/$n.out) b=$(norm <$OUT/mpathd/$n.out)
	if [ "$kind" = r ]; then
		printf 'recorded  %-40s 0.9.4: %s | mpathd: %s\n' "$c" "$a" "$b"
	elif [ "$a" = "$b" ]; then
		same=$((same + 1))
	else
		differ=$((differ + 1))
		printf 'DIFFERENT %-40s 0.9.4: %s | mpathd: %s\n' "$c" "$a" "$b"
	fi
done
echo "first reply lines: $same the same, $differ different"
[ $differ -eq 0 ] || bad "$differ command forms answer with another first line than 0.9.4"
# the layout, not the data: numbers (pid, path counts) masked
sed -E 's/[0-9]+/N/g' $OUT/k-mpt.txt >/tmp/k-ref.txt
for t in k-mpath-ctl k-mpt-client-mpathd; do
	if sed -E 's/[0-9]+/N/g' $OUT/$t.txt | cmp -s - /tmp/k-ref.txt; then
		echo "$t: same transcript as multipathd -k 0.9.4 ($(wc -l <$OUT/k-mpt.txt) lines)"
	else
		bad "$t: transcript differs from multipathd -k 0.9.4"
		echo "--- 0.9.4"; cat $OUT/k-mpt.txt; echo "--- $t"; cat $OUT/$t.txt
	fi
done
kill "$(cat /run/mpathd.test.pid)"; sleep 1
exit $rc
