#!/bin/bash
# Builds the Debian 12 system the "debian" lab boots: debootstrap from
# deb.debian.org, systemd as PID 1, udev, lvm2, Debian's own multipath-tools
# (so a scenario can watch our packages replace it), Debian's kernel with its
# initramfs, and a one-shot unit that runs the per-run script from the second
# disk. The result is a raw ext4 image plus the kernel and initrd beside it.
#
# usage: debian-root.sh OUTDIR
# The caller (tests/lab/debian) keys OUTDIR by the hash of this file, so any
# change here rebuilds the image and nothing else does.
set -euo pipefail

out=$1
SUITE=bookworm
MIRROR=http://deb.debian.org/debian
IMAGE_MB=3072
PACKAGES=(systemd-sysv udev dbus lvm2 multipath-tools kpartx sg3-utils-udev dmsetup kmod
	linux-image-amd64 initramfs-tools e2fsprogs procps util-linux less
	libblockdev-mpath2 gir1.2-blockdev-2.0 python3-gi libjson-c5 liburing2 libdevmapper1.02.1)

[ "$(id -u)" = 0 ] || { echo "debian-root: needs root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "debian-root: debootstrap missing (scripts/install-deps lab)" >&2; exit 2; }

root="$out/root.tmp"
rm -rf "$root" "$out/rootfs.img" "$out/vmlinuz" "$out/initrd.img"
mkdir -p "$root"

inc=$(IFS=,; echo "${PACKAGES[*]}")
timeout 3600 debootstrap --variant=minbase --components=main --include="$inc" \
	"$SUITE" "$root" "$MIRROR"

# Security updates (the host's kernel package may come from there).
cat >"$root/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb http://deb.debian.org/debian-security $SUITE-security main
EOF

echo lab >"$root/etc/hostname"
printf '/dev/vda / ext4 rw,errors=remount-ro 0 1\n' >"$root/etc/fstab"
# Passwordless root on the console, for `lab debian shell`.
chroot "$root" passwd -d root >/dev/null
# Boot quickly and quietly: nothing in this VM needs the network or timers.
# logind alone takes a minute to start under TCG and nothing here needs it.
for u in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer \
	systemd-timesyncd.service man-db.timer systemd-logind.service e2scrub_reap.service; do
	ln -sf /dev/null "$root/etc/systemd/system/$u"
done
# The distribution's multipath-tools ships find_multipaths strict: with a
# fresh wwids file it would build nothing. The lab's disks are all multipath.
mkdir -p "$root/etc"
cat >"$root/etc/multipath.conf" <<'EOF'
defaults {
	find_multipaths yes
	user_friendly_names yes
}
EOF

# The per-run hook: the host attaches a second disk (/dev/vdb, label labrun)
# that holds run.sh; it runs once the system is up and powers the VM off.
cat >"$root/etc/systemd/system/lab-run.service" <<'EOF'
[Unit]
Description=mpath lab: run the scenario from the labrun disk
# After the storage stack, not after multi-user.target: the scenario itself
# waits for what it needs, and the boot's tail (gettys) is not part of it.
After=basic.target systemd-udev-trigger.service local-fs.target
After=multipathd.service mpathd.service lvm2-monitor.service
ConditionPathExists=/dev/vdb

[Service]
Type=oneshot
StandardOutput=journal+console
StandardError=journal+console
ExecStart=/bin/sh -c 'mkdir -p /lab && mount -o ro /dev/vdb /lab && exec /bin/sh /lab/run.sh'

[Install]
WantedBy=multi-user.target
EOF
ln -sf /etc/systemd/system/lab-run.service "$root/etc/systemd/system/multi-user.target.wants/lab-run.service"

kimg=$(ls "$root"/boot/vmlinuz-* | sort | tail -n1)
initrd=$(ls "$root"/boot/initrd.img-* | sort | tail -n1)
cp "$kimg" "$out/vmlinuz"
cp "$initrd" "$out/initrd.img"
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/*_Packages

# Not mounted: mkfs.ext4 -d copies the tree with owners, modes and nodes.
truncate -s "${IMAGE_MB}M" "$out/rootfs.img.tmp"
mkfs.ext4 -q -F -L labroot -d "$root" "$out/rootfs.img.tmp"
mv "$out/rootfs.img.tmp" "$out/rootfs.img"
dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Package} ${Version}\n' >"$out/packages.txt"
rm -rf "$root"
echo "debian-root: $(du -h --apparent-size "$out/rootfs.img" | cut -f1) image, $(wc -l <"$out/packages.txt") packages"
